//! Validate: parsed files -> typed `model` values, collecting every problem on the way.
//!
//! Three passes, each reporting all it finds: the JSON Schema check of each file (structure,
//! formats, codes), serde into the `model` types, then the rules that need more than one field
//! or file (references, dates in order, PN0 by age, practice standards). Takes `load::Loaded`;
//! never reads files itself.

pub mod mistakes;
pub mod readability;
pub mod rules;
pub mod schema;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
use crate::load::{Loaded, Source};
use crate::model::{Case, Form, ServiceData};
use crate::schedule::DueItem;
pub use schema::FileKind;

/// What validation found: the model of every valid case, and every diagnostic.
///
/// A case file with an error is left out of `data` (its diagnostics kept, its path in
/// `broken`), so that one typo stops no other child's documents. An error anywhere every case
/// depends on (service.yaml, carers/, forms/) leaves `data` as `None`.
pub struct Validated {
    pub data: Option<ServiceData>,
    pub diagnostics: Vec<Diagnostic>,
    /// Case (or carer household) id -> the file it came from.
    pub files: HashMap<String, PathBuf>,
    /// Case files left out of `data` because they have errors, sorted.
    pub broken: Vec<PathBuf>,
    /// Each case's and carer household's due dates (of those in `data`): the statutory clock,
    /// worked out once a run.
    pub schedules: HashMap<String, Vec<DueItem>>,
}

impl Validated {
    /// No model: something every case depends on has an error.
    fn nothing(diagnostics: Vec<Diagnostic>, files: HashMap<String, PathBuf>) -> Validated {
        Validated {
            data: None,
            broken: Vec::new(),
            diagnostics,
            files,
            schedules: HashMap::new(),
        }
    }

    /// Whether any file has an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// All or nothing (`--strict`, and commands that edit case files): no model at all when
    /// any file has an error.
    pub fn strict(mut self, strict: bool) -> Validated {
        if strict && self.has_errors() {
            self.data = None;
            self.schedules.clear();
        }
        self
    }
}

/// Whether a diagnostic's file is one child's case file (`cases/*.yaml`), whose errors leave
/// out that child only.
pub fn is_case_file(path: &Path) -> bool {
    let mut parts = path.components();
    let in_cases = parts.next().is_some_and(|c| c.as_os_str() == "cases");
    in_cases && parts.count() == 1 && path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// The case files that have errors, or `None` when an error is in a file every case needs.
fn broken_case_files(diagnostics: &[Diagnostic]) -> Option<BTreeSet<PathBuf>> {
    let mut broken = BTreeSet::new();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        match d.file.as_deref().filter(|f| is_case_file(f)) {
            Some(file) => broken.insert(file.to_owned()),
            None => return None,
        };
    }
    Some(broken)
}

/// Validates a loaded service folder as of a date (for "overdue" and "in the future").
///
/// Each case file's parsed value is released once it has been read into the model: on a
/// service of thousands of children the value trees would otherwise dominate memory.
pub fn validate_service(loaded: &mut Loaded, as_of: NaiveDate) -> Validated {
    let mut diagnostics = loaded.diagnostics.clone();
    let service = loaded
        .service
        .as_ref()
        .and_then(|s| typed(s, FileKind::Service, &mut diagnostics));
    // Cases are independent until the cross-file rules, so check them in parallel.
    let checked: Vec<(Option<Case>, Vec<Diagnostic>)> = loaded
        .cases
        .par_iter_mut()
        .map(|s| {
            let mut found = Vec::new();
            let case = typed(s, FileKind::Case, &mut found);
            s.value = serde_json::Value::Null;
            (case, found)
        })
        .collect();
    let mut cases = Vec::new();
    let mut files = HashMap::new();
    for (source, (case, found)) in loaded.cases.iter().zip(checked) {
        diagnostics.extend(found);
        if let Some(case) = case {
            files
                .entry(case.id.clone())
                .or_insert_with(|| source.path.clone());
            cases.push((source, case));
        }
    }
    let carers: Vec<(&Source, crate::model::CarerHousehold)> = loaded
        .carers
        .iter()
        .filter_map(|s| typed(s, FileKind::CarerHousehold, &mut diagnostics).map(|c| (s, c)))
        .collect();
    for (source, household) in &carers {
        files
            .entry(household.id.clone())
            .or_insert_with(|| source.path.clone());
    }
    let forms: Vec<(&Source, Form)> = loaded
        .forms
        .iter()
        .filter_map(|s| {
            let mut form: Form = typed(s, FileKind::Form, &mut diagnostics)?;
            form.id = s
                .path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            Some((s, form))
        })
        .collect();
    let mut form_list: Vec<Form> = forms.iter().map(|(_, f)| f.clone()).collect();
    form_list.sort_by(|a, b| a.id.cmp(&b.id));
    let Some(service) = service else {
        return Validated::nothing(diagnostics, files);
    };
    let service_source = loaded
        .service
        .as_ref()
        .expect("a typed service has a source");
    let ctx = rules::Context::new(&service, &cases, &carers, &form_list, as_of);
    for (source, form) in &forms {
        diagnostics.extend(rules::check_form(source, form, &ctx));
    }
    let form_translations = translations(&loaded.form_translations, &form_list, &mut diagnostics);
    diagnostics.extend(rules::check_service(service_source, &ctx));
    let per_case: Vec<(Vec<Diagnostic>, Vec<DueItem>)> = cases
        .par_iter()
        .map(|(source, case)| rules::check_case(source, case, &ctx))
        .collect();
    let mut case_items = Vec::with_capacity(per_case.len());
    for (found, items) in per_case {
        diagnostics.extend(found);
        case_items.push(items);
    }
    let mut schedules: HashMap<String, Vec<DueItem>> = HashMap::new();
    for (source, household) in &carers {
        let (found, items) = rules::check_carer(source, household, &ctx);
        diagnostics.extend(found);
        schedules.insert(household.id.clone(), items);
    }
    let broken = broken_case_files(&diagnostics);
    let Some(broken) = broken else {
        return Validated::nothing(diagnostics, files);
    };
    // The clock worked out for the overdue warnings is every later stage's: once a run.
    let mut kept = Vec::with_capacity(cases.len());
    for ((source, case), items) in cases.into_iter().zip(case_items) {
        if !broken.contains(&source.path) {
            schedules.insert(case.id.clone(), items);
            kept.push(case);
        }
    }
    let data = ServiceData {
        service: service.clone(),
        cases: kept,
        carers: carers.into_iter().map(|(_, c)| c).collect(),
        forms: form_list,
        form_translations,
    };
    Validated {
        data: Some(data),
        broken: Vec::from_iter(broken),
        diagnostics,
        files,
        schedules,
    }
}

/// The forms' translations that can stand for their forms (`forms/<lang>/<id>.yaml`); a
/// warning for each that cannot.
fn translations(
    sources: &[Source],
    forms: &[Form],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<crate::model::Translation> {
    let mut kept = Vec::new();
    for source in sources {
        let Some(mut form) = typed::<Form>(source, FileKind::Form, diagnostics) else {
            continue;
        };
        form.id = stem(&source.path);
        match rules::check_translation(source, &form, forms) {
            Some(warning) => diagnostics.push(warning),
            None => kept.push(crate::model::Translation {
                // `forms/pt-BR/` is read by the `pt` readers.
                lang: (source.path.parent())
                    .map(|p| {
                        stem(p)
                            .split('-')
                            .next()
                            .unwrap_or_default()
                            .to_ascii_lowercase()
                    })
                    .unwrap_or_default(),
                form,
            }),
        }
    }
    kept
}

/// A file's name without its extension.
fn stem(path: &Path) -> String {
    (path.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The ids of the cases whose files were left out for their errors (by the file's `id:`, or by
/// its name when it could not be read): a build keeps what it made for them before.
pub fn broken_ids(files: &HashMap<String, PathBuf>, broken: &[PathBuf]) -> HashSet<String> {
    let by_id = (files.iter())
        .filter(|(_, path)| broken.contains(path))
        .map(|(id, _)| id.clone());
    let by_name = (broken.iter())
        .filter_map(|f| f.file_stem())
        .map(|stem| stem.to_string_lossy().into_owned());
    by_id.chain(by_name).collect()
}

/// Why `--case ID` selects nothing: no file has that id (suggesting the closest), or its file
/// has errors and was left out. `None` when the case or carer household is there.
pub fn missing_case(
    id: &str,
    data: &ServiceData,
    files: &HashMap<String, PathBuf>,
    broken: &[PathBuf],
) -> Option<Diagnostic> {
    let present = data.cases.iter().any(|c| c.id == id) || data.carers.iter().any(|h| h.id == id);
    if present {
        return None;
    }
    // A file too broken to read its `id:` is found by its name.
    let named = broken
        .iter()
        .find(|f| f.file_stem().is_some_and(|stem| stem == id));
    if let Some(file) = files.get(id).or(named) {
        return Some(
            Diagnostic::error(format!(
                "case `{id}` has errors, so nothing was made for it"
            ))
            .in_file(file)
            .hint("fix the errors above in this file, then build again"),
        );
    }
    let ids: Vec<String> = data.cases.iter().map(|c| c.id.clone()).collect();
    let hint = match schema::closest(id, &ids) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "the case id is the `id:` at the top of a file in cases/".to_owned(),
    };
    Some(Diagnostic::error(format!("no case `{id}` in this service")).hint(hint))
}

/// Everything `iro check` does to one file's bytes on its own, with the same limits, parser,
/// schema check and typing: for fuzzing and for checking a file outside a service folder.
pub fn check_one_file(bytes: &[u8], kind: FileKind) -> Vec<Diagnostic> {
    use crate::model::{CarerHousehold, Form, ReturnedAnswers, Service};
    if bytes.len() as u64 > crate::load::MAX_FILE_BYTES {
        return vec![Diagnostic::error("the file is too large")];
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![Diagnostic::error("the file is not UTF-8 text")];
    };
    let value = match crate::load::yaml::parse_value(text) {
        Ok(value) => value,
        Err(d) => return vec![*d],
    };
    let source = Source::new(PathBuf::from("file.yaml"), text.to_owned(), value);
    let mut diagnostics = Vec::new();
    // The typed value is not needed: what matters is that reading it neither fails silently
    // nor panics.
    let _typed = match kind {
        FileKind::Service => typed::<Service>(&source, kind, &mut diagnostics).is_some(),
        FileKind::Case => typed::<Case>(&source, kind, &mut diagnostics).is_some(),
        FileKind::CarerHousehold => {
            typed::<CarerHousehold>(&source, kind, &mut diagnostics).is_some()
        }
        FileKind::Form => typed::<Form>(&source, kind, &mut diagnostics).is_some(),
        FileKind::ReturnedAnswers => {
            typed::<ReturnedAnswers>(&source, kind, &mut diagnostics).is_some()
        }
        FileKind::PageMeta => {
            typed::<crate::model::PageMeta>(&source, kind, &mut diagnostics).is_some()
        }
    };
    // Pointing a diagnostic at its line builds the span index: exercise it too.
    for d in &mut diagnostics {
        if let Some(field) = d.field.clone() {
            d.span = d.span.or(source.index().value(&field));
        }
    }
    diagnostics
}

/// Schema check, then serde. A file with structural errors is not used, but when the bad
/// fields are optional it is still read without them, so that its references and dates are
/// checked in the same run (a typo must not hide an unknown IRO further down).
fn typed<T: DeserializeOwned>(
    source: &Source,
    kind: FileKind,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    if matches!(
        kind,
        FileKind::Service | FileKind::Case | FileKind::CarerHousehold
    ) {
        diagnostics.extend(mistakes::check_contacts(source));
    }
    let problems = schema::check_structure(source, kind);
    if problems.is_empty() {
        return match T::deserialize(&source.value) {
            Ok(value) => Some(value),
            Err(e) => {
                // The schema is derived from the same types, so this is a backstop only.
                diagnostics.push(
                    Diagnostic::error(format!("this file does not match its schema: {e}"))
                        .in_file(&source.path)
                        .hint("see `iro schema` for the expected shape"),
                );
                None
            }
        };
    }
    let mut repaired = source.value.clone();
    for field in problems.iter().filter_map(|d| d.field.as_deref()) {
        remove_field(&mut repaired, field);
    }
    diagnostics.extend(problems);
    serde_json::from_value(repaired).ok()
}

/// Removes `a.b[2].c` from a value. Only mapping keys are removed: removing a list item would
/// shift the indexes that later diagnostics print.
fn remove_field(value: &mut serde_json::Value, field: &str) {
    let (parent, key) = match field.rfind('.') {
        Some(i) => (&field[..i], &field[i + 1..]),
        None => ("", field),
    };
    if key.ends_with(']') {
        return;
    }
    let mut at = value;
    for part in parent.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(name) = pieces.next().filter(|n| !n.is_empty()) {
            match at.get_mut(name) {
                Some(next) => at = next,
                None => return,
            }
        }
        for index in pieces {
            let Ok(i) = index.trim_end_matches(']').parse::<usize>() else {
                return;
            };
            match at.get_mut(i) {
                Some(next) => at = next,
                None => return,
            }
        }
    }
    if let Some(map) = at.as_object_mut() {
        map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_case_files_are_left_out_alone() {
        assert!(is_case_file(Path::new("cases/NM-1001.yaml")));
        assert!(is_case_file(Path::new("cases/NM-1001.yml")));
        for shared in [
            "service.yaml",
            "carers/FC-201.yaml",
            "forms/carer.yaml",
            "cases",
            "cases/notes.txt",
            "templates/cases/a.yaml",
        ] {
            assert!(!is_case_file(Path::new(shared)), "{shared}");
        }
    }

    #[test]
    fn an_error_outside_the_case_files_stops_everything() {
        let case = Diagnostic::error("bad date").in_file("cases/a.yaml");
        let warning = Diagnostic::warning("overdue").in_file("service.yaml");
        let broken = broken_case_files(&[case.clone(), warning]).expect("only a case is broken");
        assert_eq!(Vec::from_iter(broken), [PathBuf::from("cases/a.yaml")]);
        let service = Diagnostic::error("unknown field").in_file("service.yaml");
        assert_eq!(broken_case_files(&[case.clone(), service]), None);
        // An error with no file (no service.yaml at all) is no one case's.
        assert_eq!(
            broken_case_files(&[case, Diagnostic::error("no service")]),
            None
        );
    }
}
