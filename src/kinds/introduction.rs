//! The introduction letter: to every child with an allocated IRO, from the IRO, saying who
//! they are, when the first (or next) review is, and how to reach them. Dated when it was (or
//! is to be) sent; worded for the child's age on that date.

use super::{Kind, Planning, ViewInputs};
use crate::plan::{About, Body, DocumentKind, Job, Reader, Subject, Variant, letter_template};
use crate::render::context::introduction_view;

pub struct IntroductionLetter;

static INFO: DocumentKind = DocumentKind {
    name: "introduction-letter",
    group: "letters",
    title: "Your Independent Reviewing Officer",
    templates: "letters/introduction",
    body: Body::Letter,
};

impl Kind for IntroductionLetter {
    fn info(&self) -> &'static DocumentKind {
        &INFO
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        for (case, _) in planning.cases() {
            let Some(iro) = case.iro.as_ref() else {
                continue;
            };
            let date = planning.date_or(iro.introduced.unwrap_or(iro.allocated));
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
        let view = introduction_view(case, inputs.iro, service, inputs.items, job.date);
        serde_json::to_value(view).ok()
    }
}
