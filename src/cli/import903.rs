//! `iro import-903 DIR --out CASES_DIR`: case files from a service's SSDA903 return.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;

use super::lock::{Folder, LockArgs, lock_folders};
use super::{ServiceArgs, today};
use crate::import::ssda903::{Reason, import};

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
    #[command(flatten)]
    lock: LockArgs,
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
    let imported = import(
        &header,
        &episodes,
        &reviews,
        args.as_of.unwrap_or_else(today),
    );
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
    let updated = crate::import::write_imported(&imported.cases, &out)?;
    for r in &imported.rejected {
        eprintln!(
            "rejected: {}:{}: `{}`: {} ({})",
            r.table,
            r.row,
            r.column,
            r.reason.words(),
            r.detail
        );
    }
    let mut by_reason: BTreeMap<Reason, usize> = BTreeMap::new();
    for r in &imported.rejected {
        *by_reason.entry(r.reason).or_default() += 1;
    }
    eprintln!(
        "iro: imported {} children ({} updated), {} episodes, {} reviews into `{}`",
        imported.cases.len(),
        updated,
        imported.episodes,
        imported.reviews,
        out.display()
    );
    if by_reason.is_empty() {
        eprintln!("iro: no rows rejected");
    } else {
        eprintln!("iro: {} rows rejected:", imported.rejected.len());
        for (reason, n) in by_reason {
            eprintln!("  {n:>6}  {}", reason.words());
        }
    }
    Ok(true)
}
