//! Structural checks: a parsed file against the JSON Schema of its type.
//!
//! Serde stops at the first problem in a file; the schema check finds them all, so one run of
//! `iro check` lists every unknown field, impossible date and unknown code at once. The schema
//! is derived from the `model` types, so it cannot drift from what serde accepts.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diag::Diagnostic;
use crate::load::Source;
use crate::load::yaml::{join_index, join_key};
use crate::model::{CarerHousehold, Case, Form, PageMeta, ReturnedAnswers, Service};

/// The kinds of file iro validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Service,
    Case,
    CarerHousehold,
    /// A consultation form (`forms/*.yaml`).
    Form,
    /// Answers returned from a form (`iro import-responses`).
    ReturnedAnswers,
    /// A content page's front matter (`content/*.md`).
    PageMeta,
}

impl FileKind {
    /// The JSON Schema of this kind of file.
    pub fn schema(self) -> &'static Value {
        static SCHEMAS: OnceLock<[Value; 6]> = OnceLock::new();
        let all = SCHEMAS.get_or_init(|| {
            let json = |s: schemars::Schema| s.to_value();
            [
                json(schemars::schema_for!(Service)),
                json(schemars::schema_for!(Case)),
                json(schemars::schema_for!(CarerHousehold)),
                json(schemars::schema_for!(Form)),
                json(schemars::schema_for!(ReturnedAnswers)),
                json(schemars::schema_for!(PageMeta)),
            ]
        });
        &all[self as usize]
    }

    fn validator(self) -> &'static Validator {
        static VALIDATORS: OnceLock<[Validator; 6]> = OnceLock::new();
        let all = VALIDATORS.get_or_init(|| {
            let build = |kind: FileKind| {
                jsonschema::options()
                    .should_validate_formats(true)
                    .build(kind.schema())
                    .expect("schemas derived by schemars are valid JSON Schema")
            };
            [
                build(FileKind::Service),
                build(FileKind::Case),
                build(FileKind::CarerHousehold),
                build(FileKind::Form),
                build(FileKind::ReturnedAnswers),
                build(FileKind::PageMeta),
            ]
        });
        &all[self as usize]
    }
}

/// Checks a parsed file against its schema; returns every problem found.
pub fn check_structure(source: &Source, kind: FileKind) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for error in kind.validator().iter_errors(&source.value) {
        describe(&error, source, kind, &mut out);
    }
    out
}

/// Converts a JSON pointer into iro's field path (`meetings[2].date`), using the value to tell
/// list indexes from mapping keys.
fn field_path(pointer: &str, root: &Value) -> String {
    let mut path = String::new();
    let mut at = root;
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        match at {
            Value::Array(items) => {
                let i: usize = segment.parse().unwrap_or(0);
                path = join_index(&path, i);
                at = items.get(i).unwrap_or(&Value::Null);
            }
            _ => {
                path = join_key(&path, &segment);
                at = at.get(&segment).unwrap_or(&Value::Null);
            }
        }
    }
    path
}

fn describe(error: &ValidationError, source: &Source, kind: FileKind, out: &mut Vec<Diagnostic>) {
    let path = field_path(error.instance_path().as_str(), &source.value);
    let here = |message: String| {
        Diagnostic::error(message)
            .in_file(&source.path)
            .at(source.index().value(&path))
            .field(path.clone())
    };
    let instance = error.instance();
    let diag = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_fields(kind.schema(), &path, &source.value);
            for name in unexpected {
                let field = join_key(&path, name);
                let mut d = Diagnostic::error(format!("unknown field `{name}`"))
                    .in_file(&source.path)
                    .at(source.index().key(&field))
                    .field(field)
                    .expected(format!("one of the fields {}", list(&allowed)));
                d = match closest(name, &allowed) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint("remove it, or check its spelling and indentation"),
                };
                out.push(d);
            }
            return;
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            here(format!("missing field `{name}`"))
                .at(source.index().key(&path))
                .expected(format!("a `{name}:` field here"))
                .hint(format!("add `{name}:` with its value (see `iro schema`)"))
        }
        ValidationErrorKind::Format { format } if format == "date" => {
            let text = instance.as_str().unwrap_or_default();
            let d = here(format!("`{text}` is not a date that exists"))
                .expected("a date written YYYY-MM-DD, for example 2025-03-14");
            match super::mistakes::date_hint(text).or_else(|| impossible_day_hint(text)) {
                Some(hint) => d.hint(hint),
                None => d.hint("write the year, month and day as numbers, with dashes"),
            }
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let shown = scalar_text(instance);
            let d = here(format!("`{shown}` is not an allowed value"))
                .expected(format!("one of {}", list(&allowed)));
            match closest(&shown, &allowed) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint("use one of the values listed, exactly as written"),
            }
        }
        ValidationErrorKind::Type { kind: expected } => {
            let wanted = type_words(expected);
            let found = value_words(instance);
            let d = here(format!("expected {wanted}, found {found}")).expected(wanted.clone());
            if instance.is_number() || instance.is_boolean() {
                d.hint(
                    "put the value in quotes so it is read as text, for example \"07700 900123\"",
                )
            } else if instance.is_null() {
                d.hint("fill in a value, or delete the line if the field is optional")
            } else {
                d.hint("check the indentation: a list item starts with `- `, a field with `name:`")
            }
        }
        ValidationErrorKind::Pattern { pattern } => {
            let shown = scalar_text(instance);
            here(format!("`{shown}` is not in the expected form"))
                .expected(pattern_words(pattern))
                .hint("see `iro schema` for the form of this field")
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // `Option<T>` is `anyOf [T, null]`: report the errors of the branch that is not null.
            let branch = context
                .iter()
                .find(|errors| !errors.iter().any(|e| is_null_type_error(e)))
                .or(context.first());
            if let Some(errors) = branch {
                for e in errors {
                    describe(e, source, kind, out);
                }
                return;
            }
            here(error.to_string())
        }
        _ => here(error.to_string()).hint("see `iro schema` for what this field accepts"),
    };
    // Pasted from Word: say which character is wrong, and point at it.
    let diag = if instance.is_string() {
        let span = diag.span;
        super::mistakes::name_odd_character(diag, &source.text, span)
    } else {
        diag
    };
    out.push(diag);
}

fn is_null_type_error(error: &ValidationError) -> bool {
    matches!(error.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(t) } if format!("{t:?}") == "Null")
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn type_words(kind: &TypeKind) -> String {
    let one = |t: &jsonschema::JsonType| match format!("{t:?}").as_str() {
        "String" => "text".to_owned(),
        "Integer" => "a whole number".to_owned(),
        "Number" => "a number".to_owned(),
        "Boolean" => "true or false".to_owned(),
        "Array" => "a list".to_owned(),
        "Object" => "a mapping of fields".to_owned(),
        "Null" => "nothing".to_owned(),
        other => other.to_lowercase(),
    };
    match kind {
        TypeKind::Single(t) => one(t),
        TypeKind::Multiple(ts) => {
            let words: Vec<String> = ts
                .iter()
                .map(|t| one(&t))
                .filter(|w| w != "nothing")
                .collect();
            words.join(" or ")
        }
    }
}

fn value_words(value: &Value) -> String {
    match value {
        Value::Null => "an empty value".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping of fields".to_owned(),
    }
}

fn pattern_words(pattern: &str) -> String {
    match pattern {
        p if p.contains("[0-5][0-9]") => "a 24-hour time, for example 14:30".to_owned(),
        p if p.contains("#[0-9a-fA-F]") => "a colour written #rrggbb".to_owned(),
        p if p.contains("[A-Za-z0-9_-]") => {
            "an id of letters, digits, `-` and `_`, for example NM-1042".to_owned()
        }
        p if p.starts_with("^[a-z]{2,3}") => "a language code, for example en, pl or ar".to_owned(),
        p => format!("text matching `{p}`"),
    }
}

/// For `2025-02-30`: "February 2025 has 28 days".
fn impossible_day_hint(text: &str) -> Option<String> {
    let parts: Vec<u32> = text.split('-').filter_map(|p| p.parse().ok()).collect();
    let [year, month, _day] = parts[..] else {
        return None;
    };
    if !(1..=12).contains(&month) {
        return Some(format!(
            "there is no month {month}; months run from 01 to 12"
        ));
    }
    let first = chrono::NaiveDate::from_ymd_opt(year as i32, month, 1)?;
    let next = crate::schedule::add_months(first, 1);
    let days = (next - first).num_days();
    Some(format!("{} {year} has {days} days", first.format("%B")))
}

fn list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// The allowed name nearest to `name`, when it is close enough to be a typo.
pub fn closest(name: &str, allowed: &[String]) -> Option<String> {
    ranked(name, allowed).into_iter().next()
}

/// The allowed names that look like `name`, closest first: spelt nearly the same (Jaro-Winkler
/// similarity over 0.8), or sharing a word of four letters or more, as `long-term-residential`
/// shares one with `residential-home`. Among those sharing words, more words and a closer
/// spelling rank higher; ties keep the order of `allowed`.
pub fn ranked(name: &str, allowed: &[String]) -> Vec<String> {
    fn words(s: &str) -> Vec<&str> {
        s.split(['-', '_', ' ', '.'])
            .filter(|w| w.len() >= 4)
            .collect()
    }
    let lower = name.to_lowercase();
    let mine = words(&lower);
    let mut scored: Vec<(f64, &String)> = allowed
        .iter()
        .filter_map(|a| {
            let theirs = a.to_lowercase();
            let spelling = strsim::jaro_winkler(&lower, &theirs);
            let shared = words(&theirs).iter().filter(|w| mine.contains(w)).count();
            let by_words = match shared {
                0 => 0.0,
                n => 0.8 + 0.05 * n as f64 + 0.05 * spelling,
            };
            let score = spelling.max(by_words);
            (score > 0.8).then_some((score, a))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, a)| a.clone()).collect()
}

/// The field names the schema allows at `path`.
fn allowed_fields(schema: &Value, path: &str, root: &Value) -> Vec<String> {
    let mut node = resolve(schema, schema);
    let pointer = path_to_segments(path);
    let mut value = root;
    for segment in pointer {
        node = resolve(schema, node);
        match (&segment, value) {
            (Segment::Index(i), Value::Array(items)) => {
                node = node.get("items").unwrap_or(&Value::Null);
                value = items.get(*i).unwrap_or(&Value::Null);
            }
            (Segment::Key(k), _) => {
                node = node
                    .get("properties")
                    .and_then(|p| p.get(k))
                    .unwrap_or(&Value::Null);
                value = value.get(k).unwrap_or(&Value::Null);
            }
            _ => return Vec::new(),
        }
    }
    let node = resolve(schema, node);
    let mut names: Vec<String> = node
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

enum Segment {
    Key(String),
    Index(usize),
}

fn path_to_segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Segment::Key(key.to_owned()));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

/// Follows `$ref` and the non-null branch of `anyOf`.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..16 {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or_default();
            node = root
                .get("$defs")
                .and_then(|d| d.get(name))
                .unwrap_or(&Value::Null);
        } else if let Some(branches) = node.get("anyOf").and_then(Value::as_array) {
            node = branches
                .iter()
                .find(|b| b.get("type").and_then(Value::as_str) != Some("null"))
                .unwrap_or(&Value::Null);
        } else {
            break;
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn r16_did_you_mean_ranks_by_closeness() {
        let placements = names(&[
            "foster-care",
            "kinship-care",
            "residential-home",
            "secure-unit",
            "supported-accommodation",
        ]);
        assert_eq!(
            closest("long-term-residential", &placements).as_deref(),
            Some("residential-home")
        );
        // A typo is closest to the word it misspells.
        assert_eq!(
            ranked("foster-cere", &placements)
                .first()
                .map(String::as_str),
            Some("foster-care")
        );
        assert_eq!(
            closest("Foster-Care", &placements).as_deref(),
            Some("foster-care")
        );
        assert_eq!(closest("hospital", &placements), None);
    }
}
