//! The report's figures as tables: CSV files that keep every row's case id (for analysts to
//! check), and the view the report template prints, which holds counts and no case at all.

use std::collections::BTreeMap;

use serde::Serialize;

mod files;
mod sending;

pub use files::csv_files;

use super::{Figures, HeldRow, Period};
use crate::schedule::DueKind;

/// `3 of 4` as a share: `75%`, or `-` when there is nothing to count.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// The headline figures, this period against the one before: (figure, this, previous).
pub fn summary(f: &Figures, p: &Figures) -> Vec<Vec<String>> {
    let (held, on_time) = Figures::timeliness(&f.reviews);
    let (p_held, p_on_time) = Figures::timeliness(&p.reviews);
    let (cp, cp_on_time) = Figures::timeliness(&f.conferences);
    let (p_cp, p_cp_on_time) = Figures::timeliness(&p.conferences);
    let (fc, fc_on_time) = Figures::timeliness(&f.foster_reviews);
    let (p_fc, p_fc_on_time) = Figures::timeliness(&p.foster_reviews);
    let row = |name: &str, a: String, b: String| vec![name.to_owned(), a, b];
    vec![
        row(
            "Children looked after during the period",
            f.looked_after_during.len().to_string(),
            p.looked_after_during.len().to_string(),
        ),
        row(
            "Children looked after at the end of the period",
            f.looked_after_at_end.len().to_string(),
            p.looked_after_at_end.len().to_string(),
        ),
        row(
            "Looked After Reviews held",
            held.to_string(),
            p_held.to_string(),
        ),
        row(
            "Looked After Reviews held on time",
            percent(on_time, held),
            percent(p_on_time, p_held),
        ),
        row(
            "Child protection conferences held",
            cp.to_string(),
            p_cp.to_string(),
        ),
        row(
            "Child protection conferences held on time",
            percent(cp_on_time, cp),
            percent(p_cp_on_time, p_cp),
        ),
        row(
            "Foster carer reviews held",
            fc.to_string(),
            p_fc.to_string(),
        ),
        row(
            "Foster carer reviews held on time",
            percent(fc_on_time, fc),
            percent(p_fc_on_time, p_fc),
        ),
        row(
            "IROs allocated",
            f.allocations.len().to_string(),
            p.allocations.len().to_string(),
        ),
        row(
            "IROs allocated on time",
            percent(on_time_count(&f.allocations), f.allocations.len()),
            percent(on_time_count(&p.allocations), p.allocations.len()),
        ),
        row(
            "Disputes raised",
            f.disputes_raised.len().to_string(),
            p.disputes_raised.len().to_string(),
        ),
        row(
            "Disputes raised per 100 children looked after",
            per_hundred(f.disputes_raised.len(), f.looked_after_during.len()),
            per_hundred(p.disputes_raised.len(), p.looked_after_during.len()),
        ),
        row(
            "Disputes resolved",
            f.disputes_resolved.len().to_string(),
            p.disputes_resolved.len().to_string(),
        ),
        row(
            "Referrals to Cafcass",
            f.cafcass_referrals.len().to_string(),
            p.cafcass_referrals.len().to_string(),
        ),
    ]
    .into_iter()
    .chain(sending::summary(f, p))
    .collect()
}

fn on_time_count(rows: &[HeldRow]) -> usize {
    rows.iter().filter(|r| r.on_time).count()
}

fn per_hundred(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}", 100.0 * part as f64 / whole as f64)
    }
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub label: String,
    pub count: usize,
    pub share: String,
}

#[derive(Debug, Serialize)]
pub struct CaseloadRow {
    pub name: String,
    pub fte: String,
    pub children: usize,
    pub per_fte: String,
    pub in_range: bool,
}

#[derive(Debug, Serialize)]
pub struct Comparison {
    pub figure: String,
    pub this: String,
    pub previous: String,
}

#[derive(Debug, Serialize)]
pub struct ChartView {
    /// Where the typesetter and the web page find the drawing.
    pub path: String,
    pub alt: String,
}

/// Everything the report template may print: counts and shares, no case.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub service: crate::render::context::ServiceView,
    pub period: String,
    pub from: String,
    pub to: String,
    pub previous_period: String,
    pub comparison: Vec<Comparison>,
    pub reviews_held: usize,
    pub reviews_on_time: usize,
    pub reviews_on_time_share: String,
    pub participation: Vec<Row>,
    pub conferences: Vec<Row>,
    pub foster_reviews_held: usize,
    pub foster_reviews_on_time: usize,
    pub disputes_raised: usize,
    pub disputes_by_theme: Vec<Row>,
    pub stages: Vec<Row>,
    pub open_past_due: usize,
    pub caseloads: Vec<CaseloadRow>,
    pub sending: sending::SendingView,
    pub charts: Vec<ChartView>,
    pub allocations: usize,
    pub allocations_on_time: usize,
    pub allocations_on_time_share: String,
    /// The working days an IRO is to be allocated in (`timescales.introduction_working_days`).
    pub allocation_days: u32,
    pub disputes_resolved: usize,
    /// Disputes resolved, by the last stage they reached.
    pub resolved_by_stage: Vec<Row>,
    pub disputes_open_at_end: usize,
    pub cafcass_referrals: usize,
    /// The service's own words (`report/<period>.md`), before the priorities.
    pub narrative: Option<String>,
    /// Its `## Priorities` section, which the report prints last.
    pub priorities: Option<String>,
}

/// The service's own words for a report, split so that a `## Priorities` section goes last.
#[derive(Debug, Default, Clone)]
pub struct Narrative {
    pub words: Option<String>,
    pub priorities: Option<String>,
}

impl Narrative {
    /// Splits a narrative's Markdown at its `## Priorities...` heading.
    pub fn of(markdown: &str) -> Narrative {
        let at = (markdown.match_indices("## ")).map(|(i, _)| i).find(|&i| {
            (i == 0 || markdown[..i].ends_with('\n'))
                && markdown[i + 3..]
                    .to_ascii_lowercase()
                    .starts_with("priorities")
        });
        let (words, priorities) = match at {
            Some(i) => (&markdown[..i], Some(&markdown[i..])),
            None => (markdown, None),
        };
        let kept = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Narrative {
            words: kept(words),
            priorities: priorities.and_then(kept),
        }
    }
}

/// The view for the report template.
pub fn report_view(
    service: &crate::model::Service,
    period: Period,
    f: &Figures,
    previous: &Figures,
    charts: Vec<ChartView>,
    narrative: Narrative,
) -> ReportView {
    let long = crate::render::context::short_date;
    let (held, on_time) = Figures::timeliness(&f.reviews);
    let conference = |kind: DueKind, label: &str| {
        let rows: Vec<&HeldRow> = f.conferences.iter().filter(|r| r.kind == kind).collect();
        let on_time = rows.iter().filter(|r| r.on_time).count();
        Row {
            label: label.to_owned(),
            count: rows.len(),
            share: percent(on_time, rows.len()),
        }
    };
    let (fc, fc_on_time) = Figures::timeliness(&f.foster_reviews);
    ReportView {
        service: crate::render::context::ServiceView::of(service),
        period: period.name(),
        from: long(period.from),
        to: long(period.to),
        previous_period: period.previous().name(),
        comparison: summary(f, previous)
            .into_iter()
            .map(|r| Comparison {
                figure: r[0].clone(),
                this: r[1].clone(),
                previous: r[2].clone(),
            })
            .collect(),
        reviews_held: held,
        reviews_on_time: on_time,
        reviews_on_time_share: percent(on_time, held),
        participation: f
            .participation()
            .into_iter()
            .map(|(code, n)| Row {
                label: code.map_or("Not recorded".to_owned(), |c| {
                    format!("{c:?}: {}", c.meaning())
                }),
                count: n,
                share: percent(n, held),
            })
            .collect(),
        conferences: vec![
            conference(DueKind::CpInitialConference, "Initial conferences"),
            conference(DueKind::CpReviewConference, "Review conferences"),
        ],
        foster_reviews_held: fc,
        foster_reviews_on_time: fc_on_time,
        disputes_raised: f.disputes_raised.len(),
        disputes_by_theme: f
            .disputes_by_theme()
            .into_iter()
            .map(|(theme, n)| Row {
                label: theme.replace('-', " "),
                count: n,
                share: percent(n, f.disputes_raised.len()),
            })
            .collect(),
        stages: f
            .stages_by_number()
            .into_iter()
            .map(|(stage, n)| Row {
                label: format!("Stage {stage}"),
                count: n,
                share: percent(n, f.stages.len()),
            })
            .collect(),
        open_past_due: f.stages.iter().filter(|s| s.open_past_due).count(),
        caseloads: f
            .caseloads
            .iter()
            .map(|c| CaseloadRow {
                name: c.name.clone(),
                fte: format!("{}", c.fte),
                children: c.children,
                per_fte: format!("{:.1}", c.per_fte()),
                in_range: c.in_range(),
            })
            .collect(),
        sending: sending::view(service, f),
        charts,
        allocations: f.allocations.len(),
        allocations_on_time: on_time_count(&f.allocations),
        allocations_on_time_share: percent(on_time_count(&f.allocations), f.allocations.len()),
        allocation_days: service.timescales.introduction_working_days,
        disputes_resolved: f.disputes_resolved.len(),
        resolved_by_stage: resolved_by_stage(f),
        disputes_open_at_end: f.disputes_open_at_end.len(),
        cafcass_referrals: f.cafcass_referrals.len(),
        narrative: narrative.words,
        priorities: narrative.priorities,
    }
}

/// Disputes resolved in the period, by the last stage they reached.
fn resolved_by_stage(f: &Figures) -> Vec<Row> {
    let mut by_stage: BTreeMap<u8, usize> = BTreeMap::new();
    for (_, stage) in &f.disputes_resolved {
        *by_stage.entry(*stage).or_default() += 1;
    }
    (by_stage.into_iter())
        .map(|(stage, n)| Row {
            label: match stage {
                0 => "Before a formal stage".to_owned(),
                n => format!("At stage {n}"),
            },
            count: n,
            share: percent(n, f.disputes_resolved.len()),
        })
        .collect()
}
