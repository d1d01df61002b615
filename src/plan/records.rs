//! After a meeting: the record, one copy per person it is sent to, built for their audience;
//! the letter to the child after a Looked After Review; and, while a dispute is open, the
//! notice for its current stage. Pure.
//!
//! A record is made for the latest held meeting of each type, and for any held meeting whose
//! record has not been sent (`record_sent`), so that a service's history does not rebuild
//! every old record on every run; and never for a meeting that is history (before
//! `documents_from`, or before the child's IRO was allocated: see `history`).

use chrono::NaiveDate;

use super::{Reader, Subject};
use crate::model::{Case, Dispute, DisputeStage, Meeting, MeetingStatus, MeetingType};
use crate::schedule::{DueItem, DueKind};

/// The meeting a record (or the letter after it) is about.
#[derive(Debug, Clone)]
pub struct RecordOf<'a> {
    pub meeting: &'a Meeting,
    /// Index into the case's `meetings` (or the household's `reviews`).
    pub index: usize,
    /// The meeting's number in its chain (the 3rd review), from the statutory clock.
    pub number: Option<u32>,
    /// The next meeting of the chain: its type, the date it is due by, and its booked date.
    pub next: Option<(MeetingType, NaiveDate, Option<NaiveDate>)>,
    /// Everyone the record is sent to.
    pub distribution: Vec<Reader<'a>>,
}

/// An open dispute's current stage.
#[derive(Debug, Clone)]
pub struct DisputeNotice<'a> {
    pub dispute: &'a Dispute,
    pub stage: &'a DisputeStage,
    /// Each stage so far with the day its response is due.
    pub log: Vec<(&'a DisputeStage, Option<NaiveDate>)>,
}

/// The record template for a meeting type, under `templates/`.
pub fn record_template(kind: MeetingType) -> &'static str {
    match kind {
        MeetingType::LacReview => "records/lac-review.md",
        MeetingType::CpInitial | MeetingType::CpReview => "records/cp-conference.md",
        MeetingType::SecureReview => "records/secure-review.md",
        MeetingType::FosterCarerReview => "records/foster-carer-review.md",
        MeetingType::PrivateFosteringReview => "records/private-fostering-review.md",
    }
}

/// The chain that follows a meeting: a review conference follows an initial one.
fn next_kind(kind: MeetingType) -> DueKind {
    match kind {
        MeetingType::LacReview => DueKind::LacReview,
        MeetingType::CpInitial | MeetingType::CpReview => DueKind::CpReviewConference,
        MeetingType::SecureReview => DueKind::SecureReview,
        MeetingType::FosterCarerReview => DueKind::FosterCarerReview,
        MeetingType::PrivateFosteringReview => DueKind::PrivateFosteringReview,
    }
}

/// The held meetings that get a record: the latest of each type, and any not yet sent. A
/// meeting needs someone to sign its record: its chair, or else the subject's IRO (a case
/// imported from the SSDA903 return has neither until the service adds one).
pub fn recorded<'m>(
    meetings: &'m [Meeting],
    subject: Subject,
) -> impl Iterator<Item = (usize, &'m Meeting)> {
    let has_iro = subject.iro_id().is_some();
    meetings.iter().enumerate().filter(move |(i, m)| {
        let latest = !meetings[i + 1..]
            .iter()
            .any(|later| later.kind == m.kind && later.status == MeetingStatus::Held);
        let signed = has_iro || m.chair.is_some();
        m.status == MeetingStatus::Held && (latest || m.record_sent.is_none()) && signed
    })
}

/// The record of the meeting at `index`, for a document dated `on`. Its next meeting is the
/// chain's review still to be held on that day (the one after this meeting, or a later one
/// when that has been held too), with its booked date only when that is on or after `on`: a
/// record never says the next meeting is booked for a day already past.
pub fn record_of<'a>(
    meetings: &'a [Meeting],
    index: usize,
    items: &[DueItem],
    distribution: Vec<Reader<'a>>,
    on: NaiveDate,
) -> RecordOf<'a> {
    let meeting = &meetings[index];
    let number = items
        .iter()
        .find(|i| i.meeting == Some(index) && i.kind.meeting_type() == Some(meeting.kind))
        .and_then(|i| i.number);
    let follows = next_kind(meeting.kind);
    let next = items
        .iter()
        .filter(|i| i.kind == follows && i.basis >= meeting.date && i.done.is_none())
        .min_by_key(|i| (i.due, i.number))
        .map(|i| {
            let booked = i
                .meeting
                .and_then(|m| meetings.get(m))
                .filter(|m| m.status == MeetingStatus::Planned && m.date >= on)
                .map(|m| m.date);
            (
                follows.meeting_type().unwrap_or(meeting.kind),
                i.due,
                booked,
            )
        });
    RecordOf {
        meeting,
        index,
        number,
        next,
        distribution,
    }
}

/// The folder a meeting's record copies go in: `<case>/record-<date>-<type>`.
pub fn record_folder(subject: Subject, meeting: &Meeting) -> String {
    format!(
        "{}/record-{}-{}",
        subject.id(),
        meeting.date,
        type_name(meeting.kind)
    )
}

/// The notice for the current stage of each open dispute, with each stage's response date
/// from the clock.
pub fn dispute_notices<'a>(case: &'a Case, items: &[DueItem]) -> Vec<DisputeNotice<'a>> {
    let mut notices = Vec::new();
    for dispute in case.disputes.iter().filter(|d| d.resolved.is_none()) {
        let Some(stage) = dispute.stages.last() else {
            continue;
        };
        let due = |s: &DisputeStage| {
            items
                .iter()
                .find(|i| {
                    i.kind == DueKind::DisputeStageResponse
                        && i.number == Some(u32::from(s.stage))
                        && i.basis == s.sent
                })
                .map(|i| i.due)
        };
        notices.push(DisputeNotice {
            dispute,
            stage,
            log: dispute.stages.iter().map(|s| (s, due(s))).collect(),
        });
    }
    notices
}

/// A meeting type as file names spell it.
fn type_name(kind: MeetingType) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
