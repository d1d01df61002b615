//! `iro report`: the IRO annual report for a financial year or any period.

use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use super::lock::{Folder, LockArgs, lock_folders};
use super::{ServiceArgs, report as print_report, report_left_out, today};
use crate::pipeline::report::{ReportOptions, Reported, report};
use crate::report::Period;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// A financial year, April to March: `2025-26`.
    #[arg(long, value_name = "YYYY-YY", conflicts_with_all = ["from", "to"])]
    year: Option<String>,
    /// The first day of the period (with --to).
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<NaiveDate>,
    /// The last day of the period (with --from).
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<NaiveDate>,
    /// Where to write; the report goes in a folder named after the period.
    #[arg(long, short = 'o', value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Write nothing while any file has an error. Without it, case files with errors are left
    /// out of the figures (and listed first).
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    lock: LockArgs,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let period = match (&args.year, args.from, args.to) {
        (Some(year), _, _) => Period::financial_year(year)
            .with_context(|| format!("`{year}` is not a financial year; write it like 2025-26"))?,
        (None, Some(from), Some(to)) if from <= to => Period { from, to },
        (None, Some(_), Some(_)) => bail!("--from must be on or before --to"),
        _ => bail!("say which period: --year 2025-26, or --from DATE --to DATE"),
    };
    let Reported {
        loaded,
        mut validated,
        files,
    } = report(&ReportOptions {
        service: args.service.service.clone(),
        period,
        as_of: today(),
        strict: args.strict,
    });
    let Some(files) = files else {
        print_report(&loaded, &mut validated.diagnostics, "the service folder");
        return Ok(false);
    };
    let complete = report_left_out(&loaded, &validated.diagnostics);
    let files = match files {
        Ok(files) => files,
        Err(d) => {
            let mut diagnostics = vec![d];
            print_report(&loaded, &mut diagnostics, "the report");
            return Ok(false);
        }
    };
    // The report goes in the output folder a build writes too: it waits for a build there,
    // and a build waits for it (a build sweeps up temporary files it finds).
    let out = Folder {
        name: "the output folder",
        path: &args.out,
        make: true,
        read_only_ok: false,
    };
    let Some(_held) = lock_folders(&[out], "iro report", &args.lock)? else {
        return Ok(false);
    };
    let folder = args
        .out
        .join(format!("report-{}", period.name().replace(' ', "_")));
    for (name, bytes) in &files {
        let path = folder.join(name);
        crate::write::write_atomic(&path, bytes)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    eprintln!(
        "iro: the report for {} ({} to {}): {} files in `{}`",
        period.name(),
        period.from,
        period.to,
        files.len(),
        folder.display()
    );
    let words = crate::pipeline::report::narrative_path(&args.service.service, period);
    if !words.is_file() {
        eprintln!(
            "iro: note: the report has no words of the service's own; write them in Markdown in `{}` (a `## Priorities` section there goes at the end)",
            words.display()
        );
    }
    Ok(complete)
}
