//! The report's tables as CSV files, one row per case (or household) and item, so analysts can
//! trace every figure back to the case files.

use super::{percent, summary};
use crate::report::sending::SentRow;
use crate::report::{Figures, HeldRow};

fn csv_of(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = out.write_record(header);
    for row in rows {
        let _ = out.write_record(&row);
    }
    out.into_inner().unwrap_or_default()
}

fn held_rows(rows: &[HeldRow], with_participation: bool) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut row = vec![
                r.subject.clone(),
                r.kind.label().to_owned(),
                r.number.map(|n| n.to_string()).unwrap_or_default(),
                r.due.to_string(),
                r.held.to_string(),
                if r.on_time { "yes" } else { "no" }.to_owned(),
            ];
            if with_participation {
                row.push(
                    r.participation
                        .map(|p| format!("{p:?}"))
                        .unwrap_or_default(),
                );
            }
            row
        })
        .collect()
}

fn sent_rows(rows: &[SentRow]) -> Vec<Vec<String>> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    rows.iter()
        .map(|r| {
            vec![
                r.subject.clone(),
                r.kind.label().to_owned(),
                r.number.map(|n| n.to_string()).unwrap_or_default(),
                r.meeting.unwrap_or_default().to_owned(),
                r.from.to_string(),
                date(r.due),
                date(r.sent),
                r.status.label().to_owned(),
            ]
        })
        .collect()
}

/// Every table as a CSV file: (file name, bytes).
pub fn csv_files(f: &Figures, previous: &Figures) -> Vec<(&'static str, Vec<u8>)> {
    let held = ["id", "meeting", "number", "due", "held", "on_time"];
    let mut reviews_header = held.to_vec();
    reviews_header.push("participation");
    let during: Vec<Vec<String>> = f
        .looked_after_during
        .iter()
        .map(|id| {
            let at_end = f.looked_after_at_end.contains(id);
            vec![
                id.clone(),
                "yes".to_owned(),
                if at_end { "yes" } else { "no" }.to_owned(),
            ]
        })
        .collect();
    vec![
        (
            "summary.csv",
            csv_of(
                &["figure", "this_period", "previous_period"],
                summary(f, previous),
            ),
        ),
        (
            "children.csv",
            csv_of(
                &["case", "looked_after_during", "looked_after_at_end"],
                during,
            ),
        ),
        (
            "reviews.csv",
            csv_of(&reviews_header, held_rows(&f.reviews, true)),
        ),
        (
            "sending.csv",
            csv_of(
                &[
                    "id",
                    "item",
                    "number",
                    "meeting",
                    "counted_from",
                    "due",
                    "sent",
                    "on_time",
                ],
                sent_rows(&f.sent),
            ),
        ),
        (
            "participation.csv",
            csv_of(
                &["code", "meaning", "reviews", "share"],
                participation_rows(f),
            ),
        ),
        (
            "conferences.csv",
            csv_of(&held, held_rows(&f.conferences, false)),
        ),
        (
            "foster-carer-reviews.csv",
            csv_of(&held, held_rows(&f.foster_reviews, false)),
        ),
        (
            "dispute-stages.csv",
            csv_of(
                &[
                    "case",
                    "theme",
                    "raised",
                    "stage",
                    "sent",
                    "response_due",
                    "responded",
                    "open_past_due",
                ],
                stage_rows(f),
            ),
        ),
        (
            "disputes-raised.csv",
            csv_of(
                &["case", "theme"],
                f.disputes_raised
                    .iter()
                    .map(|(c, t)| vec![c.clone(), t.clone()])
                    .collect(),
            ),
        ),
        (
            "allocations.csv",
            csv_of(&held, held_rows(&f.allocations, false)),
        ),
        (
            "disputes-outcomes.csv",
            csv_of(&["case", "outcome", "stage_reached"], outcome_rows(f)),
        ),
        (
            "caseloads.csv",
            csv_of(
                &[
                    "iro",
                    "name",
                    "fte",
                    "children",
                    "children_per_fte",
                    "in_50_to_70",
                    "cases",
                ],
                caseload_rows(f),
            ),
        ),
    ]
}

/// Each dispute resolved in the period, still open at its end, or referred to Cafcass in it.
fn outcome_rows(f: &Figures) -> Vec<Vec<String>> {
    let resolved = (f.disputes_resolved.iter())
        .map(|(case, stage)| vec![case.clone(), "resolved".to_owned(), stage.to_string()]);
    let open = (f.disputes_open_at_end.iter())
        .map(|case| vec![case.clone(), "open at the end".to_owned(), String::new()]);
    let cafcass = (f.cafcass_referrals.iter()).map(|case| {
        vec![
            case.clone(),
            "referred to Cafcass".to_owned(),
            String::new(),
        ]
    });
    resolved.chain(open).chain(cafcass).collect()
}

/// Each dispute stage sent in the period.
fn stage_rows(f: &Figures) -> Vec<Vec<String>> {
    f.stages
        .iter()
        .map(|s| {
            vec![
                s.case.clone(),
                s.theme.clone(),
                s.raised.to_string(),
                s.stage.to_string(),
                s.sent.to_string(),
                s.response_due.to_string(),
                s.responded.map(|d| d.to_string()).unwrap_or_default(),
                if s.open_past_due { "yes" } else { "no" }.to_owned(),
            ]
        })
        .collect()
}

/// Each IRO's caseload at the end of the period.
fn caseload_rows(f: &Figures) -> Vec<Vec<String>> {
    f.caseloads
        .iter()
        .map(|c| {
            vec![
                c.iro.clone(),
                c.name.clone(),
                format!("{}", c.fte),
                c.children.to_string(),
                format!("{:.1}", c.per_fte()),
                if c.in_range() { "yes" } else { "no" }.to_owned(),
                c.cases.join(" "),
            ]
        })
        .collect()
}

/// Reviews by participation code, with the share of all reviews held.
fn participation_rows(f: &Figures) -> Vec<Vec<String>> {
    f.participation()
        .into_iter()
        .map(|(code, n)| {
            vec![
                code.map_or("none".to_owned(), |c| format!("{c:?}")),
                code.map_or("not recorded", |c| c.meaning()).to_owned(),
                n.to_string(),
                percent(n, f.reviews.len()),
            ]
        })
        .collect()
}
