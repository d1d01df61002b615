//! Which way a language's lines run: the one list of right-to-left languages, read by the
//! PDF (`text(dir: rtl)`) and the HTML page (`dir="rtl"`). Takes a language tag; pure.
//!
//! See: issue 17.

/// Languages written right to left, by primary subtag: Arabic, Aramaic, Central Kurdish
/// (Sorani), Dhivehi, Farsi, Hebrew, Pashto, Sindhi, Uyghur, Urdu and Yiddish.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi",
];

/// Whether text in the language tagged `lang` (`ar`, `ur-PK`, `fa_IR`) runs right to left.
pub fn is_right_to_left(lang: &str) -> bool {
    let primary = super::text_languages::primary(lang);
    RIGHT_TO_LEFT.contains(&primary.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_by_primary_subtag() {
        for lang in ["ar", "ur", "fa", "ps", "he", "yi", "ar-SA", "UR_pk", " fa "] {
            assert!(is_right_to_left(lang), "{lang}");
        }
        for lang in ["en", "en-GB", "cy", "pl", "", "arab", "a", "-ar"] {
            assert!(!is_right_to_left(lang), "{lang}");
        }
    }
}
