//! Letters no font can draw. Such a letter prints as `�` (`typeset::REPLACEMENT`), in print
//! and in the PDF's text layer, so the document is still made (PDF/UA forbids a missing
//! glyph); `iro check` and `iro build` say which case, field and documents hold one.

use std::collections::{BTreeMap, HashMap};

use super::document;
use crate::diag::Diagnostic;
use crate::model::ServiceData;
use crate::plan::{Job, Variant};
use crate::schedule::DueItem;
use crate::typeset::{REPLACEMENT, Typesetter};

/// The fields of a job's view holding letters no font can draw, each with its letters; none
/// for an HTML page or a Braille or audio copy, which no font of iro's draws.
pub(super) fn undrawable_fields(
    job: &Job,
    data: &ServiceData,
    schedules: &HashMap<String, Vec<DueItem>>,
    typesetter: &Typesetter,
) -> Vec<(String, Vec<char>)> {
    if !matches!(
        job.variant,
        Variant::Standard | Variant::LargePrint | Variant::EasyRead
    ) {
        return Vec::new();
    }
    let Ok(iro) = document::signer(job, &data.service) else {
        return Vec::new();
    };
    let withheld = document::withheld(job, data);
    // What the language changes in a view (dates, iro's own words, a translated form's words)
    // is in scripts the embedded fonts draw; the case file's values, which this looks for, are
    // the same in every language: the view in English finds the same letters.
    let Ok(view) = document::view(job, data, schedules, iro, &withheld, "en") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk(&view, String::new(), typesetter, &mut found);
    found
}

fn walk(
    value: &serde_json::Value,
    path: String,
    typesetter: &Typesetter,
    found: &mut Vec<(String, Vec<char>)>,
) {
    match value {
        serde_json::Value::String(s) => {
            let letters = typesetter.undrawable(s);
            if !letters.is_empty() {
                found.push((path, letters));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), typesetter, found);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(v, path, typesetter, found);
            }
        }
        _ => {}
    }
}

/// `` `𓀀` (U+13000) ``, for each letter.
fn described(letters: &[char]) -> String {
    let each: Vec<String> = letters
        .iter()
        .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
        .collect();
    each.join(", ")
}

/// The build's warning for one document, if a field of it holds a letter no font can draw.
pub(super) fn build_warning(job: &Job, fields: &[(String, Vec<char>)]) -> Option<String> {
    let said: Vec<String> = fields
        .iter()
        .map(|(field, letters)| format!("`{field}` has {}", described(letters)))
        .collect();
    (!said.is_empty()).then(|| {
        format!(
            "`{}`: {}, which no font iro has can draw; printed as `{REPLACEMENT}`",
            job.path,
            said.join("; ")
        )
    })
}

/// `iro check`'s warnings: one for each case and field with a letter no font can draw,
/// naming the documents it prints in.
pub(super) fn check_warnings(
    data: &ServiceData,
    jobs: &[Job],
    schedules: &HashMap<String, Vec<DueItem>>,
    typesetter: &Typesetter,
) -> Vec<Diagnostic> {
    let mut by_field: BTreeMap<(String, String, Vec<char>), Vec<String>> = BTreeMap::new();
    for job in jobs {
        for (field, letters) in undrawable_fields(job, data, schedules, typesetter) {
            let key = (job.subject.id().to_owned(), field, letters);
            by_field.entry(key).or_default().push(job.path.clone());
        }
    }
    by_field
        .into_iter()
        .map(|((case, field, letters), documents)| {
            let documents: Vec<String> = documents.iter().map(|d| format!("`{d}`")).collect();
            Diagnostic::warning(format!(
                "case `{case}` has {}, which no font iro has can draw; it prints as `{REPLACEMENT}` in {}",
                described(&letters),
                documents.join(", ")
            ))
            .field(field)
            .hint("the document is still made; to print the name, add a font for its script (see fonts/README.md)")
        })
        .collect()
}
