//! What to book: the reviews coming due within the consultation packs' lead time (or already
//! overdue) that are not booked yet. Consultation packs are made only for a booked review (a
//! planned meeting with a date, a time and a venue), so until someone books it, its packs
//! wait. Pure.
//!
//! See: issue 15.

use chrono::NaiveDate;
use serde::Serialize;

use super::Subject;
use crate::model::{Meeting, MeetingType, Service};
use crate::schedule::{Calendar, DueItem};

/// A review to book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToBook {
    /// The case id, or the carer household id.
    pub case: String,
    /// The kind of review.
    pub review: MeetingType,
    /// Its number in its chain (1 = first), when it has one.
    pub number: Option<u32>,
    /// The last day on which it is on time.
    pub due: NaiveDate,
    /// What the case file does not say yet: the date (no planned meeting at all), the time,
    /// the venue.
    pub missing: Vec<Missing>,
    /// The planned meeting so far (an index into `meetings`, or a household's `reviews`), if
    /// it has a date but no time or venue.
    pub meeting: Option<usize>,
    /// The day its consultation packs must be sent by if it is held on its due date.
    pub packs_by: NaiveDate,
    /// Whether it is past its due date on the day asked about.
    pub overdue: bool,
}

/// What a review's booking lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Missing {
    Date,
    Time,
    Venue,
}

impl Missing {
    /// The field of a meeting to fill in.
    pub fn field(self) -> &'static str {
        match self {
            Missing::Date => "date",
            Missing::Time => "time",
            Missing::Venue => "venue",
        }
    }
}

/// The reviews of one child (or foster carer household) to book as of `as_of`: every open
/// review of a chain the clock runs (Looked After, child protection, secure accommodation,
/// private fostering and foster carer reviews) with no booked meeting, from
/// `consultation_prepare_days` before its packs would have to be sent (counted back
/// `consultation_working_days_before` working days from its due date) and while overdue.
/// Pass the subject's own items from the schedule. Extra reviews are not listed: any Looked
/// After Review satisfies one, so booking the next review books it.
pub fn to_book(
    subject: Subject,
    items: &[DueItem],
    service: &Service,
    as_of: NaiveDate,
) -> Vec<ToBook> {
    let t = &service.timescales;
    let calendar = Calendar::of_service(service);
    let meetings = match subject {
        Subject::Case(c) => &c.meetings,
        Subject::Household(h) => &h.reviews,
    };
    let mut out = Vec::new();
    for review in items.iter().filter(|i| i.done.is_none()) {
        let Some(kind) = review.kind.meeting_type() else {
            continue;
        };
        // As the clock counts the packs: never before the day the review's clock counts from.
        let packs_by = calendar
            .sub_working_days(review.due, t.consultation_working_days_before)
            .max(review.basis);
        let opens = packs_by - chrono::Days::new(u64::from(t.consultation_prepare_days));
        let planned = review.meeting.and_then(|i| meetings.get(i));
        if as_of < opens || planned.is_some_and(Meeting::is_booked) {
            continue;
        }
        out.push(ToBook {
            case: subject.id().to_owned(),
            review: kind,
            number: review.number,
            due: review.due,
            missing: missing(planned),
            meeting: planned.and(review.meeting),
            packs_by,
            overdue: review.is_overdue(as_of),
        });
    }
    out
}

/// What a planned meeting (or no meeting) lacks to be booked.
fn missing(planned: Option<&Meeting>) -> Vec<Missing> {
    let Some(m) = planned else {
        return vec![Missing::Date, Missing::Time, Missing::Venue];
    };
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let mut out = Vec::new();
    if blank(&m.time) {
        out.push(Missing::Time);
    }
    if blank(&m.venue) {
        out.push(Missing::Venue);
    }
    out
}

#[cfg(test)]
mod tests;
