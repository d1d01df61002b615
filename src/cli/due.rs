//! `iro due`: what is due and overdue across the service (`pipeline::due`), as a table or JSON,
//! and as an iCalendar file.

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::{Datelike, NaiveDate, Utc};

use super::{ServiceArgs, report, report_left_out, today};
use crate::pipeline::due::{Due, DueOptions, DueRow, calendar_file, due};
use crate::schedule::holidays;

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

pub fn run(args: Args) -> anyhow::Result<bool> {
    let as_of = args.as_of.unwrap_or_else(today);
    let Due {
        loaded,
        mut validated,
        rows,
    } = due(&DueOptions {
        service: args.service.service.clone(),
        as_of,
        within: args.within,
        strict: args.strict,
    });
    let Some(data) = &validated.data else {
        validated.diagnostics.retain(|d| d.is_error());
        report(&loaded, &mut validated.diagnostics, "the service folder");
        eprintln!("iro: fix these errors (see `iro check`) before listing what is due");
        return Ok(false);
    };
    let complete = report_left_out(&loaded, &validated.diagnostics);
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
