//! After a meeting: the record, one copy per person it is sent to, built for their audience;
//! the letter to the child after a Looked After Review; and, while a dispute is open, the
//! notice for its current stage. Pure.
//!
//! A record is made for the latest held meeting of each type, and for any held meeting whose
//! record has not been sent (`record_sent`), so that a service's history does not rebuild
//! every old record on every run.

use chrono::NaiveDate;

use super::readers::{household_readers, invitees};
use super::{
    About, DocumentKind, Job, KindId, Reader, Selection, Subject, Variant, letter_template,
};
use crate::model::{
    CarerHousehold, Case, Dispute, DisputeStage, Meeting, MeetingStatus, MeetingType, Role,
};
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
fn recorded<'m>(
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

fn record_of<'a>(
    meetings: &'a [Meeting],
    index: usize,
    items: &[DueItem],
    distribution: Vec<Reader<'a>>,
) -> RecordOf<'a> {
    let meeting = &meetings[index];
    let number = items
        .iter()
        .find(|i| i.meeting == Some(index) && i.kind.meeting_type() == Some(meeting.kind))
        .and_then(|i| i.number);
    let follows = next_kind(meeting.kind);
    let next = items
        .iter()
        .find(|i| i.kind == follows && i.basis == meeting.date)
        .map(|i| {
            let booked = i
                .meeting
                .and_then(|m| meetings.get(m))
                .filter(|m| m.status != MeetingStatus::Cancelled)
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

/// Pushes one job per variant the reader needs.
#[allow(clippy::too_many_arguments)]
fn push_variants<'a>(
    jobs: &mut Vec<Job<'a>>,
    kind: &'static DocumentKind,
    subject: Subject<'a>,
    reader: Reader<'a>,
    template: String,
    stem: String,
    date: NaiveDate,
    about: About<'a>,
) {
    for variant in Variant::for_formats(&reader.formats(subject)) {
        // Easy read changes the wording, and only letters to children have their own.
        let template = if variant == Variant::EasyRead && kind.id == KindId::ReviewLetter {
            format!("{}/easy-read.md", kind.templates)
        } else {
            template.clone()
        };
        jobs.push(Job {
            kind,
            subject,
            variant,
            reader: reader.clone(),
            audience: reader.audience(),
            template,
            path: format!("{stem}{}", variant.suffix()),
            date,
            about: about.clone(),
        });
    }
}

/// Records of a child's meetings, one per person they go to, and the letter to the child
/// after each Looked After Review.
pub fn case_records<'a>(
    case: &'a Case,
    items: &[DueItem],
    selection: &Selection,
    jobs: &mut Vec<Job<'a>>,
) {
    let subject = Subject::Case(case);
    for (index, meeting) in recorded(&case.meetings, subject) {
        let distribution: Vec<Reader> = invitees(case, meeting.date)
            .into_iter()
            .filter(|r| !r.is_child())
            .collect();
        let record = record_of(&case.meetings, index, items, distribution);
        let folder = copies(subject, &record, selection, jobs);
        if meeting.kind == MeetingType::LacReview && case.age_on(meeting.date) >= 4 {
            let letter = DocumentKind::of(KindId::ReviewLetter);
            let date = selection
                .date
                .unwrap_or(meeting.decisions_sent.unwrap_or(meeting.date));
            push_variants(
                jobs,
                letter,
                subject,
                Reader::Child,
                letter_template(letter, &Reader::Child, case, Variant::Standard, date),
                format!("{folder}/child-letter"),
                date,
                About::Meeting(record),
            );
        }
    }
}

/// Records of a foster carer household's reviews, for each carer and the supervising social
/// worker.
pub fn household_records<'a>(
    household: &'a CarerHousehold,
    items: &[DueItem],
    selection: &Selection,
    jobs: &mut Vec<Job<'a>>,
) {
    let subject = Subject::Household(household);
    for (index, _) in recorded(&household.reviews, subject) {
        let record = record_of(
            &household.reviews,
            index,
            items,
            household_readers(household),
        );
        copies(subject, &record, selection, jobs);
    }
}

/// A copy of a record for each person on its distribution list; returns the record's folder.
fn copies<'a>(
    subject: Subject<'a>,
    record: &RecordOf<'a>,
    selection: &Selection,
    jobs: &mut Vec<Job<'a>>,
) -> String {
    let meeting = record.meeting;
    let folder = format!(
        "{}/record-{}-{}",
        subject.id(),
        meeting.date,
        type_name(meeting.kind)
    );
    let date = selection
        .date
        .unwrap_or(meeting.record_sent.unwrap_or(meeting.date));
    for reader in &record.distribution {
        push_variants(
            jobs,
            DocumentKind::of(KindId::Record),
            subject,
            reader.clone(),
            record_template(meeting.kind).to_owned(),
            format!("{folder}/{}", reader.id()),
            date,
            About::Meeting(record.clone()),
        );
    }
    folder
}

/// The notice for the current stage of each open dispute, to the person it goes to.
pub fn dispute_notices<'a>(
    case: &'a Case,
    items: &[DueItem],
    selection: &Selection,
    jobs: &mut Vec<Job<'a>>,
) {
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
        let notice = DisputeNotice {
            dispute,
            stage,
            log: dispute.stages.iter().map(|s| (s, due(s))).collect(),
        };
        let reader = Reader::Other {
            id: format!("stage-{}", stage.stage),
            name: stage.to.clone(),
            role: Role::TeamManager,
            formats: Vec::new(),
        };
        push_variants(
            jobs,
            DocumentKind::of(KindId::DisputeNotice),
            Subject::Case(case),
            reader,
            "disputes/notice.md".to_owned(),
            format!(
                "{}/dispute-{}/notice-stage-{}",
                case.id, dispute.raised, stage.stage
            ),
            selection.date.unwrap_or(stage.sent),
            About::Dispute(notice),
        );
    }
}

/// A meeting type as file names spell it.
fn type_name(kind: MeetingType) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
