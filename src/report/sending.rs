//! What went out, and when: introduction letters, consultation packs, and the decisions and
//! record of each meeting, against the statutory clock's due dates. Pure: takes one case's
//! (or household's) meetings and due items, returns one row per item that counts in the
//! period. It never works a timescale out itself; every due date is the clock's.
//!
//! A pack, decisions or record with no date in the case file is *not recorded*, never late:
//! most come from before the service recorded what it sent. An introduction letter due in the
//! period and not sent by its end is overdue, counted on its own.

use chrono::NaiveDate;

use super::Period;
use crate::model::Meeting;
use crate::schedule::{DueItem, DueKind};

/// The four things the report counts, in the order it lists them.
pub const SENT_KINDS: [DueKind; 4] = [
    DueKind::IntroductionLetter,
    DueKind::ConsultationPacks,
    DueKind::DecisionsSent,
    DueKind::RecordSent,
];

/// Whether a thing went out in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// On or before the clock's due date.
    OnTime,
    Late,
    /// No date in the case file (packs, decisions, records): not counted as late.
    NotRecorded,
    /// An introduction letter due in the period and not sent by its end.
    Overdue,
}

impl Sent {
    /// As `sending.csv` writes it.
    pub fn label(self) -> &'static str {
        match self {
            Self::OnTime => "yes",
            Self::Late => "no",
            Self::NotRecorded => "not recorded",
            Self::Overdue => "not sent, overdue",
        }
    }

    fn of(sent: NaiveDate, due: NaiveDate) -> Sent {
        if sent <= due {
            Self::OnTime
        } else {
            Self::Late
        }
    }
}

/// One thing that went out (or should have), traced to its case or household.
#[derive(Debug, Clone, PartialEq)]
pub struct SentRow {
    /// The case or household id.
    pub subject: String,
    pub kind: DueKind,
    /// The review's number, when it has one.
    pub number: Option<u32>,
    /// The meeting it is about (`Looked After Review`), none for an introduction letter.
    pub meeting: Option<&'static str>,
    /// The day the clock counts from: the meeting, or becoming looked after.
    pub from: NaiveDate,
    /// The clock's due date; none for packs with no date (the clock keeps no item for them).
    pub due: Option<NaiveDate>,
    pub sent: Option<NaiveDate>,
    pub status: Sent,
}

/// How many of one kind were sent on time, late, not recorded and overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub on_time: usize,
    pub late: usize,
    pub not_recorded: usize,
    pub overdue: usize,
}

impl Tally {
    /// The rows of one kind, counted.
    pub fn of(rows: &[SentRow], kind: DueKind) -> Tally {
        let mut t = Tally::default();
        for r in rows.iter().filter(|r| r.kind == kind) {
            match r.status {
                Sent::OnTime => t.on_time += 1,
                Sent::Late => t.late += 1,
                Sent::NotRecorded => t.not_recorded += 1,
                Sent::Overdue => t.overdue += 1,
            }
        }
        t
    }

    /// Those with a date: the share on time is of these.
    pub fn sent(self) -> usize {
        self.on_time + self.late
    }
}

/// The rows for one case or household in the period: introduction letters sent in it (or due
/// in it and overdue at its end), and the packs, decisions and record of every meeting held
/// in it.
pub fn sent_rows(
    subject: &str,
    meetings: &[Meeting],
    items: &[DueItem],
    period: Period,
) -> Vec<SentRow> {
    let title = |m: Option<usize>| m.and_then(|i| meetings.get(i)).map(|m| m.kind.title());
    let row = |item: &DueItem, status: Sent| SentRow {
        subject: subject.to_owned(),
        kind: item.kind,
        number: item.number,
        meeting: title(item.meeting),
        from: item.basis,
        due: Some(item.due),
        sent: item.done,
        status,
    };
    let mut out = Vec::new();
    for item in items {
        match item.kind {
            DueKind::IntroductionLetter => {
                if let Some(sent) = item.done.filter(|d| period.contains(*d)) {
                    out.push(row(item, Sent::of(sent, item.due)));
                } else if period.contains(item.due)
                    && item.due < period.to
                    && item.done.is_none_or(|d| d > period.to)
                {
                    out.push(row(item, Sent::Overdue));
                }
            }
            DueKind::DecisionsSent | DueKind::RecordSent if period.contains(item.basis) => {
                let status = item
                    .done
                    .map_or(Sent::NotRecorded, |d| Sent::of(d, item.due));
                out.push(row(item, status));
            }
            kind if kind.is_review() => {
                let Some(held) = item.done.filter(|d| period.contains(*d)) else {
                    continue;
                };
                out.push(packs_row(subject, item, held, items, &title));
            }
            _ => {}
        }
    }
    // By meeting, then letter, packs, decisions and record.
    out.sort_by_key(|r| (r.from, r.kind, r.number));
    out
}

/// The packs for a review held on `held`: the clock's item for them when the case file says
/// when they went, else not recorded.
fn packs_row(
    subject: &str,
    review: &DueItem,
    held: NaiveDate,
    items: &[DueItem],
    title: &dyn Fn(Option<usize>) -> Option<&'static str>,
) -> SentRow {
    let packs = items.iter().find(|i| {
        i.kind == DueKind::ConsultationPacks
            && i.meeting == review.meeting
            && i.number == review.number
            && i.done.is_some()
            && i.basis == held
    });
    SentRow {
        subject: subject.to_owned(),
        kind: DueKind::ConsultationPacks,
        number: review.number,
        meeting: title(review.meeting),
        from: held,
        due: packs.map(|p| p.due),
        sent: packs.and_then(|p| p.done),
        status: packs
            .and_then(|p| Some(Sent::of(p.done?, p.due)))
            .unwrap_or(Sent::NotRecorded),
    }
}
