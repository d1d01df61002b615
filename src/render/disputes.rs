//! The view of a dispute's notice: the current stage of an escalation by the IRO, and the
//! log of every stage. It goes to a manager, so it names the child but holds no addresses.

use serde::Serialize;

use super::context::{ChildView, IroView, ServiceView, iro_view, long_date};
use crate::model::*;
use crate::plan::DisputeNotice;

#[derive(Debug, Serialize)]
pub struct StageView {
    pub number: u8,
    pub to: String,
    pub sent: String,
    pub responded: Option<String>,
    pub response: Option<String>,
    pub response_due: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DisputeView {
    pub theme: String,
    pub issue: String,
    pub remedy: Option<String>,
    pub raised: String,
    pub resolved: Option<String>,
    pub outcome: Option<String>,
    pub cafcass_referral: Option<String>,
}

/// Everything a dispute notice may print: it goes to a manager, about one child.
#[derive(Debug, Serialize)]
pub struct NoticeView {
    pub child: ChildView,
    pub dispute: DisputeView,
    pub stage: StageView,
    pub stages: Vec<StageView>,
    pub iro: IroView,
    pub service: ServiceView,
}

fn stage_view(s: &DisputeStage, due: Option<chrono::NaiveDate>) -> StageView {
    StageView {
        number: s.stage,
        to: s.to.clone(),
        sent: long_date(s.sent),
        responded: s.responded.map(long_date),
        response: s.response.clone(),
        response_due: due.map(long_date),
    }
}

/// The view of a dispute's notice for its current stage.
pub fn notice_view(
    case: &Case,
    notice: &DisputeNotice,
    iro: &TeamMember,
    service: &Service,
) -> NoticeView {
    let d = notice.dispute;
    let due = notice
        .log
        .iter()
        .find(|(s, _)| std::ptr::eq(*s, notice.stage))
        .and_then(|(_, due)| *due);
    NoticeView {
        child: ChildView::of(case, notice.stage.sent),
        dispute: DisputeView {
            theme: d.theme.replace('-', " "),
            issue: d.issue.clone(),
            remedy: d.remedy.clone(),
            raised: long_date(d.raised),
            resolved: d.resolved.map(long_date),
            outcome: d.outcome.clone(),
            cafcass_referral: d.cafcass_referral.map(long_date),
        },
        stage: stage_view(notice.stage, due),
        stages: notice
            .log
            .iter()
            .map(|(s, due)| stage_view(s, *due))
            .collect(),
        iro: iro_view(iro, service),
        service: ServiceView::of(service),
    }
}
