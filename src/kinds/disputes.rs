//! The dispute notice: while a dispute raised by the IRO is open, the notice for its current
//! stage, to the manager it went to, with the stage log and each response date from the clock.

use super::{Kind, Planning, ViewInputs};
use crate::model::Role;
use crate::plan::{
    About, Body, Copies, DocumentKind, Job, Reader, Subject, dispute_notices, push_variants,
};
use crate::render::disputes::notice_view;

pub struct Notice;

static INFO: DocumentKind = DocumentKind {
    name: "dispute-notice",
    group: "disputes",
    title: "Dispute resolution",
    titles: &[("cy", "Datrys anghydfod")],
    templates: "disputes",
    body: Body::Letter,
};

impl Kind for Notice {
    fn info(&self) -> &'static DocumentKind {
        &INFO
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        for (case, items) in planning.cases().filter(|(c, _)| c.iro.is_some()) {
            let notices = dispute_notices(case, items).into_iter();
            // A stage sent before the documents start is history.
            for notice in
                notices.filter(|n| !planning.is_history(Subject::Case(case), n.stage.sent))
            {
                let (dispute, stage) = (notice.dispute, notice.stage);
                let reader = Reader::Other {
                    id: format!("stage-{}", stage.stage),
                    name: stage.to.clone(),
                    role: Role::TeamManager,
                    formats: Vec::new(),
                    language: None,
                };
                let stem = format!(
                    "{}/dispute-{}/notice-stage-{}",
                    case.id, dispute.raised, stage.stage
                );
                push_variants(
                    jobs,
                    Copies {
                        kind: &INFO,
                        subject: Subject::Case(case),
                        reader,
                        template: "disputes/notice.md".to_owned(),
                        easy_read: None,
                        stem,
                        date: planning.date(),
                        about: About::Dispute(notice),
                    },
                );
            }
        }
    }

    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
        let (About::Dispute(notice), Some(case)) = (&job.about, job.subject.case()) else {
            return None;
        };
        let view = notice_view(case, notice, inputs.iro, &inputs.data.service);
        serde_json::to_value(view).ok()
    }
}
