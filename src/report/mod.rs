//! The IRO annual report: the figures for a period, worked out from the case files and the
//! statutory clock. Pure: takes the validated service and each case's due items, returns
//! [`Figures`]. Every row of every table keeps the case (or household) id it came from, so
//! the CSV files can be traced; the report's text prints counts only, never a child.

pub mod chart;
pub mod sending;
pub mod tables;

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::model::*;
use crate::schedule::{DueItem, DueKind};
use sending::{SentRow, sent_rows};

/// The period a report covers, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// A financial year from its name, `2025-26`: 1 April 2025 to 31 March 2026.
    pub fn financial_year(name: &str) -> Option<Period> {
        let (start, end) = name.split_once('-')?;
        let start: i32 = start.parse().ok()?;
        let end: i32 = end.parse().ok()?;
        if end != (start + 1) % 100 || !(1900..=2999).contains(&start) {
            return None;
        }
        Some(Period {
            from: NaiveDate::from_ymd_opt(start, 4, 1)?,
            to: NaiveDate::from_ymd_opt(start + 1, 3, 31)?,
        })
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The period of the same length just before this one (the previous financial year for
    /// a financial year).
    pub fn previous(self) -> Period {
        let to = self.from.pred_opt().unwrap_or(self.from);
        let from = if self.from.day() == 1 && self.from.month() == 4 && self.to.month() == 3 {
            NaiveDate::from_ymd_opt(self.from.year() - 1, 4, 1).unwrap_or(self.from)
        } else {
            to - (self.to - self.from)
        };
        Period { from, to }
    }

    /// Its name: `2025-26` for a financial year, else `2025-04-01 to 2026-03-31`.
    pub fn name(self) -> String {
        if Period::financial_year(&self.fy_name()) == Some(self) {
            self.fy_name()
        } else {
            format!("{} to {}", self.from, self.to)
        }
    }

    fn fy_name(self) -> String {
        format!("{}-{:02}", self.from.year(), (self.from.year() + 1) % 100)
    }

    /// The first day of each month the period touches.
    pub fn months(self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut month = NaiveDate::from_ymd_opt(self.from.year(), self.from.month(), 1);
        while let Some(m) = month.filter(|m| *m <= self.to) {
            out.push(m);
            month = crate::schedule::add_months(m, 1).into();
        }
        out
    }
}

/// A meeting that fell due, held in the period, with whether it was on time.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldRow {
    /// The case or household id.
    pub subject: String,
    pub kind: DueKind,
    pub number: Option<u32>,
    pub due: NaiveDate,
    pub held: NaiveDate,
    pub on_time: bool,
    /// Looked After Reviews: how the child took part.
    pub participation: Option<Participation>,
}

/// A dispute stage sent in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct StageRow {
    pub case: String,
    pub theme: String,
    pub raised: NaiveDate,
    pub stage: u8,
    pub sent: NaiveDate,
    pub response_due: NaiveDate,
    pub responded: Option<NaiveDate>,
    /// Still waiting for a response at the end of the period, past its due date.
    pub open_past_due: bool,
}

/// One IRO's caseload at the end of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Caseload {
    pub iro: String,
    pub name: String,
    pub fte: f64,
    pub children: usize,
    pub cases: Vec<String>,
}

impl Caseload {
    /// Children per full-time equivalent IRO.
    pub fn per_fte(&self) -> f64 {
        if self.fte > 0.0 {
            self.children as f64 / self.fte
        } else {
            self.children as f64
        }
    }

    /// Whether the caseload is inside the recommended 50 to 70 per full-time IRO.
    pub fn in_range(&self) -> bool {
        (50.0..=70.0).contains(&self.per_fte())
    }
}

/// Everything the report says about one period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Case ids of children looked after on any day of the period.
    pub looked_after_during: Vec<String>,
    /// Case ids of children looked after on its last day.
    pub looked_after_at_end: Vec<String>,
    pub reviews: Vec<HeldRow>,
    pub conferences: Vec<HeldRow>,
    pub foster_reviews: Vec<HeldRow>,
    pub stages: Vec<StageRow>,
    /// Case id and theme of each dispute raised in the period.
    pub disputes_raised: Vec<(String, String)>,
    pub caseloads: Vec<Caseload>,
    /// Introduction letters, consultation packs, decisions and records (see [`sending`]).
    pub sent: Vec<SentRow>,
    /// IROs allocated in the period, each against the day it was due (the introduction
    /// timescale after the child became looked after).
    pub allocations: Vec<HeldRow>,
    /// Disputes resolved in the period: the case and the last stage the dispute reached (0
    /// when it was resolved before a formal stage).
    pub disputes_resolved: Vec<(String, u8)>,
    /// Disputes still open on the period's last day.
    pub disputes_open_at_end: Vec<String>,
    /// Cases referred to Cafcass in the period.
    pub cafcass_referrals: Vec<String>,
}

impl Figures {
    /// (held, on time).
    pub fn timeliness(rows: &[HeldRow]) -> (usize, usize) {
        (rows.len(), rows.iter().filter(|r| r.on_time).count())
    }

    /// Reviews by participation code, every code listed (0 when none), then those with none.
    pub fn participation(&self) -> Vec<(Option<Participation>, usize)> {
        let mut out: Vec<(Option<Participation>, usize)> = Participation::ALL
            .iter()
            .map(|code| {
                let n = self
                    .reviews
                    .iter()
                    .filter(|r| r.participation == Some(*code))
                    .count();
                (Some(*code), n)
            })
            .collect();
        let none = self
            .reviews
            .iter()
            .filter(|r| r.participation.is_none())
            .count();
        out.push((None, none));
        out
    }

    /// Disputes raised, by theme, most first.
    pub fn disputes_by_theme(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, theme) in &self.disputes_raised {
            *counts.entry(theme).or_default() += 1;
        }
        let mut out: Vec<(String, usize)> =
            counts.into_iter().map(|(t, n)| (t.to_owned(), n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Stages sent in the period, by stage number.
    pub fn stages_by_number(&self) -> BTreeMap<u8, usize> {
        let mut out = BTreeMap::new();
        for s in &self.stages {
            *out.entry(s.stage).or_default() += 1;
        }
        out
    }

    /// Reviews held and on time in each month of the period.
    pub fn reviews_by_month(&self, period: Period) -> Vec<(NaiveDate, usize, usize)> {
        period
            .months()
            .into_iter()
            .map(|m| {
                let rows: Vec<&HeldRow> = self
                    .reviews
                    .iter()
                    .filter(|r| r.held.year() == m.year() && r.held.month() == m.month())
                    .collect();
                (m, rows.len(), rows.iter().filter(|r| r.on_time).count())
            })
            .collect()
    }
}

/// Looked after during a period, as the DfE counts it: in care on any day of it, leaving out a
/// child whose only legal status in the period is a short break (V3/V4).
pub fn looked_after_during(case: &Case, period: Period) -> bool {
    let in_care = (case.looked_after.iter())
        .any(|p| p.from <= period.to && p.to.is_none_or(|to| to >= period.from));
    in_care && !only_short_breaks(case, period)
}

/// Looked after at the end of a period (the DfE's 31 March figure): a period of care with no
/// end date on that day (one that ends that day has ended), not on a short break.
pub fn looked_after_at_end(case: &Case, day: NaiveDate) -> bool {
    let open = (case.looked_after.iter()).any(|p| p.from <= day && p.to.is_none_or(|to| to > day));
    open && !case
        .legal_status_on(day)
        .is_some_and(LegalStatus::is_short_break)
}

/// Whether every legal status in force at some time in the period is a short break (a child
/// with no legal status recorded is counted).
fn only_short_breaks(case: &Case, period: Period) -> bool {
    let mut statuses = (case.legal_status_on(period.from).into_iter()).chain(
        (case.legal_status.iter())
            .filter(|s| period.from < s.from && s.from <= period.to)
            .map(|s| s.code),
    );
    let first = statuses.next();
    first.is_some_and(|f| f.is_short_break()) && statuses.all(LegalStatus::is_short_break)
}

/// Works out the figures for one period.
pub fn figures(
    data: &ServiceData,
    schedules: &HashMap<String, Vec<DueItem>>,
    period: Period,
) -> Figures {
    let mut f = Figures::default();
    for case in &data.cases {
        if looked_after_during(case, period) {
            f.looked_after_during.push(case.id.clone());
        }
        if looked_after_at_end(case, period.to) {
            f.looked_after_at_end.push(case.id.clone());
        }
        let items = schedules
            .get(&case.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        f.sent
            .extend(sent_rows(&case.id, &case.meetings, items, period));
        f.allocations.extend(allocation(&case.id, items, period));
        for item in items {
            let Some(held) = item.done.filter(|d| period.contains(*d)) else {
                continue;
            };
            let row = HeldRow {
                subject: case.id.clone(),
                kind: item.kind,
                number: item.number,
                due: item.due,
                held,
                on_time: held <= item.due,
                participation: item
                    .meeting
                    .and_then(|m| case.meetings.get(m))
                    .and_then(|m| m.participation),
            };
            match item.kind {
                DueKind::LacReview => f.reviews.push(row),
                DueKind::CpInitialConference | DueKind::CpReviewConference => {
                    f.conferences.push(row)
                }
                _ => {}
            }
        }
        dispute_figures(&mut f, case, items, period);
    }
    for household in &data.carers {
        let items = schedules
            .get(&household.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        f.sent
            .extend(sent_rows(&household.id, &household.reviews, items, period));
        for item in items
            .iter()
            .filter(|i| i.kind == DueKind::FosterCarerReview)
        {
            if let Some(held) = item.done.filter(|d| period.contains(*d)) {
                f.foster_reviews.push(HeldRow {
                    subject: household.id.clone(),
                    kind: item.kind,
                    number: item.number,
                    due: item.due,
                    held,
                    on_time: held <= item.due,
                    participation: None,
                });
            }
        }
    }
    f.caseloads = caseloads(data, &f.looked_after_at_end);
    f
}

/// The IRO's allocation, when it was made in the period: against the care period it was made
/// for (the last one begun by that day), so a child with two periods of care is counted once.
fn allocation(case: &str, items: &[DueItem], period: Period) -> Option<HeldRow> {
    let item = (items.iter())
        .filter(|i| i.kind == DueKind::IroAllocation)
        .filter(|i| i.done.is_some_and(|d| i.basis <= d))
        .max_by_key(|i| i.basis)?;
    let held = item.done.filter(|d| period.contains(*d))?;
    Some(HeldRow {
        subject: case.to_owned(),
        kind: item.kind,
        number: None,
        due: item.due,
        held,
        on_time: held <= item.due,
        participation: None,
    })
}

/// The disputes raised in the period, and each stage sent in it with whether it was still
/// waiting past its response date at the end.
fn dispute_figures(f: &mut Figures, case: &Case, items: &[DueItem], period: Period) {
    for d in &case.disputes {
        if period.contains(d.raised) {
            f.disputes_raised.push((case.id.clone(), d.theme.clone()));
        }
        let reached = d.stages.iter().map(|s| s.stage).max().unwrap_or(0);
        match d.resolved {
            Some(day) if period.contains(day) => {
                f.disputes_resolved.push((case.id.clone(), reached));
            }
            Some(day) if day <= period.to => {}
            _ if d.raised <= period.to => f.disputes_open_at_end.push(case.id.clone()),
            _ => {}
        }
        if d.cafcass_referral.is_some_and(|day| period.contains(day)) {
            f.cafcass_referrals.push(case.id.clone());
        }
        for (k, s) in d.stages.iter().enumerate() {
            let due = items
                .iter()
                .find(|i| {
                    i.kind == DueKind::DisputeStageResponse
                        && i.number == Some(u32::from(s.stage))
                        && i.basis == s.sent
                })
                .map_or(s.sent, |i| i.due);
            let answered_by_end = s
                .responded
                .or(d.stages.get(k + 1).map(|n| n.sent))
                .or(d.resolved)
                .is_some_and(|r| r <= period.to);
            if period.contains(s.sent) {
                f.stages.push(StageRow {
                    case: case.id.clone(),
                    theme: d.theme.clone(),
                    raised: d.raised,
                    stage: s.stage,
                    sent: s.sent,
                    response_due: due,
                    responded: s.responded,
                    open_past_due: !answered_by_end && due < period.to,
                });
            }
        }
    }
}

/// Children looked after at the end of the period, per IRO (every IRO listed, even with none).
fn caseloads(data: &ServiceData, at_end: &[String]) -> Vec<Caseload> {
    data.service
        .team
        .iter()
        .filter(|m| matches!(m.role, TeamRole::Iro | TeamRole::CpChair))
        .map(|m| {
            let cases: Vec<String> = data
                .cases
                .iter()
                .filter(|c| at_end.contains(&c.id))
                .filter(|c| c.iro.as_ref().is_some_and(|i| i.id == m.id))
                .map(|c| c.id.clone())
                .collect();
            Caseload {
                iro: m.id.clone(),
                name: m.name.clone(),
                fte: m.fte,
                children: cases.len(),
                cases,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
