//! One child's episodes in order: the return's sequence rules, then the case they make.
//!
//! The rules (DfE 903 guide, "episodes"): episodes do not overlap; only the last episode may be
//! open (no DEC); an episode that ends `X1` (a change of placement or legal status, care going
//! on) is followed by one starting the same day. A row that breaks the first two is rejected,
//! so that periods of care are made only from episodes that fit together; an `X1` with nothing
//! following is kept (the period ends that day) and reported, never silently.

use chrono::NaiveDate;

use super::{Episode, Reason, Rejected, code_of};
use crate::model::{Case, LegalStatus, MeetingStatus, MeetingType, NAME_TO_BE_ADDED};

const TABLE: &str = "episodes.csv";

/// One held review from `reviews.csv`: its date, code, and whether the code fits the age.
pub(crate) struct Review {
    pub date: NaiveDate,
    pub code: crate::model::Participation,
    pub valid: bool,
}

/// The episodes that fit together, sorted by start; each that does not is in `rejected`.
pub(crate) fn check_sequence(mut list: Vec<Episode>, rejected: &mut Vec<Rejected>) -> Vec<Episode> {
    list.sort_by_key(|e| (e.from, e.row));
    let mut kept: Vec<Episode> = Vec::with_capacity(list.len());
    let last = list.len().saturating_sub(1);
    for (i, e) in list.into_iter().enumerate() {
        if e.to.is_none() && i < last {
            rejected.push(problem(
                &e,
                "DEC",
                Reason::OpenNotLast,
                format!(
                    "the episode from {} has no end date, but a later episode follows it",
                    e.from
                ),
            ));
            continue;
        }
        if let Some(prev) = kept.last()
            && prev.to.is_none_or(|end| e.from < end)
        {
            let end = prev.to.map_or("no end date".to_owned(), |d| d.to_string());
            rejected.push(problem(
                &e,
                "DECOM",
                Reason::Overlaps,
                format!(
                    "starts {}, inside the episode at row {} ({} to {end})",
                    e.from, prev.row, prev.from
                ),
            ));
            continue;
        }
        kept.push(e);
    }
    for (i, e) in kept.iter().enumerate() {
        let followed = kept.get(i + 1).is_some_and(|next| Some(next.from) == e.to);
        if e.rec == "X1" && e.to.is_some() && !followed {
            rejected.push(problem(e, "REC", Reason::X1NothingFollows, format!(
                "ends {} with X1, but no episode starts that day; the period of care ends there",
                e.to.map(|d| d.to_string()).unwrap_or_default()
            )));
        }
    }
    kept
}

fn problem(e: &Episode, column: &str, reason: Reason, detail: String) -> Rejected {
    Rejected {
        table: TABLE,
        row: e.row,
        column: column.to_owned(),
        reason,
        detail,
    }
}

/// One child's case from their episodes and reviews. Episodes that follow on without a gap
/// (one ends `X1` the day the next starts) are one period of care.
pub(crate) fn build_case(
    child: &str,
    dob: NaiveDate,
    episodes: &[Episode],
    reviews: &[Review],
) -> Option<Case> {
    let mut looked_after: Vec<serde_json::Value> = Vec::new();
    let mut legal_status: Vec<serde_json::Value> = Vec::new();
    let mut placements: Vec<serde_json::Value> = Vec::new();
    let mut open: Option<(NaiveDate, Option<NaiveDate>)> = None;
    let mut last_ls: Option<&str> = None;
    for (i, e) in episodes.iter().enumerate() {
        let continues = i > 0 && episodes[i - 1].to == Some(e.from) && episodes[i - 1].rec == "X1";
        if !continues {
            if let Some((from, to)) = open.take() {
                looked_after.push(serde_json::json!({"from": from, "to": to}));
            }
            open = Some((e.from, e.to));
            last_ls = None;
        } else if let Some(period) = open.as_mut() {
            period.1 = e.to;
        }
        if last_ls != Some(e.ls.as_str()) && code_of::<LegalStatus>(&e.ls).is_some() {
            legal_status.push(serde_json::json!({"code": e.ls, "from": e.from}));
            last_ls = Some(&e.ls);
        }
        placements.push(serde_json::json!({
            "type": super::codes::placement_type(&e.place),
            "from": e.from,
            "to": e.to,
        }));
    }
    if let Some((from, to)) = open {
        looked_after.push(serde_json::json!({"from": from, "to": to}));
    }
    let meetings: Vec<serde_json::Value> = reviews
        .iter()
        .map(|r| {
            let mut m = serde_json::json!({
                "type": MeetingType::LacReview,
                "date": r.date,
                "status": MeetingStatus::Held,
                "participation": r.code,
            });
            if !r.valid {
                m["participation_valid"] = false.into();
            }
            m
        })
        .collect();
    let value = serde_json::json!({
        "id": child,
        "child": {"legal_name": NAME_TO_BE_ADDED, "date_of_birth": dob},
        "legal_status": legal_status,
        "looked_after": looked_after,
        "placements": placements,
        "meetings": meetings,
    });
    serde_json::from_value(value).ok()
}
