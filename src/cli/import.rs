//! `iro import-responses FILE...`: add answers returned on consultation forms to their reviews.
//!
//! All or nothing: every file is checked first and every problem printed; only when all are
//! good is anything written. Each changed case file is shown as a diff, backed up beside itself
//! (`NM-1003.yaml.bak`) and replaced atomically.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;

use super::{ServiceArgs, report, today};
use crate::edit;
use crate::import::{Checked, check_answers};
use crate::load::load_service_folder;
use crate::validate::validate_service;

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
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let received = args.date.unwrap_or_else(today);
    let mut loaded = load_service_folder(&args.service.service);
    // All or nothing: this edits case files, and a broken one would read as an unknown case.
    let mut validated = validate_service(&mut loaded, received).strict(true);
    let Some(data) = validated.data.take() else {
        report(&loaded, &mut validated.diagnostics, "the service folder");
        eprintln!("iro: fix the service folder first; no answers were imported");
        return Ok(false);
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut good: Vec<Checked> = Vec::new();
    let mut failed = 0;
    for file in &args.files {
        match check_answers(file, &data, received) {
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
            args.files.len()
        );
        return Ok(false);
    }
    // Case id -> (file, text before, text after, answers added).
    let mut edits: BTreeMap<String, (PathBuf, String, String, usize)> = BTreeMap::new();
    for checked in &good {
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
            (path.clone(), text.clone(), text, 0)
        });
        let now = edit::read_case(&entry.2)?;
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
        let new_text = edit::add_response(&entry.2, checked.meeting, &checked.response)
            .map_err(|e| anyhow::anyhow!("cannot add the answers to `{}`: {e}", path.display()))?;
        edit::prove(&now, &new_text, checked.meeting, &checked.response)
            .map_err(|e| anyhow::anyhow!("refusing to change `{}`: {e}", path.display()))?;
        entry.2 = new_text;
        entry.3 += 1;
    }
    let changes: Vec<_> = edits.values().filter(|(_, a, b, _)| a != b).collect();
    for (path, before, after, _) in &changes {
        print!("{}", edit::diff(&path.display().to_string(), before, after));
    }
    if args.dry_run || changes.is_empty() {
        eprintln!("iro: {} case files would change", changes.len());
        return Ok(true);
    }
    if !args.yes && std::io::stdin().is_terminal() && !confirm()? {
        eprintln!("iro: nothing was written");
        return Ok(true);
    }
    for (path, before, after, added) in changes {
        let file = args.service.service.join(path);
        let backup = PathBuf::from(format!("{}.bak", file.display()));
        crate::write::write_atomic(&backup, before.as_bytes())
            .with_context(|| format!("cannot write the backup `{}`", backup.display()))?;
        crate::write::write_atomic(&file, after.as_bytes())
            .with_context(|| format!("cannot write `{}`", file.display()))?;
        eprintln!(
            "iro: added {added} answers to `{}` (the old file is `{}`)",
            path.display(),
            backup.display()
        );
    }
    Ok(true)
}

fn confirm() -> anyhow::Result<bool> {
    eprint!("Write these changes? [y/N] ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}
