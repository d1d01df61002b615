//! Easy read pictures (issue 18): a picture beside each section's point, read back from the
//! PDF's images and words; its alt text in the tagged PDF and the web page; a service's own
//! pictures; a picture a template names that is not there.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use crate::build::{add_case, bbox_attr, build};
use crate::{Fixture, output};

/// Dots per inch the pages are drawn at to find the pictures: one pixel is two points.
const DPI: f64 = 36.0;

/// The pictures in a PDF's left margin: (page, top, bottom) in points, found where they are
/// drawn (poppler's `pdftoppm`), since an SVG picture is drawing, not an image file. A
/// picture is a run of rows with ink between `from` and `to` (points from the left edge),
/// away from every word that starts there (the letterhead's lines).
fn margin_pictures(pdf: &Path, from: f64, to: f64) -> Vec<(u32, f64, f64)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Process::new("pdftoppm")
        .args(["-gray", "-r", &DPI.to_string()])
        .arg(pdf)
        .arg(dir.path().join("page"))
        .status()
        .expect("run pdftoppm (install poppler-utils)");
    assert!(status.success());
    let mut pages: Vec<_> = (fs::read_dir(dir.path()).expect("pages").flatten())
        .map(|e| e.path())
        .collect();
    pages.sort();
    let scale = 72.0 / DPI;
    let lines: Vec<(u32, f64, f64)> = (words(pdf).into_iter())
        .filter(|w| w.1 < to)
        .map(|w| (w.0, w.2, w.4))
        .collect();
    let mut found = Vec::new();
    for (n, path) in pages.iter().enumerate() {
        let page = n as u32 + 1;
        let (width, pixels) = crate::build::pgm(&fs::read(path).expect("pgm"));
        let inked = |row: usize| {
            let y = row as f64 * scale;
            let by_words = (lines.iter()).any(|l| l.0 == page && y >= l.1 - 2.0 && y <= l.2 + 2.0);
            let span = (from / scale) as usize..(to / scale) as usize;
            !by_words && span.into_iter().any(|x| pixels[row * width + x] < 200)
        };
        let rows = pixels.len() / width;
        let mut row = 0;
        while row < rows {
            if inked(row) {
                let top = row;
                while row < rows && inked(row) {
                    row += 1;
                }
                // Taller than a rule (the letterhead's line under the service's name).
                if (row - top) as f64 * scale > 10.0 {
                    found.push((page, top as f64 * scale, row as f64 * scale));
                }
            }
            row += 1;
        }
    }
    found
}

/// Each word on a PDF's pages: (page, left, top, word, bottom), from `pdftotext -bbox`.
fn words(pdf: &Path) -> Vec<(u32, f64, f64, String, f64)> {
    let out = Process::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut page = 0;
    let mut found = Vec::new();
    for tag in html.split('<') {
        if tag.starts_with("page ") {
            page += 1;
        } else if let Some(rest) = tag.strip_prefix("word ") {
            let word = rest.split_once('>').map_or("", |(_, w)| w).to_owned();
            let (left, top) = (bbox_attr(tag, "xMin"), bbox_attr(tag, "yMin"));
            found.push((page, left, top, word, bbox_attr(tag, "yMax")));
        }
    }
    found
}

fn raw(pdf: &Path) -> String {
    String::from_utf8_lossy(&fs::read(pdf).expect("pdf")).into_owned()
}

/// Whether a PDF holds `text` as a string, literal or in hex (Typst writes either).
fn holds(raw: &str, text: &str) -> bool {
    let hex: String = text.bytes().map(|b| format!("{b:02X}")).collect();
    raw.contains(text) || raw.to_uppercase().contains(&hex)
}

/// Builds T-0001's easy read introduction letter; its path.
fn easy_read_letter(fx: &Fixture) -> std::path::PathBuf {
    add_case(fx, "Robin", "Sam Worker", "[easy-read, html]");
    let out = fx.file("out");
    build(
        fx,
        &out,
        &["--case", "T-0001", "--only", "introduction-letter"],
    );
    out.join("T-0001/introduction-letter.easy-read.pdf")
}

#[test]
fn r18_an_easy_read_letter_has_a_picture_beside_each_section() {
    let fx = Fixture::example_unsent();
    let pdf = easy_read_letter(&fx);
    let words = words(&pdf);
    // The body's left edge: where most words start (2 cm of margin and 3.2 cm of gutter).
    let body_left = most_common_left(&words);
    assert!((140.0..155.0).contains(&body_left), "{body_left}");
    let pictures = margin_pictures(&pdf, 40.0, body_left - 4.0);
    // The letter's eight sections (Who am I? ... What if you are not happy?), one each, but
    // for "Who am I?", where the IRO's photo is (the first IRO of the example has one).
    assert_eq!(pictures.len(), 7, "{pictures:?}");
    for &(page, top, bottom) in &pictures {
        // At a size a reader can see: drawn 2 cm (57pt) square, the emoji inside it less.
        assert!(
            (30.0..60.0).contains(&(bottom - top)),
            "{top}..{bottom} in {pictures:?}"
        );
        // Beside its point: a line of the body starts within the picture's height (its top
        // above the emoji's ink, which the picture's square pads).
        assert!(
            (words.iter()).any(|w| w.0 == page
                && (w.1 - body_left).abs() < 2.0
                && w.2 >= top - 25.0
                && w.2 <= bottom),
            "no words beside the picture on page {page} at {top}..{bottom}"
        );
    }
    // Every picture's alt text is in the tagged PDF.
    let raw = raw(&pdf);
    for alt in [
        "A magnifying glass, for checking",
        "A telephone",
        "A worried face",
    ] {
        assert!(holds(&raw, alt), "alt text `{alt}` is not in the PDF");
    }
    // The standard copy of a letter has none: pictures are for easy read.
    let fx = Fixture::example_unsent();
    add_case(&fx, "Robin", "Sam Worker", "[standard]");
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "T-0001", "--only", "introduction-letter"],
    );
    let pdf = out.join("T-0001/introduction-letter.pdf");
    let left = most_common_left(&self::words(&pdf));
    assert!(margin_pictures(&pdf, 0.0, left - 4.0).is_empty());
}

/// The x at which most words start: the body's left edge.
fn most_common_left(words: &[(u32, f64, f64, String, f64)]) -> f64 {
    let mut counts = std::collections::BTreeMap::new();
    for w in words {
        *counts.entry(w.1.round() as i64).or_insert(0) += 1;
    }
    let (left, _) = counts.into_iter().max_by_key(|(_, n)| *n).expect("words");
    left as f64
}

#[test]
fn r18_the_easy_read_web_page_shows_the_pictures_with_their_alt_text() {
    let fx = Fixture::example_unsent();
    let pdf = easy_read_letter(&fx);
    let html = fs::read_to_string(pdf.with_file_name("introduction-letter.html")).expect("html");
    assert_eq!(html.matches("class=\"picture\"").count(), 7, "{html}");
    assert!(html.contains("alt=\"A telephone\""), "{html}");
    // Inline, so the page works offline from any folder.
    assert!(html.contains("src=\"data:image/svg+xml;base64,"), "{html}");
    assert!(!html.contains("title=\"picture\""), "{html}");
}

#[test]
fn r18_a_services_own_picture_and_alt_text_replace_the_built_in_ones() {
    let fx = Fixture::example_unsent();
    // A PNG of the service's own for `phone`, with its own words.
    fs::create_dir_all(fx.file("pictures")).expect("pictures folder");
    fs::copy(
        fx.file("images/iro-hokafor.png"),
        fx.file("pictures/phone.png"),
    )
    .expect("png");
    fx.write(
        "pictures/pictures.yaml",
        "phone:\n  alt: {en: A person on the phone to the IRO}\n",
    );
    let pdf = easy_read_letter(&fx);
    let list = Process::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect("pdfimages");
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    // pdfimages lists a drawn SVG not at all and a PNG as an image: the IRO's photo, and
    // the service's own phone, made from the same file.
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{list}");
    let raw = raw(&pdf);
    assert!(holds(&raw, "A person on the phone to the IRO"));
    // The other pictures keep the built-in set's words.
    assert!(holds(&raw, "A worried face"));
}

#[test]
fn r18_a_picture_that_is_not_there_is_named_with_its_template() {
    let fx = Fixture::example_unsent();
    add_case(&fx, "Robin", "Sam Worker", "[easy-read]");
    fx.edit(
        "templates/letters/introduction/easy-read.md",
        "![](picture:phone)",
        "![](picture:unicorn)",
    );
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("templates/letters/introduction/easy-read.md")
            && stderr.contains("`unicorn`")
            && stderr.contains("phone"),
        "{stderr}"
    );
    // And the build says the same, writing no copy of that letter.
    let out = fx.file("out");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "build",
        "--as-of",
        crate::AS_OF,
        "--case",
        "T-0001",
        "--out",
        out.to_str().expect("path"),
    ]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        !out.join("T-0001/introduction-letter.easy-read.pdf")
            .exists()
    );
}
