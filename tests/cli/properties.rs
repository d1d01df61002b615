//! Property tests (issue 9): whatever a field holds, it prints literally and never changes a
//! document's structure, in HTML, in the generated Typst and in the PDF.

use proptest::prelude::*;

use iro::typeset::{
    Document, Theme, Typesetter, escape_markdown, markdown_to_html, markdown_to_typst,
};

/// A letter body around one printed value, as a template makes it: escaped for Markdown.
fn letter(value: &str) -> String {
    format!(
        "Dear {},\n\n## What happens next\n\nBest wishes.\n",
        escape_markdown(value)
    )
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an HTML fragment: tags dropped, entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any text without control characters: literal in HTML and the same tags as without it.
    #[test]
    fn any_value_is_literal_in_html_and_adds_no_element(value in "\\PC{0,60}") {
        let html = markdown_to_html(&letter(&value));
        let plain = markdown_to_html(&letter("x"));
        let tags = |h: &str| h.matches('<').count();
        prop_assert_eq!(tags(&html), tags(&plain), "{}", html);
        let text = squash(&html_text(&html));
        prop_assert!(text.contains(&squash(&format!("Dear {value},"))), "{} in {}", value, text);
    }

    /// The Typst made from any value always parses, with one heading and no link or image.
    #[test]
    fn any_value_makes_typst_that_parses_with_the_same_structure(value in "\\PC{0,60}") {
        let typst = markdown_to_typst(&letter(&value));
        let root = typst::syntax::parse(&typst);
        prop_assert!(!root.diagnosis().errors, "does not parse:\n{}", typst);
        prop_assert_eq!(count(&typst, "#heading("), 1, "{}", typst);
        prop_assert_eq!(count(&typst, "#link("), 0, "{}", typst);
        prop_assert_eq!(count(&typst, "#image("), 0, "{}", typst);
    }
}

/// Characters a letter may really hold and the embedded fonts draw: markup of every kind,
/// accents, Polish, Vietnamese, Greek, Cyrillic, quotes, dashes and an emoji. Right-to-left
/// scripts are typeset too, but a PDF stores them in visual order, so text read back from it
/// places punctuation next to them differently: they are checked in HTML and Typst above.
const PRINTABLE: &str = "[ -~éèüßøåłśżćĄ€£«»“”‘’–—…ŻΩλπΣжЖщЮїґ🎈]{1,40}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// In the typeset PDF the value reads back literally, and the letter stays one page.
    #[test]
    fn any_value_reads_back_from_the_pdf(value in PRINTABLE) {
        let typesetter = shared();
        let markdown = letter(&value);
        let pdf = typesetter
            .pdf(&Document {
                markdown: &markdown,
                theme: Theme::Standard,
                title: "A letter",
                lang: "en",
                layout: iro::typeset::DEFAULT_LAYOUT,
                data: &serde_json::json!({}),
                date: None,
                images: &[],
                second: None,
            })
            .expect("typesets");
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("letter.pdf");
        std::fs::write(&file, &pdf).expect("write");
        let text = squash(&crate::build::pdf_text(&file));
        prop_assert!(text.contains(&squash(&value)), "`{}` not in `{}`", value, text);
        let pages = crate::build::pdf_info(&file).get("Pages").cloned().unwrap_or_default();
        prop_assert_eq!(pages, "1");
        prop_assert!(text.contains("What happens next"));
    }
}

/// One typesetter for the whole test binary: loading fonts once keeps the cases fast.
fn shared() -> &'static Typesetter {
    static TYPESETTER: std::sync::OnceLock<Typesetter> = std::sync::OnceLock::new();
    TYPESETTER.get_or_init(Typesetter::new)
}
