//! Import: answers returned on consultation forms -> the review they belong to, in the case file.
//!
//! Each answers file is checked against its schema, its case, its review and its form; the
//! answers are then added to the case file's text , keeping every comment and the
//! key order ([`crate::edit`]), and the edited text is read back to prove that nothing else changed and that the
//! answers came through exactly. Writes nothing itself: the caller writes the new texts.

mod filled;
pub mod ssda903;

use std::path::Path;

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::load::Source;
use crate::model::*;
use crate::validate::FileKind;

/// What [`write_imported`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// Case files that were there already and were merged with the import.
    pub updated: usize,
    /// Of those, the files whose text could not be edited in place (so their comments were
    /// lost): each is written anew from the merged case.
    pub rewritten: Vec<std::path::PathBuf>,
}

/// Writes imported cases into a cases folder: a new file for a new child, and for a child who
/// has one, the file merged with the import ([`ssda903::merge`]), edited in place so that its
/// comments stay ([`crate::edit::update_case`]). A file the import changes nothing in is left
/// alone. Files are independent, so they are done in parallel.
pub fn write_imported(cases: &[Case], dir: &Path) -> anyhow::Result<Written> {
    use anyhow::Context;
    use rayon::prelude::*;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make `{}`", dir.display()))?;
    let done: Vec<(bool, bool)> = cases
        .par_iter()
        .map(|case| write_one(case, &dir.join(format!("{}.yaml", case.id))))
        .collect::<anyhow::Result<_>>()?;
    let mut written = Written::default();
    for (case, (updated, rewritten)) in cases.iter().zip(done) {
        written.updated += usize::from(updated);
        if rewritten {
            written
                .rewritten
                .push(dir.join(format!("{}.yaml", case.id)));
        }
    }
    Ok(written)
}

/// Writes one imported case; says whether the file was there (updated) and whether it had to
/// be written anew.
fn write_one(case: &Case, path: &Path) -> anyhow::Result<(bool, bool)> {
    use anyhow::Context;
    let Ok(text) = std::fs::read_to_string(path) else {
        write_case(path, &new_case_file(case)?)?;
        return Ok((false, false));
    };
    let existing = crate::edit::read_case(&text).with_context(|| {
        format!(
            "`{}` is not a valid case file; fix it or move it away first",
            path.display()
        )
    })?;
    let merged = ssda903::merge(&existing, case);
    if serde_json::to_value(&merged)? == serde_json::to_value(&existing)? {
        return Ok((true, false));
    }
    let (yaml, rewritten) = match crate::edit::update_case(&text, &existing, &merged) {
        Ok(edited) => (edited, false),
        Err(_) => (new_case_file(&merged)?, true),
    };
    write_case(path, &yaml)?;
    Ok((true, rewritten))
}

fn write_case(path: &Path, yaml: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    crate::write::write_atomic(path, yaml.as_bytes())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

/// A case file's text for a child the return brings in.
fn new_case_file(case: &Case) -> anyhow::Result<String> {
    Ok(format!(
        "# Imported from the SSDA903 return by `iro import-903`. The return holds no names:\n\
         # add the child's name, the IRO and the people around them.\n{}",
        serde_saphyr::to_string(case)?
    ))
}

/// One answers file, checked and ready to add.
#[derive(Debug, Clone)]
pub struct Checked {
    pub case: String,
    /// Index into the case's `meetings`.
    pub meeting: usize,
    pub response: Response,
}

/// Reads and checks one answers file (`.json` or `.yaml`) against a validated service.
pub fn check_answers(
    path: &Path,
    data: &ServiceData,
    received: NaiveDate,
) -> Result<Checked, (Vec<Diagnostic>, Option<String>)> {
    if filled::is_pdf(path) {
        let returned = filled::read(path, data).map_err(|d| (d, None))?;
        return check_returned(path, returned, data, received, &|_| None).map_err(|d| (d, None));
    }
    let text = crate::load::read_text(path).map_err(|d| (vec![d.in_file(path)], None))?;
    let value = crate::load::yaml::parse_value(&text)
        .map_err(|d| (vec![d.in_file(path)], Some(text.clone())))?;
    let source = Source::new(path.to_owned(), text.clone(), value);
    let problems = crate::validate::schema::check_structure(&source, FileKind::ReturnedAnswers);
    if !problems.is_empty() {
        return Err((problems, Some(text)));
    }
    let returned: ReturnedAnswers = serde_json::from_value(source.value.clone()).map_err(|e| {
        let d = Diagnostic::error(format!("this answers file does not match its schema: {e}"))
            .in_file(path);
        (vec![d], Some(text.clone()))
    })?;
    let spans = |field: &str| source.index().value(field);
    check_returned(path, returned, data, received, &spans).map_err(|d| (d, Some(text)))
}

/// Checks answers read from `path` against the service: their case, review, reader and
/// form, and each answer against its question. `span_of` finds a field in the file.
fn check_returned(
    path: &Path,
    returned: ReturnedAnswers,
    data: &ServiceData,
    received: NaiveDate,
    span_of: &dyn Fn(&str) -> Option<crate::diag::Span>,
) -> Result<Checked, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let at =
        |field: &str, d: Diagnostic| d.in_file(path).at(span_of(field)).field(field.to_owned());
    let Some(case) = data.cases.iter().find(|c| c.id == returned.case) else {
        let d = Diagnostic::error(format!("no case `{}` in this service", returned.case))
            .hint("check the answers belong to this service folder (--service)");
        return Err(vec![at("case", d)]);
    };
    let Some(form) = data.forms.iter().find(|f| f.id == returned.form) else {
        let d = Diagnostic::error(format!("no form `{}` in forms/", returned.form))
            .hint("the form may have been renamed since it was sent");
        return Err(vec![at("form", d)]);
    };
    let meeting = case.meetings.iter().position(|m| {
        m.date == returned.review
            && m.status != MeetingStatus::Cancelled
            && form.meetings.contains(&m.kind)
    });
    let Some(meeting) = meeting else {
        let d = Diagnostic::error(format!(
            "case `{}` has no review on {} for this form",
            case.id, returned.review
        ))
        .hint("add the review to the case file first, or check the date in the answers file");
        return Err(vec![at("review", d)]);
    };
    let known_reader = returned.from == "child"
        || (returned.from == "social-worker" && case.social_worker.is_some())
        || case.person(&returned.from).is_some();
    if !known_reader {
        problems.push(at(
            "from",
            Diagnostic::error(format!(
                "`{}` is not the child, the social worker or a person in case `{}`",
                returned.from, case.id
            ))
            .hint("answers are kept under the person who gave them: check `from`"),
        ));
    }
    let mut answers = returned.answers;
    for (id, answer) in answers.iter_mut() {
        let field = format!("answers.{id}");
        match form.question(id) {
            None => problems.push(at(
                &field,
                Diagnostic::error(format!("form `{}` has no question `{id}`", form.id))
                    .hint("the answers file may come from an older copy of the form"),
            )),
            Some(q) => {
                if let Err(expected) = fits(q, &translated_choices(data, form, q), answer) {
                    problems.push(at(
                        &field,
                        Diagnostic::error(format!("the answer to `{id}` is not what it asks for"))
                            .expected(expected)
                            .hint("the answers file may have been edited by hand"),
                    ));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Checked {
        case: case.id.clone(),
        meeting,
        response: Response {
            from: returned.from,
            form: returned.form,
            received: Some(received),
            answers,
        },
    })
}

/// A question's choices as each of its form's translations shows them, in the order of the
/// form's own (`[Hapus, ...]` for `[Happy, ...]`).
fn translated_choices(data: &ServiceData, form: &Form, q: &Question) -> Vec<Vec<String>> {
    (data.form_translations.iter())
        .filter(|t| t.form.id == form.id)
        .map(|t| {
            let worded = Worded {
                form,
                translation: Some(t),
            };
            worded.choices(q)
        })
        .collect()
}

/// Whether an answer has the shape its question takes. A choice typed up in another case
/// (`happy` for `Happy`), or as a translation of the form shows it (`Hapus`, from `shown`),
/// is the choice: it is written as the form spells it, so answers from every language are
/// kept alike.
fn fits(q: &Question, shown: &[Vec<String>], answer: &mut Answer) -> Result<(), String> {
    let choices = q.choices();
    let choice = |t: &str| {
        let t = t.trim();
        let same = |c: &String| c.eq_ignore_ascii_case(t) || c.to_lowercase() == t.to_lowercase();
        (choices.iter().position(same))
            .or_else(|| shown.iter().find_map(|words| words.iter().position(same)))
            .and_then(|i| choices.get(i))
            .cloned()
    };
    match (q.answer, answer) {
        (AnswerKind::Text, Answer::Text(_)) => Ok(()),
        (AnswerKind::YesNo | AnswerKind::Faces | AnswerKind::Scale, Answer::Text(t)) => {
            if t.is_empty() {
                return Ok(());
            }
            match choice(t) {
                Some(c) => {
                    *t = c;
                    Ok(())
                }
                None => Err(format!("one of {}", choices.join(", "))),
            }
        }
        (AnswerKind::Choose, Answer::Several(ticked)) => {
            for t in ticked.iter_mut() {
                *t =
                    choice(t).ok_or_else(|| format!("a list of some of {}", choices.join(", ")))?;
            }
            Ok(())
        }
        (AnswerKind::People, Answer::Several(_)) => Ok(()),
        (AnswerKind::WhereWhen, Answer::WhereWhen { .. }) => Ok(()),
        (kind, _) => Err(match kind {
            AnswerKind::Choose | AnswerKind::People => "a list of words".to_owned(),
            AnswerKind::WhereWhen => "`where:` and `when:`".to_owned(),
            _ => "words".to_owned(),
        }),
    }
}
