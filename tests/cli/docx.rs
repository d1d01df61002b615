//! Word copies (issue 19): every letter, record, notice and form made for a reader whose
//! `formats:` include `docx` is made as a DOCX too, read back here by python-docx (an
//! independent reader, `docx/read_docx.py`; Debian's python3-docx, which scripts/test-deps
//! installs) and compared with the PDF's text as pdftotext reads it.
//! See: issue 19.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::Fixture;
use crate::build::{build, pdf_text, stamps, tree};

const AS_OF: &str = "2026-11-27";

/// What python-docx reads in a DOCX file (see `docx/read_docx.py`).
fn read_docx(file: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/docx/read_docx.py");
    let out = Command::new(crate::python_with("docx", "python3-docx"))
        .arg(script)
        .arg(file)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "python-docx cannot read {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn blocks(doc: &Value) -> &Vec<Value> {
    doc["blocks"].as_array().expect("blocks")
}

/// Every word of the body: paragraphs and table cells.
fn docx_words(doc: &Value) -> Vec<String> {
    let mut text = String::new();
    for block in blocks(doc) {
        text.push_str(block["text"].as_str().unwrap_or_default());
        text.push('\n');
        for row in block["cells"].as_array().into_iter().flatten() {
            for cell in row.as_array().into_iter().flatten() {
                text.push_str(cell.as_str().unwrap_or_default());
                text.push('\n');
            }
        }
    }
    words(&text)
}

/// The PDF's words, without its page footers (the DOCX has its own: `footer`, its XML), with
/// a word broken at a hyphen across two lines made whole again.
fn pdf_words(file: &Path, footer: &str) -> Vec<String> {
    let text = pdf_text(file);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let page_count = |line: &str| {
        (line.find("Page ").or_else(|| line.find("Tudalen ")))
            .is_some_and(|at| is_page_count(&line[at..]))
    };
    let mut dropped = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if !page_count(line) {
            continue;
        }
        dropped[i] = true;
        // A form's footer gives the service's name before the page count.
        let before = (0..i).rev().find(|j| !lines[*j].is_empty());
        if let Some(j) = before.filter(|j| footer.contains(&format!(">{}<", lines[*j]))) {
            dropped[j] = true;
        }
    }
    let kept: String = (lines.iter().zip(&dropped))
        .filter(|(_, dropped)| !**dropped)
        .map(|(line, _)| format!("{line}\n"))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for word in words(&kept) {
        match out.last_mut() {
            Some(last) if last.ends_with('-') && last.len() > 1 => last.push_str(&word),
            _ => out.push(word),
        }
    }
    out
}

/// `Page 2 of 3` (or Welsh `Tudalen 2 o 3`) and nothing after it.
fn is_page_count(text: &str) -> bool {
    let parts: Vec<&str> = text.split_whitespace().collect();
    parts.len() == 4
        && parts[1].chars().all(|c| c.is_ascii_digit())
        && parts[3].chars().all(|c| c.is_ascii_digit())
}

/// Words, leaving out list markers (`•`, `1.`), which Word draws from its numbering and the PDF
/// prints as text.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .filter(|w| !(w.ends_with('.') && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())))
        .map(str::to_owned)
        .collect()
}

/// The words of each table's first row.
fn table_heads(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks(doc) {
        let head = block["cells"][0].as_array().into_iter().flatten();
        out.extend(head.flat_map(|cell| words(cell.as_str().unwrap_or_default())));
    }
    out
}

/// The words one list has and the other lacks, both ways, counting repeats.
fn difference(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    let mut count: BTreeMap<&str, i64> = BTreeMap::new();
    for w in a {
        *count.entry(w).or_default() += 1;
    }
    for w in b {
        *count.entry(w).or_default() -= 1;
    }
    let only = |sign: i64| {
        (count.iter())
            .filter(|(_, n)| n.signum() == sign)
            .map(|(w, n)| format!("{w} ×{}", n.abs()))
            .collect()
    };
    (only(1), only(-1))
}

/// Adds `formats: [docx]` under the line `after` in a case file (the child's `pronouns:`, or
/// a person's `role:`), indented as that line is.
fn asks_for_docx(fx: &Fixture, case: &str, after: &str) {
    let indent = &after[..after.len() - after.trim_start().len()];
    fx.edit(
        &format!("cases/{case}.yaml"),
        &format!("{after}\n"),
        &format!("{after}\n{indent}formats: [docx]\n"),
    );
}

/// A fixture where NM-1010 (Malachi: an introduction letter, a record, the letter after his
/// review and a dispute notice) and his mum, and NM-1003 (Lily-Mae: a consultation pack) and
/// her mum ask for Word copies; built as of `AS_OF` into `out` and `packs`.
fn built() -> (Fixture, PathBuf, PathBuf) {
    let fx = Fixture::example_unsent();
    asks_for_docx(&fx, "NM-1010", "  pronouns: he/him");
    asks_for_docx(&fx, "NM-1010", "    role: mother");
    asks_for_docx(&fx, "NM-1003", "  pronouns: she/her");
    asks_for_docx(&fx, "NM-1003", "    role: mother");
    let out = fx.file("out");
    build(&fx, &out, &["--case", "NM-1010", "--as-of", AS_OF]);
    let packs = fx.file("packs");
    build(
        &fx,
        &packs,
        &["--case", "NM-1003", "--only", "packs", "--as-of", AS_OF],
    );
    (fx, out, packs)
}

/// Every DOCX under `dir`, by path relative to it.
fn docx_files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|p| p.ends_with(".docx"))
        .collect()
}

#[test]
fn r19_every_document_a_reader_asks_for_in_word_has_the_pdf_s_words_and_headings() {
    let (_fx, out, packs) = built();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for dir in [&out, &packs] {
        files.extend(docx_files(dir).into_iter().map(|p| (dir.clone(), p)));
    }
    let names: Vec<&str> = files.iter().map(|(_, p)| p.as_str()).collect();
    for want in [
        "NM-1010/introduction-letter.docx",
        "NM-1010/record-2026-10-22-lac-review/mum.docx",
        "NM-1010/record-2026-10-22-lac-review/child-letter.docx",
        "NM-1003/pack-2026-12-09/child-invitation.docx",
        "NM-1003/pack-2026-12-09/child-form.docx",
        "NM-1003/pack-2026-12-09/mum-form.docx",
    ] {
        assert!(names.contains(&want), "{want} not made: {names:?}");
    }
    for (dir, path) in &files {
        let doc = read_docx(&dir.join(path));
        let pdf = dir.join(path.replace(".docx", ".pdf"));
        let footer = doc["footer"].as_str().expect("footer");
        let (docx_only, mut pdf_only) = difference(&docx_words(&doc), &pdf_words(&pdf, footer));
        // The PDF repeats a table's head on each page the table runs onto.
        let heads = table_heads(&doc);
        pdf_only.retain(|w| !heads.iter().any(|h| w.split(" ").next() == Some(h)));
        assert!(
            docx_only.is_empty() && pdf_only.is_empty(),
            "{path}: words only in the DOCX {docx_only:?}, only in the PDF {pdf_only:?}"
        );
        // Each heading, in order, is a line of the PDF.
        let text = pdf_text(&pdf);
        let mut from = 0;
        let headings: Vec<&Value> = (blocks(&doc).iter())
            .filter(|b| {
                b["style"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("Heading"))
            })
            .collect();
        assert!(!headings.is_empty(), "{path} has no heading");
        for heading in headings {
            let words = heading["text"].as_str().expect("text");
            let at = text[from..]
                .find(words)
                .unwrap_or_else(|| panic!("{path}: heading `{words}` not in the PDF after {from}"));
            from += at + words.len();
        }
        assert!(
            doc["footer"].as_str().expect("footer").contains(">PAGE<"),
            "{path}"
        );
    }
}

#[test]
fn r19_a_word_copy_has_real_lists_heading_styles_its_language_and_alt_text() {
    let (_fx, out, packs) = built();
    let letter = read_docx(&out.join("NM-1010/introduction-letter.docx"));
    assert_eq!(letter["lang"], "en-GB");
    assert_eq!(letter["core_language"], "en-GB");
    assert!(
        letter["title"]
            .as_str()
            .is_some_and(|t| t.contains("Malachi")),
        "{}",
        letter["title"]
    );
    let styles: Vec<&str> = blocks(&letter)
        .iter()
        .filter_map(|b| b["style"].as_str())
        .collect();
    assert!(
        styles.contains(&"Heading 1") || styles.contains(&"Heading 2"),
        "{styles:?}"
    );
    // Lists are Word's, and no item types its own bullet.
    let items: Vec<&Value> = blocks(&letter)
        .iter()
        .filter(|b| !b["list"].is_null())
        .collect();
    assert!(!items.is_empty(), "no list in the letter");
    for item in &items {
        let text = item["text"].as_str().expect("text");
        assert!(!text.starts_with(['•', '-', '*']), "typed bullet: {text}");
    }
    // A form's choices are ticked in Word's own boxes.
    let form = read_docx(&packs.join("NM-1003/pack-2026-12-09/child-form.docx"));
    let boxes = (blocks(&form).iter())
        .filter(|b| b["list"][1] == "☐")
        .count();
    assert!(boxes >= 3, "{boxes} choices");
    assert!(
        blocks(&form).iter().any(|b| b["style"] == "table"),
        "no room to write"
    );
    // The IRO's photo, where the letter has one, has its alt text.
    for (dir, path) in docx_files(&out).iter().map(|p| (&out, p)) {
        let doc = read_docx(&dir.join(path));
        for alt in doc["pictures"].as_array().expect("pictures") {
            assert!(
                alt.as_str().is_some_and(|a| !a.trim().is_empty()),
                "{path}: {alt}"
            );
        }
    }
}

#[test]
fn r19_a_hostile_name_prints_literally_in_the_word_copy() {
    let fx = Fixture::example_unsent();
    let name = "*Kai* <script>#read(\"x\")";
    asks_for_docx(&fx, "NM-1010", "  pronouns: he/him");
    fx.edit(
        "cases/NM-1010.yaml",
        "  preferred_name: Malachi",
        &format!("  preferred_name: '{name}'"),
    );
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "NM-1010", "--only", "letters", "--as-of", AS_OF],
    );
    let doc = read_docx(&out.join("NM-1010/introduction-letter.docx"));
    let text: Vec<&str> = blocks(&doc)
        .iter()
        .filter_map(|b| b["text"].as_str())
        .collect();
    assert!(
        text.iter().any(|t| t.contains(&format!("Hello {name},"))),
        "{text:?}"
    );
}

#[test]
fn r19_a_second_build_with_no_change_rewrites_no_word_copy_and_the_manifest_lists_them() {
    let fx = Fixture::example_unsent();
    asks_for_docx(&fx, "NM-1010", "  pronouns: he/him");
    let out = fx.file("out");
    let args = ["--case", "NM-1010", "--only", "letters", "--as-of", AS_OF];
    build(&fx, &out, &args);
    let first = fs::read(out.join("NM-1010/introduction-letter.docx")).expect("docx");
    let manifest: Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    let entry = (manifest["outputs"].as_array().expect("outputs").iter())
        .find(|e| e["path"] == "NM-1010/introduction-letter.docx")
        .expect("listed");
    assert_eq!(entry["variant"], "docx");
    assert_eq!(entry["bytes"], first.len());
    let before = stamps(&out);
    let stderr = build(&fx, &out, &args);
    assert!(stderr.contains(" 0 written,"), "{stderr}");
    assert_eq!(stamps(&out), before, "a no-change rebuild touched files");
    // Rebuilt from nothing, the same bytes.
    fs::remove_dir_all(&out).expect("remove");
    build(&fx, &out, &args);
    assert_eq!(
        fs::read(out.join("NM-1010/introduction-letter.docx")).expect("docx"),
        first
    );
}
