//! Tests that compile real letters to PDF and read them back with poppler
//! (`pdftotext`, `pdfinfo`, `pdffonts` from poppler-utils), plus checks on
//! the laid-out frames. One `Typesetter` is shared by the whole test binary.

use std::process::Command;
use std::sync::OnceLock;

use serde_json::json;
use typst::layout::{Frame, FrameItem};

use super::*;

/// An 8x8 opaque PNG.
const SQUARE_PNG: &[u8] = include_bytes!("../../tests/fixtures/typeset/square.png");

fn typesetter() -> &'static Typesetter {
    static TYPESETTER: OnceLock<Typesetter> = OnceLock::new();
    TYPESETTER.get_or_init(Typesetter::new)
}

fn letterhead() -> serde_json::Value {
    json!({
        "service_name": "Northshire Reviewing Service",
        "address_lines": ["County Hall", "Northshire NS1 2AB"],
        "phone": "01234 567890",
        "email": "iro@northshire.example",
        "date": "1 March 2026",
        "recipient_lines": ["Jane Doe", "1 Oak Lane"],
        "reference": "Our ref: IRO/42",
    })
}

const BODY: &str = "# Your review meeting\n\nDear Jane,\n\n\
    Your next review is on *Tuesday* at **Kettering** school.\n\n\
    - Bring your questions\n- Bring a friend\n";

fn doc<'a>(markdown: &'a str, theme: Theme, data: &'a serde_json::Value) -> Document<'a> {
    Document {
        markdown,
        theme,
        title: "Your review meeting",
        lang: "en-GB",
        layout: DEFAULT_LAYOUT,
        data,
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1),
        images: &[],
        second: None,
    }
}

fn pdf(doc: &Document) -> Vec<u8> {
    match typesetter().pdf(doc) {
        Ok(bytes) => bytes,
        Err(err) => panic!(
            "{err}\n--- main.typ ---\n{}",
            typesetter().typst_source(doc)
        ),
    }
}

/// Runs a poppler tool on `pdf` and returns its standard output. A missing
/// tool fails the test: these checks must not pass by being skipped.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).expect("write temp pdf");
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{tool}` ({e}): install poppler-utils"));
    assert!(output.status.success(), "{tool} failed: {:?}", output);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text of the PDF in content order (`-raw`: the default mode's column
/// heuristics glue `A = x` into `A=x`), whitespace collapsed.
fn text_of(pdf: &[u8]) -> String {
    squash(&poppler("pdftotext", &["-raw", "-enc", "UTF-8"], pdf))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(pdf: &[u8]) -> usize {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports pages")
}

/// Every text run in the laid-out pages: (text, size in pt).
fn text_runs(doc: &Document) -> Vec<(String, f64)> {
    fn walk(frame: &Frame, out: &mut Vec<(String, f64)>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => out.push((text.text.to_string(), text.size.to_pt())),
                _ => {}
            }
        }
    }
    let (_, document) = typesetter().compile(doc).expect("compiles");
    let mut out = Vec::new();
    for page in document.pages() {
        walk(&page.frame, &mut out);
    }
    out
}

/// Counts links and images anywhere in the laid-out pages.
fn links_and_images(doc: &Document) -> (usize, usize) {
    fn walk(frame: &Frame, counts: &mut (usize, usize)) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, counts),
                FrameItem::Link(..) => counts.0 += 1,
                FrameItem::Image(..) => counts.1 += 1,
                _ => {}
            }
        }
    }
    let (_, document) = typesetter().compile(doc).expect("compiles");
    let mut counts = (0, 0);
    for page in document.pages() {
        walk(&page.frame, &mut counts);
    }
    counts
}

#[test]
fn every_theme_prints_body_letterhead_and_page_numbers() {
    let data = letterhead();
    for theme in Theme::ALL {
        let text = text_of(&pdf(&doc(BODY, theme, &data)));
        for needle in [
            "Northshire Reviewing Service",
            "County Hall",
            "01234 567890",
            "iro@northshire.example",
            "Jane Doe",
            "Our ref: IRO/42",
            "1 March 2026",
            "Your review meeting",
            "Your next review is on Tuesday at Kettering school.",
            "Bring your questions",
            "Page 1 of 1",
        ] {
            assert!(
                text.contains(needle),
                "{theme}: `{needle}` missing from {text}"
            );
        }
    }
}

#[test]
fn page_numbers_count_all_pages() {
    let data = letterhead();
    let long = "Paragraph of a long letter.\n\n".repeat(120);
    let bytes = pdf(&doc(&long, Theme::LargePrint, &data));
    let pages = page_count(&bytes);
    assert!(pages > 1, "expected several pages, got {pages}");
    let text = text_of(&bytes);
    assert!(text.contains(&format!("Page {pages} of {pages}")), "{text}");
    assert!(text.contains(&format!("Page 1 of {pages}")), "{text}");
}

/// Data strings that would mean something to Markdown or Typst.
const HOSTILE: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "]",
    "[",
    "$x^2$",
    "@x",
    "<script>alert(1)</script>",
    "*x*",
    "_y_",
    "// x",
    "/* x */",
    "= x",
    "- x",
    "+ x",
    "1. x",
    "/ term: x",
    "\\",
    "`code`",
    "~ -- --- ... -?",
    "https://evil.example/",
    "[link](https://evil.example)",
    "![img](/images/square.png)",
    "#pagebreak()",
    "#{pagebreak()}",
    "<label> @label",
    "'single' \"double\"",
    "محمد علي",
    "שרה כהן",
    "Zoë 👋🧒🏽",
];

#[test]
fn hostile_data_prints_literally_and_adds_no_structure() {
    let data = letterhead();
    let square = SQUARE_PNG.to_vec();
    let images = vec![("/images/square.png".to_owned(), square)];
    for hostile in HOSTILE {
        // As the render stage will use it: data escaped for Markdown, both
        // inline and alone on a line (where line-start markers bite).
        let escaped = escape_markdown(hostile);
        let markdown = format!("Name: {escaped} end\n\n{escaped}\n");
        let mut letter = doc(&markdown, Theme::Standard, &data);
        letter.images = &images;
        let bytes = pdf(&letter);
        let text = text_of(&bytes);
        // Bidi text comes back in visual order from pdftotext; compare
        // character sets for right-to-left strings.
        let rtl = hostile
            .chars()
            .any(|c| ('\u{0590}'..='\u{06FF}').contains(&c));
        if rtl {
            for word in hostile.split_whitespace() {
                let reversed: String = word.chars().rev().collect();
                assert!(
                    text.contains(word) || text.contains(&reversed),
                    "`{word}` missing from {text}"
                );
            }
        } else {
            let expected = squash(hostile);
            assert!(
                text.contains(&format!("Name: {expected} end")),
                "`{hostile}` not literal in {text}"
            );
            assert_eq!(text.matches(&expected).count(), 2, "`{hostile}` in {text}");
        }
        assert_eq!(page_count(&bytes), 1, "`{hostile}` changed the page count");
        assert_eq!(
            links_and_images(&letter),
            (0, 0),
            "`{hostile}` added a link or image"
        );
        let source = typesetter().typst_source(&letter);
        assert!(!source.contains("#heading"), "`{hostile}` added a heading");
    }
}

#[test]
fn raw_markdown_hostile_text_cannot_reach_typst_code() {
    // Not escaped for Markdown: Markdown may style it, Typst must not run it.
    let data = json!({});
    let markdown = "#read(\"/etc/passwd\") ] $ @x <script> // x\n\n= x\n\n#pagebreak()\n";
    let letter = doc(markdown, Theme::Standard, &data);
    let text = text_of(&pdf(&letter));
    assert!(
        text.contains("#read(\"/etc/passwd\") ] $ @x <script> // x = x #pagebreak()"),
        "{text}"
    );
    assert!(!text.contains("root:"), "{text}");
    assert_eq!(page_count(&pdf(&letter)), 1);
}

#[test]
fn large_print_and_easy_read_sizes_hold_everywhere() {
    let data = letterhead();
    let min_size = |theme| {
        text_runs(&doc(BODY, theme, &data))
            .iter()
            .map(|(_, size)| *size)
            .fold(f64::INFINITY, f64::min)
    };
    let body_size = |theme| {
        text_runs(&doc(BODY, theme, &data))
            .into_iter()
            .find(|(text, _)| text.contains("Kettering"))
            .map(|(_, size)| size)
            .expect("body text laid out")
    };
    // Every run, letterhead and footer included, is at least the minimum.
    assert!(
        min_size(Theme::LargePrint) >= 16.0,
        "{}",
        min_size(Theme::LargePrint)
    );
    assert!(
        min_size(Theme::EasyRead) >= 14.0,
        "{}",
        min_size(Theme::EasyRead)
    );
    assert!(body_size(Theme::LargePrint) >= 18.0);
    assert!(body_size(Theme::EasyRead) >= 16.0);
    // And the measurement can tell the difference.
    assert!(body_size(Theme::Standard) < 13.0);
}

#[test]
fn large_print_word_boxes_are_bigger_in_the_pdf() {
    // Measured from the PDF itself, independent of the layout code.
    let data = letterhead();
    let height = |theme| {
        let bbox = poppler("pdftotext", &["-bbox"], &pdf(&doc(BODY, theme, &data)));
        let line = bbox
            .lines()
            .find(|l| l.contains(">Kettering<"))
            .unwrap_or_else(|| panic!("no Kettering word box in {bbox}"));
        let attr = |name: &str| -> f64 {
            let start = line.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
            let end = line[start..].find('"').expect("closing quote") + start;
            line[start..end].parse().expect("number")
        };
        attr("yMax") - attr("yMin")
    };
    let standard = height(Theme::Standard);
    let large = height(Theme::LargePrint);
    // 18pt against 11.5pt: the word box grows by the same ratio.
    assert!(large / standard > 1.5, "standard {standard}, large {large}");
    assert!(large >= 18.0, "large print word box only {large}pt high");
}

#[test]
fn large_print_and_easy_read_have_no_italics() {
    let data = letterhead();
    let fonts = |theme| poppler("pdffonts", &[], &pdf(&doc(BODY, theme, &data)));
    assert!(
        fonts(Theme::Standard).contains("Italic"),
        "standard keeps emphasis italic"
    );
    for theme in [Theme::LargePrint, Theme::EasyRead] {
        let list = fonts(theme);
        assert!(!list.contains("Italic"), "{theme} uses italics:\n{list}");
        assert!(
            list.contains("Bold"),
            "{theme} emphasis is not bold:\n{list}"
        );
    }
}

#[test]
fn pdf_is_tagged_ua_with_title_and_language() {
    let data = letterhead();
    let bytes = pdf(&doc(BODY, Theme::Standard, &data));
    let info = poppler("pdfinfo", &[], &bytes);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
    };
    assert_eq!(field("Tagged:").as_deref(), Some("yes"), "{info}");
    assert_eq!(
        field("Title:").as_deref(),
        Some("Your review meeting"),
        "{info}"
    );
    // The XMP metadata names the standard, title and language.
    let meta = poppler("pdfinfo", &["-meta"], &bytes);
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"), "{meta}");
    assert!(meta.contains("<rdf:li>en-GB</rdf:li>"), "{meta}");
    // The structure tree exists and carries the letter's structure.
    let structure = poppler("pdfinfo", &["-struct"], &bytes);
    assert!(structure.starts_with("Document"), "{structure}");
    for tag in ["H1", "P", "L", "LI"] {
        assert!(
            structure.lines().any(|l| l.trim().starts_with(tag)),
            "no {tag}: {structure}"
        );
    }
}

#[test]
fn output_is_deterministic_across_threads() {
    use rayon::prelude::*;
    let data = letterhead();
    let first = pdf(&doc(BODY, Theme::EasyRead, &data));
    let all: Vec<Vec<u8>> = (0..4)
        .into_par_iter()
        .map(|_| pdf(&doc(BODY, Theme::EasyRead, &data)))
        .collect();
    for bytes in all {
        assert!(bytes == first, "PDF bytes differ between runs");
    }
}

#[test]
fn missing_or_odd_letterhead_data_is_fine() {
    for data in [
        json!({}),
        json!(null),
        json!([1, 2]),
        json!({"phone": 123, "address_lines": "one"}),
    ] {
        let text = text_of(&pdf(&doc("Hello.", Theme::Standard, &data)));
        assert!(text.contains("Hello."), "{data}: {text}");
    }
}

#[test]
fn images_embed_only_when_supplied() {
    let data = json!({});
    let square = SQUARE_PNG.to_vec();
    let images = vec![("/images/square.png".to_owned(), square)];
    let markdown = "![A blue square](/images/square.png) ![A missing picture](/images/gone.png)";
    let mut letter = doc(markdown, Theme::EasyRead, &data);
    letter.images = &images;
    assert_eq!(links_and_images(&letter).1, 1);
    let text = text_of(&pdf(&letter));
    assert!(text.contains("A missing picture"), "{text}");
}

#[test]
fn links_are_live_only_for_safe_schemes() {
    let data = json!({});
    let markdown = "[Our site](https://example.org) and [bad](file:///etc/passwd)";
    let letter = doc(markdown, Theme::Standard, &data);
    assert_eq!(links_and_images(&letter).0, 1);
    assert!(text_of(&pdf(&letter)).contains("Our site and bad"));
}

#[test]
fn tables_quotes_and_code_compile() {
    let data = json!({});
    let markdown =
        "| When | Where |\n|---|---|\n| Monday | School |\n\n> A quote\n\n`a*b`\n\n---\n";
    let text = text_of(&pdf(&doc(markdown, Theme::LargePrint, &data)));
    for needle in ["When", "Where", "Monday", "School", "A quote", "a*b"] {
        assert!(text.contains(needle), "`{needle}` missing from {text}");
    }
}

#[test]
fn the_layout_cannot_read_outside_its_world() {
    let data = json!({});
    let layout = "#let letter(theme: none, body) = read(\"/etc/passwd\")\n";
    let mut letter = doc("x", Theme::Standard, &data);
    letter.layout = layout;
    let err = typesetter()
        .pdf(&letter)
        .expect_err("must not read /etc/passwd");
    let TypesetError::Compile(diags) = &err else {
        panic!("unexpected error {err}")
    };
    assert_eq!(diags[0].path.as_deref(), Some("/layout.typ"));
    assert_eq!(diags[0].line, Some(1));
    assert!(diags[0].message.contains("not found"), "{err}");
    let shown = err.to_string();
    assert!(
        shown.starts_with("typst could not compile the letter\n  /layout.typ:1:"),
        "{shown}"
    );
}

#[test]
fn packages_cannot_be_imported() {
    let data = json!({});
    let layout = "#import \"@preview/cetz:0.3.0\"\n#let letter(theme: none, body) = body\n";
    let mut letter = doc("x", Theme::Standard, &data);
    letter.layout = layout;
    assert!(matches!(
        typesetter().pdf(&letter),
        Err(TypesetError::Compile(_))
    ));
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let data = json!({});
    let mut letter = doc("x", Theme::Standard, &data);
    letter.title = "  ";
    assert!(matches!(
        typesetter().pdf(&letter),
        Err(TypesetError::MissingTitle)
    ));
    letter.title = "t";
    letter.lang = "english!";
    assert!(matches!(
        typesetter().pdf(&letter),
        Err(TypesetError::Language(_))
    ));
    // Chinese prints; a letter no embedded font has is drawn, and read, as U+FFFD rather
    // than failing PDF/UA-1.
    letter.lang = "en";
    letter.markdown = "王小明 𓀀";
    let pdf = typesetter()
        .pdf(&letter)
        .expect("every letter is drawable or replaced");
    assert!(
        text_of(&pdf).contains("王小明 \u{FFFD}"),
        "{}",
        text_of(&pdf)
    );
}

#[test]
fn a_right_to_left_body_is_set_right_to_left_after_the_letterhead() {
    let data = json!({});
    let mut letter = doc("مرحبا", Theme::Standard, &data);
    letter.lang = "ar";
    let source = typesetter().typst_source(&letter);
    assert!(source.contains("#set text(lang: \"ar\")\n"), "{source}");
    assert!(
        source.ends_with("#show: letter.with(theme: \"standard\")\n#set text(dir: rtl)\n\nمرحبا\n"),
        "{source}"
    );
    pdf(&letter);
    letter.lang = "en-GB";
    assert!(!typesetter().typst_source(&letter).contains("dir: rtl"));
}

#[test]
fn generated_source_sets_title_language_and_theme() {
    let data = json!({});
    let mut letter = doc("Hi", Theme::LargePrint, &data);
    letter.title = "Jane's \"review\"";
    let source = typesetter().typst_source(&letter);
    assert!(
        source.contains("#set document(title: \"Jane's \\\"review\\\"\")"),
        "{source}"
    );
    assert!(
        source.contains("#set text(lang: \"en\", region: \"GB\")"),
        "{source}"
    );
    assert!(
        source.contains("#show: letter.with(theme: \"large-print\")"),
        "{source}"
    );
    assert!(source.ends_with("\nHi\n"), "{source}");
    assert_eq!(
        parse_lang("sr-Latn-RS"),
        Some(("sr".into(), Some("RS".into())))
    );
    assert_eq!(parse_lang("e"), None);
}

#[test]
fn theme_serde_names() {
    let names = serde_json::to_string(&Theme::ALL).expect("serialize");
    assert_eq!(names, r#"["standard","large-print","easy-read"]"#);
    let theme: Theme = serde_json::from_str("\"easy-read\"").expect("deserialize");
    assert_eq!(theme, Theme::EasyRead);
}

/// Found by `cargo fuzz run markdown_to_typst`: a hard line break at the end of a list item
/// was written as a backslash, which escaped the item's closing bracket.
#[test]
fn r9_a_hard_break_ending_a_list_item_keeps_the_typst_whole() {
    for markdown in [
        "- one  \n- two",
        "- one\\\n",
        "| a |\n|---|\n| b\\ |\n",
        "text\\\n",
    ] {
        let typst = super::markdown_to_typst(markdown);
        let root = typst::syntax::parse(&typst);
        assert!(
            !root.diagnosis().errors,
            "{markdown:?} gave unparsable Typst:\n{typst}"
        );
    }
}

/// The document's date is a typed input: it is the PDF's creation date, and without it the
/// PDF has none (so the same inputs give the same bytes on any day).
#[test]
fn the_documents_date_is_the_pdfs_creation_date() {
    let data = letterhead();
    let dated = poppler("pdfinfo", &[], &pdf(&doc(BODY, Theme::Standard, &data)));
    let line = dated
        .lines()
        .find(|l| l.starts_with("CreationDate:"))
        .unwrap_or_else(|| panic!("no creation date: {dated}"));
    assert!(line.contains("Mar  1") && line.contains("2026"), "{line}");
    let mut undated = doc(BODY, Theme::Standard, &data);
    undated.date = None;
    let info = poppler("pdfinfo", &[], &pdf(&undated));
    assert!(!info.contains("CreationDate"), "{info}");
}
