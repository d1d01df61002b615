//! `iro due`: what is due and overdue across the service, soonest first.

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use super::{ServiceArgs, report, report_left_out, today};
use crate::load::load_service_folder;
use crate::schedule::{Calendar, DueItem, holidays, schedule_carer, schedule_case};
use crate::validate::validate_service;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// Show items due within this many days (overdue items are always shown).
    #[arg(long, value_name = "DAYS", default_value_t = 28, value_parser = clap::value_parser!(u32).range(0..=3660))]
    within: u32,
    /// Count from this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Print JSON (a stable shape, documented in the README) instead of a table.
    #[arg(long)]
    json: bool,
    /// Also write the items to this iCalendar file, for Outlook or Google Calendar.
    #[arg(long, value_name = "FILE")]
    ics: Option<PathBuf>,
    /// List nothing while any file has an error. Without it, case files with errors are left
    /// out (and listed first) and everything else is listed.
    #[arg(long)]
    strict: bool,
}

/// One row of `iro due --json`. Field names are part of the documented interface.
#[derive(Debug, Serialize)]
pub struct DueRow {
    /// The case id or carer household id.
    pub case: String,
    pub subject_kind: crate::schedule::SubjectKind,
    pub kind: crate::schedule::DueKind,
    pub what: String,
    pub number: Option<u32>,
    pub due: NaiveDate,
    pub basis: NaiveDate,
    pub basis_label: String,
    /// `overdue` or `due`.
    pub status: &'static str,
    /// Days until due (negative when overdue).
    pub days: i64,
    pub detail: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let mut loaded = load_service_folder(&args.service.service);
    let as_of = args.as_of.unwrap_or_else(today);
    let mut validated = validate_service(&mut loaded, as_of).strict(args.strict);
    let Some(data) = validated.data else {
        validated.diagnostics.retain(|d| d.is_error());
        report(&loaded, &mut validated.diagnostics, "the service folder");
        eprintln!("iro: fix these errors (see `iro check`) before listing what is due");
        return Ok(false);
    };
    let complete = report_left_out(&loaded, &validated.diagnostics);
    let calendar = Calendar::of_service(&data.service);
    let timescales = &data.service.timescales;
    let mut items: Vec<DueItem> = data
        .cases
        .iter()
        .flat_map(|c| schedule_case(c, timescales, &calendar))
        .chain(
            data.carers
                .iter()
                .flat_map(|h| schedule_carer(h, timescales, &calendar)),
        )
        .collect();
    let horizon = as_of + chrono::Days::new(args.within.into());
    items.retain(|i| i.done.is_none() && i.due <= horizon);
    items.sort_by(|a, b| (a.due, &a.subject, a.kind).cmp(&(b.due, &b.subject, b.kind)));
    let mut rows: Vec<DueRow> = items.iter().map(|i| row(i, as_of)).collect();
    note_no_contact(&mut rows, &data.cases);
    let projected = (rows.iter()).find(|r| holidays::is_projection(r.due.year()));
    if let Some(r) = projected {
        eprintln!(
            "iro: note: dates from {} on count through bank holidays projected from the usual rules (published to {}); add any one-off day announced later under `bank_holidays:` in service.yaml",
            r.due.year().min(holidays::LAST_PUBLISHED + 1),
            holidays::LAST_PUBLISHED
        );
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        print_table(&rows, as_of, args.within);
    }
    if let Some(path) = &args.ics {
        let ics = calendar_file(&rows, &data.service.service.name, Utc::now());
        crate::write::write_atomic(path, ics.as_bytes())
            .with_context(|| format!("failed to write calendar file `{}`", path.display()))?;
        eprintln!("iro: wrote {} items to `{}`", rows.len(), path.display());
    }
    Ok(complete)
}

fn row(item: &DueItem, as_of: NaiveDate) -> DueRow {
    let what = match item.number {
        Some(n) => format!("{} ({})", item.kind.label(), ordinal(n)),
        None => item.kind.label().to_owned(),
    };
    DueRow {
        case: item.subject.clone(),
        subject_kind: item.subject_kind,
        kind: item.kind,
        what,
        number: item.number,
        due: item.due,
        basis: item.basis,
        basis_label: item.basis_label.clone(),
        status: if item.is_overdue(as_of) {
            "overdue"
        } else {
            "due"
        },
        days: (item.due - as_of).num_days(),
        detail: item.detail.clone(),
    }
}

/// Where a pack or record would go to someone marked `no_contact`, says that they get none, so
/// that no one posts them a copy by hand.
fn note_no_contact(rows: &mut [DueRow], cases: &[crate::model::Case]) {
    use crate::schedule::DueKind;
    for row in rows {
        let sends = matches!(
            row.kind,
            DueKind::ConsultationPacks | DueKind::DecisionsSent | DueKind::RecordSent
        );
        let Some(case) = cases.iter().find(|c| c.id == row.case).filter(|_| sends) else {
            continue;
        };
        let barred: Vec<&str> = (case.people.iter())
            .filter(|p| p.no_contact)
            .map(|p| p.name.as_str())
            .collect();
        if !barred.is_empty() {
            let note = format!("nothing to {} (no contact)", barred.join(", "));
            row.detail = Some(match row.detail.take() {
                Some(d) => format!("{d}; {note}"),
                None => note,
            });
        }
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn print_table(rows: &[DueRow], as_of: NaiveDate, within: u32) {
    if rows.is_empty() {
        println!("Nothing overdue or due in the {within} days from {as_of}.");
        return;
    }
    let overdue = rows.iter().filter(|r| r.status == "overdue").count();
    println!(
        "As of {as_of}: {overdue} overdue, {} due within {within} days",
        rows.len() - overdue
    );
    println!();
    let width = rows.iter().map(|r| r.case.len()).max().unwrap_or(4).max(4);
    println!("{:<10}  {:<8}  {:<width$}  WHAT", "DUE", "STATUS", "CASE");
    for r in rows {
        let status = if r.status == "overdue" {
            format!("{}d late", -r.days)
        } else {
            format!("in {}d", r.days)
        };
        let detail = r
            .detail
            .as_deref()
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        println!(
            "{:<10}  {status:<8}  {:<width$}  {} (from {} {}){detail}",
            r.due.format("%Y-%m-%d"),
            r.case,
            r.what,
            r.basis_label,
            r.basis.format("%-d %b %Y")
        );
    }
}

/// An iCalendar file (RFC 5545) with one all-day event per item, stamped with the time it was
/// made.
fn calendar_file(rows: &[DueRow], service_name: &str, made: DateTime<Utc>) -> String {
    use icalendar::{Calendar as Ics, Component, Event, EventLike};
    let mut cal = Ics::new();
    cal.name(&format!("{service_name}: due dates"));
    for r in rows {
        let event = Event::new()
            .uid(&event_uid(r))
            .summary(&format!("{}: {}", r.case, r.what))
            .description(r.detail.as_deref().unwrap_or(&r.basis_label))
            // An all-day event ends the day after it starts: DTEND is not part of it.
            .starts(r.due)
            .ends(r.due.succ_opt().unwrap_or(r.due))
            .timestamp(made)
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

/// The same for an item however its dates move, so that importing the file again updates the
/// event in a calendar instead of adding a second one, and distinct for every item. A numbered
/// item (the 3rd review, the packs before it) is itself by its number; an unnumbered one (a
/// decision, an extra review) by the date it counts from, which is when it came about, and by
/// its detail (two decisions of one meeting differ in their words).
fn event_uid(r: &DueRow) -> String {
    let counted_from = match r.number {
        Some(_) => String::new(),
        None => r.basis.to_string(),
    };
    let identity = format!(
        "{}|{:?}|{:?}|{counted_from}|{:?}",
        r.case, r.kind, r.number, r.detail
    );
    format!(
        "{}@iro",
        &crate::write::sha256_hex(identity.as_bytes())[..32]
    )
}
