//! Which languages Braille and recordings can be made in: a liblouis table and an espeak-ng
//! voice for each, from Debian's `liblouis-data` and `espeak-ng-data`.
//!
//! A document in a language with no table (or no voice) is made from the English for that
//! format, with the line saying it is not in the reader's language (see `plan::language`).

use super::plain::Block;

/// Words in one language, read out or brailled in it. A bilingual document is two passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The language's code (`cy`, `en`); a region (`cy-GB`) is allowed and ignored.
    pub lang: String,
    pub blocks: Vec<Block>,
}

impl Passage {
    pub fn new(lang: &str, blocks: Vec<Block>) -> Passage {
        Passage {
            lang: lang.to_owned(),
            blocks,
        }
    }
}

/// Braille tables by language. English is Unified English Braille grade 2, as the UK uses;
/// Welsh is liblouis's Welsh grade 2 (contracted) table, as RNIB Cymru transcribes. Other
/// languages are left out until a Braille reader of them asks: their tables differ in grade
/// and code by country, which a service should choose, not iro.
const BRAILLE_TABLES: &[(&str, &str)] = &[("en", "en-ueb-g2.ctb"), ("cy", "cy-cy-g2.ctb")];

/// The liblouis table for a language, if iro makes Braille in it.
pub fn braille_table(lang: &str) -> Option<&'static str> {
    let code = primary(lang);
    BRAILLE_TABLES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, table)| *table)
}

/// espeak-ng voices by language code, where the voice's name differs from the code, or the
/// code's voice is not the one a UK listener expects.
const VOICE_NAMES: &[(&str, &str)] = &[("en", "en-gb"), ("zh", "cmn")];

/// Languages whose espeak-ng voice is named by the code itself (from `espeak-ng --voices`
/// in Debian 12's espeak-ng 1.51). Tigrinya, Pashto and Somali have none.
const VOICES: &[&str] = &[
    "af", "am", "ar", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "es", "et", "fa", "fi",
    "ga", "gd", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kn", "ko", "ku",
    "lt", "lv", "mk", "ml", "mr", "ms", "ne", "nl", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "sq",
    "sr", "sv", "sw", "ta", "te", "th", "tr", "uk", "ur", "vi",
];

/// The espeak-ng voice for a language, if it has one.
pub fn voice(lang: &str) -> Option<&'static str> {
    let code = primary(lang);
    if let Some((_, name)) = VOICE_NAMES.iter().find(|(c, _)| *c == code) {
        return Some(name);
    }
    VOICES.iter().find(|v| **v == code).copied()
}

/// The SSML `xml:lang` of a voice: `en-GB` for English, so the British voice is asked for.
pub fn ssml_lang(lang: &str) -> String {
    match primary(lang).as_str() {
        "en" => "en-GB".to_owned(),
        code => code.to_owned(),
    }
}

/// The primary subtag of a language tag, lowercased: `cy` for `cy-GB`.
pub fn primary(lang: &str) -> String {
    lang.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_and_english_have_braille_and_voices_and_tigrinya_has_neither() {
        assert_eq!(braille_table("cy-GB"), Some("cy-cy-g2.ctb"));
        assert_eq!(braille_table("en"), Some("en-ueb-g2.ctb"));
        assert_eq!(braille_table("pl"), None);
        assert_eq!(voice("cy"), Some("cy"));
        assert_eq!(voice("EN"), Some("en-gb"));
        assert_eq!(voice("zh"), Some("cmn"));
        assert_eq!(voice("ti"), None);
        assert_eq!(ssml_lang("en"), "en-GB");
        assert_eq!(ssml_lang("cy"), "cy");
    }
}
