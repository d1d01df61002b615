//! `iro import-903 DIR --out CASES_DIR`: case files from a service's SSDA903 return.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;

use super::lock::{Folder, LockArgs, lock_folders};
use super::{ServiceArgs, today};
use crate::diag::plural;
use crate::import::ssda903::{Reason, Window, import};
use crate::report::Period;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder holding the return's header.csv, episodes.csv and reviews.csv.
    dir: PathBuf,
    #[command(flatten)]
    service: ServiceArgs,
    /// The cases folder to write into (default: the service folder's cases/). Existing case
    /// files are updated, not replaced.
    #[arg(long, value_name = "CASES_DIR")]
    out: Option<PathBuf>,
    /// The day of the import: rows dated after it are refused (default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// The return's collection year, April to March (`2025-26`): rows dated after its last
    /// day are refused.
    #[arg(long, value_name = "YYYY-YY", value_parser = parse_year)]
    year: Option<Period>,
    #[command(flatten)]
    lock: LockArgs,
}

fn parse_year(text: &str) -> Result<Period, String> {
    Period::financial_year(text)
        .ok_or_else(|| format!("`{text}` is not a collection year; write it like 2025-26"))
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let read = |name: &str| {
        let path = args.dir.join(name);
        std::fs::read_to_string(&path).with_context(|| format!("cannot read `{}`", path.display()))
    };
    let (header, episodes, reviews) = (
        read("header.csv")?,
        read("episodes.csv")?,
        read("reviews.csv")?,
    );
    let window = Window {
        as_of: args.as_of.unwrap_or_else(today),
        year: args.year,
    };
    let imported = import(&header, &episodes, &reviews, window);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.service.service.join("cases"));
    // The service folder that holds the cases folder, which `iro new review` and
    // `iro import-responses` lock too when they edit a case file there.
    let service = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    let folder = Folder {
        name: "the service folder",
        path: service,
        make: true,
        read_only_ok: false,
    };
    let Some(_held) = lock_folders(&[folder], "iro import-903", &args.lock)? else {
        return Ok(false);
    };
    let written = crate::import::write_imported(&imported.cases, &out)?;
    for path in &written.rewritten {
        eprintln!(
            "warning: `{}` could not be edited in place, so it was written anew and its comments were lost",
            path.display()
        );
    }
    for r in &imported.rejected {
        let what = if r.reason.kept() {
            "warning"
        } else {
            "rejected"
        };
        eprintln!(
            "{what}: {}:{}: `{}`: {} ({})",
            r.table,
            r.row,
            r.column,
            r.reason.words(),
            r.detail
        );
    }
    for (row, child) in &imported.no_episode {
        eprintln!(
            "not imported: header.csv:{row}: child `{child}` has no episode, so no case file was written"
        );
    }
    let mut by_reason: BTreeMap<Reason, usize> = BTreeMap::new();
    let mut kept: BTreeMap<Reason, usize> = BTreeMap::new();
    for r in &imported.rejected {
        let tally = if r.reason.kept() {
            &mut kept
        } else {
            &mut by_reason
        };
        *tally.entry(r.reason).or_default() += 1;
    }
    eprintln!(
        "iro: imported {} children ({} updated), {} episodes, {} reviews into `{}`",
        imported.cases.len(),
        written.updated,
        imported.episodes,
        imported.reviews,
        out.display()
    );
    if !imported.no_episode.is_empty() {
        eprintln!(
            "iro: {} with no episode listed above (no case file written)",
            match imported.no_episode.len() {
                1 => "1 child".to_owned(),
                n => format!("{n} children"),
            }
        );
    }
    if by_reason.is_empty() {
        eprintln!("iro: no rows rejected");
    } else {
        let n: usize = by_reason.values().sum();
        eprintln!("iro: {} rejected:", plural(n, "row"));
        for (reason, n) in by_reason {
            eprintln!("  {n:>6}  {}", reason.words());
        }
    }
    if !kept.is_empty() {
        let n: usize = kept.values().sum();
        eprintln!("iro: {} imported with a warning:", plural(n, "row"));
        for (reason, n) in kept {
            eprintln!("  {n:>6}  {}", reason.words());
        }
    }
    Ok(true)
}
