//! Right-to-left languages (issue 17): a letter written in Arabic runs right to left in its
//! PDF (each line's words from the right margin leftwards) and its HTML page (`dir="rtl"`),
//! while the letterhead stays left to right (the address block in the envelope window, the
//! sender's lines in their order) and a letter in English for another child is still left
//! aligned.
//!
//! See: issue 17.

use std::path::Path;

use crate::Fixture;
use crate::build::{add_case, bbox_attr, build};

const LETTER: &str = "T-0001/introduction-letter.pdf";

/// A line of the fixture's Arabic letter with no names or dates in it, so every word in it is
/// Arabic: "This is a short letter for the test only, written from right to left."
const ARABIC_LINE: &str = "هذه رسالة قصيرة للاختبار فقط وهي مكتوبة من اليمين إلى اليسار.";

/// A tiny Arabic introduction letter, one for every band the chooser may pick. These are test
/// fixtures, not a translation: short made-up sentences, never checked by an Arabic speaker,
/// and never shipped in `templates/`.
fn arabic_letter(band: &str) -> String {
    format!(
        "{{#- Test fixture (tests/cli/rtl.rs), not a translation: {band}. -#}}\n\
         # مرحبا {{{{ child.name }}}}\n\
         \n\
         {ARABIC_LINE}\n\
         \n\
         اسمي {{{{ iro.name }}}}.\n\
         \n\
         - يمكنك أن تأتي إلى الاجتماع\n\
         - يمكنك أن تكتب لي\n\
         \n\
         | اليوم | المكان |\n\
         |---|---|\n\
         | الاثنين | المدرسة |\n\
         \n\
         مع أطيب التمنيات\n"
    )
}

/// The example service, nothing sent yet, with T-0001, a child of ten whose language is
/// Arabic and who also asked for an HTML copy, and the Arabic fixture letters.
fn arabic_child() -> Fixture {
    let fx = Fixture::example_unsent();
    add_case(&fx, "Amira", "Sian Morgan", "[html]");
    fx.edit(
        "cases/T-0001.yaml",
        "  formats: [html]\n",
        "  formats: [html]\n  language: ar\n",
    );
    for band in ["under-8", "8-to-12", "13-plus", "easy-read"] {
        fx.write(
            &format!("templates/ar/letters/introduction/{band}.md"),
            arabic_letter(band),
        );
    }
    fx
}

/// One word `pdftotext -bbox-layout` found: its text and box, in points from the top left.
#[derive(Debug)]
struct Word {
    text: String,
    x_min: f64,
    x_max: f64,
    y_min: f64,
}

/// The words of each line of page one, in the order poppler reads them.
fn lines_of(pdf: &Path) -> Vec<Vec<Word>> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox-layout", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (install poppler-utils: scripts/test-deps)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let mut lines = Vec::new();
    for tag in String::from_utf8_lossy(&out.stdout).lines().map(str::trim) {
        if tag.starts_with("<line") {
            lines.push(Vec::new());
        } else if tag.starts_with("<word ") {
            let text = tag
                .split_once('>')
                .and_then(|(_, r)| r.split_once('<'))
                .map(|(w, _)| w.to_owned())
                .unwrap_or_default();
            lines.last_mut().expect("a word inside a line").push(Word {
                text,
                x_min: bbox_attr(tag, "xMin"),
                x_max: bbox_attr(tag, "xMax"),
                y_min: bbox_attr(tag, "yMin"),
            });
        }
    }
    lines
}

/// Whether poppler's `found` is the written word `want`: the same letters, in whatever order
/// poppler read them back (drawn order, and a ligature such as lam-alef as one glyph).
fn same_word(found: &str, want: &str) -> bool {
    let letters = |w: &str| {
        let mut c: Vec<char> = w.chars().collect();
        c.sort_unstable();
        c
    };
    letters(found) == letters(want)
}

fn is_arabic(word: &str) -> bool {
    word.chars()
        .any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// The standard theme's page: A4, 595.28 pt wide, 2.2 cm (62.36 pt) margins either side.
const LEFT_MARGIN: f64 = 62.36;
const RIGHT_MARGIN: f64 = 595.28 - 62.36;

#[test]
fn an_arabic_letter_runs_right_to_left() {
    let fx = arabic_child();
    let out = fx.file("out");
    build(&fx, &out, &["--only", "introduction-letter"]);

    // poppler lists a line's words from left to right as they are drawn (each word's letters
    // in drawn order too); read from the right, the test line's words come in writing order.
    let lines = lines_of(&out.join(LETTER));
    let written: Vec<&str> = ARABIC_LINE.split(' ').collect();
    let line = lines
        .iter()
        .find(|l| l.len() >= 4 && l.iter().any(|w| same_word(&w.text, written[1])))
        .unwrap_or_else(|| panic!("no line with `{}`: {lines:#?}", written[1]));
    assert!(line.iter().all(|w| is_arabic(&w.text)), "{line:#?}");
    let mut from_right: Vec<&Word> = line.iter().collect();
    from_right.sort_by(|a, b| b.x_max.total_cmp(&a.x_max));
    for (i, (word, want)) in from_right.iter().zip(&written).enumerate() {
        assert!(
            same_word(&word.text, want),
            "word {i} from the right is `{}`, not `{want}`: {line:#?}",
            word.text
        );
    }
    for pair in from_right.windows(2) {
        assert!(
            pair[1].x_max <= pair[0].x_min + 0.5,
            "`{}` is not left of `{}`: {line:#?}",
            pair[1].text,
            pair[0].text
        );
    }
    // And the line starts at the right margin, not the left.
    let (right, left) = (from_right[0].x_max, from_right[from_right.len() - 1].x_min);
    assert!(
        (right - RIGHT_MARGIN).abs() < 2.0 && left - LEFT_MARGIN > 20.0,
        "the Arabic line runs from {left} to {right}, not from the right margin \
         {RIGHT_MARGIN}: {line:#?}"
    );

    // The address block is still in the envelope window, 25 mm (70.87 pt) from the left and
    // 49 to 84 mm (138.9 to 238.1 pt) from the top, left aligned.
    let address: Vec<&Word> = lines
        .iter()
        .flatten()
        .filter(|w| (138.9..238.1).contains(&w.y_min) && w.x_min < 283.0)
        .collect();
    assert!(!address.is_empty(), "no address in the window: {lines:#?}");
    let left = address.iter().map(|w| w.x_min).fold(f64::MAX, f64::min);
    assert!(
        (left - 70.87).abs() < 1.5,
        "the address starts {left} pt from the left, not in the window: {address:#?}"
    );

    // The letterhead is the service's own and still runs left to right: the sender's
    // column starts 115 mm (326 pt) from the left, and its lines keep their order, which a
    // right-to-left paragraph would turn into `Tanner Street 12` and `November 2026 25`.
    for want in [["12", "Tanner", "Street"], ["25", "November", "2026"]] {
        let line = lines
            .iter()
            .find(|l| l.iter().any(|w| w.text == want[1]))
            .unwrap_or_else(|| panic!("no `{}` in the letterhead: {lines:#?}", want[1]));
        let texts: Vec<&str> = line.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, want, "{line:#?}");
        assert!(
            line.windows(2).all(|p| p[1].x_min >= p[0].x_max),
            "{line:#?}"
        );
        assert!((line[0].x_min - 326.0).abs() < 1.5, "{line:#?}");
    }

    // Another child's letter, in English, still runs left to right from the left margin.
    let english = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").path().join("introduction-letter.pdf"))
        .find(|p| p.exists() && !p.starts_with(out.join("T-0001")))
        .expect("an English introduction letter");
    let lines = lines_of(&english);
    let body: Vec<&Vec<Word>> = lines
        .iter()
        .filter(|l| l.len() >= 6 && l[0].y_min > 260.0)
        .collect();
    assert!(!body.is_empty(), "no body lines in {}", english.display());
    for line in body {
        assert!(
            line.windows(2).all(|p| p[1].x_min >= p[0].x_max - 0.5),
            "an English line runs right to left: {line:#?}"
        );
        let left = line[0].x_min;
        assert!(
            left - LEFT_MARGIN < 30.0,
            "an English line starts {left} pt from the left: {line:#?}"
        );
    }

    let html = fx.read("out/T-0001/introduction-letter.html");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains(ARABIC_LINE), "{html}");
}
