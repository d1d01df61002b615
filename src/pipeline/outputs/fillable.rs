//! Fillable PDF: the print form, typeset with its boxes marked, then given form fields over
//! them (`typeset::fields`), for a reader to fill in on screen and send back. `iro
//! import-responses` reads the filled-in copy as it reads the HTML form's answers file.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Draft, Output};
use crate::diag::Diagnostic;
use crate::model::AnswerKind;
use crate::plan::{Body, Variant};
use crate::typeset::fields::{FieldQuestion, FillableForm, FormIdentity, add_fields};

pub(super) struct FillablePdf;

impl Output for FillablePdf {
    fn makes(&self, variant: Variant) -> bool {
        variant == Variant::FillablePdf
    }

    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic> {
        let job = draft.job;
        let layout = format!("templates/{}", super::super::Layouts::file_name(Body::Form));
        let mut data = draft.letterhead.to_data();
        let form = data.get_mut("form").filter(|f| f.is_object());
        let Some(form) = form else {
            return Err(Diagnostic::error(format!(
                "`{}` is not a form, so it has no fillable copy",
                job.path
            )));
        };
        form["fillable"] = true.into();
        let fillable = fillable_form(&data).map_err(|e| {
            Diagnostic::error(format!("cannot read the form `{}` to fill: {e}", job.path))
        })?;
        let pdf = super::pdf::typeset(draft, &data)?;
        add_fields(&pdf, &fillable).map_err(|e| {
            Diagnostic::error(format!("cannot add the fields to `{}`: {e}", job.path))
                .in_file(layout)
                .hint("the form layout marks each box with `fill(…)`: compare it with iro's own (`iro init` writes it)")
        })
    }
}

/// What the form layout draws from, as far as the fields need it.
#[derive(Deserialize)]
struct FormData {
    form_id: String,
    case: String,
    review: ReviewData,
    reader: ReaderData,
    lang: String,
    sections: Vec<SectionData>,
}

#[derive(Deserialize)]
struct ReviewData {
    date_iso: String,
}

#[derive(Deserialize)]
struct ReaderData {
    id: String,
}

#[derive(Deserialize)]
struct SectionData {
    questions: Vec<QuestionData>,
}

#[derive(Deserialize)]
struct QuestionData {
    id: String,
    ask: String,
    kind: AnswerKind,
    choices: Vec<String>,
    values: Vec<String>,
}

/// The fields a form's data asks for, with the house colour and the theme's type size.
fn fillable_form(data: &serde_json::Value) -> Result<FillableForm, serde_json::Error> {
    let form = FormData::deserialize(&data["form"])?;
    let accent = accent_rgb(data["accent"].as_str().unwrap_or_default());
    let words = part_words(&form.lang);
    let questions = (form.sections.into_iter())
        .flat_map(|s| s.questions)
        .map(|q| FieldQuestion {
            id: q.id,
            ask: q.ask,
            kind: q.kind,
            choices: q.choices,
            values: q.values,
            part_words: words.clone(),
        })
        .collect();
    Ok(FillableForm {
        identity: FormIdentity {
            form: form.form_id,
            case: form.case,
            review: form.review.date_iso,
            from: form.reader.id,
        },
        questions,
        // The standard theme's body size (form.typ), a little smaller to fit typed words on
        // its ruled lines.
        text_size: 11.0,
        accent,
    })
}

/// The words the form layout prints over a question's extra boxes (`words` in form.typ),
/// which end each box's accessible name.
fn part_words(lang: &str) -> BTreeMap<&'static str, String> {
    let [anyone, place, time] = match lang {
        "cy" => ["Unrhyw un arall", "Ble", "Pryd"],
        _ => ["Anyone else", "Where", "When"],
    };
    BTreeMap::from([
        ("else", anyone.to_owned()),
        ("where", place.to_owned()),
        ("when", time.to_owned()),
    ])
}

/// The house colour (`#rrggbb`, as `branding.colour` must be) as RGB from 0 to 1; black
/// where it is not a colour.
fn accent_rgb(colour: &str) -> [f32; 3] {
    let hex = colour.strip_prefix('#').unwrap_or_default();
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return [0.0; 3];
    }
    [1, 3, 5].map(|at| f32::from(crate::render::site::channel(colour, at)) / 255.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_house_colour_reads_as_rgb() {
        assert_eq!(accent_rgb("#FF0000"), [1.0, 0.0, 0.0]);
        assert_eq!(accent_rgb("#00ff00"), [0.0, 1.0, 0.0]);
        assert_eq!(accent_rgb("red"), [0.0, 0.0, 0.0]);
        assert_eq!(accent_rgb("#12345"), [0.0, 0.0, 0.0]);
    }

    #[test]
    fn the_extra_boxes_are_named_in_the_forms_language() {
        assert_eq!(part_words("cy")["where"], "Ble");
        assert_eq!(part_words("pl")["else"], "Anyone else");
    }
}
