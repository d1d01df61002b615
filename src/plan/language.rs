//! Which language a document is written in: its reader's (`language:` on the child or a
//! person), when the templates have that language (`templates/<lang>/<same path>`), or else
//! the service's own, with a line saying the translation is not there yet. Pure: the caller
//! says which templates exist.

use super::{Body, Job, Reader, Subject};

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
}

impl Reader<'_> {
    /// The reader's language, when the case file gives one: the child's, or a person's.
    pub fn language<'s>(&'s self, subject: Subject<'s>) -> Option<&'s str> {
        match self {
            Reader::Child => subject.case().map(|c| c.child.language.as_str()),
            Reader::Person(p) => Some(p.language.as_str()),
            Reader::SocialWorker | Reader::Other { .. } => None,
        }
    }
}

/// The primary subtag of a language tag, lowercased: `cy` for `cy-GB`.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
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
    (has(&template) && !job.variant.is_text_only()).then(|| Wording {
        template,
        lang: primary_language(wanted),
        missing: None,
    })
}

/// The wording of a job for its reader, given the service's language and which templates
/// and form translations exist.
pub fn choose_wording(job: &Job, service_lang: &str, has: impl Fn(&str) -> bool) -> Wording {
    let english = Wording {
        template: job.template.clone(),
        lang: service_lang.to_owned(),
        missing: None,
    };
    let Some(wanted) = job.reader.language(job.subject) else {
        return english;
    };
    if job.kind.body == Body::Form && primary_language(wanted) != primary_language(service_lang) {
        return form_wording(job, wanted, &has).unwrap_or(english);
    }
    if job.kind.body != Body::Letter || primary_language(wanted) == primary_language(service_lang) {
        return english;
    }
    let template = translated(wanted, &job.template);
    // Braille is Unified English Braille and the recording's voice is English, so those
    // copies stay in English, saying so, until iro has Welsh Braille and voices.
    if has(&template) && !job.variant.is_text_only() {
        return Wording {
            template,
            lang: primary_language(wanted),
            missing: None,
        };
    }
    Wording {
        missing: Some(primary_language(wanted)),
        ..english
    }
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
