//! One chain of reviews: the first due from a start date, each later one from the actual date
//! of the review before, satisfied in order by held meetings of one type.
//!
//! Also makes the three items due before the chain's next open review (consultation packs,
//! social worker contact, reports), and the packs of each held review whose case file says
//! when they went. Pure; the rules in `rules.rs` decide what starts a chain.

use chrono::NaiveDate;

use super::{Calendar, DueItem, DueKind, SubjectKind, add_months};
use crate::model::{Meeting, MeetingStatus, MeetingType, Timescales};

/// Who the items belong to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Subject<'a> {
    pub id: &'a str,
    pub kind: SubjectKind,
}

impl Subject<'_> {
    /// A new item with no `done`, `detail`, `number` or `meeting` yet.
    pub fn item(
        &self,
        kind: DueKind,
        due: NaiveDate,
        basis: NaiveDate,
        basis_label: impl Into<String>,
    ) -> DueItem {
        DueItem {
            subject: self.id.to_owned(),
            subject_kind: self.kind,
            kind,
            number: None,
            due,
            basis,
            basis_label: basis_label.into(),
            done: None,
            detail: None,
            meeting: None,
        }
    }
}

/// How one chain runs.
pub(super) struct Chain<'a> {
    pub kind: DueKind,
    pub meeting_type: MeetingType,
    /// The clock's day 0 and what happened on it.
    pub start: NaiveDate,
    pub start_label: &'a str,
    /// The first item's due date.
    pub first_due: NaiveDate,
    /// Months from the actual date of the item before to the second item, and to each later
    /// one (Looked After Reviews: 3 then 6).
    pub then_months: (u32, u32),
    pub then_label: &'a str,
    /// Meetings count only when dated `after` (exclusive) or `from` (inclusive), up to `to`.
    pub from: NaiveDate,
    pub from_exclusive: bool,
    pub to: Option<NaiveDate>,
    /// At most this many items (1 for an initial conference).
    pub limit: Option<u32>,
    /// Whether items carry a number (reviews do; an initial conference does not).
    pub numbered: bool,
    /// The first item's number: 1, or after the reviews held before the case's records.
    pub first_number: u32,
}

/// The chain's items, and the number each held meeting was given.
pub(super) struct ChainOut {
    pub items: Vec<DueItem>,
    pub numbers: Vec<(usize, u32)>,
}

/// Runs one chain over `meetings` (a case's meetings or a household's reviews).
pub(super) fn run_chain(
    c: &Chain,
    meetings: &[Meeting],
    who: Subject,
    t: &Timescales,
    cal: &Calendar,
) -> ChainOut {
    let held = matching(c, meetings, MeetingStatus::Held);
    let mut out = ChainOut {
        items: Vec::new(),
        numbers: Vec::new(),
    };
    let mut due = c.first_due;
    let mut basis = (c.start, c.start_label);
    let mut number = c.first_number;
    let mut last_held = None;
    for (index, m) in held {
        if c.limit.is_some_and(|l| number > l) {
            return out;
        }
        let mut item = who.item(c.kind, due, basis.0, basis.1);
        item.number = c.numbered.then_some(number);
        item.done = Some(m.date);
        item.meeting = Some(index);
        out.items.extend(held_packs(&item, m, t, cal));
        out.items.push(item);
        if c.numbered {
            out.numbers.push((index, number));
        }
        number += 1;
        let months = if number == 2 {
            c.then_months.0
        } else {
            c.then_months.1
        };
        due = add_months(m.date, months);
        basis = (m.date, c.then_label);
        last_held = Some(m.date);
    }
    if c.limit.is_some_and(|l| number > l) || c.to.is_some_and(|end| end < due) {
        return out;
    }
    // A planned meeting after the last held one is the next review's real date.
    let planned = matching(c, meetings, MeetingStatus::Planned)
        .into_iter()
        .find(|(_, m)| last_held.is_none_or(|h| m.date > h));
    let mut open = who.item(c.kind, due, basis.0, basis.1);
    open.number = c.numbered.then_some(number);
    open.meeting = planned.map(|(i, _)| i);
    out.items.push(open.clone());
    out.items
        .extend(before_review(&open, planned.map(|(_, m)| m), t, cal));
    out
}

/// Meetings of the chain's type and this status in its window, by date (stable on ties).
fn matching<'m>(
    c: &Chain,
    meetings: &'m [Meeting],
    status: MeetingStatus,
) -> Vec<(usize, &'m Meeting)> {
    let mut found: Vec<(usize, &Meeting)> = meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == c.meeting_type && m.status == status)
        .filter(|(_, m)| {
            if c.from_exclusive {
                m.date > c.from
            } else {
                m.date >= c.from
            }
        })
        .filter(|(_, m)| c.to.is_none_or(|to| m.date <= to))
        .collect();
    found.sort_by_key(|(i, m)| (m.date, *i));
    found
}

/// When the work before a booked meeting was done, as its case file says: the packs when
/// they were sent (`packs_sent`), the reports when the social worker's answers came in.
fn done_before(kind: DueKind, meeting: &Meeting) -> Option<NaiveDate> {
    match kind {
        DueKind::ConsultationPacks => meeting.packs_sent,
        DueKind::ReportsToIro => (meeting.responses.iter())
            .filter(|r| r.from == "social-worker")
            .filter_map(|r| r.received)
            .min(),
        _ => None,
    }
}

/// The packs of a review already held, when the case file says when they went
/// (`packs_sent`), due as they were before it: counted back from the day it was held. A held
/// review with no date for its packs has no item: they cannot be sent any more, and the
/// review may come from before the service recorded it (history, not an open item).
fn held_packs(review: &DueItem, m: &Meeting, t: &Timescales, cal: &Calendar) -> Option<DueItem> {
    let sent = m.packs_sent?;
    let mut item = before_item(
        review,
        (m.date, "review held"),
        (
            DueKind::ConsultationPacks,
            t.consultation_working_days_before,
        ),
        cal,
    );
    item.done = Some(sent);
    Some(item)
}

/// Consultation packs, social worker contact and reports, counted back from the planned date
/// when there is one, else from the due date, and no earlier than the date the clock counts
/// from.
fn before_review(
    open: &DueItem,
    planned: Option<&Meeting>,
    t: &Timescales,
    cal: &Calendar,
) -> Vec<DueItem> {
    let target = planned.map_or(open.due, |m| m.date);
    let label = if planned.is_some() {
        "review planned"
    } else {
        "review due"
    };
    [
        (
            DueKind::ConsultationPacks,
            t.consultation_working_days_before,
        ),
        (
            DueKind::SocialWorkerContact,
            t.social_worker_contact_working_days_before,
        ),
        (DueKind::ReportsToIro, t.reports_working_days_before),
    ]
    .into_iter()
    .map(|(kind, days)| DueItem {
        done: planned.and_then(|m| done_before(kind, m)),
        ..before_item(open, (target, label), (kind, days), cal)
    })
    .collect()
}

/// One item due `days` working days before the review's date (`target`), with nothing done.
fn before_item(
    review: &DueItem,
    (target, label): (NaiveDate, &str),
    (kind, days): (DueKind, u32),
    cal: &Calendar,
) -> DueItem {
    let what = match review.number {
        Some(n) => format!("before {} {n}", review.kind.label()),
        None => format!("before {}", review.kind.label()),
    };
    DueItem {
        kind,
        // Never before the day the clock counts from: packs for an initial conference cannot
        // go out before the strategy discussion that calls it, nor for a review before the
        // review before it was held.
        due: cal.sub_working_days(target, days).max(review.basis),
        basis: target,
        basis_label: label.to_owned(),
        done: None,
        detail: Some(what),
        ..review.clone()
    }
}
