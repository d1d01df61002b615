//! A consultation form in another language (`forms/<lang>/<id>.yaml`): the same questions, in
//! the same order, taking the same answers, in other words.
//!
//! What a reader ticks is kept as the service's own form words it (`Happy`, `Yes`), whichever
//! copy they ticked it on: the Welsh form shows `Hapus` and saves `Happy`. So answers import,
//! count and compare the same from every language, and each document shows them in its own.

use super::form::{AnswerKind, Form, Question};

/// One form's words in one language.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The language's primary subtag: `cy`.
    pub lang: String,
    /// The translated file, read as a form; its `id` is its English form's.
    pub form: Form,
}

/// A form as a reader in some language sees it: the service's own form, and the words of its
/// translation when there is one.
#[derive(Debug, Clone, Copy)]
pub struct Worded<'f> {
    /// The service's own form: what answers are kept as.
    pub form: &'f Form,
    /// Its translation, or `None` for the form's own words.
    pub translation: Option<&'f Translation>,
}

impl<'f> Worded<'f> {
    /// The form in its own words.
    pub fn own(form: &'f Form) -> Worded<'f> {
        Worded {
            form,
            translation: None,
        }
    }

    /// The form in `lang`, where `translations` has it, or else in its own words.
    pub fn in_language(form: &'f Form, translations: &'f [Translation], lang: &str) -> Self {
        // `cy-GB` reads the `cy` translation.
        let translation = (translations.iter())
            .find(|t| t.form.id == form.id && crate::plan::same_language(&t.lang, lang));
        Worded { form, translation }
    }

    /// The form whose words are shown: the translation's, or the form's own.
    pub fn words(&self) -> &'f Form {
        self.translation.map_or(self.form, |t| &t.form)
    }

    /// The language the words are in, or `None` for the form's own.
    pub fn lang(&self) -> Option<&'f str> {
        self.translation.map(|t| t.lang.as_str())
    }

    /// The question with this id as shown (a translation has every question of its form).
    pub fn question(&self, id: &str) -> Option<&'f Question> {
        self.words().question(id).or_else(|| self.form.question(id))
    }

    /// The choices of a question as shown, in the order of the values kept
    /// ([`Question::choices`]).
    pub fn choices(&self, question: &Question) -> Vec<String> {
        let own = question.choices();
        let Some(t) = self.translation else {
            return own;
        };
        let Some(shown) = t.form.question(&question.id) else {
            return own;
        };
        match (question.answer, shown.options.is_empty()) {
            (AnswerKind::YesNo, _) | (AnswerKind::Faces, true) => {
                default_choices(question.answer, &t.lang).unwrap_or(own)
            }
            (AnswerKind::People | AnswerKind::Text | AnswerKind::WhereWhen, _) => own,
            _ => shown.options.clone(),
        }
    }

    /// A kept answer as shown: `Happy` is `Hapus` on a Welsh copy. Words that are not one of
    /// the question's choices (a name written in, free text) are shown as they are.
    pub fn shown(&self, question: &Question, value: &str) -> String {
        let at = question.choices().iter().position(|c| c == value);
        at.and_then(|i| self.choices(question).get(i).cloned())
            .unwrap_or_else(|| value.to_owned())
    }
}

/// The Welsh words iro shows for Yes and No and for the faces a form gives no labels to. Any
/// other language has its translation give the faces' labels, and shows Yes and No as its
/// form does until iro has its words.
fn default_choices(kind: AnswerKind, lang: &str) -> Option<Vec<String>> {
    let words: &[&str] = match (kind, lang) {
        // `Ie` and `Na` are the plain yes and no of a form; a Welsh speaker may prefer the
        // answer that echoes each question's verb (`Ydw`, `Oes`), which a form cannot know.
        (AnswerKind::YesNo, "cy") => &["Ie", "Na"],
        (AnswerKind::Faces, "cy") => &["Trist", "Iawn", "Hapus"],
        _ => return None,
    };
    Some(words.iter().map(|w| (*w).to_owned()).collect())
}

/// What is wrong with a translation for its form, if anything: a question left out, added or
/// moved, or a different kind of answer or number of choices.
pub fn mismatch(form: &Form, translation: &Form) -> Option<String> {
    let own: Vec<&Question> = form.questions().collect();
    let theirs: Vec<&Question> = translation.questions().collect();
    for (i, q) in own.iter().enumerate() {
        let Some(t) = theirs.get(i) else {
            return Some(format!("question `{}` is missing", q.id));
        };
        if t.id != q.id {
            return Some(format!(
                "question {} is `{}` here but `{}` in the form",
                i + 1,
                t.id,
                q.id
            ));
        }
        if t.answer != q.answer {
            return Some(format!("question `{}` takes another kind of answer", q.id));
        }
        let counted = matches!(q.answer, AnswerKind::Scale | AnswerKind::Choose)
            || (q.answer == AnswerKind::Faces && !t.options.is_empty());
        if counted && t.options.len() != q.choices().len() {
            return Some(format!(
                "question `{}` has {} options here but {} in the form",
                q.id,
                t.options.len(),
                q.choices().len()
            ));
        }
    }
    theirs
        .get(own.len())
        .map(|extra| format!("question `{}` is not in the form", extra.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(yaml: &str) -> Form {
        let (value, _) = crate::load::yaml::parse(yaml).expect("yaml");
        let mut form: Form = serde_json::from_value(value).expect("a form");
        form.id = "f".to_owned();
        form
    }

    const OWN: &str = "title: T\naudience: child\nages: { from: 8, to: 12 }\nsections:\n  - title: S\n    questions:\n      - { id: feel, ask: How?, answer: faces }\n      - { id: ok, ask: OK?, answer: yes-no }\n      - { id: much, ask: Much?, answer: scale, options: [Little, Lot] }\n";

    #[test]
    fn a_welsh_copy_shows_welsh_words_and_keeps_english_values() {
        let own = form(OWN);
        let cy = Translation {
            lang: "cy".to_owned(),
            form: form(&OWN.replace("[Little, Lot]", "[Ychydig, Llawer]")),
        };
        let translations = [cy];
        let worded = Worded::in_language(&own, &translations, "cy");
        let much = own.question("much").expect("much");
        assert_eq!(worded.choices(much), ["Ychydig", "Llawer"]);
        assert_eq!(worded.shown(much, "Lot"), "Llawer");
        let ok = own.question("ok").expect("ok");
        assert_eq!(worded.choices(ok), ["Ie", "Na"]);
        assert_eq!(worded.shown(ok, "No"), "Na");
        assert_eq!(
            worded.shown(own.question("feel").expect("q"), "Happy"),
            "Hapus"
        );
        // English readers see the form's own words.
        let english = Worded::in_language(&own, &translations, "en");
        assert_eq!(english.shown(much, "Lot"), "Lot");
        assert_eq!(mismatch(&own, &translations[0].form), None);
    }

    #[test]
    fn a_translation_must_keep_its_forms_questions() {
        let own = form(OWN);
        let fewer = form(&OWN.replace("[Little, Lot]", "[Ychydig, Tipyn, Llawer]"));
        assert_eq!(
            mismatch(&own, &fewer).as_deref(),
            Some("question `much` has 3 options here but 2 in the form")
        );
        let renamed = form(&OWN.replace("id: ok", "id: iawn"));
        assert!(mismatch(&own, &renamed).is_some_and(|m| m.contains("`iawn`")));
    }
}
