//! Rules for consultation forms (`forms/*.yaml`) and for the answers kept in case files.
//!
//! The JSON Schema has already checked each field's shape; these rules check what it cannot:
//! ids unique in a form, the right number of options for each kind of answer, and that a form
//! says who gets it.

use std::collections::HashSet;

use super::{Context, Findings};
use crate::diag::Diagnostic;
use crate::load::Source;
use crate::model::*;

/// Checks one form file.
pub fn check_form(source: &Source, form: &Form, ctx: &Context) -> Vec<Diagnostic> {
    let mut f = Findings::new(source);
    if ctx.forms.iter().filter(|other| other.id == form.id).count() > 1 {
        f.push(
            "",
            Diagnostic::error(format!(
                "form id `{}` is used by more than one file",
                form.id
            ))
            .hint("a form's id is its file name: keep one of `.yaml` and `.yml`"),
        );
    }
    match (form.audience, &form.ages) {
        (FormAudience::Child, None) => f.push(
            "audience",
            Diagnostic::error("a child's form needs the ages it is for")
                .expected("`ages: { from: 8, to: 12 }`")
                .hint("iro picks a child's form by the child's age on the review date"),
        ),
        (FormAudience::Child, Some(ages)) if ages.from > ages.to => f.push(
            "ages",
            Diagnostic::error(format!("ages run backwards: {} to {}", ages.from, ages.to))
                .hint("write the youngest age first"),
        ),
        (FormAudience::Child, _) => {}
        (_, Some(_)) => f.push(
            "ages",
            Diagnostic::error("only a child's form is chosen by age")
                .hint("remove `ages:`, or set `audience: child`"),
        ),
        (_, None) if form.roles.is_empty() => f.push(
            "audience",
            Diagnostic::error("this form says nobody gets it")
                .expected("`roles:` the roles of the people who get it, such as [mother, father]")
                .hint("iro picks an adult's form by their role in the case file"),
        ),
        (_, None) => {}
    }
    let mut seen = HashSet::new();
    for (s, section) in form.sections.iter().enumerate() {
        for (q, question) in section.questions.iter().enumerate() {
            let at = format!("sections[{s}].questions[{q}]");
            if !seen.insert(question.id.as_str()) {
                f.push(
                    &format!("{at}.id"),
                    Diagnostic::error(format!(
                        "question id `{}` is already used in this form",
                        question.id
                    ))
                    .hint("returned answers are matched by id: give each question its own"),
                );
            }
            check_options(&mut f, &at, question);
        }
    }
    f.out
}

/// Why a translation (`forms/<lang>/<id>.yaml`) cannot stand for its form, as a warning: no
/// form of its id, or questions that are not its form's. Such a translation is not used, and
/// its readers get the form in the service's language.
pub fn check_translation(
    source: &Source,
    translation: &Form,
    forms: &[Form],
) -> Option<Diagnostic> {
    let id = &translation.id;
    let Some(form) = forms.iter().find(|f| f.id == *id) else {
        return Some(
            Diagnostic::warning(format!("no form `forms/{id}.yaml` for this translation"))
                .in_file(&source.path)
                .hint("a translation has its form's file name; this one is not used"),
        );
    };
    let wrong = crate::model::translation::mismatch(form, translation)?;
    Some(
        Diagnostic::warning(format!(
            "this translation does not match `forms/{id}.yaml`: {wrong}; it is not used, so its readers get the form in the service's language"
        ))
        .in_file(&source.path)
        .hint("a translation keeps its form's questions: the same ids, in the same order, with the same kind of answer and number of options; only the words change"),
    )
}

/// Each kind of answer takes its own number of options.
fn check_options(f: &mut Findings, at: &str, q: &Question) {
    let n = q.options.len();
    let (ok, expected) = match q.answer {
        AnswerKind::Faces => (n == 0 || n == 3 || n == 5, "none, or 3 or 5 labels"),
        AnswerKind::Scale => ((2..=7).contains(&n), "2 to 7 words in order"),
        AnswerKind::Choose => ((2..=12).contains(&n), "2 to 12 things to tick"),
        AnswerKind::Text | AnswerKind::YesNo | AnswerKind::People | AnswerKind::WhereWhen => {
            (n == 0, "no options")
        }
    };
    if !ok {
        f.push(
            &format!("{at}.options"),
            Diagnostic::error(format!("this answer kind has {n} options"))
                .expected(format!("`options:` with {expected}"))
                .hint("see forms/README.md for what each kind of answer takes"),
        );
    }
    if q.lines.is_some() && q.answer != AnswerKind::Text {
        f.push(
            &format!("{at}.lines"),
            Diagnostic::error("only a free-text answer has lines")
                .hint("remove `lines:`, or set `answer: text`"),
        );
    }
}

/// Checks the returned answers kept under one meeting of a case.
pub(super) fn check_responses(
    f: &mut Findings,
    at: &str,
    m: &Meeting,
    people: &[String],
    ctx: &Context,
) {
    let form_ids: Vec<String> = ctx.forms.iter().map(|f| f.id.clone()).collect();
    for (j, r) in m.responses.iter().enumerate() {
        let path = format!("{at}.responses[{j}]");
        if !people.contains(&r.from) {
            f.unknown(
                &format!("{path}.from"),
                "person",
                &r.from,
                people,
                "`child`, `social-worker` or a person id",
            );
        }
        let Some(form) = ctx.forms.iter().find(|form| form.id == r.form) else {
            f.unknown(
                &format!("{path}.form"),
                "form",
                &r.form,
                &form_ids,
                "the id of a form in forms/",
            );
            continue;
        };
        for question in r.answers.keys() {
            if form.question(question).is_none() {
                f.push(
                    &format!("{path}.answers.{question}"),
                    Diagnostic::warning(format!("form `{}` has no question `{question}`", form.id))
                        .hint("the form may have changed since it was sent; the answer is kept"),
                );
            }
        }
    }
}
