//! Hostile values in case and service files print literally and never change a document's
//! structure, in the PDF, its Typst source and the HTML page.

use std::fs;
use std::path::Path;

use crate::Fixture;
use crate::build::{add_case, build, get_field, pdf_info, pdf_text, set_field, squash};

const ARABIC: &str = "زينب";

const HOSTILE: &[&str] = &[
    r#"#read("/etc/passwd")"#,
    "]",
    "$x$",
    "@x",
    "<script>alert(1)</script>",
    "*Kai*",
    "// x",
    "= Heading",
    "- item",
    "1. item",
    "[link](http://evil.example.org)",
    "![img](/etc/passwd)",
    r"\\",
    "{{ child.name }}",
    "{% raw %}",
    ARABIC,
    "נועה",
    "Kai 🦊",
];

/// What one build of the letter gave.
struct Letter {
    text: String,
    title: String,
    pages: String,
    html: String,
    typst: String,
}

/// Builds case T-0001's letter with `value` in every field the introduction letter prints.
fn letter(value: &str) -> Letter {
    let fx = Fixture::example_unsent();
    let iro = add_case(&fx, value, value, "[html]");
    let mut service = fx.read("service.yaml");
    let member = format!("  - id: {iro}");
    let office = get_field(&service, &member, "    office:");
    // `phone`, `mobile` and `email` are checked as a UK number and an email address (issue
    // 16), so they cannot carry hostile text to a letter.
    for key in ["name", "pronouns", "about"] {
        service = set_field(&service, &member, &format!("    {key}:"), value);
    }
    for key in ["name", "hours"] {
        service = set_field(
            &service,
            &format!("  - id: {office}"),
            &format!("    {key}:"),
            value,
        );
    }
    for block in ["advocacy:", "complaints:"] {
        service = set_field(&service, block, "  name:", value);
    }
    fx.write("service.yaml", &service);

    let out = fx.file("out");
    build(&fx, &out, &["--case", "T-0001", "--keep-typst"]);
    let dir = out.join("T-0001");
    let pdf = dir.join("introduction-letter.pdf");
    let info = pdf_info(&pdf);
    let read = |p: &Path| fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Letter {
        text: squash(&pdf_text(&pdf)),
        title: info.get("Title").cloned().unwrap_or_default(),
        pages: info.get("Pages").cloned().unwrap_or_default(),
        html: read(&dir.join("introduction-letter.html")),
        typst: read(&dir.join("introduction-letter.typ")),
    }
}

/// Occurrences of `needle` in Typst source that are code, not text: outside an escape
/// (`\#heading` prints `#heading`) and after the preamble, whose only user text is the
/// document title, a string literal checked through the PDF's Title instead.
fn unescaped(typst: &str, needle: &str) -> usize {
    let body = typst.find("#show: letter").map_or(typst, |i| &typst[i..]);
    let mut count = 0;
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if body[i..].starts_with(needle) {
            count += 1;
        }
    }
    count
}

/// The ways an HTML page may escape the value in text.
fn html_forms(value: &str) -> Vec<String> {
    let base = value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut forms = vec![
        base.clone(),
        base.replace('"', "&quot;").replace('\'', "&#39;"),
        base.replace('"', "&#34;").replace('\'', "&#x27;"),
    ];
    forms.dedup();
    forms
}

fn is_rtl(value: &str) -> bool {
    value
        .chars()
        .any(|c| ('\u{0590}'..='\u{08FF}').contains(&c))
}

const HTML_TAGS: &[&str] = &[
    "<h1", "<h2", "<h3", "<a ", "<img", "<em", "<strong", "<code", "<ul", "<ol", "<li", "<p>",
];

const TYPST_CALLS: &[&str] = &[
    "#heading", "#link", "#image", "#read", "#strong", "#emph", "#list", "#enum", "#raw",
    "#include", "#eval", "#set", "#show", "#import",
];

#[test]
fn hostile_values_print_literally_and_never_change_structure() {
    let plain = letter("Plain Name");
    // Every field is set, so the plain value is printed many times.
    let plain_in_pdf = plain.text.matches("Plain Name").count();
    let plain_in_html = plain.html.matches("Plain Name").count();
    assert!(plain_in_pdf >= 10, "{plain_in_pdf}: {}", plain.text);
    assert!(plain_in_html >= 10, "{plain_in_html}");
    assert!(unescaped(&plain.typst, "#heading") > 0);
    let mut failures = Vec::new();
    for value in HOSTILE {
        let got = letter(value);
        let mut fail = |what: String| failures.push(format!("{value:?}: {what}"));

        // The PDF prints the value as written wherever the plain letter prints its value
        // (right-to-left text may come out of the PDF in either order).
        let want = squash(value);
        let reversed: String = want.chars().rev().collect();
        let mut found = got.text.matches(&want).count();
        if is_rtl(value) && reversed != want {
            found += got.text.matches(&reversed).count();
        }
        if found < plain_in_pdf {
            fail(format!(
                "printed literally {found} times in the PDF, the plain value {plain_in_pdf}:\n{}",
                got.text
            ));
        }
        let title = format!("Your Independent Reviewing Officer: {value}");
        if got.title != title {
            fail(format!("PDF title is `{}`, not `{title}`", got.title));
        }
        if got.pages != plain.pages {
            fail(format!("{} pages, not {}", got.pages, plain.pages));
        }

        // The HTML page shows it escaped, with the same elements as the plain letter.
        let in_html = html_forms(value)
            .iter()
            .map(|f| got.html.matches(f.as_str()).count())
            .max()
            .unwrap_or(0);
        if in_html < plain_in_html {
            fail(format!(
                "escaped {in_html} times in the HTML page, the plain value {plain_in_html}"
            ));
        }
        if got.html.to_lowercase().contains("<script") {
            fail("HTML contains <script".into());
        }
        for tag in HTML_TAGS {
            let (n, base) = (
                got.html.matches(tag).count(),
                plain.html.matches(tag).count(),
            );
            if n != base {
                fail(format!("HTML has {n} `{tag}`, the plain letter {base}"));
            }
        }

        // The Typst source calls the same functions as the plain letter's.
        for call in TYPST_CALLS {
            let (n, base) = (unescaped(&got.typst, call), unescaped(&plain.typst, call));
            if n != base {
                fail(format!(
                    "Typst source has {n} `{call}`, the plain letter {base}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Regression (issue 17): the text layer (what copy and paste, search and screen readers
/// read) had every Arabic letter twice: `pdftotext` gave `ببننييزز` for `زينب`. The Noto Sans
/// Arabic of Google Fonts draws each letter as two glyphs (the letter and its dots), and
/// Typst's PDF/UA export maps every glyph of a cluster to the cluster's text (typst/typst#8767,
/// #526). The Noto Sans Arabic iro now embeds (Debian's) draws each letter as one glyph.
#[test]
fn arabic_names_come_out_of_the_pdf_once() {
    let got = letter(ARABIC);
    let reversed: String = ARABIC.chars().rev().collect();
    // Ignore the bidi embedding marks poppler adds around right-to-left runs.
    let text: String = got
        .text
        .chars()
        .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
        .collect();
    assert!(
        text.contains(ARABIC) || text.contains(&reversed),
        "`{ARABIC}` not in the PDF text:\n{text}"
    );
}
