//! Re-importing: a child's case from this year's return merged into the case file they already
//! have, adding history and never taking it away.
//!
//! A service imports one return a year, and each holds only the episodes open during its year:
//! last year's periods, placements, legal statuses and reviews are not in it, and must stay. So
//! everything is a union. An entry the return also carries (a placement or legal status from
//! the same day, a review on the same date) takes the return's dates and codes, because the
//! later return knows how it ended; periods of care that overlap or meet are one period.

use chrono::NaiveDate;

use crate::model::{CarePeriod, Case, MeetingStatus, MeetingType};

/// The imported case merged into an existing case file's. What the return carries (date of
/// birth, legal status, periods of care, placement types and dates, reviews held and their
/// participation codes) is added to what the file holds; everything else (names, people,
/// contacts, views, decisions, carers and addresses of placements) stays as the file had it.
/// Existing meetings keep their places; new reviews are added after them, by date.
pub fn merge(existing: &Case, imported: &Case) -> Case {
    let mut out = existing.clone();
    out.child.date_of_birth = imported.child.date_of_birth;
    for status in &imported.legal_status {
        match out.legal_status.iter_mut().find(|s| s.from == status.from) {
            Some(s) => *s = status.clone(),
            None => out.legal_status.push(status.clone()),
        }
    }
    out.legal_status.sort_by_key(|s| s.from);
    // Each return starts a period's history at its first episode in the year, so an unchanged
    // status comes again from that day: it is the same status, not a new one.
    out.legal_status
        .dedup_by(|later, earlier| later.code == earlier.code);
    for p in &imported.placements {
        match out.placements.iter_mut().find(|o| o.from == p.from) {
            Some(old) => {
                old.kind = p.kind;
                old.to = p.to;
            }
            None => out.placements.push(p.clone()),
        }
    }
    out.placements.sort_by_key(|p| p.from);
    out.looked_after = merge_periods(&existing.looked_after, &imported.looked_after);
    let mut added = Vec::new();
    for review in &imported.meetings {
        match out
            .meetings
            .iter_mut()
            .find(|m| m.kind == MeetingType::LacReview && m.date == review.date)
        {
            Some(m) => {
                m.participation = review.participation;
                m.participation_valid = review.participation_valid;
                m.status = MeetingStatus::Held;
            }
            None => added.push(review.clone()),
        }
    }
    added.sort_by_key(|m| m.date);
    out.meetings.extend(added);
    out
}

/// The union of two lists of periods of care. Periods that overlap are one period,
/// from the earlier start; it ends as the newer list says when the newer list has it, since a
/// return knows whether a period that was open a year ago has ended.
fn merge_periods(older: &[CarePeriod], newer: &[CarePeriod]) -> Vec<CarePeriod> {
    let mut all: Vec<(&CarePeriod, bool)> = (older.iter().map(|p| (p, false)))
        .chain(newer.iter().map(|p| (p, true)))
        .collect();
    all.sort_by_key(|(p, is_new)| (p.from, !*is_new));
    let mut out: Vec<(CarePeriod, bool)> = Vec::new();
    for (p, is_new) in all {
        let joins = out.last().is_some_and(|(last, _)| reaches(last.to, p.from));
        match out.last_mut().filter(|_| joins) {
            Some((last, last_new)) => {
                last.to = match (*last_new, is_new) {
                    (false, true) => p.to,
                    (true, false) => last.to,
                    _ => later(last.to, p.to),
                };
                *last_new |= is_new;
                last.reviews_before = last.reviews_before.or(p.reviews_before);
            }
            None => out.push((p.clone(), is_new)),
        }
    }
    out.into_iter().map(|(p, _)| p).collect()
}

/// Whether a period ending `to` (open when `None`) is still going on a day. A period starting
/// the day another ended is a new period (the child came back into care), as within a return.
fn reaches(to: Option<NaiveDate>, day: NaiveDate) -> bool {
    to.is_none_or(|end| day < end)
}

/// The later of two end dates, an open end being the latest.
fn later(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    }
}
