//! Fields added to a form the real form layout typesets, read back with lopdf.

use std::sync::OnceLock;

use serde_json::json;

use lopdf::decode_text_string;

use super::*;
use crate::typeset::{Document as Doc, Theme, Typesetter};

const FORM_LAYOUT: &str = include_str!("../../../templates/layouts/form.typ");

fn typesetter() -> &'static Typesetter {
    static TYPESETTER: OnceLock<Typesetter> = OnceLock::new();
    TYPESETTER.get_or_init(Typesetter::new)
}

fn question(id: &str, kind: &str, choices: &[&str]) -> serde_json::Value {
    json!({ "id": id, "ask": format!("Ask {id}?"), "kind": kind, "lines": 3,
            "choices": choices, "values": choices })
}

fn data(fillable: bool) -> serde_json::Value {
    json!({
        "service_name": "Example Reviewing Service",
        "accent": "#1d4f91",
        "form": {
            "title": "All about me",
            "fillable": fillable,
            "sections": [{ "title": "Me", "questions": [
                question("home-feel", "faces", &["Sad", "OK", "Happy"]),
                question("worries", "text", &[]),
                question("review-people", "people", &["Mum", "Kai"]),
                question("meet", "where-when", &[]),
                question("likes", "choose", &["Games", "Music"]),
            ]}],
        },
    })
}

fn typeset(data: &serde_json::Value) -> Vec<u8> {
    let doc = Doc {
        markdown: "",
        theme: Theme::Standard,
        title: "All about me",
        lang: "en-GB",
        layout: FORM_LAYOUT,
        data,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2),
        images: &[],
        second: None,
    };
    typesetter().pdf(&doc).expect("the form typesets")
}

fn fillable() -> FillableForm {
    let q = |id: &str, kind, choices: &[&str]| FieldQuestion {
        id: id.to_owned(),
        ask: format!("Ask {id}?"),
        kind,
        choices: choices.iter().map(|c| c.to_string()).collect(),
        values: choices.iter().map(|c| c.to_string()).collect(),
        part_words: BTreeMap::from([("else", "Anyone else".to_owned())]),
    };
    FillableForm {
        identity: FormIdentity {
            form: "child-4-7".into(),
            case: "NM-1003".into(),
            review: "2026-12-14".into(),
            from: "child".into(),
        },
        questions: vec![
            q("home-feel", AnswerKind::Faces, &["Sad", "OK", "Happy"]),
            q("worries", AnswerKind::Text, &[]),
            q("review-people", AnswerKind::People, &["Mum", "Kai"]),
            q("meet", AnswerKind::WhereWhen, &[]),
            q("likes", AnswerKind::Choose, &["Games", "Music"]),
        ],
        text_size: 11.0,
        accent: [0.1, 0.3, 0.6],
    }
}

/// Every annotation in the document, with its structure element's type.
fn widgets(doc: &Document) -> Vec<(Dictionary, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    for page in doc.page_iter() {
        let page = doc.get_dictionary(page).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        let annots = doc.dereference(annots).unwrap().1.as_array().unwrap();
        for annot in annots {
            let dict = doc
                .get_dictionary(annot.as_reference().unwrap())
                .unwrap()
                .clone();
            let element = (dict.get(b"StructParent").and_then(Object::as_i64).ok())
                .and_then(|key| struct_element_of(doc, key))
                .map(|id| {
                    doc.get_dictionary(id)
                        .unwrap()
                        .get(b"S")
                        .unwrap()
                        .as_name()
                        .unwrap()
                        .to_vec()
                });
            out.push((dict, element));
        }
    }
    out
}

#[test]
fn each_marked_box_becomes_a_tagged_widget() {
    let pdf = add_fields(&typeset(&data(true)), &fillable()).expect("fields are added");
    let doc = Document::load_mem(&pdf).unwrap();
    let widgets = widgets(&doc);
    // 3 faces, 1 text, 2 people and anyone else, where and when, 2 choices.
    assert_eq!(widgets.len(), 11, "{widgets:?}");
    for (dict, element) in &widgets {
        assert_eq!(dict.get(b"Subtype").unwrap().as_name().unwrap(), b"Widget");
        assert!(!dict.has(b"A"), "a widget keeps no link action");
        assert_eq!(
            element.as_deref(),
            Some(&b"Form"[..]),
            "a widget is in a Form element"
        );
    }
    let catalog = doc.catalog().unwrap();
    let acroform = doc
        .dereference(catalog.get(b"AcroForm").unwrap())
        .unwrap()
        .1;
    let fields = acroform
        .as_dict()
        .unwrap()
        .get(b"Fields")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(fields.len(), 5, "one field for each question");
    let mark = catalog.get(IDENTITY_KEY).unwrap().as_dict().unwrap();
    assert_eq!(
        decode_text_string(mark.get(b"Case").unwrap()).unwrap(),
        "NM-1003"
    );
}

#[test]
fn a_write_in_field_covers_its_ruled_lines() {
    let pdf = add_fields(&typeset(&data(true)), &fillable()).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let text = (widgets(&doc).into_iter())
        .find(|(d, _)| {
            d.get(b"T")
                .ok()
                .and_then(|t| decode_text_string(t).ok())
                .as_deref()
                == Some("worries")
        })
        .expect("the write-in field");
    let [x0, y0, x1, y1] = rect_of(text.0.get(b"Rect").unwrap()).unwrap();
    // Three lines of 9 mm, across the 17 cm between A4's 2 cm margins.
    let mm = 72.0 / 25.4;
    assert!(((y1 - y0) - 27.0 * mm).abs() < 1.0, "height {}", y1 - y0);
    assert!(((x1 - x0) - 170.0 * mm).abs() < 1.0, "width {}", x1 - x0);
    assert!((x0 - 20.0 * mm).abs() < 1.0, "left {x0}");
}

#[test]
fn a_layout_that_marks_nothing_is_an_error_naming_the_question() {
    let err = add_fields(&typeset(&data(false)), &fillable()).unwrap_err();
    assert!(
        matches!(err, FieldsError::Unmarked(ref q) if q.starts_with("home-feel")),
        "{err}"
    );
}

#[test]
fn a_mark_for_no_question_is_an_error() {
    let mut form = fillable();
    form.questions.retain(|q| q.id != "likes");
    let err = add_fields(&typeset(&data(true)), &form).unwrap_err();
    assert!(
        matches!(err, FieldsError::Stray(ref q) if q.starts_with("likes")),
        "{err}"
    );
}

#[test]
fn the_same_form_gets_the_same_bytes() {
    let pdf = typeset(&data(true));
    assert_eq!(
        add_fields(&pdf, &fillable()).unwrap(),
        add_fields(&pdf, &fillable()).unwrap()
    );
}
