//! The social worker's reminder: before each review, at the same time as the consultation
//! packs, a letter to the child's social worker. Their report is due with the IRO some working
//! days before the review (the clock's `ReportsToIro` item, `reports_working_days_before` in
//! service.yaml); it says by when, what the report must cover, when the packs go out and who
//! is invited, and lists the decisions of earlier reviews that are theirs and still open.

use serde::Serialize;

use super::{Kind, Planning, ViewInputs};
use crate::model::{DecisionStatus, MeetingStatus};
use crate::plan::{About, Body, Copies, DocumentKind, Job, Reader, Subject, push_variants};
use crate::render::context::{ChildView, IroView, PersonView, ServiceView, iro_view, long_date};
use crate::render::packs::{InvitedView, PackReviewView, invited_view, review_view};

pub struct SocialWorkerReminder;

static INFO: DocumentKind = DocumentKind {
    name: "social-worker-reminder",
    group: "packs",
    title: "Your report for the review",
    titles: &[("cy", "Eich adroddiad ar gyfer yr adolygiad")],
    templates: "reminders",
    body: Body::Letter,
};

/// The template, under `templates/`.
const TEMPLATE: &str = "reminders/social-worker.md";

/// Everything the reminder may print: it goes to a professional, about their own case.
#[derive(Debug, Serialize)]
pub struct ReminderView {
    pub social_worker: PersonView,
    pub child: ChildView,
    pub review: PackReviewView,
    /// The day the report is due with the IRO.
    pub report_due: String,
    /// How many working days before the review that is.
    pub report_working_days: u32,
    /// The day the consultation packs go out by.
    pub packs_sent_by: String,
    pub invited: Vec<InvitedView>,
    /// Decisions of earlier meetings that the social worker owns and are still open.
    pub open_decisions: Vec<OpenDecision>,
    /// Whether a consultation form comes with the social worker's invitation.
    pub has_form: bool,
    pub iro: IroView,
    pub service: ServiceView,
}

#[derive(Debug, Serialize)]
pub struct OpenDecision {
    pub text: String,
    pub due: Option<String>,
    pub made: String,
}

impl Kind for SocialWorkerReminder {
    fn info(&self) -> &'static DocumentKind {
        &INFO
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        for (case, pack) in planning.packs() {
            if case.social_worker.is_none() {
                continue;
            }
            let stem = format!("{}/social-worker-reminder", pack.folder(case));
            push_variants(
                jobs,
                Copies {
                    kind: &INFO,
                    subject: Subject::Case(case),
                    reader: Reader::SocialWorker,
                    template: TEMPLATE.to_owned(),
                    easy_read: None,
                    stem,
                    date: planning.date(),
                    about: About::Pack(pack.clone()),
                },
            );
        }
    }

    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
        let (About::Pack(pack), Some(case)) = (&job.about, job.subject.case()) else {
            return None;
        };
        let service = &inputs.data.service;
        let open_decisions = (case.meetings.iter())
            .filter(|m| m.status == MeetingStatus::Held && m.date < pack.date)
            .flat_map(|m| m.decisions.iter().map(move |d| (m, d)))
            .filter(|(_, d)| {
                d.status == DecisionStatus::Open && d.owner.as_deref() == Some("social-worker")
            })
            .map(|(m, d)| OpenDecision {
                text: d.text.clone(),
                due: d.due.map(long_date),
                made: long_date(m.date),
            })
            .collect();
        let view = ReminderView {
            social_worker: PersonView {
                name: job.reader.name(job.subject),
            },
            // Their age at the review (the 16+ items of the report).
            child: ChildView::of(case, pack.date),
            review: review_view(pack, inputs.withheld),
            report_due: long_date(pack.return_by),
            report_working_days: service.timescales.reports_working_days_before,
            packs_sent_by: long_date(pack.send_by),
            invited: invited_view(case, pack),
            open_decisions,
            has_form: pack.form_for(&Reader::SocialWorker).is_some(),
            iro: iro_view(inputs.iro, service),
            service: ServiceView::of(service),
        };
        serde_json::to_value(view).ok()
    }
}
