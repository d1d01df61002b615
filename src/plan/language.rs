//! Which language a document is written in: its reader's (`language:` on the child or a
//! person), when the templates have that language (`templates/<lang>/<same path>`), or else
//! the service's own, with a line saying the translation is not there yet. Pure: the caller
//! says which templates exist.

use super::{Body, Job, Reader, Subject};
use crate::model::service::Bilingual;

/// The template that opens a document whose reader's language has no translation.
pub const NOT_TRANSLATED: &str = "languages/not-translated.md";

/// The wording a document uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    /// The template's name under `templates/`: `cy/letters/introduction/8-to-12.md`.
    pub template: String,
    /// The language it is written in (the PDF's and page's `lang`).
    pub lang: String,
    /// The reader's language, when the document could not be written in it.
    pub missing: Option<String>,
    /// In a bilingual letter, the same letter in the second language.
    pub second: Option<Part>,
}

impl Wording {
    /// The document's words, one part per language: one, or two in a bilingual letter.
    pub fn parts(&self) -> Vec<Part> {
        let first = Part {
            template: self.template.clone(),
            lang: self.lang.clone(),
        };
        std::iter::once(first).chain(self.second.clone()).collect()
    }
}

/// One language's copy of a document's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub template: String,
    pub lang: String,
}

/// What service.yaml says about languages.
#[derive(Debug, Clone, Copy)]
pub struct Languages<'a> {
    /// The language the templates at the top of `templates/` are written in.
    pub service: &'a str,
    pub bilingual: Option<&'a Bilingual>,
}

impl<'a> Languages<'a> {
    pub fn of(service: &'a crate::model::service::Service) -> Languages<'a> {
        Languages {
            service: &service.service.language,
            bilingual: service.service.bilingual.as_ref(),
        }
    }

    /// The template of `template` in `lang`: itself in the service's language.
    fn template_in(&self, lang: &str, template: &str) -> String {
        if same_language(lang, self.service) {
            template.to_owned()
        } else {
            translated(lang, template)
        }
    }
}

impl Reader<'_> {
    /// The reader's language, when the case file gives one: the child's, or a person's.
    pub fn language<'s>(&'s self, subject: Subject<'s>) -> Option<&'s str> {
        match self {
            Reader::Child => subject.case().map(|c| c.child.language.as_str()),
            Reader::Person(p) => Some(p.language.as_str()),
            Reader::Other { language, .. } => language.as_deref(),
            Reader::SocialWorker => None,
        }
    }
}

/// The primary subtag of a language tag, lowercased: `cy` for `cy-GB`.
pub fn primary_language(tag: &str) -> String {
    crate::typeset::text_languages::primary(tag)
}

/// Whether two language tags are the same language: `cy` and `cy-GB` are.
pub fn same_language(a: &str, b: &str) -> bool {
    primary_language(a) == primary_language(b)
}

/// The translated copy of `template` in `lang`: `cy/letters/introduction/8-to-12.md`.
pub fn translated(lang: &str, template: &str) -> String {
    format!("{}/{template}", primary_language(lang))
}

/// A form's translation into `lang`: `forms/cy/parent.yaml` for `forms/parent.yaml`.
pub fn translated_form(lang: &str, form: &str) -> String {
    let file = form.strip_prefix("forms/").unwrap_or(form);
    format!("forms/{}/{file}", primary_language(lang))
}

/// A form's wording for a reader in `wanted`: its translation (`forms/cy/<id>.yaml`) where
/// `has` it, drawn in that language. A form with none goes in the service's language, with no
/// line saying so: the invitation that comes with it says so. Braille and audio copies stay
/// in English, as a letter's do.
fn form_wording(job: &Job, wanted: &str, has: impl Fn(&str) -> bool) -> Option<Wording> {
    let template = translated_form(wanted, &job.template);
    (has(&template) && job.variant.can_be_in(wanted)).then(|| Wording {
        template,
        lang: primary_language(wanted),
        missing: None,
        second: None,
    })
}

/// The wording of a job for its reader, given the service's languages and which templates
/// and form translations exist.
pub fn choose_wording(job: &Job, languages: &Languages, has: impl Fn(&str) -> bool) -> Wording {
    let english = Wording {
        template: job.template.clone(),
        lang: languages.service.to_owned(),
        missing: None,
        second: None,
    };
    let wanted = match job.reader.language(job.subject) {
        Some(lang) => lang,
        // Social workers and managers have no `language:`: a bilingual service writes to them
        // in both its languages, as to everyone.
        None if languages.bilingual.is_some() => languages.service,
        None => return english,
    };
    if job.kind.body == Body::Form && !same_language(wanted, languages.service) {
        return form_wording(job, wanted, &has).unwrap_or(english);
    }
    if job.kind.body != Body::Letter {
        return english;
    }
    if let Some(both) = bilingual(job, languages, wanted, &has) {
        return both;
    }
    if same_language(wanted, languages.service) {
        return english;
    }
    let template = translated(wanted, &job.template);
    if has(&template) && job.variant.can_be_in(wanted) {
        return Wording {
            template,
            lang: primary_language(wanted),
            missing: None,
            second: None,
        };
    }
    Wording {
        missing: Some(primary_language(wanted)),
        ..english
    }
}

/// A bilingual service's letter to a reader of either of its two languages: both, in the
/// service's order, when both templates exist and the variant can be made in both.
fn bilingual(
    job: &Job,
    languages: &Languages,
    wanted: &str,
    has: &impl Fn(&str) -> bool,
) -> Option<Wording> {
    let pair = &languages.bilingual?.languages;
    if !pair.iter().any(|l| same_language(l, wanted)) {
        return None;
    }
    let [first, second] = pair.clone().map(|lang| Part {
        template: languages.template_in(&lang, &job.template),
        lang: primary_language(&lang),
    });
    let ready = |part: &Part| has(&part.template) && job.variant.can_be_in(&part.lang);
    (ready(&first) && ready(&second)).then_some(Wording {
        template: first.template,
        lang: first.lang,
        missing: None,
        second: Some(second),
    })
}

/// A language's name in English, for the line saying a document is not yet in it; the code
/// itself for a language not listed.
pub fn language_name(code: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("ar", "Arabic"),
        ("bn", "Bengali"),
        ("cy", "Welsh"),
        ("de", "German"),
        ("es", "Spanish"),
        ("fa", "Persian"),
        ("fr", "French"),
        ("gu", "Gujarati"),
        ("hi", "Hindi"),
        ("it", "Italian"),
        ("ku", "Kurdish"),
        ("lt", "Lithuanian"),
        ("pa", "Punjabi"),
        ("pl", "Polish"),
        ("ps", "Pashto"),
        ("pt", "Portuguese"),
        ("ro", "Romanian"),
        ("so", "Somali"),
        ("sq", "Albanian"),
        ("ta", "Tamil"),
        ("ti", "Tigrinya"),
        ("tr", "Turkish"),
        ("uk", "Ukrainian"),
        ("ur", "Urdu"),
        ("zh", "Chinese"),
    ];
    let code = primary_language(code);
    NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code.clone(), |(_, name)| (*name).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_cut_to_their_language() {
        assert_eq!(primary_language("cy-GB"), "cy");
        assert_eq!(primary_language("PL"), "pl");
        assert_eq!(
            translated("cy", "letters/introduction/8-to-12.md"),
            "cy/letters/introduction/8-to-12.md"
        );
        assert_eq!(language_name("pl"), "Polish");
        assert_eq!(
            translated_form("cy-GB", "forms/parent.yaml"),
            "forms/cy/parent.yaml"
        );
        assert_eq!(language_name("xx"), "xx");
    }
}
