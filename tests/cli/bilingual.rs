//! Bilingual letters and Welsh Braille and audio (issue 17).
//!
//! A service that sets `service.bilingual` writes to every reader of either language in both,
//! in its order: one after the other (the second language from a new page) or side by side
//! (two columns, the first on the left). A Welsh reader's Braille copy is Welsh grade 2 Braille
//! from liblouis's Welsh table, and their recording is read by espeak-ng's Welsh voice.
//!
//! T-0001 (Elis, ten) is looked after from Monday 2 November 2026; the letter is dated
//! Wednesday 25 November 2026 (the tests' `AS_OF`) and the first review is due by Monday 30
//! November 2026, 20 working days on: "dydd Llun 30 Tachwedd 2026" in Welsh.

use std::path::Path;

use crate::Fixture;
use crate::build::{build, pdf_text, squash};
use iro::typeset::tools::{LIBLOUIS, run};

const LETTER: &str = "T-0001/introduction-letter";

/// The example service with T-0001 (language `language`, formats `formats`), the service
/// writing in `[cy, en]` with `layout`.
fn bilingual_service(layout: &str, language: &str, formats: &str) -> Fixture {
    let fx = crate::welsh::child_speaking_with(language, formats);
    if !layout.is_empty() {
        fx.edit(
            "service.yaml",
            "  language: en\n",
            &format!(
                "  language: en\n  bilingual:\n    languages: [cy, en]\n    layout: {layout}\n"
            ),
        );
    }
    fx
}

fn build_letter(fx: &Fixture) -> std::path::PathBuf {
    let out = fx.file("out");
    build(
        fx,
        &out,
        &["--case", "T-0001", "--only", "introduction-letter"],
    );
    out
}

/// Each word of a PDF with its page and left edge, from `pdftotext -bbox`.
fn words_with_places(pdf: &Path) -> Vec<(usize, f64, String)> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if line.starts_with("<word") {
            let x = crate::build::bbox_attr(line, "xMin");
            let text = line
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("");
            words.push((page, x, text.to_owned()));
        }
    }
    words
}

/// The first place (page, left edge) of a run of words, matched word by word.
fn place_of(words: &[(usize, f64, String)], phrase: &str) -> (usize, f64) {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    (0..words.len())
        .find(|&i| {
            wanted
                .iter()
                .enumerate()
                .all(|(k, w)| words.get(i + k).is_some_and(|(_, _, t)| t == w))
        })
        .map(|i| (words[i].0, words[i].1))
        .unwrap_or_else(|| panic!("`{phrase}` not in the PDF"))
}

#[test]
fn a_bilingual_letter_is_welsh_then_english_from_a_new_page() {
    let fx = bilingual_service("one-after-the-other", "en", "[]");
    let out = build_letter(&fx);
    let pdf = out.join(format!("{LETTER}.pdf"));
    let words = words_with_places(&pdf);
    let welsh = place_of(&words, "Helo Elis, fi yw dy Swyddog");
    let due_cy = place_of(&words, "dydd Llun 30 Tachwedd 2026.");
    let english = place_of(&words, "Hello Elis,");
    let due_en = place_of(&words, "Monday 30 November 2026.");
    assert_eq!(welsh.0, 1, "the Welsh starts on the first page");
    let welsh_close = place_of(&words, "Cofion gorau,");
    assert!(due_cy.0 < english.0, "the Welsh ends before the English");
    // The Welsh letter's last words are on an earlier page: the English starts a new one.
    assert!(welsh_close.0 < english.0, "{welsh_close:?} {english:?}");
    assert!(due_en.0 >= english.0);
    // The PDF is Welsh first; the English part is tagged English.
    assert_eq!(crate::welsh::pdf_language(&pdf), "cy");
}

#[test]
fn a_side_by_side_letter_has_welsh_on_the_left_and_english_on_the_right() {
    let fx = bilingual_service("side-by-side", "cy", "[html]");
    let out = build_letter(&fx);
    let pdf = out.join(format!("{LETTER}.pdf"));
    let words = words_with_places(&pdf);
    let (welsh_page, welsh_x) = place_of(&words, "Helo Elis,");
    let (english_page, english_x) = place_of(&words, "Hello Elis,");
    assert_eq!((welsh_page, english_page), (1, 1), "both on the first page");
    // An A4 page is 595 points wide: the Welsh column starts at the left margin, the English
    // one past the middle.
    assert!(welsh_x < 100.0, "Welsh at x = {welsh_x}");
    assert!(english_x > 297.0, "English at x = {english_x}");
    // The two columns' dates, worked out by hand.
    let text = squash(&pdf_text(&pdf));
    assert!(text.contains("dydd Llun 30 Tachwedd 2026"), "{text}");
    assert!(text.contains("Monday 30 November 2026"), "{text}");
    // The page: a section per language, side by side.
    let html = std::fs::read_to_string(out.join(format!("{LETTER}.html"))).expect("html");
    let cy = html
        .find("<section lang=\"cy\" dir=\"ltr\">")
        .expect("a Welsh section");
    let en = html
        .find("<section lang=\"en\" dir=\"ltr\">")
        .expect("an English section");
    assert!(cy < en);
    assert!(html.contains("class=\"bilingual side-by-side\""));
    assert!(html[cy..en].contains("Helo Elis"));
    assert!(html[en..].contains("Hello Elis"));
}

#[test]
fn a_reader_of_a_third_language_and_a_service_without_bilingual_get_one_language() {
    let fx = bilingual_service("side-by-side", "pl", "[]");
    let out = build_letter(&fx);
    let text = squash(&pdf_text(&out.join(format!("{LETTER}.pdf"))));
    assert!(text.contains("Hello Elis"), "{text}");
    assert!(!text.contains("Helo Elis"), "{text}");
    assert!(text.contains("we do not have it in Polish yet"), "{text}");

    let fx = bilingual_service("", "cy", "[]");
    let out = build_letter(&fx);
    let text = squash(&pdf_text(&out.join(format!("{LETTER}.pdf"))));
    assert!(
        text.contains("Helo Elis") && !text.contains("Hello Elis"),
        "{text}"
    );
}

/// liblouis's own Welsh grade 2 translation of one line.
fn welsh_braille(text: &str) -> String {
    let liblouis = LIBLOUIS.find().expect("lou_translate (scripts/test-deps)");
    let cells = run(&liblouis, &["--forward", "cy-cy-g2.ctb"], text.as_bytes())
        .expect("lou_translate runs");
    String::from_utf8(cells)
        .expect("ASCII")
        .trim_end()
        .to_owned()
}

#[test]
fn a_welsh_childs_braille_is_welsh_braille_and_the_recording_is_welsh() {
    let fx = bilingual_service("", "cy", "[braille, audio]");
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &[
            "--case",
            "T-0001",
            "--only",
            "introduction-letter",
            "--keep-typst",
        ],
    );
    let brf = std::fs::read_to_string(out.join(format!("{LETTER}.brf"))).expect("BRF");
    let cells = squash(&brf.replace("\r\n", " "));
    // A heading of the Welsh letter, on a line of its own, as liblouis's Welsh table writes it.
    let heading = "Beth yw Swyddog Adolygu Annibynnol?";
    let welsh = welsh_braille(heading);
    assert!(cells.contains(&welsh), "`{welsh}` not in\n{brf}");
    // Not Unified English Braille, which contracts the same words differently.
    let liblouis = LIBLOUIS.find().expect("lou_translate");
    let ueb = run(
        &liblouis,
        &["--forward", "en-ueb-g2.ctb"],
        heading.as_bytes(),
    )
    .expect("runs");
    let ueb = String::from_utf8(ueb).expect("ASCII").trim_end().to_owned();
    assert_ne!(
        ueb, welsh,
        "the two tables agree on this line; pick another"
    );
    assert!(!cells.contains(&ueb));
    assert!(!brf.contains("in English because"), "{brf}");
    // The recording: Welsh SSML, and a WAV file of some length.
    let ssml = std::fs::read_to_string(out.join(format!("{LETTER}.ssml"))).expect("SSML kept");
    assert!(
        ssml.starts_with("<speak version=\"1.0\" xml:lang=\"cy\">"),
        "{ssml}"
    );
    assert!(ssml.contains("Helo Elis"), "{ssml}");
    assert!(ssml.contains("dydd Llun 30 Tachwedd 2026"), "{ssml}");
    let wav = std::fs::metadata(out.join(format!("{LETTER}.wav"))).expect("WAV");
    assert!(wav.len() > 100_000, "{} bytes", wav.len());
}
