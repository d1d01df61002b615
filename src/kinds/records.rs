//! After a meeting: the record, one copy for each person it is sent to, built for their
//! audience (children's meetings and foster carer households' reviews); and the letter to the
//! child after each Looked After Review, in words the child can read.

use chrono::NaiveDate;

use super::{Kind, Planning, ViewInputs};
use crate::model::{Case, MeetingType};
use crate::plan::{
    About, Body, Copies, DocumentKind, Job, Reader, RecordOf, Subject, Variant, household_readers,
    invitees, letter_template, push_variants, record_folder, record_of, record_template, recorded,
};
use crate::render::records::{RecordInputs, record_view};

pub struct Record;
pub struct ReviewLetter;

static RECORD: DocumentKind = DocumentKind {
    name: "record",
    group: "records",
    title: "Record of the meeting",
    titles: &[("cy", "Cofnod o'r cyfarfod")],
    templates: "records",
    body: Body::Letter,
};

static REVIEW_LETTER: DocumentKind = DocumentKind {
    name: "review-letter",
    group: "records",
    title: "Your review",
    titles: &[("cy", "Dy adolygiad")],
    templates: "letters/after-review",
    body: Body::Letter,
};

/// Each recorded meeting of a selected child that is not history, with the record sent to
/// everyone invited but the child.
pub(super) fn of_cases<'a>(planning: &Planning<'a, '_>) -> Vec<(&'a Case, RecordOf<'a>)> {
    let mut out = Vec::new();
    for (case, items) in planning.cases() {
        let subject = Subject::Case(case);
        let current = (recorded(&case.meetings, subject))
            .filter(|(_, m)| !planning.is_history(subject, m.date));
        for (index, meeting) in current {
            let distribution: Vec<Reader> = invitees(case, meeting.date)
                .into_iter()
                .filter(|r| !r.is_child())
                .collect();
            let record = record_of(&case.meetings, index, items, distribution, planning.date());
            out.push((case, record));
        }
    }
    out
}

impl Kind for Record {
    fn info(&self) -> &'static DocumentKind {
        &RECORD
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        let date = planning.date();
        let mut records: Vec<(Subject<'a>, RecordOf<'a>)> = (planning.case_records().iter())
            .map(|(case, record)| (Subject::Case(case), record.clone()))
            .collect();
        for (household, items) in planning.households() {
            let subject = Subject::Household(household);
            let current = (recorded(&household.reviews, subject))
                .filter(|(_, m)| !planning.is_history(subject, m.date));
            for (index, _) in current {
                let readers = household_readers(household);
                let record = record_of(&household.reviews, index, items, readers, date);
                records.push((subject, record));
            }
        }
        for (subject, record) in records {
            let meeting = record.meeting;
            let folder = record_folder(subject, meeting);
            for reader in &record.distribution {
                push_variants(
                    jobs,
                    Copies {
                        kind: &RECORD,
                        subject,
                        reader: reader.clone(),
                        template: record_template(meeting.kind).to_owned(),
                        easy_read: None,
                        stem: format!("{folder}/{}", reader.id()),
                        date,
                        about: About::Meeting(record.clone()),
                    },
                );
            }
        }
    }

    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
        meeting_view(job, inputs)
    }
}

impl Kind for ReviewLetter {
    fn info(&self) -> &'static DocumentKind {
        &REVIEW_LETTER
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        for (case, record) in planning.case_records() {
            let meeting = record.meeting;
            if meeting.kind != MeetingType::LacReview
                || case.age_on(meeting.date) < crate::render::records::LETTER_FROM_AGE
            {
                continue;
            }
            let subject = Subject::Case(case);
            let date = planning.date();
            let template = letter_template(
                &REVIEW_LETTER,
                &Reader::Child,
                case,
                Variant::Standard,
                date,
            );
            push_variants(
                jobs,
                Copies {
                    kind: &REVIEW_LETTER,
                    subject,
                    reader: Reader::Child,
                    template,
                    // Easy read has its own wording for the letter to the child.
                    easy_read: Some(format!("{}/easy-read.md", REVIEW_LETTER.templates)),
                    stem: format!("{}/child-letter", record_folder(subject, meeting)),
                    date,
                    about: About::Meeting(for_child(record, date)),
                },
            );
        }
    }

    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
        meeting_view(job, inputs)
    }
}

/// The record as the letter to the child tells it: a next review not booked and already past
/// its due date on the letter's `date` is not told as "by" that date (the letter says the IRO
/// will be in touch); the record for professionals still gives it.
fn for_child<'a>(record: &RecordOf<'a>, date: NaiveDate) -> RecordOf<'a> {
    let mut record = record.clone();
    record.next = record
        .next
        .filter(|(_, due, booked)| booked.is_some() || *due >= date);
    record
}

/// The record's view for one reader (the letter to the child is one reader's view of it).
fn meeting_view(job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
    let About::Meeting(record) = &job.about else {
        return None;
    };
    let view = record_view(&RecordInputs {
        subject: job.subject,
        record,
        reader: &job.reader,
        audience: job.audience,
        chair: inputs.iro,
        service: &inputs.data.service,
        forms: &inputs.data.forms,
        translations: &inputs.data.form_translations,
        households: &inputs.data.carers,
        withheld: inputs.withheld,
    });
    serde_json::to_value(view).ok()
}
