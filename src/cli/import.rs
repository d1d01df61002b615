//! `iro import-responses FILE...`: add answers returned on consultation forms to their reviews.
//!
//! All or nothing: every file is checked first and every problem printed; only when all are
//! good is anything written. Each changed case file is shown as a diff, backed up beside itself
//! (`NM-1003.yaml.bak`) and replaced atomically. The service folder is locked from before the
//! files are read until they are written, and a file that changed since it was read anyway
//! (edited by hand meanwhile) is refused, so no one's change is ever lost.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use super::lock::{Folder, Held, LockArgs, ensure_unchanged, lock_folders};
use super::{ServiceArgs, report, today};
use crate::edit;
use crate::import::{Checked, check_answers};
use crate::load::{Loaded, load_service_folder};
use crate::model::ServiceData;
use crate::validate::{Validated, validate_service};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// Answers files saved from the HTML forms (`.json`), or typed up by hand (`.yaml`).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Show what would change, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Do not ask before writing (asked only when run in a terminal).
    #[arg(long, short = 'y')]
    yes: bool,
    /// The day the answers were received (YYYY-MM-DD); defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<NaiveDate>,
    #[command(flatten)]
    lock: LockArgs,
}

/// How the command names itself in the lock and in messages.
const COMMAND: &str = "iro import-responses";

/// One case file's edit: its path (relative to the service folder), its text as read, its
/// text with the answers added, and how many were added.
struct Edit {
    path: PathBuf,
    before: String,
    after: String,
    added: usize,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let received = args.date.unwrap_or_else(today);
    let service = &args.service.service;
    // Taken before reading, so that a second import waits and then reads the first one's
    // answers. A dry run only reads, and reading never waits.
    let mut held = None;
    if !args.dry_run {
        match lock_service(service, &args.lock)? {
            Some(h) => held = Some(h),
            None => return Ok(false),
        }
    }
    let mut loaded = load_service_folder(service);
    // All or nothing: this edits case files, and a broken one would read as an unknown case.
    let mut validated = validate_service(&mut loaded, received).strict(true);
    let Some(data) = validated.data.take() else {
        report(&loaded, &mut validated.diagnostics, "the service folder");
        eprintln!("iro: fix the service folder first; no answers were imported");
        return Ok(false);
    };
    let Some(good) = check_all(&args.files, &data, received) else {
        return Ok(false);
    };
    let edits = plan_edits(&good, &data, &validated, &loaded)?;
    let changes: Vec<&Edit> = edits.values().filter(|e| e.before != e.after).collect();
    for edit in &changes {
        let name = edit.path.display().to_string();
        print!("{}", edit::diff(&name, &edit.before, &edit.after));
    }
    if args.dry_run || changes.is_empty() {
        eprintln!("iro: {} case files would change", changes.len());
        return Ok(true);
    }
    if !args.yes && std::io::stdin().is_terminal() {
        // No one should wait on a person making up their mind: the folder is let go
        // meanwhile, and every file is checked to be unchanged before it is written.
        drop(held.take());
        if !confirm()? {
            eprintln!("iro: nothing was written");
            return Ok(true);
        }
        match lock_service(service, &args.lock)? {
            Some(h) => held = Some(h),
            None => return Ok(false),
        }
    }
    for edit in &changes {
        ensure_unchanged(service, &edit.path, &edit.before, COMMAND)?;
    }
    write_edits(service, &changes)?;
    drop(held);
    Ok(true)
}

fn lock_service(service: &Path, args: &LockArgs) -> anyhow::Result<Option<Held>> {
    let folder = Folder {
        name: "the service folder",
        path: service,
        make: false,
        read_only_ok: false,
    };
    lock_folders(&[folder], COMMAND, args)
}

/// Every answers file checked, with every problem printed; `None` if any had one.
fn check_all(files: &[PathBuf], data: &ServiceData, received: NaiveDate) -> Option<Vec<Checked>> {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut good: Vec<Checked> = Vec::new();
    let mut failed = 0;
    for file in files {
        match check_answers(file, data, received) {
            Ok(checked) => good.push(checked),
            Err((problems, text)) => {
                failed += 1;
                for d in problems {
                    eprintln!("{}", d.render(text.as_deref(), color));
                }
            }
        }
    }
    if failed > 0 {
        eprintln!(
            "iro: {failed} of {} answers files have problems; nothing was imported",
            files.len()
        );
        return None;
    }
    Some(good)
}

/// The edit of each case file that gets answers, by case id; answers already there are skipped.
fn plan_edits(
    good: &[Checked],
    data: &ServiceData,
    validated: &Validated,
    loaded: &Loaded,
) -> anyhow::Result<BTreeMap<String, Edit>> {
    let mut edits: BTreeMap<String, Edit> = BTreeMap::new();
    for checked in good {
        let case = data
            .cases
            .iter()
            .find(|c| c.id == checked.case)
            .expect("checked answers name a case of this service");
        let path = validated
            .files
            .get(&case.id)
            .context("the case file is not known")?
            .clone();
        let entry = edits.entry(case.id.clone()).or_insert_with(|| {
            let text = loaded.text_of(&path).unwrap_or_default().to_owned();
            Edit {
                path: path.clone(),
                before: text.clone(),
                after: text,
                added: 0,
            }
        });
        let now = edit::read_case(&entry.after)?;
        let already = now.meetings[checked.meeting].responses.iter().any(|r| {
            r.from == checked.response.from
                && r.form == checked.response.form
                && r.answers == checked.response.answers
        });
        if already {
            eprintln!(
                "iro: the answers from `{}` for {} are already in `{}`; skipped",
                checked.response.from,
                case.id,
                path.display()
            );
            continue;
        }
        let new_text = edit::add_response(&entry.after, checked.meeting, &checked.response)
            .map_err(|e| anyhow::anyhow!("cannot add the answers to `{}`: {e}", path.display()))?;
        edit::prove(&now, &new_text, checked.meeting, &checked.response)
            .map_err(|e| anyhow::anyhow!("refusing to change `{}`: {e}", path.display()))?;
        entry.after = new_text;
        entry.added += 1;
    }
    Ok(edits)
}

/// Writes each changed case file, its old text kept beside it as `.bak`.
fn write_edits(service: &Path, changes: &[&Edit]) -> anyhow::Result<()> {
    for edit in changes {
        let file = service.join(&edit.path);
        let backup = PathBuf::from(format!("{}.bak", file.display()));
        crate::write::write_atomic(&backup, edit.before.as_bytes())
            .with_context(|| format!("cannot write the backup `{}`", backup.display()))?;
        crate::write::write_atomic(&file, edit.after.as_bytes())
            .with_context(|| format!("cannot write `{}`", file.display()))?;
        eprintln!(
            "iro: added {} to `{}` (the old file is `{}`)",
            crate::diag::plural(edit.added, "answer"),
            edit.path.display(),
            backup.display()
        );
    }
    Ok(())
}

fn confirm() -> anyhow::Result<bool> {
    eprint!("Write these changes? [y/N] ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}
