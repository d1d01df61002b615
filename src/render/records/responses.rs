//! The answers returned on consultation forms, as a record prints them: each question and
//! answer in the record's language where the form has a translation in it (answers are kept
//! in the form's own words; see `model::translation`).

use serde::Serialize;

use super::super::context::terms::Terms;
use super::People;
use crate::model::*;

#[derive(Debug, Serialize)]
pub struct AnswerView {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Serialize)]
pub struct ResponseView {
    pub name: String,
    pub role: String,
    pub is_child: bool,
    pub form: String,
    pub answers: Vec<AnswerView>,
}

/// An answer as words: a list joined, where and when spelled out, each choice as the form
/// shows it in this language.
fn answer_text(worded: Option<Worded>, question: Option<&Question>, answer: &Answer) -> String {
    let shown = |value: &str| match (worded, question) {
        (Some(w), Some(q)) => w.shown(q, value),
        _ => value.to_owned(),
    };
    match answer {
        Answer::Text(t) => shown(t),
        Answer::Several(items) => items
            .iter()
            .map(|i| shown(i))
            .collect::<Vec<_>>()
            .join(", "),
        Answer::WhereWhen { r#where, when } => Terms::now().where_when(r#where, when),
    }
}

/// The answers returned for a meeting, with the forms as `lang` shows them.
pub(super) fn responses(
    people: &People,
    m: &Meeting,
    forms: &[Form],
    translations: &[Translation],
    lang: &str,
) -> Vec<ResponseView> {
    m.responses
        .iter()
        .map(|r| {
            let worded = (forms.iter())
                .find(|f| f.id == r.form)
                .map(|f| Worded::in_language(f, translations, lang));
            // In the form's order, as the reader answered them; any the form no longer asks
            // after, as written.
            let place = |id: &str| {
                (worded.and_then(|w| w.form.questions().position(|q| q.id == id)))
                    .unwrap_or(usize::MAX)
            };
            let mut given: Vec<(&String, &Answer)> = r.answers.iter().collect();
            given.sort_by_key(|(id, _)| place(id));
            let answers = given
                .into_iter()
                .filter(|(_, a)| !a.is_blank())
                .map(|(id, a)| {
                    let own = worded.and_then(|w| w.form.question(id));
                    AnswerView {
                        question: (worded.and_then(|w| w.question(id)))
                            .map_or_else(|| id.clone(), |q| q.ask.clone()),
                        answer: answer_text(worded, own, a),
                    }
                })
                .collect();
            let who = people.named(&r.from);
            ResponseView {
                name: who.name,
                role: who.role,
                is_child: r.from == "child",
                form: worded.map_or_else(|| r.form.clone(), |w| w.words().title.clone()),
                answers,
            }
        })
        .collect()
}
