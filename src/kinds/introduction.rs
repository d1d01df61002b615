//! The introduction letter: to every child in care (or on a plan) with an allocated IRO, from
//! the IRO, saying who they are, when the first (or next) review is, and how to reach them.
//! Dated the day it is made; worded for the child's age on that day. A child who has left
//! care gets none.

use chrono::NaiveDate;

use super::{Kind, Planning, ViewInputs};
use crate::model::{Case, MeetingStatus};
use crate::plan::{
    About, Body, DocumentKind, Job, Reader, Subject, Variant, is_introduced, letter_template,
};
use crate::render::context::introduction_view;
use crate::schedule::DueItem;

pub struct IntroductionLetter;

static INFO: DocumentKind = DocumentKind {
    name: "introduction-letter",
    group: "letters",
    title: "Your Independent Reviewing Officer",
    titles: &[("cy", "Dy Swyddog Adolygu Annibynnol")],
    templates: "letters/introduction",
    body: Body::Letter,
};

impl Kind for IntroductionLetter {
    fn info(&self) -> &'static DocumentKind {
        &INFO
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        let date = planning.date();
        for (case, _) in planning.cases() {
            if !is_introduced(case, planning.as_of) {
                continue;
            }
            for variant in Variant::for_formats(&case.child.formats) {
                jobs.push(Job {
                    kind: &INFO,
                    subject: Subject::Case(case),
                    variant,
                    reader: Reader::Child,
                    audience: Reader::Child.audience(),
                    template: letter_template(&INFO, &Reader::Child, case, variant, date),
                    path: format!("{}/{}{}", case.id, INFO.name, variant.suffix()),
                    date,
                    about: About::Child,
                });
            }
        }
    }

    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
        let case = job.subject.case()?;
        let service = &inputs.data.service;
        let items = reviews_to_tell(case, inputs.items, job.date);
        let view = introduction_view(case, inputs.iro, service, &items, job.date);
        serde_json::to_value(view).ok()
    }
}

/// The items the letter may tell the next review from: not an open review that was due before
/// the letter's date and is not booked for a day on or after it, so the letter never says the
/// next review is (or must be held) by a day already past. It says the IRO will be in touch.
fn reviews_to_tell(case: &Case, items: &[DueItem], on: NaiveDate) -> Vec<DueItem> {
    let booked_ahead = |item: &DueItem| {
        (item.meeting)
            .and_then(|i| case.meetings.get(i))
            .is_some_and(|m| m.status == MeetingStatus::Planned && m.date >= on)
    };
    (items.iter())
        .filter(|i| !(i.kind.is_review() && i.done.is_none() && i.due < on && !booked_ahead(i)))
        .cloned()
        .collect()
}
