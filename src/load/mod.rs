//! Load: find and read the service folder's YAML files, and parse them with spans.
//!
//! Takes a folder path; gives back [`Source`] texts parsed into JSON values with a
//! [`yaml::SpanIndex`]. Knows the file system and YAML, not the domain types: turning values
//! into `model` types is `validate`'s job. Only this module reads the service's files.

pub mod content;
pub mod pictures;
pub mod templates;
mod translations;
pub mod yaml;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use serde_json::Value;
use walkdir::WalkDir;

use crate::diag::Diagnostic;
pub use yaml::SpanIndex;

/// Largest YAML file iro reads. A case file with twenty years of reviews is under 200 KB.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// One YAML file, read and parsed.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the service folder, as printed in diagnostics.
    pub path: PathBuf,
    pub text: String,
    pub value: Value,
    /// Built on first use: a valid file never needs it, and it costs a second parse.
    index: OnceLock<SpanIndex>,
}

impl Source {
    /// A parsed file; its span index is built on first use.
    pub fn new(path: PathBuf, text: String, value: Value) -> Source {
        Source {
            path,
            text,
            value,
            index: OnceLock::new(),
        }
    }

    /// Where each field of the file is, for pointing diagnostics at lines.
    pub fn index(&self) -> &SpanIndex {
        self.index.get_or_init(|| yaml::index(&self.text))
    }
}

/// Every YAML file of a service folder that parsed, and diagnostics for those that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub root: PathBuf,
    pub service: Option<Source>,
    pub cases: Vec<Source>,
    pub carers: Vec<Source>,
    /// Consultation forms (`forms/*.yaml`).
    pub forms: Vec<Source>,
    /// Their translations (`forms/<lang>/*.yaml`), the service's and then iro's own.
    pub form_translations: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of files that failed to parse, kept so their diagnostics can show a snippet.
    pub failed: Vec<(PathBuf, String)>,
}

impl Loaded {
    /// The texts of these files under `root`, read again for printing snippets once the parsed
    /// service has been dropped. A file that cannot be read is left out: its snippet is not
    /// worth a second error.
    pub fn texts<'a>(root: &Path, files: impl IntoIterator<Item = &'a Path>) -> Loaded {
        let mut loaded = Loaded {
            root: root.to_owned(),
            ..Loaded::default()
        };
        for file in files {
            if loaded.text_of(file).is_none()
                && let Ok(text) = read_text(&root.join(file))
            {
                loaded.failed.push((file.to_owned(), text));
            }
        }
        loaded
    }

    /// The text of a file, for printing snippets.
    pub fn text_of(&self, path: &Path) -> Option<&str> {
        self.service
            .iter()
            .chain(&self.cases)
            .chain(&self.carers)
            .chain(&self.forms)
            .chain(&self.form_translations)
            .find(|s| s.path == path)
            .map(|s| s.text.as_str())
            .or_else(|| {
                self.failed
                    .iter()
                    .find(|(p, _)| p == path)
                    .map(|(_, t)| t.as_str())
            })
    }
}

/// Reads `service.yaml`, `cases/*.yaml`, `carers/*.yaml` and `forms/*.yaml` under `root`.
pub fn load_service_folder(root: &Path) -> Loaded {
    let mut loaded = Loaded {
        root: root.to_owned(),
        ..Loaded::default()
    };
    let service_path = Path::new("service.yaml");
    if root.join(service_path).is_file() {
        loaded.service = load_one(root, service_path, &mut loaded);
    } else {
        loaded.diagnostics.push(
            Diagnostic::error(format!("no `service.yaml` in `{}`", root.display()))
                .expected("a service folder with service.yaml, cases/ and carers/")
                .hint("pass the folder with --service DIR, or create one with `iro init DIR`"),
        );
    }
    for folder in ["cases", "carers", "forms"] {
        let files = yaml_files(root, folder, &mut loaded.diagnostics);
        // Parsing is most of the cost of `check` on a big service, and files are independent.
        let results: Vec<Parsed> = files
            .par_iter()
            .map(|rel| read_and_parse(root, rel))
            .collect();
        for result in results {
            match result {
                Ok(source) => match folder {
                    "cases" => loaded.cases.push(source),
                    "carers" => loaded.carers.push(source),
                    _ => loaded.forms.push(source),
                },
                Err((diag, text)) => loaded.record_failure(*diag, text),
            }
        }
    }
    if !root.join("forms").is_dir() {
        loaded.forms = built_in_forms();
    }
    translations::load_form_translations(root, &mut loaded);
    loaded
}

/// The forms built into iro, for a service folder that has no `forms/` of its own (a folder
/// that has one uses exactly the forms in it).
fn built_in_forms() -> Vec<Source> {
    crate::defaults::FILES
        .iter()
        // A form is a file of `forms/` itself; `forms/cy/` holds translations.
        .filter(|(path, _)| path.starts_with("forms/") && path.matches('/').count() == 1)
        .filter(|(path, _)| path.ends_with(".yaml"))
        .filter_map(|(path, bytes)| built_in_source(path, bytes))
        .collect()
}

/// A file built into iro, parsed as if it were in the service folder at `path`.
fn built_in_source(path: &str, bytes: &[u8]) -> Option<Source> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let value = yaml::parse_value(&text).ok()?;
    Some(Source::new(PathBuf::from(path), text, value))
}

/// The `.yaml`/`.yml` files under `root/folder`, sorted, relative to `root`.
fn yaml_files(root: &Path, folder: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join(folder);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir)
        .max_depth(1)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(format!("cannot read folder `{folder}`: {e}"))
                        .in_file(folder),
                );
                continue;
            }
        };
        let is_yaml = entry
            .path()
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml");
        if entry.file_type().is_file()
            && is_yaml
            && let Ok(rel) = entry.path().strip_prefix(root)
        {
            files.push(rel.to_owned());
        }
    }
    files
}

/// Reads and parses one file, recording any problem as a diagnostic.
fn load_one(root: &Path, rel: &Path, loaded: &mut Loaded) -> Option<Source> {
    match read_and_parse(root, rel) {
        Ok(source) => Some(source),
        Err((diag, text)) => {
            loaded.record_failure(*diag, text);
            None
        }
    }
}

/// A parsed file, or why not and its text when it could be read (for the snippet).
type Parsed = Result<Source, (Box<Diagnostic>, Option<String>)>;

/// Reads and parses one file.
fn read_and_parse(root: &Path, rel: &Path) -> Parsed {
    let text = read_text(&root.join(rel)).map_err(|d| (Box::new(d.in_file(rel)), None))?;
    match yaml::parse_value(&text) {
        Ok(value) => Ok(Source {
            path: rel.to_owned(),
            text,
            value,
            index: OnceLock::new(),
        }),
        Err(diag) => Err((Box::new(diag.in_file(rel)), Some(text))),
    }
}

impl Loaded {
    fn record_failure(&mut self, diag: Diagnostic, text: Option<String>) {
        if let (Some(file), Some(text)) = (&diag.file, text) {
            self.failed.push((file.clone(), text));
        }
        self.diagnostics.push(diag);
    }
}

/// Reads a file as UTF-8 text, refusing huge files before reading them.
pub fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let size = fs::metadata(path)
        .map_err(|e| Box::new(Diagnostic::error(format!("cannot read this file: {e}"))))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Box::new(Diagnostic::error(format!(
            "this file is {:.1} MB, larger than the {} MB iro reads",
            size as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ))
        .expected("a case file of a few kilobytes")
        .hint("check this is the right file; split a service's history across case files, one per child")));
    }
    let bytes = fs::read(path)
        .map_err(|e| Box::new(Diagnostic::error(format!("cannot read this file: {e}"))))?;
    String::from_utf8(bytes).map_err(|e| -> Box<Diagnostic> {
        let at = e.utf8_error().valid_up_to();
        let good = &e.as_bytes()[..at];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.rsplit(|&b| b == b'\n').next().map_or(0, |l| {
            String::from_utf8_lossy(l).chars().count()
        }) + 1;
        Diagnostic::error(format!(
            "this file is not UTF-8 text: byte {at} (line {line}, column {column}) is not valid UTF-8"
        ))
        .at(Some(crate::diag::Span {
            line,
            column,
            start: at,
            end: at + 1,
        }))
        .expected("a text file saved as UTF-8")
        .hint("save the file as UTF-8 (in Word or Notepad: Save As, Encoding: UTF-8)")
        .into()
    })
}
