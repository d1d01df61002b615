//! The statutory clock: every due date for a child's case or a foster carer household.
//!
//! Takes validated model types, the service's `Timescales` and a working-day `Calendar`, and
//! returns `DueItem`s sorted by due date. Pure: no I/O, no printing and no idea of "today";
//! callers compare items with their own `as_of` date (`DueItem::is_overdue`).
//!
//! Counting follows DOMAIN.md: the day of the event is day 0 and a due date is the last day on
//! which the thing is on time. Every review chain runs from the actual date of the review
//! before, so a late review still counts and moves the next clock.

mod calendar;
mod chain;
pub mod holidays;
mod rules;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{CarerHousehold, Case, MeetingType, Timescales};

pub use calendar::{Calendar, add_months};

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    /// An IRO allocated to a child who became looked after.
    IroAllocation,
    /// The letter telling the child who their IRO is and how to reach them.
    IntroductionLetter,
    LacReview,
    CpInitialConference,
    CpReviewConference,
    SecureReview,
    FosterCarerReview,
    PrivateFosteringReview,
    /// The council's visit to a privately fostered child.
    PrivateFosteringVisit,
    /// A Looked After Review asked for between the statutory ones.
    ExtraReview,
    /// The social worker and IRO in touch before a review.
    SocialWorkerContact,
    /// Reports and plans with the IRO before a review.
    ReportsToIro,
    /// Consultation packs sent before a review.
    ConsultationPacks,
    /// A review's decisions sent out.
    DecisionsSent,
    /// A review's full record sent out.
    RecordSent,
    /// A decision made at a meeting, with its own date.
    Decision,
    /// A response to one stage of a dispute.
    DisputeStageResponse,
    /// The whole formal dispute process.
    DisputeResolution,
}

impl DueKind {
    /// What is due, in words, as lists and letters print it.
    pub fn label(self) -> &'static str {
        match self {
            Self::IroAllocation => "IRO allocated",
            Self::IntroductionLetter => "Introduction letter",
            Self::LacReview => MeetingType::LacReview.title(),
            Self::CpInitialConference => MeetingType::CpInitial.title(),
            Self::CpReviewConference => MeetingType::CpReview.title(),
            Self::SecureReview => MeetingType::SecureReview.title(),
            Self::FosterCarerReview => MeetingType::FosterCarerReview.title(),
            Self::PrivateFosteringReview => MeetingType::PrivateFosteringReview.title(),
            Self::PrivateFosteringVisit => "Private fostering visit",
            Self::ExtraReview => "Extra Looked After Review",
            Self::SocialWorkerContact => "Social worker and IRO in touch",
            Self::ReportsToIro => "Reports and plans with the IRO",
            Self::ConsultationPacks => "Consultation packs sent",
            Self::DecisionsSent => "Decisions sent out",
            Self::RecordSent => "Review record sent out",
            Self::Decision => "Decision",
            Self::DisputeStageResponse => "Dispute stage response",
            Self::DisputeResolution => "Dispute resolved",
        }
    }

    /// The meeting that satisfies this item, for the review kinds (not `ExtraReview`, which
    /// any Looked After Review satisfies but which is not a chain of its own).
    pub fn meeting_type(self) -> Option<MeetingType> {
        Some(match self {
            Self::LacReview => MeetingType::LacReview,
            Self::CpInitialConference => MeetingType::CpInitial,
            Self::CpReviewConference => MeetingType::CpReview,
            Self::SecureReview => MeetingType::SecureReview,
            Self::FosterCarerReview => MeetingType::FosterCarerReview,
            Self::PrivateFosteringReview => MeetingType::PrivateFosteringReview,
            _ => return None,
        })
    }

    /// The review kind a meeting of this type counts as.
    pub fn for_meeting(kind: MeetingType) -> DueKind {
        match kind {
            MeetingType::LacReview => Self::LacReview,
            MeetingType::CpInitial => Self::CpInitialConference,
            MeetingType::CpReview => Self::CpReviewConference,
            MeetingType::SecureReview => Self::SecureReview,
            MeetingType::FosterCarerReview => Self::FosterCarerReview,
            MeetingType::PrivateFosteringReview => Self::PrivateFosteringReview,
        }
    }

    /// Whether this is a meeting in one of the review chains.
    pub fn is_review(self) -> bool {
        self.meeting_type().is_some()
    }
}

/// Whose item it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubjectKind {
    Case,
    CarerHousehold,
}

/// One thing that falls due, and whether and when it happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueItem {
    /// The case id or carer household id.
    pub subject: String,
    pub subject_kind: SubjectKind,
    pub kind: DueKind,
    /// Review number (1 = first); for the work before and after a review, that review's
    /// number; a dispute stage's number; an extra review request's place in the list. `None`
    /// for the IRO items, an initial conference, decisions and a dispute as a whole.
    pub number: Option<u32>,
    /// The last day on which it is on time.
    pub due: NaiveDate,
    /// The date the clock counts from.
    pub basis: NaiveDate,
    /// What happened on `basis`, for example `became looked after` or `previous review`.
    pub basis_label: String,
    /// When it happened, if it has.
    pub done: Option<NaiveDate>,
    /// For example a decision's text and owner, or a dispute's theme.
    pub detail: Option<String>,
    /// The index into `case.meetings` (or `household.reviews`) this item is about, if any.
    pub meeting: Option<usize>,
}

impl DueItem {
    /// Still open and past its due date on `as_of`.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.done.is_none() && as_of > self.due
    }

    /// `Some(true)` if done by the due date, `Some(false)` if done late, `None` while open.
    pub fn on_time(&self) -> Option<bool> {
        self.done.map(|d| d <= self.due)
    }
}

/// Every due item for one child: Looked After Reviews per care period, extra reviews, the IRO
/// and introduction letter, child protection conferences, secure and private fostering
/// reviews, the work before and after each meeting, decisions and disputes.
pub fn schedule_case(case: &Case, t: &Timescales, cal: &Calendar) -> Vec<DueItem> {
    sorted(rules::case_items(case, t, cal))
}

/// Every due item for one foster carer household: its yearly reviews and the work before and
/// after them, and the decisions made at them.
pub fn schedule_carer(h: &CarerHousehold, t: &Timescales, cal: &Calendar) -> Vec<DueItem> {
    sorted(rules::carer_items(h, t, cal))
}

/// The next review of one chain (for `iro new review` and consultation packs): the open review
/// item with the earliest due date. Pass the items of one chain, or use `next_review_of`.
pub fn next_review(items: &[DueItem]) -> Option<&DueItem> {
    items
        .iter()
        .filter(|i| i.kind.is_review() && i.done.is_none())
        .min_by_key(|i| (i.due, i.kind, i.number))
}

/// The next open review of one kind, for example `DueKind::LacReview`.
pub fn next_review_of(items: &[DueItem], kind: DueKind) -> Option<&DueItem> {
    items
        .iter()
        .filter(|i| i.kind == kind && i.done.is_none())
        .min_by_key(|i| (i.due, i.number))
}

/// Sorts by (due, subject, kind, number); the sort is stable, so ties keep the order the rules
/// made them in and the output is deterministic.
fn sorted(mut items: Vec<DueItem>) -> Vec<DueItem> {
    items.sort_by(|a, b| {
        (a.due, &a.subject, a.kind, a.number).cmp(&(b.due, &b.subject, b.kind, b.number))
    });
    items
}
