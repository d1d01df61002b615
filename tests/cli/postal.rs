//! Posting letters: the address comes from the placement (or the carer household), and it
//! sits in the window of a DL window envelope, read back from the PDF with
//! `pdftotext -bbox-layout`. See: issue 15.

use std::path::Path;
use std::process::Command as Process;

use crate::Fixture;
use crate::build::{bbox_attr, build, pdf_text, squash};

/// Millimetres to PDF points: 72 points to the inch, 25.4 mm to the inch.
pub fn pt(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}

/// The part of the sheet a DL window envelope always shows, in points from the page's top
/// left corner (poppler's boxes count down from the top).
///
/// The envelope is 220 x 110 mm with a 90 x 35 mm window 20 mm from its left edge and 15 mm
/// from its bottom, so the window runs 110 - 15 - 35 = 60 mm to 60 + 35 = 95 mm below the
/// envelope's top, and 20 mm to 20 + 90 = 110 mm from its left. A4 folded in three is
/// 297 / 3 = 99 mm tall: resting on the envelope's bottom its top edge is 110 - 99 = 11 mm
/// below the envelope's, so the window shows the sheet from 60 - 11 = 49 mm to 95 - 11 = 84
/// mm below its top. The sheet is 210 mm wide in 220 mm, so it may sit up to 10 mm to the
/// right: the window always shows 20 mm to 110 - 10 = 100 mm from its left edge.
pub struct Window {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Window {
    /// Whether a box (points, from the page's top left) lies wholly inside the window.
    pub fn holds(&self, [x0, y0, x1, y1]: [f64; 4]) -> bool {
        x0 >= pt(self.left) && x1 <= pt(self.right) && y0 >= pt(self.top) && y1 <= pt(self.bottom)
    }
}

pub const DL: Window = Window {
    left: 20.0,
    right: 100.0,
    top: 49.0,
    bottom: 84.0,
};

/// One line's box from `pdftotext -bbox-layout` on page 1: its words and (xMin, yMin, xMax,
/// yMax) in points.
fn first_page_lines(pdf: &Path) -> Vec<(String, [f64; 4])> {
    page_lines(pdf, 1)
}

/// Each line's words and box on one page.
pub fn page_lines(pdf: &Path, page: usize) -> Vec<(String, [f64; 4])> {
    let page = page.to_string();
    let out = Process::new("pdftotext")
        .args(["-f", &page, "-l", &page, "-bbox-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext (install poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let xml = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines: Vec<(String, [f64; 4])> = Vec::new();
    for tag in xml.lines().map(str::trim) {
        if tag.starts_with("<line ") {
            let bbox = ["xMin", "yMin", "xMax", "yMax"].map(|n| bbox_attr(tag, n));
            lines.push((String::new(), bbox));
        } else if tag.starts_with("<word ")
            && let Some(line) = lines.last_mut()
        {
            let word = tag.split_once('>').and_then(|(_, r)| r.split_once('<'));
            let word = word.map(|(w, _)| w).unwrap_or_default();
            line.0 = format!("{} {word}", line.0).trim().to_owned();
        }
    }
    lines
}

/// Lily-Mae (NM-1003) lives with the FC-204 household; she asks here for large print and
/// easy read too.
fn lily_mae_letters(fx: &Fixture, out: &Path) {
    fx.edit(
        "cases/NM-1003.yaml",
        "  language: en\n",
        "  language: en\n  formats: [large-print, easy-read]\n",
    );
    build(
        fx,
        out,
        &["--case", "NM-1003", "--only", "introduction-letter"],
    );
}

const LILY_MAE: [&str; 6] = [
    "Lily-Mae Turner",
    "c/o Gareth and Rhys Price-Evans",
    "5 Sorrel Gardens",
    "Holme Vale",
    "Northmoor",
    "NM5 3PX",
];

#[test]
fn r15_the_address_sits_in_a_dl_envelopes_window_in_every_print_variant() {
    let fx = Fixture::example_unsent();
    let out = fx.path().join("out");
    lily_mae_letters(&fx, &out);
    for variant in ["", ".large-print", ".easy-read"] {
        let pdf = out.join(format!("NM-1003/introduction-letter{variant}.pdf"));
        let lines = first_page_lines(&pdf);
        for want in LILY_MAE {
            let (_, [x0, y0, x1, y1]) = lines
                .iter()
                // The left half of the page: the sender's town is on the right.
                .find(|(text, [x0, ..])| text == want && *x0 < pt(105.0))
                .unwrap_or_else(|| panic!("{variant}: no line `{want}` in {lines:?}"));
            assert!(
                *x0 >= pt(DL.left) && *x1 <= pt(DL.right),
                "{variant}: `{want}` runs {x0:.1}-{x1:.1} pt across, outside the window's {:.1}-{:.1}",
                pt(DL.left),
                pt(DL.right)
            );
            assert!(
                *y0 >= pt(DL.top) && *y1 <= pt(DL.bottom),
                "{variant}: `{want}` runs {y0:.1}-{y1:.1} pt down, outside the window's {:.1}-{:.1}",
                pt(DL.top),
                pt(DL.bottom)
            );
        }
        // Nothing else on the page shows through the window: not the sender, nor the date.
        for (text, [x0, y0, x1, y1]) in &lines {
            let inside = *x1 > pt(DL.left) - pt(10.0)
                && *x0 < pt(DL.right) + pt(10.0)
                && *y1 > pt(DL.top)
                && *y0 < pt(DL.bottom);
            assert!(
                !inside || LILY_MAE.contains(&text.as_str()),
                "{variant}: `{text}` shows through the window"
            );
        }
    }
}

#[test]
fn r15_a_child_in_foster_care_is_written_to_at_the_carer_households_address() {
    let fx = Fixture::example_unsent();
    let out = fx.path().join("out");
    build(
        &fx,
        &out,
        &["--case", "NM-1003", "--only", "introduction-letter"],
    );
    let text = squash(&pdf_text(&out.join("NM-1003/introduction-letter.pdf")));
    assert!(text.contains(&LILY_MAE.join(" ")), "{text}");
}

/// NM-1009's placement (with FC-204, the same household) is confidential: Freya's own letter
/// goes there, her father's copies go to his own home and never name it.
#[test]
fn r15_a_family_copy_of_a_confidential_placement_is_addressed_to_the_family_member() {
    let fx = Fixture::example_unsent();
    let out = fx.path().join("out");
    build(&fx, &out, &["--case", "NM-1009", "--only", "records"]);
    let (mut dads, mut own) = (0, 0);
    for entry in walk(&out.join("NM-1009")) {
        let name = entry.to_string_lossy().into_owned();
        if !name.ends_with(".pdf") {
            continue;
        }
        let text = squash(&pdf_text(&entry));
        if name.contains("/dad") {
            dads += 1;
            assert!(
                text.contains("Martin Whitlock 77 Chapel Street Northmoor NM1 6RL"),
                "{name}: {text}"
            );
        }
        if name.ends_with("/child-letter.pdf") {
            own += 1;
            let window = "Freya Whitlock c/o Gareth and Rhys Price-Evans 5 Sorrel Gardens";
            assert!(text.contains(window), "{name}: {text}");
        }
        if name.contains("/dad") || name.contains("/mum") {
            for secret in ["Sorrel Gardens", "NM5 3PX", "Price-Evans"] {
                assert!(!text.contains(secret), "{name} holds `{secret}`");
            }
        }
    }
    assert!(
        dads > 0 && own > 0,
        "no copy for Freya or her father was made"
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
