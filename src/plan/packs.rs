//! Consultation packs: for each review inside its send-by window, an invitation and the right
//! form for everyone who should be heard, in the formats each of them needs. Pure.
//!
//! A pack is due from `consultation_prepare_days` before its send-by date (the statutory
//! clock's `ConsultationPacks` item) until the review has been held, and only once the review
//! is booked: a planned meeting with a date, a time and a venue, which the invitation must
//! give (`to_book` lists the reviews still waiting for one).

use chrono::NaiveDate;

use super::Reader;
use super::readers::invitees;
use crate::model::{Case, Form, FormAudience, Meeting, MeetingType};
use crate::schedule::{DueItem, DueKind};

/// A review that consultation packs are due for.
#[derive(Debug, Clone)]
pub struct Pack<'a> {
    pub review: MeetingType,
    /// The review's number in its chain (1 = first).
    pub number: Option<u32>,
    /// The booked date.
    pub date: NaiveDate,
    /// The booked meeting (its time and venue).
    pub meeting: &'a Meeting,
    /// The day packs must be sent by.
    pub send_by: NaiveDate,
    /// The day answers should be back (when reports are due with the IRO).
    pub return_by: NaiveDate,
    /// Everyone invited, the child first.
    pub invited: Vec<Reader<'a>>,
    /// The form each reader gets, by reader id.
    pub forms: Vec<(String, &'a Form)>,
}

impl<'a> Pack<'a> {
    /// The form this reader gets, if any.
    pub fn form_for(&self, reader: &Reader) -> Option<&'a Form> {
        self.forms
            .iter()
            .find(|(id, _)| id == reader.id())
            .map(|(_, f)| *f)
    }

    /// The folder the pack's files go in: `<case>/pack-<date>`.
    pub fn folder(&self, case: &Case) -> String {
        format!("{}/pack-{}", case.id, self.date)
    }
}

/// A booked review that moved after its packs went: what the notice of the move tells.
#[derive(Debug, Clone)]
pub struct Moved<'a> {
    /// The pack for the review's new date (its date, time, venue and answers-by date).
    pub pack: Pack<'a>,
    /// The date of the pack that went.
    pub from: NaiveDate,
    /// The last day that pack went.
    pub went: NaiveDate,
}

impl Moved<'_> {
    /// The day the notice is due: with the pack for the new date, and never before the old
    /// pack went.
    pub fn send_by(&self) -> NaiveDate {
        self.pack.send_by.max(self.went)
    }
}

/// The booked reviews of a case whose packs are due on `as_of`.
pub fn due_packs<'a>(
    case: &'a Case,
    items: &[DueItem],
    forms: &'a [Form],
    as_of: NaiveDate,
    prepare_days: u32,
) -> Vec<Pack<'a>> {
    open_reviews(items)
        .filter_map(|review| pack_of(case, items, forms, review))
        .filter(|pack| {
            let opens = pack.send_by - chrono::Days::new(u64::from(prepare_days));
            opens <= as_of && as_of <= pack.date
        })
        .collect()
}

/// The pack for the booked meeting `meetings[index]`, due or not: what a pack for it holds
/// whenever it goes (a notice that a review moved tells of the pack for its new date).
pub fn booked_pack<'a>(
    case: &'a Case,
    items: &[DueItem],
    forms: &'a [Form],
    index: usize,
) -> Option<Pack<'a>> {
    open_reviews(items)
        .filter(|review| review.meeting == Some(index))
        .find_map(|review| pack_of(case, items, forms, review))
}

/// The reviews not held yet.
fn open_reviews(items: &[DueItem]) -> impl Iterator<Item = &DueItem> {
    items
        .iter()
        .filter(|i| i.kind.is_review() && i.done.is_none())
}

/// The pack for one open review, from its sibling items on the clock; none until the review is
/// booked (a planned meeting with a date, a time and a venue).
fn pack_of<'a>(
    case: &'a Case,
    items: &[DueItem],
    forms: &'a [Form],
    review: &DueItem,
) -> Option<Pack<'a>> {
    let review_type = review.kind.meeting_type()?;
    let sibling = |kind: DueKind| {
        items.iter().find(|i| {
            i.kind == kind
                && i.number == review.number
                && i.meeting == review.meeting
                && i.detail
                    .as_deref()
                    .is_some_and(|d| d.contains(review.kind.label()))
        })
    };
    let send = sibling(DueKind::ConsultationPacks)?;
    let reports = sibling(DueKind::ReportsToIro)?;
    let meeting = (review.meeting)
        .and_then(|i| case.meetings.get(i))
        .filter(|m| m.is_booked())?;
    // Counted back from the booked date.
    let date = send.basis;
    let invited = invitees(case, date);
    let forms = invited
        .iter()
        .filter_map(|r| form_for(case, r, review_type, date, forms).map(|f| (r.id().to_owned(), f)))
        .collect();
    Some(Pack {
        review: review_type,
        number: review.number,
        date,
        meeting,
        send_by: send.due,
        return_by: reports.due,
        invited,
        forms,
    })
}

/// The first form (by id) for this reader and meeting: a child's by age on the review date,
/// anyone else's by role.
fn form_for<'f>(
    case: &Case,
    reader: &Reader,
    review: MeetingType,
    date: NaiveDate,
    forms: &'f [Form],
) -> Option<&'f Form> {
    forms.iter().find(|form| {
        form.meetings.contains(&review)
            && match reader.role() {
                None => {
                    form.audience == FormAudience::Child
                        && form.ages.is_some_and(|a| a.contains(case.age_on(date)))
                }
                Some(role) => form.audience != FormAudience::Child && form.roles.contains(&role),
            }
    })
}
