//! The fonts compiled into the binary, a service's own fonts, and what they can draw.
//!
//! Fonts a service keeps in its `fonts/` folder come first, then the embedded ones in the
//! order of [`FONT_FILES`]. Typst falls back through every font in the book for a letter the
//! layout's list lacks, so a name in any script an embedded font covers prints inside
//! Atkinson Hyperlegible text.

use std::collections::BTreeMap;

use typst::foundations::Bytes;
use typst::text::Font;
use unicode_normalization::UnicodeNormalization;

/// The font files compiled into the binary, in fallback order: the main face
/// first, then the scripts and symbols it lacks (see fonts/README.md).
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../../fonts/AtkinsonHyperlegible_400Regular.ttf"),
    include_bytes!("../../fonts/AtkinsonHyperlegible_700Bold.ttf"),
    include_bytes!("../../fonts/AtkinsonHyperlegible_400Regular_Italic.ttf"),
    include_bytes!("../../fonts/AtkinsonHyperlegible_700Bold_Italic.ttf"),
    include_bytes!("../../fonts/NotoSans_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSans_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansArabic_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSansArabic_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansHebrew_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSansHebrew_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansEthiopic_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSansEthiopic_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansDevanagari_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSansDevanagari_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansBengali_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSansBengali_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansGurmukhi_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSansGurmukhi_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansTamil_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSansTamil_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansThai_400Regular.ttf"),
    include_bytes!("../../fonts/NotoSansThai_700Bold.ttf"),
    include_bytes!("../../fonts/NotoSansCJKsc_400Regular.otf"),
    include_bytes!("../../fonts/NotoEmoji_400Regular.ttf"),
];

/// The family the layouts name first; [`composed_letter_rules`] works from it.
const MAIN_FAMILY: &str = "Atkinson Hyperlegible";

/// What stands in, in print and in the text layer, for a letter no font can draw.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Parses a service's own fonts (`extra`, each a font file's bytes; unreadable ones and copies
/// of embedded ones, as in this repository's own `fonts/`, are skipped) and the embedded
/// fonts, the service's first. An unreadable embedded font is a
/// build defect, not a user error; the tests check that every family is present.
pub(crate) fn load_fonts(extra: &[Vec<u8>]) -> Vec<Font> {
    let own = extra
        .iter()
        .filter(|data| !FONT_FILES.contains(&data.as_slice()))
        .flat_map(|data| Font::iter(Bytes::new((*data).clone())));
    let embedded = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)));
    own.chain(embedded).collect()
}

/// Whether `c` needs no glyph: a space, a control or format character (bidi marks, joiners)
/// or a variation selector, which shaping drops or keeps without drawing.
fn needs_no_glyph(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}')
        || matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0100}'..='\u{E01EF}')
}

/// Whether some font in `fonts` has a glyph for `c` (or `c` needs none).
pub(crate) fn drawable(fonts: &[Font], c: char) -> bool {
    needs_no_glyph(c) || fonts.iter().any(|f| f.info().coverage.contains(c as u32))
}

/// Typst show rules that draw a precomposed letter the main face lacks (`ễ`, `ǘ`) in the
/// first font that has it. Without them HarfBuzz draws it in the main face as its base
/// letter plus combining marks, two glyphs in one cluster, and Typst's PDF/UA export maps
/// each glyph to the whole letter: the text layer reads `Nguyễễn` (typst/typst#8767). Only
/// letters whose base the main face has are listed: a letter of a script the main face lacks
/// falls back whole, and splitting its word would break joined scripts such as Arabic.
pub(crate) fn composed_letter_rules(fonts: &[Font]) -> String {
    let main: Vec<&Font> = fonts
        .iter()
        .filter(|f| f.info().family == MAIN_FAMILY)
        .collect();
    let Some(regular) = main.first() else {
        return String::new();
    };
    let has = |f: &Font, c: char| f.info().coverage.contains(c as u32);
    let mut by_family: BTreeMap<&str, String> = BTreeMap::new();
    for c in ('\u{C0}'..='\u{2FFF}').filter(|c| !has(regular, *c)) {
        let mut parts = std::iter::once(c).nfd();
        let (Some(base), Some(_mark)) = (parts.next(), parts.next()) else {
            continue;
        };
        if !has(regular, base) {
            continue;
        }
        if let Some(font) = fonts
            .iter()
            .find(|f| f.info().family != MAIN_FAMILY && has(f, c))
        {
            by_family
                .entry(font.info().family.as_str())
                .or_default()
                .push(c);
        }
    }
    by_family
        .iter()
        .map(|(family, letters)| {
            format!(
                "#show regex({}): set text(font: {})\n",
                super::escape_string(&format!("[{letters}]")),
                super::escape_string(family)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_are_drawn_whole_and_unknown_scripts_are_not_drawable() {
        let fonts = load_fonts(&[]);
        let rules = composed_letter_rules(&fonts);
        assert!(
            rules.contains('ễ') && rules.contains("Noto Sans"),
            "{rules}"
        );
        // Arabic and Chinese fall back whole; they are not split out.
        assert!(!rules.contains('آ') && !rules.contains('李'), "{rules}");
        for c in "Nguyễn Zeynê عبد שרה ሰላም प्रिया রবি ਗੁਰ தமிழ் สมชาย 李明 さくら 김민준 Ωμέγα Жанна"
            .chars()
        {
            assert!(drawable(&fonts, c), "`{c}` not drawable");
        }
        assert!(!drawable(&fonts, '𓀀'));
        assert!(drawable(&fonts, REPLACEMENT));
    }
}
