//! Validate: parsed files -> typed `model` values, collecting every problem on the way.
//!
//! Three passes, each reporting all it finds: the JSON Schema check of each file (structure,
//! formats, codes), serde into the `model` types, then the rules that need more than one field
//! or file (references, dates in order, PN0 by age, practice standards). Takes `load::Loaded`;
//! never reads files itself.

pub mod readability;
pub mod rules;
pub mod schema;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
use crate::load::{Loaded, Source};
use crate::model::{Case, Form, ServiceData};
pub use schema::FileKind;

/// What validation found: the model when there were no errors, and every diagnostic.
pub struct Validated {
    pub data: Option<ServiceData>,
    pub diagnostics: Vec<Diagnostic>,
    /// Case (or carer household) id -> the file it came from.
    pub files: HashMap<String, PathBuf>,
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
        return Validated {
            data: None,
            diagnostics,
            files,
        };
    };
    let service_source = loaded
        .service
        .as_ref()
        .expect("a typed service has a source");
    let ctx = rules::Context::new(&service, &cases, &carers, &form_list, as_of);
    for (source, form) in &forms {
        diagnostics.extend(rules::check_form(source, form, &ctx));
    }
    diagnostics.extend(rules::check_service(service_source, &ctx));
    let per_case: Vec<Vec<Diagnostic>> = cases
        .par_iter()
        .map(|(source, case)| rules::check_case(source, case, &ctx))
        .collect();
    diagnostics.extend(per_case.into_iter().flatten());
    for (source, household) in &carers {
        diagnostics.extend(rules::check_carer(source, household, &ctx));
    }
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let data = (!has_errors).then(|| ServiceData {
        service: service.clone(),
        cases: cases.into_iter().map(|(_, c)| c).collect(),
        carers: carers.into_iter().map(|(_, c)| c).collect(),
        forms: form_list,
    });
    Validated {
        data,
        diagnostics,
        files,
    }
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
