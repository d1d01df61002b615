//! A fillable form that came back filled in (`NM-1003-mum-form.fillable.pdf`), read as the
//! answers file the HTML form would have saved: the same answers, in the same shape, so that
//! every check after this is the same for both.
//!
//! Only a form iro made can be read: its catalog says which form, case, review and reader it
//! is for ([`IDENTITY_KEY`]), and its fields must be exactly the ones iro gives that form
//! ([`crate::typeset::fields::names`]). A PDF without the mark, or with a field renamed,
//! added or taken away, is refused, since its answers could not be told apart for certain.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Dictionary, Document, Object, decode_text_string};

use crate::diag::Diagnostic;
use crate::model::{Answer, AnswerKind, Form, ReturnedAnswers, ServiceData};
use crate::typeset::fields::IDENTITY_KEY;
use crate::typeset::fields::names::{self, Part};

/// A filled-in form is a few hundred kilobytes; anything far larger is not one.
const MAX_PDF_BYTES: u64 = 50 * 1024 * 1024;

/// Whether an answers file is a PDF, by its name.
pub fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// The answers in a filled-in fillable form, or every reason it cannot be read.
pub fn read(path: &Path, data: &ServiceData) -> Result<ReturnedAnswers, Vec<Diagnostic>> {
    let fail =
        |message: String, hint: &str| vec![Diagnostic::error(message).in_file(path).hint(hint)];
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_PDF_BYTES {
        return Err(fail(
            format!(
                "this PDF is {} MB, too large to be a filled-in form",
                size >> 20
            ),
            "check this is the form that came back",
        ));
    }
    let doc = std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| Document::load_mem(&bytes).map_err(|e| e.to_string()))
        .map_err(|e| {
            fail(
                format!("cannot read this PDF: {e}"),
                "check the file is a whole PDF, not cut short in sending",
            )
        })?;
    let not_ours = "only the fillable copies iro makes (`…-form.fillable.pdf`) can be imported; for a form filled in on paper or in another program, type its answers into an answers file (see the README)";
    let Some(identity) = identity(&doc) else {
        return Err(fail(
            "this PDF is not a fillable form made by iro: it has no iro form mark".to_owned(),
            not_ours,
        ));
    };
    let [form_id, case, review, from] = identity;
    let Some(form) = data.forms.iter().find(|f| f.id == form_id) else {
        return Err(fail(
            format!("this PDF is for the form `{form_id}`, which is not in forms/"),
            "the form may have been renamed since it was sent",
        ));
    };
    let review = review.parse().map_err(|_| {
        fail(
            format!("this PDF's review date `{review}` is not a date"),
            not_ours,
        )
    })?;
    let fields = terminal_fields(&doc);
    let answers = answers(form, &fields).map_err(|problems| {
        (problems.into_iter())
            .map(|p| {
                Diagnostic::error(p)
                    .in_file(path)
                    .hint("its fields were changed after iro made it: ask for the answers again on the copy iro sent, or type them into an answers file")
            })
            .collect::<Vec<_>>()
    })?;
    Ok(ReturnedAnswers {
        iro_response: 1,
        form: form_id,
        case,
        review,
        from,
        answers,
    })
}

/// The form, case, review and reader the PDF's catalog names.
fn identity(doc: &Document) -> Option<[String; 4]> {
    let catalog = doc.catalog().ok()?;
    let (_, mark) = doc.dereference(catalog.get(IDENTITY_KEY).ok()?).ok()?;
    let mark = mark.as_dict().ok()?;
    let text = |key: &[u8]| decode_text_string(mark.get(key).ok()?).ok();
    Some([
        text(b"Form")?,
        text(b"Case")?,
        text(b"Review")?,
        text(b"From")?,
    ])
}

/// What a field holds: its value, and for a check box the value it gives when ticked.
#[derive(Debug, Default, Clone)]
struct Field {
    /// A text box's words, or the chosen state of a button (`0`, `Yes`, `Off`).
    value: Option<String>,
    /// A check box's export value (`/Opt`): the person a `people` box is for.
    export: Option<String>,
}

/// Every field with no child fields, by its full name (`review-people.0`).
fn terminal_fields(doc: &Document) -> BTreeMap<String, Field> {
    let mut out = BTreeMap::new();
    let fields = (doc.catalog().ok())
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|a| doc.dereference(a).ok())
        .and_then(|(_, a)| a.as_dict().ok())
        .and_then(|a| a.get(b"Fields").ok())
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_array().ok());
    for field in fields.into_iter().flatten() {
        walk(doc, field, "", None, &mut out, 0);
    }
    out
}

/// Collects the terminal fields under `field`; `inherited` is a parent's value, which a
/// radio group's buttons share.
fn walk(
    doc: &Document,
    field: &Object,
    prefix: &str,
    inherited: Option<&Object>,
    out: &mut BTreeMap<String, Field>,
    depth: u8,
) {
    let Ok((_, Object::Dictionary(dict))) = doc.dereference(field) else {
        return;
    };
    let own = (dict.get(b"T").ok()).and_then(|t| decode_text_string(t).ok());
    let name = match (&own, prefix) {
        (Some(own), "") => own.clone(),
        (Some(own), _) => format!("{prefix}.{own}"),
        (None, _) => prefix.to_owned(),
    };
    let value = dict.get(b"V").ok().or(inherited);
    let kid_fields: Vec<&Object> = (dict.get(b"Kids").and_then(Object::as_array).ok())
        .into_iter()
        .flatten()
        .filter(|kid| is_field(doc, kid))
        .collect();
    if kid_fields.is_empty() || depth > 8 {
        let entry = out.entry(name).or_default();
        entry.value = value.and_then(|v| value_text(doc, v));
        entry.export = export_value(doc, dict);
        return;
    }
    for kid in kid_fields {
        walk(doc, kid, &name, value, out, depth + 1);
    }
}

/// Whether a kid is a field of its own (it has a name), not a widget of its parent.
fn is_field(doc: &Document, kid: &Object) -> bool {
    matches!(doc.dereference(kid), Ok((_, Object::Dictionary(d))) if d.has(b"T"))
}

/// A value as text: a name (a button's state) or a string (a text box's words).
fn value_text(doc: &Document, value: &Object) -> Option<String> {
    match doc.dereference(value).ok()?.1 {
        Object::Name(name) => Some(String::from_utf8_lossy(name).into_owned()),
        text @ Object::String(..) => decode_text_string(text).ok(),
        _ => None,
    }
}

fn export_value(doc: &Document, dict: &Dictionary) -> Option<String> {
    let (_, opt) = doc.dereference(dict.get(b"Opt").ok()?).ok()?;
    decode_text_string(opt.as_array().ok()?.first()?).ok()
}

/// The answers the fields hold, as the HTML form saves them; or every field that is not as
/// iro made it.
fn answers(
    form: &Form,
    fields: &BTreeMap<String, Field>,
) -> Result<BTreeMap<String, Answer>, Vec<String>> {
    let mut problems = Vec::new();
    let mut expected: Vec<String> = Vec::new();
    let mut out = BTreeMap::new();
    for q in form.questions() {
        let people = |name: &String| {
            (name.strip_prefix(&format!("{}.", q.id)))
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        };
        // Who a `people` question lists is the pack's, not the form's: as many as iro drew.
        let shown = if q.answer == AnswerKind::People {
            fields.keys().filter(|n| people(n)).count()
        } else {
            q.choices().len()
        };
        let parts = names::parts_of(q.answer, shown);
        let name_of = |part: Part| match part.child_name(q.answer) {
            Some(own) => format!("{}.{own}", q.id),
            None => q.id.clone(),
        };
        expected.extend(parts.iter().map(|p| name_of(*p)));
        let get = |part: Part| fields.get(&name_of(part));
        let words = |part: Part| get(part).and_then(|f| f.value.clone()).unwrap_or_default();
        let ticked = |part: Part| {
            get(part)
                .and_then(|f| f.value.as_deref())
                .is_some_and(|v| v != "Off")
        };
        let choices = q.choices();
        let answer = match q.answer {
            AnswerKind::Text => Some(Answer::Text(words(Part::Text))),
            AnswerKind::WhereWhen => Some(Answer::WhereWhen {
                r#where: words(Part::Where),
                when: words(Part::When),
            }),
            AnswerKind::Choose => Some(Answer::Several(
                (0..shown)
                    .filter(|i| ticked(Part::Choice(*i)))
                    .filter_map(|i| choices.get(i).cloned())
                    .collect(),
            )),
            AnswerKind::People => {
                let mut names: Vec<String> = (0..shown)
                    .filter(|i| ticked(Part::Choice(*i)))
                    .filter_map(|i| get(Part::Choice(i)).and_then(|f| f.export.clone()))
                    .collect();
                let other = words(Part::Else);
                if !other.trim().is_empty() {
                    names.push(other);
                }
                Some(Answer::Several(names))
            }
            _ => chosen(fields.get(&q.id), &choices).map(Answer::Text),
        };
        if let Some(answer) = answer {
            out.insert(q.id.clone(), answer);
        }
    }
    for name in fields.keys().filter(|n| !expected.contains(n)) {
        problems.push(format!(
            "this PDF has a field `{name}` that iro does not give form `{}`",
            form.id
        ));
    }
    for name in expected.iter().filter(|n| !fields.contains_key(*n)) {
        problems.push(format!(
            "this PDF has no field `{name}`, which iro gives form `{}`",
            form.id
        ));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The choice a radio group holds: its button's number (`0`), or the choice's words, as a
/// tool that sets fields by their export value writes them; `None` when none is chosen.
fn chosen(field: Option<&Field>, choices: &[String]) -> Option<String> {
    let value = field?.value.as_deref()?;
    if value == "Off" || value.is_empty() {
        return None;
    }
    match value.parse::<usize>() {
        Ok(i) => choices.get(i).cloned().or_else(|| Some(value.to_owned())),
        Err(_) => Some(value.to_owned()),
    }
}
