//! The sending figures as the report prints them: a line in the year at a glance for each,
//! and a table of letters, packs, decisions and records sent on time, late and not recorded.

use serde::Serialize;

use super::percent;
use crate::report::Figures;
use crate::report::sending::{SENT_KINDS, Tally};
use crate::schedule::DueKind;

/// What the report calls each thing sent.
fn label(kind: DueKind) -> &'static str {
    match kind {
        DueKind::IntroductionLetter => "Introduction letters",
        DueKind::ConsultationPacks => "Consultation packs",
        DueKind::DecisionsSent => "Decisions",
        DueKind::RecordSent => "Records",
        _ => kind.label(),
    }
}

/// The rows for the year at a glance: (figure, this period, the one before).
pub(super) fn summary(f: &Figures, p: &Figures) -> Vec<Vec<String>> {
    let letters = (
        Tally::of(&f.sent, DueKind::IntroductionLetter),
        Tally::of(&p.sent, DueKind::IntroductionLetter),
    );
    let mut rows = vec![
        vec![
            "Introduction letters sent".to_owned(),
            letters.0.sent().to_string(),
            letters.1.sent().to_string(),
        ],
        vec![
            "Introduction letters sent on time".to_owned(),
            percent(letters.0.on_time, letters.0.sent()),
            percent(letters.1.on_time, letters.1.sent()),
        ],
        vec![
            "Introduction letters due and not sent by the end of the period".to_owned(),
            letters.0.overdue.to_string(),
            letters.1.overdue.to_string(),
        ],
    ];
    for kind in &SENT_KINDS[1..] {
        let (a, b) = (Tally::of(&f.sent, *kind), Tally::of(&p.sent, *kind));
        rows.push(vec![
            format!("{} sent on time, of those with a date", label(*kind)),
            percent(a.on_time, a.sent()),
            percent(b.on_time, b.sent()),
        ]);
    }
    rows
}

/// One line of the report's sending table: a figure for letters, packs, decisions and
/// records, in that order (`-` where it does not apply).
#[derive(Debug, Serialize)]
pub struct SentLine {
    pub label: &'static str,
    pub values: Vec<String>,
}

/// The report's section on what was sent, with the service's timescales that say what on
/// time means.
#[derive(Debug, Serialize)]
pub struct SendingView {
    pub lines: Vec<SentLine>,
    pub letters_sent: usize,
    pub letters_on_time: usize,
    pub letters_overdue: usize,
    pub not_recorded: usize,
    pub introduction_days: u32,
    pub packs_days: u32,
    pub decisions_days: u32,
    pub record_days: u32,
}

/// The sending part of the report's view: counts and shares, no case.
pub(super) fn view(service: &crate::model::Service, f: &Figures) -> SendingView {
    let t = &service.timescales;
    let tallies: Vec<(DueKind, Tally)> = SENT_KINDS
        .iter()
        .map(|k| (*k, Tally::of(&f.sent, *k)))
        .collect();
    let line = |label: &'static str, value: &dyn Fn(DueKind, Tally) -> String| SentLine {
        label,
        values: tallies.iter().map(|(k, n)| value(*k, *n)).collect(),
    };
    let letters_only = |k: DueKind| k == DueKind::IntroductionLetter;
    let or_dash = |show: bool, n: usize| if show { n.to_string() } else { "-".into() };
    let lines = vec![
        line("Sent on time", &|_, n| n.on_time.to_string()),
        line("Sent late", &|_, n| n.late.to_string()),
        line("Share on time", &|_, n| percent(n.on_time, n.sent())),
        line("Due and not sent", &|k, n| {
            or_dash(letters_only(k), n.overdue)
        }),
        line("No date recorded", &|k, n| {
            or_dash(!letters_only(k), n.not_recorded)
        }),
    ];
    let letters = Tally::of(&f.sent, DueKind::IntroductionLetter);
    SendingView {
        lines,
        letters_sent: letters.sent(),
        letters_on_time: letters.on_time,
        letters_overdue: letters.overdue,
        not_recorded: tallies.iter().map(|(_, n)| n.not_recorded).sum(),
        introduction_days: t.introduction_working_days,
        packs_days: t.consultation_working_days_before,
        decisions_days: t.decisions_working_days_after,
        record_days: t.record_working_days_after,
    }
}
