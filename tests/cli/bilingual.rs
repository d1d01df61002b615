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
            let text = (text.replace("&apos;", "'").replace("&quot;", "\""))
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            words.push((page, x, text));
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
    // It opens in Welsh too: the letter's Welsh title, who it is from and the date.
    let opening = welsh_braille("Dy Swyddog Adolygu Annibynnol, gan Gwasanaeth Adolygu");
    assert!(
        cells.starts_with(&opening[..20]),
        "`{opening}` does not open\n{brf}"
    );
    // The recording: Welsh SSML, and a WAV file of some length.
    let ssml = std::fs::read_to_string(out.join(format!("{LETTER}.ssml"))).expect("SSML kept");
    assert!(
        ssml.starts_with("<speak version=\"1.0\" xml:lang=\"cy\">"),
        "{ssml}"
    );
    assert!(ssml.contains("Helo Elis"), "{ssml}");
    // From the service, by its Welsh name (`names: cy:` in service.yaml).
    assert!(
        ssml.contains("gan Gwasanaeth Adolygu Annibynnol Northmoor, 25 Tachwedd 2026"),
        "{ssml}"
    );
    assert!(ssml.contains("dydd Llun 30 Tachwedd 2026"), "{ssml}");
    let wav = std::fs::metadata(out.join(format!("{LETTER}.wav"))).expect("WAV");
    assert!(wav.len() > 100_000, "{} bytes", wav.len());
}

/// A bilingual record (issue 17): Malachi's (NM-1010) review of Thursday 22 October 2026,
/// his next due by Thursday 22 April 2027 (see `welsh.rs`), for his nan, whose language is
/// English, in a service writing `[cy, en]` side by side: each line of the record in Welsh on
/// the left and in English on the right of the same page, every page.
#[test]
fn a_bilingual_record_has_each_part_in_its_column_and_language() {
    let bilingual =
        "  language: en\n  bilingual:\n    languages: [cy, en]\n    layout: side-by-side\n";
    let (fx, _) = crate::welsh::nm1010_review(&[], "record");
    fx.edit("service.yaml", "  language: en\n", bilingual);
    let out = fx.file("out2");
    build(&fx, &out, &["--case", "NM-1010", "--only", "record"]);
    let pdf = out.join("NM-1010/record-2026-10-22-lac-review/nan.pdf");
    let words = words_with_places(&pdf);
    let pairs = [
        (
            "Dyddiad: dydd Iau 22 Hydref 2026",
            "Date: Thursday 22 October 2026",
        ),
        ("Statws cyfreithiol:", "Legal status:"),
        (
            "erbyn dydd Iau 22 Ebrill 2027.",
            "by Thursday 22 April 2027.",
        ),
        (
            "Mae'r copi hwn ar gyfer Janice Bell.",
            "This copy is for Janice Bell.",
        ),
    ];
    let pages = words.iter().map(|w| w.0).max().unwrap_or(0);
    for (welsh, english) in pairs {
        let (cy_page, cy_x) = place_of(&words, welsh);
        let (en_page, en_x) = place_of(&words, english);
        // An A4 page is 595 points wide: the left column ends before the middle.
        assert!(cy_x < 290.0, "`{welsh}` at x = {cy_x}");
        assert!(en_x > 297.0, "`{english}` at x = {en_x}");
        // Side by side: the two never drift more than a page apart.
        assert!(
            cy_page.abs_diff(en_page) <= 1,
            "`{welsh}` on {cy_page}, `{english}` on {en_page}"
        );
    }
    // Both columns start on the first page and end on the last.
    assert_eq!(place_of(&words, "Dyddiad:").0, 1);
    assert_eq!(place_of(&words, "Date:").0, 1);
    assert!(pages >= 2, "{pages} pages");
    assert_eq!(crate::welsh::pdf_language(&pdf), "cy");
}

/// Social workers and managers have no `language:`: a bilingual service writes to them in both
/// languages too. Malachi's (NM-1010) stage 3 dispute notice went on Tuesday 10 November 2026,
/// its reply due 10 working days later, Tuesday 24 November 2026.
#[test]
fn a_bilingual_service_writes_to_managers_in_both_languages() {
    let fx = Fixture::example_unsent();
    fx.edit(
        "service.yaml",
        "  language: en\n",
        "  language: en\n  bilingual:\n    languages: [cy, en]\n",
    );
    let out = fx.file("out");
    build(&fx, &out, &["--case", "NM-1010", "--only", "disputes"]);
    let notice = out.join("NM-1010/dispute-2026-10-23/notice-stage-3.pdf");
    let text = squash(&pdf_text(&notice));
    let welsh = "Hysbysiad datrys anghydfod: cam 3";
    let english = "Dispute resolution notice: stage 3";
    let (cy, en) = (text.find(welsh), text.find(english));
    assert!(cy.is_some() && en.is_some(), "{text}");
    assert!(cy < en, "the Welsh comes first:\n{text}");
    assert!(
        text.contains("Ateb erbyn: dydd Mawrth 24 Tachwedd 2026"),
        "{text}"
    );
    assert!(
        text.contains("Reply due by: Tuesday 24 November 2026"),
        "{text}"
    );
    let info = crate::build::pdf_info(&notice);
    assert_eq!(
        info["Title"],
        "Datrys anghydfod / Dispute resolution: head of service"
    );
}
