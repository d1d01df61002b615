//! `iro build`: make every document that is due, in every format its reader needs.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::lock::{Folder, LockArgs, lock_folders};
use super::{ServiceArgs, report, report_left_out_of, today};
use crate::diag::plural;
use crate::kinds::kind_names;
use crate::pipeline::{Options, build};
use crate::plan::Selection;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// The output folder: one folder per child, and manifest.json.
    #[arg(long, short = 'o', value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Only this case id.
    #[arg(long, value_name = "ID")]
    case: Option<String>,
    /// Only this kind of document (or group): see the README for the list.
    #[arg(long, value_name = "KIND", value_parser = clap::builder::PossibleValuesParser::new(kind_names()))]
    only: Option<String>,
    /// Date every document this day (YYYY-MM-DD). Without it each document takes its date
    /// from the case file, never from the clock, so the same files give the same output.
    #[arg(long, value_name = "DATE")]
    date: Option<NaiveDate>,
    /// Build as on this day instead of today: which consultation packs are due, and what is
    /// "overdue" or "in the future" (as `iro check`). What documents say never depends on it.
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Also write each PDF's generated Typst source (`.typ`) beside it, for debugging layouts.
    #[arg(long)]
    keep_typst: bool,
    /// Make nothing while any file has an error. Without it, case files with errors are left
    /// out (and listed first) and every other child's documents are made.
    #[arg(long)]
    strict: bool,
    /// Make a sent document again, as an amended copy to send (a file such as
    /// `NM-1010/record-2026-10-22-lac-review/mum.pdf`, its folder, or a case id). Without it a
    /// sent document is never made again.
    #[arg(long, value_name = "PATH")]
    amend: Vec<String>,
    #[command(flatten)]
    lock: LockArgs,
}

static BAR: OnceLock<indicatif::ProgressBar> = OnceLock::new();

fn progress(done: u64, total: u64) {
    let bar = BAR.get_or_init(|| {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents {eta}")
                .expect("a valid progress template"),
        );
        bar
    });
    bar.set_position(done);
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    // The service folder, so that no case file changes while it is read; and the output
    // folder itself, which two copies of a service (two clones, say) may share. A mistyped
    // `--service` makes no output folder: the build stops before writing anything.
    let service_found = args.service.service.is_dir();
    let folders = [
        Folder {
            name: "the service folder",
            path: &args.service.service,
            make: false,
            read_only_ok: true,
        },
        Folder {
            name: "the output folder",
            path: &args.out,
            make: service_found,
            read_only_ok: false,
        },
    ];
    let Some(_held) = lock_folders(&folders, "iro build", &args.lock)? else {
        return Ok(false);
    };
    let interactive = std::io::stderr().is_terminal();
    let options = Options {
        service: args.service.service,
        out: args.out,
        selection: Selection {
            case: args.case,
            only: args.only,
            date: args.date,
        },
        as_of: args.as_of.unwrap_or_else(today),
        keep_typst: args.keep_typst,
        progress: interactive.then_some(progress as fn(u64, u64)),
        strict: args.strict,
        amend: crate::pipeline::Amend(args.amend),
    };
    let result = build(&options);
    if let Some(bar) = BAR.get() {
        bar.finish_and_clear();
    }
    match result {
        Ok(done) => {
            let complete = report_left_out_of(&options.service, &done.diagnostics);
            // Warnings are `iro check`'s to explain; a build only says how many there are.
            let warnings = done.diagnostics.iter().filter(|d| !d.is_error()).count();
            if warnings > 0 {
                eprintln!(
                    "iro: the service folder has {} (see `iro check`)",
                    plural(warnings, "warning")
                );
            }
            for line in done.format_warnings.iter().chain(&done.sent_changed) {
                eprintln!("iro: warning: {line}");
            }
            if let Some(case) = &options.selection.case
                && done.planned == 0
                && options.selection.only.is_none()
            {
                eprintln!(
                    "iro: no documents for case `{case}`: check the id, and that the child has an IRO"
                );
                return Ok(false);
            }
            eprintln!(
                "iro: {}: {} written, {} unchanged, in `{}`{}",
                plural(done.planned, "document"),
                done.written,
                done.unchanged,
                options.out.display(),
                sent_words(&done),
            );
            Ok(complete)
        }
        Err(failure) => {
            let mut diagnostics = failure.diagnostics;
            report(&failure.loaded, &mut diagnostics, "the build");
            Ok(false)
        }
    }
}

/// What the build left alone or took away, when it did: `; 12 already sent (in sent/), 3
/// files of an earlier plan removed`.
fn sent_words(done: &crate::pipeline::Report) -> String {
    let mut parts = Vec::new();
    if done.sent > 0 {
        parts.push(format!("{} already sent (kept in `sent/`)", done.sent));
    }
    if done.history > 0 {
        parts.push(format!(
            "{} sent before iro kept them (history, not made)",
            done.history
        ));
    }
    if done.removed > 0 {
        parts.push(format!(
            "{} of an earlier plan removed",
            plural(done.removed, "file")
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}
