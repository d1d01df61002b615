//! Issue 18's layout check: every PDF a service makes, in every theme, read back from the
//! PDF alone (`read.rs`) and judged by the layout rules (`rules.rs`): no heading last on a
//! page, a question with at least three of its answer lines, the closing with the signature
//! and two lines of the letter before them, no page of a few spilled lines, no wrapped choice
//! label, nothing in the footer, no page before the last a quarter empty (large print) or
//! a third (standard print and easy read).
//!
//! The example service runs in `cargo test`; the 200-child generated service is
//! `scripts/layout-check` (too slow for the suite on two cores).
//! See: issue 18.

mod read;
mod rules;
mod tests;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use read::read_pages;
use rules::{Defect, Kind, RULES, Rule, Theme, check};

/// Every reader asks for large print and easy read too, so every document is made in all
/// three themes.
const ALL_THEMES: &str = "[large-print, easy-read]";

/// Rewrites a service's case and carer files so that nothing is recorded as sent (every
/// letter and record is made) and every child, person and carer asks for large print and
/// easy read.
pub fn ask_for_every_theme(service: &Path) {
    for folder in ["cases", "carers"] {
        let Ok(entries) = fs::read_dir(service.join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            let text = fs::read_to_string(&path).expect("case file");
            fs::write(&path, every_theme(&text, folder == "carers")).expect("write");
        }
    }
}

fn every_theme(yaml: &str, carers: bool) -> String {
    const SENT: [&str; 4] = [
        "introduced:",
        "record_sent:",
        "decisions_sent:",
        "packs_sent:",
    ];
    let mut out = String::new();
    let mut previous = "";
    let generated = yaml.contains("formats: []");
    for line in yaml.lines() {
        let key = line.trim_start();
        let indent = &line[..line.len() - key.len()];
        if SENT.iter().any(|k| key.starts_with(k)) {
            continue;
        }
        if let Some(rest) = key.strip_prefix("formats:") {
            // A generated file lists `formats: []` for everyone; the example's few
            // `formats:` lines are replaced by the ones added below.
            if rest.trim() == "[]" {
                out.push_str(&format!("{indent}formats: {ALL_THEMES}\n"));
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
        let added = if generated {
            None
        } else if line.starts_with("  preferred_name:") {
            Some("  ")
        } else if (line.starts_with("    name:") && previous.starts_with("  - id:"))
            || (carers && line.starts_with("  - name:"))
        {
            Some("    ")
        } else {
            None
        };
        if let Some(indent) = added {
            out.push_str(&format!("{indent}formats: {ALL_THEMES}\n"));
        }
        previous = line;
    }
    out
}

/// What the check found in a folder of PDFs.
pub struct Findings {
    pub pdfs: usize,
    /// Per file (relative path), its defects.
    pub defects: BTreeMap<String, Vec<Defect>>,
}

impl Findings {
    pub fn count(&self, rule: Rule, theme: Option<Theme>) -> usize {
        self.defects
            .iter()
            .filter(|(file, _)| theme.is_none_or(|t| Theme::of(file) == t))
            .flat_map(|(_, d)| d)
            .filter(|d| d.rule == rule)
            .count()
    }

    pub fn total(&self) -> usize {
        self.defects.values().map(Vec::len).sum()
    }

    /// A table of defects by rule and theme, then the first few of each rule.
    pub fn summary(&self) -> String {
        let themes = [Theme::Standard, Theme::LargePrint, Theme::EasyRead];
        let mut out = format!(
            "{} PDFs, {} defects in {} files\n{:<16}{:>9}{:>12}{:>10}{:>7}\n",
            self.pdfs,
            self.total(),
            self.defects.len(),
            "rule",
            "standard",
            "large-print",
            "easy-read",
            "all"
        );
        for rule in RULES {
            out.push_str(&format!("{:<16}", format!("{rule:?}")));
            for theme in themes {
                out.push_str(&format!("{:>10}", self.count(rule, Some(theme))));
            }
            out.push_str(&format!("{:>7}\n", self.count(rule, None)));
        }
        for rule in RULES {
            let mut shown = 0;
            for (file, defects) in &self.defects {
                for d in defects.iter().filter(|d| d.rule == rule) {
                    if shown < 6 {
                        out.push_str(&format!("  {rule:?}: {file} p{}: {}\n", d.page, d.what));
                    }
                    shown += 1;
                }
            }
        }
        out
    }
}

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

fn kind_of(relative: &str) -> Kind {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    if name.contains("-form.") {
        Kind::Form
    } else if relative.starts_with("site/") {
        Kind::Page
    } else {
        Kind::Letter
    }
}

/// Checks every PDF under `out`.
pub fn check_folder(out: &Path) -> Findings {
    let files = pdfs(out);
    let defects = files
        .par_iter()
        .filter_map(|file| {
            let relative = file
                .strip_prefix(out)
                .expect("inside out")
                .to_string_lossy()
                .replace('\\', "/");
            let kind = kind_of(&relative);
            let pages = read_pages(file, kind == Kind::Form);
            let found = check(&pages, kind, Theme::of(&relative));
            (!found.is_empty()).then_some((relative, found))
        })
        .collect();
    Findings {
        pdfs: files.len(),
        defects,
    }
}
