//! Form fields: the copy of a consultation form to fill in on screen (`fillable-pdf`).
//!
//! Typst has no form fields (typst/typst#1765). So the form layout marks the box each field
//! goes over with a link to `iro-field:…` ([`names`]): a link draws nothing, and Typst puts its
//! annotation exactly over the box and tags it in reading order, in a `Link` structure
//! element. After export, [`add_fields`] makes each marked annotation the widget of a field (a
//! text box, a radio button, a check box), makes its structure element the `Form` element
//! PDF/UA asks for, and adds the form (`AcroForm`) and who the form is for
//! ([`FormIdentity`]), which `iro import-responses` reads back.
//!
//! Written by hand over lopdf because no maintained Rust crate adds fields to a tagged PDF:
//! krilla, Typst's PDF writer, has no widget annotations, and the PDF crates that write forms
//! draw the whole page themselves.

mod appearance;
pub mod names;

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, dictionary, text_string};

use crate::model::AnswerKind;
use names::Part;

/// The catalog key that says which review, case, form and reader a fillable form is for.
pub const IDENTITY_KEY: &[u8] = b"IroForm";

/// Which consultation a fillable form belongs to: what the HTML form's answers file says in
/// its first lines, kept in the PDF so a filled-in copy needs nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormIdentity {
    pub form: String,
    pub case: String,
    /// The review's date, `YYYY-MM-DD`.
    pub review: String,
    /// `child`, `social-worker` or the person's id.
    pub from: String,
}

/// One question, as its fields show it.
#[derive(Debug, Clone)]
pub struct FieldQuestion {
    pub id: String,
    /// The question, in the form's language: each field's accessible name starts with it.
    pub ask: String,
    pub kind: AnswerKind,
    /// The choices as shown.
    pub choices: Vec<String>,
    /// What each choice is kept as (the form's own words; a person's name).
    pub values: Vec<String>,
    /// The words for a `people` question's "Anyone else" and a `where-when` question's
    /// "Where" and "When", in the form's language.
    pub part_words: BTreeMap<&'static str, String>,
}

/// A form to add fields to.
#[derive(Debug, Clone)]
pub struct FillableForm {
    pub identity: FormIdentity,
    pub questions: Vec<FieldQuestion>,
    /// The type size of typed answers, in points.
    pub text_size: f32,
    /// The ring round a chosen face, and the tick in a ticked box: the house colour, RGB 0-1.
    pub accent: [f32; 3],
}

/// Why fields could not be added. The layout is the service's to change, so each problem
/// names what it marked wrongly.
#[derive(Debug, thiserror::Error)]
pub enum FieldsError {
    #[error("the typeset form could not be read back: {0}")]
    Pdf(#[from] lopdf::Error),
    #[error("the form layout marks no box for `{0}` (its `fill` links are missing)")]
    Unmarked(String),
    #[error("the form layout marks the box for `{0}` more than once")]
    MarkedTwice(String),
    #[error("the form layout marks a box `{0}` that this form has no question for")]
    Stray(String),
    #[error("the typeset form's mark for `{0}` is not tagged, so its field could not be")]
    Untagged(String),
}

/// A box the layout marked: the link annotation over it, on its page.
struct Mark {
    page: ObjectId,
    annot: ObjectId,
    question: String,
    part: Part,
    rect: [f32; 4],
}

/// The PDF with its marks made fields.
pub fn add_fields(pdf: &[u8], form: &FillableForm) -> Result<Vec<u8>, FieldsError> {
    let mut doc = Document::load_mem(pdf)?;
    let marks = find_marks(&doc)?;
    let by_box = check_marks(&marks, form)?;
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut fields = Vec::new();
    for q in &form.questions {
        let boxes: Vec<&Mark> = (names::parts_of(q.kind, q.choices.len()).into_iter())
            .map(|part| by_box[&(q.id.as_str(), part)])
            .collect();
        fields.push(Object::Reference(question_field(
            &mut doc, q, &boxes, form,
        )?));
    }
    let acroform = doc.add_object(dictionary! {
        "Fields" => fields,
        "DA" => Object::string_literal("/Helv 0 Tf 0 g"),
        "DR" => dictionary! { "Font" => dictionary! { "Helv" => font } },
    });
    let id = &form.identity;
    let identity = dictionary! {
        "Version" => 1,
        "Form" => text_string(&id.form),
        "Case" => text_string(&id.case),
        "Review" => text_string(&id.review),
        "From" => text_string(&id.from),
    };
    let catalog = doc.catalog_mut()?;
    catalog.set("AcroForm", acroform);
    catalog.set(IDENTITY_KEY, identity);
    let mut out = Vec::with_capacity(pdf.len() + pdf.len() / 8);
    // Object streams, as Typst writes them, keep the copy near the print copy's size.
    doc.save_modern(&mut out).map_err(lopdf::Error::IO)?;
    Ok(out)
}

/// Every field mark in the document, page by page in reading order.
fn find_marks(doc: &Document) -> Result<Vec<Mark>, FieldsError> {
    let mut marks = Vec::new();
    for page in doc.page_iter() {
        let Ok(annots) = doc.get_dictionary(page)?.get(b"Annots") else {
            continue;
        };
        let (_, annots) = doc.dereference(annots)?;
        for annot in annots.as_array()? {
            let Ok(annot) = annot.as_reference() else {
                continue;
            };
            let dict = doc.get_dictionary(annot)?;
            let url = (dict.get(b"A").and_then(|a| doc.dereference(a)))
                .and_then(|(_, a)| a.as_dict())
                .and_then(|a| a.get(b"URI"))
                .and_then(Object::as_str);
            let Ok(url) = url else { continue };
            let url = String::from_utf8_lossy(url);
            if !url.starts_with(names::LINK_SCHEME) {
                continue;
            }
            let (question, part) =
                names::parse_mark(&url).ok_or_else(|| FieldsError::Stray(url.to_string()))?;
            let rect = rect_of(dict.get(b"Rect")?)?;
            marks.push(Mark {
                page,
                annot,
                question: question.to_owned(),
                part,
                rect,
            });
        }
    }
    Ok(marks)
}

fn rect_of(rect: &Object) -> Result<[f32; 4], lopdf::Error> {
    let n: Vec<f32> = (rect.as_array()?.iter())
        .map(Object::as_float)
        .collect::<Result<_, _>>()?;
    match n.as_slice() {
        [a, b, c, d] => Ok([a.min(*c), b.min(*d), a.max(*c), b.max(*d)]),
        _ => Err(lopdf::Error::DictType {
            expected: "a rectangle",
            found: "another array".to_owned(),
        }),
    }
}

/// The marks by question and part, when each part of each question is marked exactly once.
fn check_marks<'m>(
    marks: &'m [Mark],
    form: &'m FillableForm,
) -> Result<BTreeMap<(&'m str, Part), &'m Mark>, FieldsError> {
    let mut by_box = BTreeMap::new();
    for mark in marks {
        let name = format!("{}/{:?}", mark.question, mark.part);
        let question = (form.questions.iter()).find(|q| q.id == mark.question);
        let expected =
            question.is_some_and(|q| names::parts_of(q.kind, q.choices.len()).contains(&mark.part));
        if !expected {
            return Err(FieldsError::Stray(name));
        }
        if by_box
            .insert((mark.question.as_str(), mark.part), mark)
            .is_some()
        {
            return Err(FieldsError::MarkedTwice(name));
        }
    }
    for q in &form.questions {
        if let Some(part) = (names::parts_of(q.kind, q.choices.len()).into_iter())
            .find(|part| !by_box.contains_key(&(q.id.as_str(), *part)))
        {
            return Err(FieldsError::Unmarked(format!("{}/{part:?}", q.id)));
        }
    }
    Ok(by_box)
}

/// The question's field, made from its marks; returns the field's object.
fn question_field(
    doc: &mut Document,
    q: &FieldQuestion,
    boxes: &[&Mark],
    form: &FillableForm,
) -> Result<ObjectId, FieldsError> {
    if q.kind == AnswerKind::Text {
        let mark = boxes[0];
        let mut field = text_field(doc, mark, form);
        field.set("T", text_string(&q.id));
        field.set("TU", text_string(&q.ask));
        widget(doc, mark, field, &q.ask)?;
        return Ok(mark.annot);
    }
    let parent = doc.new_object_id();
    let mut kids = Vec::new();
    for mark in boxes {
        let name = accessible_name(q, mark.part);
        let mut dict = if names::is_radio(q.kind) {
            let on = mark_index(mark);
            let (on_look, off_look) = appearance::choice(doc, mark.rect, q.kind, form.accent);
            dictionary! {
                "AS" => "Off",
                "AP" => dictionary! { "N" => dictionary! { on.to_string() => on_look, "Off" => off_look } },
            }
        } else if let Part::Choice(i) = mark.part {
            let (on_look, off_look) = appearance::choice(doc, mark.rect, q.kind, form.accent);
            let value = q.values.get(i).cloned().unwrap_or_default();
            dictionary! {
                "FT" => "Btn",
                "V" => "Off",
                "AS" => "Off",
                "Opt" => vec![text_string(&value)],
                "AP" => dictionary! { "N" => dictionary! { "Yes" => on_look, "Off" => off_look } },
            }
        } else {
            text_field(doc, mark, form)
        };
        if let Some(own) = mark.part.child_name(q.kind) {
            dict.set("T", text_string(&own));
            dict.set("TU", text_string(&name));
        }
        dict.set("Parent", parent);
        widget(doc, mark, dict, &name)?;
        kids.push(Object::Reference(mark.annot));
    }
    let mut field = dictionary! {
        "T" => text_string(&q.id),
        "TU" => text_string(&q.ask),
        "Kids" => kids,
    };
    if names::is_radio(q.kind) {
        const RADIO: i64 = 1 << 15;
        field.set("FT", "Btn");
        field.set("Ff", RADIO);
        field.set("V", "Off");
        let opt: Vec<Object> = q.values.iter().map(|v| text_string(v)).collect();
        field.set("Opt", opt);
    }
    doc.objects.insert(parent, Object::Dictionary(field));
    Ok(parent)
}

/// A choice's number, which names its radio button's "on" look (`/0`, `/1`…).
fn mark_index(mark: &Mark) -> usize {
    match mark.part {
        Part::Choice(i) => i,
        _ => 0,
    }
}

/// What a screen reader says for a box: the question, then the choice or the part.
fn accessible_name(q: &FieldQuestion, part: Part) -> String {
    let what = match part {
        Part::Text => return q.ask.clone(),
        Part::Choice(i) => q.choices.get(i).cloned().unwrap_or_default(),
        Part::Else => q.part_words.get("else").cloned().unwrap_or_default(),
        Part::Where => q.part_words.get("where").cloned().unwrap_or_default(),
        Part::When => q.part_words.get("when").cloned().unwrap_or_default(),
    };
    format!("{}: {what}", q.ask.trim_end_matches([':', ' ']))
}

/// A text box's field entries.
fn text_field(doc: &mut Document, mark: &Mark, form: &FillableForm) -> Dictionary {
    const MULTILINE: i64 = 1 << 12;
    let look = appearance::empty(doc, mark.rect, true);
    dictionary! {
        "FT" => "Tx",
        "Ff" => MULTILINE,
        "DA" => Object::string_literal(format!("/Helv {} Tf 0 g", form.text_size)),
        "AP" => dictionary! { "N" => look },
    }
}

/// Makes the marked link annotation the widget `entries` describe, and its structure
/// element a `Form` element named `name`.
fn widget(
    doc: &mut Document,
    mark: &Mark,
    entries: Dictionary,
    name: &str,
) -> Result<(), FieldsError> {
    const PRINT: i64 = 1 << 2;
    let annot = doc.get_dictionary_mut(mark.annot)?;
    for key in [&b"A"[..], b"Border", b"H", b"QuadPoints", b"Contents"] {
        annot.remove(key);
    }
    annot.set("Subtype", "Widget");
    annot.set("F", PRINT);
    annot.set("P", mark.page);
    annot.extend(&entries);
    let parent = annot.get(b"StructParent").and_then(Object::as_i64).ok();
    let untagged = || FieldsError::Untagged(format!("{}/{:?}", mark.question, mark.part));
    let element = parent
        .and_then(|key| struct_element_of(doc, key))
        .ok_or_else(untagged)?;
    let element = doc.get_dictionary_mut(element)?;
    element.set("S", "Form");
    element.set("Alt", text_string(name));
    Ok(())
}

/// The structure element an annotation's `StructParent` key names in the parent tree.
fn struct_element_of(doc: &Document, key: i64) -> Option<ObjectId> {
    let root = doc.catalog().ok()?.get(b"StructTreeRoot").ok()?;
    let (_, root) = doc.dereference(root).ok()?;
    let tree = root.as_dict().ok()?.get(b"ParentTree").ok()?;
    number_tree_lookup(doc, tree, key, 0)
}

/// Looks a key up in a number tree (`Nums` leaves under `Kids`), no deeper than a sane depth.
fn number_tree_lookup(doc: &Document, node: &Object, key: i64, depth: u8) -> Option<ObjectId> {
    let (_, node) = doc.dereference(node).ok()?;
    let node = node.as_dict().ok()?;
    if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
        return (nums.chunks(2))
            .find(|pair| pair[0].as_i64().ok() == Some(key))
            .and_then(|pair| pair.get(1)?.as_reference().ok());
    }
    if depth > 16 {
        return None;
    }
    let kids = node.get(b"Kids").and_then(Object::as_array).ok()?;
    kids.iter()
        .find_map(|kid| number_tree_lookup(doc, kid, key, depth + 1))
}

#[cfg(test)]
mod tests;
