//! `iro build`: the documents a user opens, read back with poppler (`pdftotext`, `pdfinfo`).
//!
//! Every build writes inside the fixture's temporary folder.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;
use std::process::Command as Process;

use iro::typeset::tools::{self, LIBLOUIS, UEB_TABLE};
use serde_json::Value;

use crate::{Fixture, output};

/// A child who became looked after on Monday 2 November 2026, with an IRO allocated on the 4th
/// and the introduction letter not sent yet. Born in 2016, so the
/// letter uses the 8-to-12 wording. `IRO_ID`, `PREFERRED` and `FORMATS` are filled in.
const NEW_CASE: &str = "\
id: T-0001
child:
  legal_name: Test Child
  preferred_name: PREFERRED
  date_of_birth: 2016-06-01
  formats: FORMATS
legal_status:
  - code: V2
    from: 2026-11-02
looked_after:
  - from: 2026-11-02
iro:
  id: IRO_ID
  allocated: 2026-11-04
social_worker:
  name: SOCIAL_WORKER
  team: Children in Care Team East
";

/// The first IRO listed in service.yaml's `team:`.
pub fn first_iro(fx: &Fixture) -> String {
    fx.read("service.yaml")
        .lines()
        .skip_while(|l| !l.starts_with("team:"))
        .filter_map(|l| l.trim().strip_prefix("- id: "))
        .find(|id| id.starts_with("iro"))
        .expect("an IRO id in service.yaml")
        .to_owned()
}

/// A YAML single-quoted scalar: prints any string literally.
pub fn yaml_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// Adds case T-0001 (see [`NEW_CASE`]) with the first IRO; returns the IRO's id. The names
/// are written as YAML single-quoted strings.
pub fn add_case(fx: &Fixture, preferred: &str, social_worker: &str, formats: &str) -> String {
    let iro = first_iro(fx);
    fx.write(
        "cases/T-0001.yaml",
        NEW_CASE
            .replace("IRO_ID", &iro)
            .replace("PREFERRED", &yaml_quoted(preferred))
            .replace("SOCIAL_WORKER", &yaml_quoted(social_worker))
            .replace("FORMATS", formats),
    );
    iro
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The line range of the block that starts at the line equal to `block` (for example
/// `  - id: moorgate` or `advocacy:`): that line and every line indented more deeply.
fn block_range(lines: &[&str], block: &str) -> (usize, usize) {
    let start = lines
        .iter()
        .position(|l| *l == block)
        .unwrap_or_else(|| panic!("no line `{block}` in service.yaml"));
    let depth = indent(lines[start]);
    let end = (start + 1..lines.len())
        .find(|&i| !lines[i].trim().is_empty() && indent(lines[i]) <= depth)
        .unwrap_or(lines.len());
    (start, end)
}

/// The value of `key` (given with its indentation, `    phone:`) in a block of a YAML file.
pub fn get_field(yaml: &str, block: &str, key: &str) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let (start, end) = block_range(&lines, block);
    lines[start..end]
        .iter()
        .find_map(|l| l.strip_prefix(key))
        .unwrap_or_else(|| panic!("no `{key}` under `{block}`"))
        .trim()
        .to_owned()
}

/// Sets `key` (with its indentation, `    name:`) in a block of a YAML file to a quoted
/// string, replacing the old value and any continuation lines (`>-` text); adds the key at
/// the end of the block when it is missing.
pub fn set_field(yaml: &str, block: &str, key: &str, value: &str) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let (start, end) = block_range(&lines, block);
    let new_line = format!("{key} {}", yaml_quoted(value));
    let mut out: Vec<String> = lines[..start].iter().map(|l| l.to_string()).collect();
    let mut done = false;
    let mut i = start;
    while i < end {
        let line = lines[i];
        if !done && line.starts_with(key) {
            out.push(new_line.clone());
            done = true;
            i += 1;
            while i < end && (lines[i].trim().is_empty() || indent(lines[i]) > indent(key)) {
                i += 1;
            }
            continue;
        }
        out.push(line.to_owned());
        i += 1;
    }
    if !done {
        out.insert(start + 1, new_line);
    }
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Runs a command that must succeed and returns its stdout.
fn run(program: &str, args: &[&str], file: &Path) -> String {
    let out = Process::new(program)
        .args(args)
        .arg(file)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The text of a PDF, in content order.
pub fn pdf_text(file: &Path) -> String {
    run("pdftotext", &["-raw", "-enc", "UTF-8"], file)
}

/// What a reader of an output file gets, as text with runs of white space squashed: a PDF's
/// text layer, a BRF file translated back to print by liblouis, an HTML page as written. A
/// recording has no text to read back (it speaks the same words as the BRF); `None`.
pub fn document_text(file: &Path) -> Option<String> {
    let name = file.to_string_lossy();
    if name.ends_with(".pdf") {
        Some(squash(&pdf_text(file)))
    } else if name.ends_with(".brf") {
        // Each page's last line is its number; lines are joined where they were wrapped.
        let brf = fs::read_to_string(file).expect("BRF is ASCII");
        let cells: Vec<&str> = brf
            .split('\x0c')
            .flat_map(|page| page.split("\r\n").take(24))
            .collect();
        let liblouis = LIBLOUIS
            .find()
            .expect("lou_translate (install liblouis-bin: scripts/test-deps)");
        let print = tools::run(
            &liblouis,
            &["--backward", UEB_TABLE],
            squash(&cells.join(" ")).as_bytes(),
        )
        .expect("lou_translate runs");
        Some(squash(&String::from_utf8_lossy(&print)))
    } else if name.ends_with(".wav") {
        None
    } else {
        Some(squash(&fs::read_to_string(file).expect("text output")))
    }
}

/// `pdfinfo`'s `Key: value` lines.
pub fn pdf_info(file: &Path) -> HashMap<String, String> {
    run("pdfinfo", &["-enc", "UTF-8"], file)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// Collapses every run of whitespace to one space, so line breaks in a PDF do not matter.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number attribute (`xMin="62.36"`) of a `pdftotext -bbox` tag.
pub fn bbox_attr(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    let rest = &tag[start..];
    rest[..rest.find('"').expect("closing quote")]
        .parse()
        .expect("a number")
}

/// The heights (yMax - yMin, in points) of every word `pdftotext -bbox` finds.
pub fn word_heights(file: &Path) -> Vec<(f64, String)> {
    let attr = bbox_attr;
    run("pdftotext", &["-bbox"], file)
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let word = l
                .split_once('>')
                .and_then(|(_, r)| r.split_once('<'))
                .map(|(w, _)| w.to_owned())
                .unwrap_or_default();
            (attr(l, "yMax") - attr(l, "yMin"), word)
        })
        .collect()
}

/// `iro build --out OUT ARGS...`; asserts exit 0 and returns stderr.
/// Every build in a test says which day it is built as of (`crate::AS_OF` unless the test
/// says), so the suite covers the same ground on any day.
pub fn build(fx: &Fixture, out: &Path, args: &[&str]) -> String {
    let mut all = vec!["build", "--out", out.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    if !args.contains(&"--as-of") {
        all.extend(["--as-of", crate::AS_OF]);
    }
    let (code, _, stderr) = output(&mut fx.iro(&all));
    assert_eq!(code, 0, "iro build {args:?} failed:\n{stderr}");
    stderr
}

/// Every file under `dir`, by path relative to it (with `/`), with its bytes; not the lock's
/// own files (`.iro.lock`), which are no document.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read dir") {
            let entry = entry.expect("entry");
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if !iro::write::lock::is_lock_file(&entry.file_name()) {
                let rel = path.strip_prefix(root).expect("inside root");
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, fs::read(&path).expect("read output"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// (modification time, inode) of every file: an atomic rewrite changes the inode even when
/// the clock is too coarse to change the time.
pub fn stamps(dir: &Path) -> BTreeMap<String, (std::time::SystemTime, u64)> {
    tree(dir)
        .into_keys()
        .map(|rel| {
            let meta = fs::metadata(dir.join(&rel)).expect("metadata");
            #[cfg(unix)]
            let ino = std::os::unix::fs::MetadataExt::ino(&meta);
            #[cfg(not(unix))]
            let ino = 0;
            (rel, (meta.modified().expect("mtime"), ino))
        })
        .collect()
}

fn manifest(out: &Path) -> Vec<Value> {
    let text = fs::read_to_string(out.join("manifest.json")).expect("manifest.json written");
    let value: Value = serde_json::from_str(&text).expect("manifest.json is JSON");
    value["outputs"]
        .as_array()
        .expect("manifest.json has outputs")
        .clone()
}

fn sha256sum(file: &Path) -> String {
    let out = Process::new("sha256sum")
        .arg(file)
        .output()
        .expect("run sha256sum");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")[..64].to_owned()
}

/// (id, legal name, preferred name) of every case file in the fixture.
fn case_names(fx: &Fixture) -> Vec<(String, String, Option<String>)> {
    let mut cases = Vec::new();
    for entry in fs::read_dir(fx.file("cases")).expect("cases/") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("case file");
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.trim().strip_prefix(key))
                .map(|v| v.trim().trim_matches(['\'', '"']).to_owned())
        };
        cases.push((
            field("id:").expect("an id"),
            field("legal_name:").expect("a legal name"),
            field("preferred_name:"),
        ));
    }
    cases.sort();
    cases
}

#[test]
fn hand_made_case_letter_prints_the_child_the_iro_and_the_first_review_date() {
    let fx = Fixture::example_unsent();
    let iro = add_case(&fx, "Robin", "Sam Worker", "[large-print, easy-read, html]");
    let out = fx.file("out");
    build(&fx, &out, &["--case", "T-0001", "--only", "letters"]);

    // The IRO's details, read from service.yaml, so the letter must print what the file says.
    let service = fx.read("service.yaml");
    let block = format!("  - id: {iro}");
    let name = get_field(&service, &block, "    name:");
    let phone = get_field(&service, &block, "    phone:");
    let mobile = get_field(&service, &block, "    mobile:");
    let email = get_field(&service, &block, "    email:");
    // The example service's first IRO, as a check that the scan above read the right block.
    assert_eq!(
        (
            name.as_str(),
            phone.as_str(),
            mobile.as_str(),
            email.as_str()
        ),
        (
            "Helen Okafor",
            "01632 960111",
            "07700 900111",
            "helen.okafor@example.org"
        )
    );

    // Looked after on Monday 2 November 2026 (day 0). The first review is due within 20
    // working days: 3-6 Nov are working days 1-4, 9-13 Nov are 5-9, 16-20 Nov are 10-14,
    // 23-27 Nov are 15-19 and Monday 30 Nov is 20. No bank holidays fall in between.
    let due = "Monday 30 November 2026";

    let dir = out.join("T-0001");
    let text = squash(&pdf_text(&dir.join("introduction-letter.pdf")));
    for expected in ["Robin", &name, &phone, &mobile, &email, due] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from the standard letter:\n{text}"
        );
    }
    assert!(!text.contains("Test Child"), "legal name printed:\n{text}");
    // The letter's own date: the day the IRO introduced themselves.
    assert!(text.contains("5 November 2026"), "{text}");

    for variant in ["large-print.pdf", "easy-read.pdf"] {
        let file = dir.join(format!("introduction-letter.{variant}"));
        let text = squash(&pdf_text(&file));
        for expected in ["Robin", &name, due] {
            assert!(
                text.contains(expected),
                "`{expected}` missing from {variant}"
            );
        }
    }
    let html = fs::read_to_string(dir.join("introduction-letter.html")).expect("html written");
    for expected in ["Robin", &name, &phone, &email, due] {
        assert!(html.contains(expected), "`{expected}` missing from html");
    }
    let mut files: Vec<String> = fs::read_dir(&dir)
        .expect("case folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "introduction-letter.easy-read.pdf",
            "introduction-letter.html",
            "introduction-letter.large-print.pdf",
            "introduction-letter.pdf",
        ]
    );
}

#[test]
fn large_print_is_at_least_16_point() {
    let fx = Fixture::example_unsent();
    add_case(&fx, "Robin", "Sam Worker", "[large-print]");
    let out = fx.file("out");
    build(&fx, &out, &["--case", "T-0001", "--only", "letters"]);
    let dir = out.join("T-0001");

    // `pdftotext -bbox` word boxes run from the font's descender to its ascender, about 1.24
    // times the point size for these fonts: 11.5pt body text is 14.3pt high, 16pt text 19.8pt.
    // So a box of at least 16pt means at least 13pt type: large print shrunk to 12pt (a 14.9pt
    // box) fails, and so does any word smaller than the standard letter's body text.
    let large = word_heights(&dir.join("introduction-letter.large-print.pdf"));
    let standard = word_heights(&dir.join("introduction-letter.pdf"));
    assert!(large.len() > 100 && standard.len() > 100);
    let mut heights: Vec<f64> = standard.iter().map(|(h, _)| *h).collect();
    heights.sort_by(f64::total_cmp);
    let median = heights[heights.len() / 2];
    assert!(
        median < 16.0,
        "standard print body text should be smaller than large print: median word box {median}"
    );
    let small: Vec<&(f64, String)> = large.iter().filter(|(h, _)| *h < 16.0 - 0.01).collect();
    assert!(small.is_empty(), "large print words under 16pt: {small:?}");
    let smallest = large.iter().map(|(h, _)| *h).fold(f64::MAX, f64::min);
    assert!(
        smallest > median,
        "the smallest large-print word ({smallest}) is no bigger than standard body text ({median})"
    );
}

#[test]
fn every_pdf_is_tagged_and_titled_and_the_manifest_lists_every_file() {
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    build(&fx, &out, &["--date", crate::AS_OF]);
    let files = tree(&out);
    let pdfs: Vec<&String> = files.keys().filter(|p| p.ends_with(".pdf")).collect();
    assert!(pdfs.len() > 10, "too few PDFs: {pdfs:?}");
    for rel in &pdfs {
        let info = pdf_info(&out.join(rel));
        assert_eq!(info.get("Tagged").map(String::as_str), Some("yes"), "{rel}");
        let title = info.get("Title").map(String::as_str).unwrap_or_default();
        let expected = if rel.starts_with("site/") {
            // A site page's PDF is titled with the page's own title.
            assert!(!title.is_empty(), "{rel}: no title");
            ""
        } else if rel.contains("/pack-") {
            if rel.contains("/social-worker-reminder") {
                "Your report for the review: "
            } else if rel.contains("-form") {
                "Have your say: "
            } else {
                "Invitation to a review: "
            }
        } else if rel.contains("/record-") {
            if rel.contains("/child-letter") {
                "Your review: "
            } else {
                "Record of the meeting: "
            }
        } else if rel.contains("/dispute-") {
            "Dispute resolution: "
        } else {
            "Your Independent Reviewing Officer: "
        };
        assert!(title.starts_with(expected), "{rel}: title `{title}`");
    }

    let entries = manifest(&out);
    let listed: BTreeSet<String> = entries
        .iter()
        .map(|e| e["path"].as_str().expect("path").to_owned())
        .collect();
    let written: BTreeSet<String> = files
        .keys()
        .filter(|p| *p != "manifest.json")
        .cloned()
        .collect();
    assert_eq!(listed, written, "manifest paths differ from the files");
    assert_eq!(listed.len(), entries.len(), "a path is listed twice");
    for e in &entries {
        let rel = e["path"].as_str().expect("path");
        let file = out.join(rel);
        assert_eq!(
            e["sha256"].as_str(),
            Some(sha256sum(&file).as_str()),
            "{rel}"
        );
        assert_eq!(
            e["bytes"].as_u64(),
            Some(fs::metadata(&file).expect("file").len()),
            "{rel}"
        );
        let case = e["case"].as_str().expect("case");
        let kind = e["kind"].as_str().expect("kind");
        if kind.starts_with("site-") {
            // The public site belongs to no case, and is made from no case file.
            assert_eq!(case, "", "{rel}");
            assert_eq!(e["audience"], "public", "{rel}");
            assert!(rel.starts_with("site/"), "{rel}");
            let inputs = e["inputs"].to_string();
            assert!(!inputs.contains("cases/"), "{rel}: {inputs}");
            continue;
        }
        assert!(
            rel.starts_with(&format!("{case}/")),
            "{rel} is not under {case}/"
        );
        let stem = match kind {
            "introduction-letter" => {
                assert_eq!(e["audience"], "child", "{rel}");
                "/introduction-letter".to_owned()
            }
            "pack-invitation" => "-invitation".to_owned(),
            "pack-form" => "-form".to_owned(),
            "review-letter" => "/child-letter".to_owned(),
            "social-worker-reminder" => "/social-worker-reminder".to_owned(),
            "record" | "dispute-notice" => String::new(),
            other => panic!("unknown kind {other}"),
        };
        let variant = e["variant"].as_str().expect("variant");
        let suffix = match variant {
            "standard" => ".pdf",
            "large-print" => ".large-print.pdf",
            "easy-read" => ".easy-read.pdf",
            "html" => ".html",
            "braille" => ".brf",
            "audio" => ".wav",
            other => panic!("unknown variant {other}"),
        };
        assert!(
            rel.ends_with(&format!("{stem}{suffix}")),
            "{rel} is not {kind} {variant}"
        );
        let inputs: Vec<&str> = e["inputs"]
            .as_array()
            .expect("inputs")
            .iter()
            .map(|i| i.as_str().expect("input path"))
            .collect();
        assert!(inputs.contains(&"service.yaml"), "{rel}: {inputs:?}");
        assert!(
            inputs.iter().any(|i| i.contains(case)),
            "{rel}: no case file in {inputs:?}"
        );
        assert_eq!(e["inputs_sha256"].as_str().map(str::len), Some(64), "{rel}");
    }
}

#[test]
fn no_childs_documents_name_another_child() {
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    build(&fx, &out, &["--date", crate::AS_OF]);
    let cases = case_names(&fx);
    let mut checked = 0;
    for (id, legal, preferred) in &cases {
        let dir = out.join(id);
        if !dir.exists() {
            continue;
        }
        let own = preferred.as_deref().unwrap_or(legal);
        for rel in tree(&dir).keys() {
            let path = dir.join(rel);
            let Some(text) = document_text(&path) else {
                continue;
            };
            assert!(
                text.contains(own),
                "{}: not addressed to {own}",
                path.display()
            );
            for (other, other_legal, _) in &cases {
                if other != id {
                    assert!(
                        !text.contains(other_legal.as_str()),
                        "{} names {other_legal} ({other})",
                        path.display()
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} documents checked");
}

#[test]
fn builds_are_deterministic_and_rebuild_only_what_changed() {
    let fx = Fixture::example_unsent();
    let (a, b) = (fx.file("a"), fx.file("b"));
    let first = build(&fx, &a, &["--date", crate::AS_OF]);
    build(&fx, &b, &["--date", crate::AS_OF]);
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.contains_key("manifest.json"));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "different files"
    );
    for (rel, bytes) in &ta {
        assert!(bytes == &tb[rel], "{rel} differs between two builds");
    }
    let planned = ta.len() - 1;
    assert!(
        first.contains(&format!(
            "{planned} documents: {planned} written, 0 unchanged"
        )),
        "{first}"
    );

    // The same build again into the same folder: nothing is rewritten.
    let before = stamps(&a);
    let again = build(&fx, &a, &["--date", crate::AS_OF]);
    assert!(
        again.contains(&format!(
            "{planned} documents: 0 written, {planned} unchanged"
        )),
        "{again}"
    );
    assert_eq!(stamps(&a), before, "a no-change rebuild touched files");
    assert!(tree(&a) == ta);

    // Change one child's preferred name: only that child's documents are made again.
    let (id, old) = ("NM-1007", "preferred_name: Ishaan");
    assert!(fx.read(&format!("cases/{id}.yaml")).contains(old));
    fx.edit(
        &format!("cases/{id}.yaml"),
        old,
        "preferred_name: Ishaan-Renamed",
    );
    let theirs: Vec<&String> = ta
        .keys()
        .filter(|p| p.starts_with(&format!("{id}/")))
        .collect();
    assert!(!theirs.is_empty(), "no documents for {id}");
    let n = theirs.len();
    let changed = build(&fx, &a, &["--date", crate::AS_OF]);
    assert!(
        changed.contains(&format!(
            "{planned} documents: {n} written, {} unchanged",
            planned - n
        )),
        "{changed}"
    );
    let after = stamps(&a);
    for (rel, stamp) in &before {
        let rewritten = after[rel] != *stamp;
        let expected = rel.starts_with(&format!("{id}/")) || rel == "manifest.json";
        assert_eq!(rewritten, expected, "{rel}: rewritten = {rewritten}");
    }
    let text = squash(&pdf_text(&a.join(id).join("introduction-letter.pdf")));
    assert!(text.contains("Ishaan-Renamed"), "{text}");
}

#[test]
fn init_makes_a_service_that_checks_and_builds() {
    let fx = Fixture::example_unsent();
    let new = fx.file("new-service");
    let iro = || {
        let mut cmd = assert_cmd::Command::cargo_bin("iro").expect("iro binary");
        cmd.env("NO_COLOR", "1");
        cmd
    };
    let (code, _, stderr) = output(iro().arg("init").arg(&new));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = output(
        iro()
            .args(["check", "--as-of", crate::AS_OF, "--service"])
            .arg(&new),
    );
    assert_eq!(code, 0, "{stderr}");
    let out = fx.file("new-out");
    let (code, _, stderr) = output(
        iro()
            .args(["build", "--as-of", crate::AS_OF, "--out"])
            .arg(&out)
            .arg("--service")
            .arg(&new),
    );
    assert_eq!(code, 0, "{stderr}");
    let pdfs: Vec<String> = tree(&out)
        .into_keys()
        .filter(|p| p.ends_with(".pdf"))
        .collect();
    assert!(!pdfs.is_empty(), "no PDFs: {stderr}");
    let text = pdf_text(&out.join(&pdfs[0]));
    assert!(!text.trim().is_empty());

    // A folder that is not empty is never written into.
    let (code, _, stderr) = output(iro().arg("init").arg(fx.path()));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not empty"), "{stderr}");
}

#[test]
fn a_template_error_points_at_the_template_line() {
    let fx = Fixture::example_unsent();
    fx.write(
        "templates/letters/introduction/13-plus.md",
        "# Your Independent Reviewing Officer\n\nDear {{ child.nope.x }},\n",
    );
    let out = fx.file("out");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "build",
        "--out",
        out.to_str().expect("utf-8"),
        "--date",
        crate::AS_OF,
        "--as-of",
        crate::AS_OF,
    ]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("templates/letters/introduction/13-plus.md:3:"),
        "{stderr}"
    );

    let (code, _, stderr) = output(&mut fx.iro(&[
        "build",
        "--out",
        out.to_str().expect("utf-8"),
        "--only",
        "nonsense",
    ]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("nonsense"), "{stderr}");
}

#[test]
fn keep_typst_writes_the_source_beside_each_pdf() {
    let fx = Fixture::example_unsent();
    add_case(&fx, "Robin", "Sam Worker", "[large-print, easy-read, html]");
    let out = fx.file("out");
    build(&fx, &out, &["--date", crate::AS_OF, "--keep-typst"]);
    let files = tree(&out);
    // Documents about a case or household; the site's large print pages have no source kept.
    let pdfs: Vec<&String> = files
        .keys()
        .filter(|p| p.ends_with(".pdf") && !p.starts_with("site/"))
        .collect();
    assert!(pdfs.len() > 10);
    for pdf in &pdfs {
        let typ = format!("{}.typ", pdf.strip_suffix(".pdf").expect("pdf"));
        let source = files
            .get(&typ)
            .unwrap_or_else(|| panic!("no {typ} beside {pdf}"));
        let source = String::from_utf8_lossy(source);
        assert!(source.contains("#show: letter.with(theme:"), "{typ}");
    }
    let typs = files.keys().filter(|p| p.ends_with(".typ")).count();
    assert_eq!(
        typs,
        pdfs.len(),
        "a .typ without a PDF, or for the HTML page"
    );

    // Without the flag, no Typst source is written.
    let plain = fx.file("plain");
    build(&fx, &plain, &["--date", crate::AS_OF]);
    assert!(!tree(&plain).keys().any(|p| p.ends_with(".typ")));
}

/// Files are written through a temporary file and renamed into place; they must still get
/// 0666 less the umask, like any new file, so colleagues on a shared drive can open them
/// (tempfile's default is a private 0600).
#[cfg(unix)]
#[test]
fn outputs_are_readable_as_the_umask_allows() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    let iro = assert_cmd::cargo::cargo_bin("iro");
    let built = Process::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$@\"")
        .arg("sh")
        .arg(&iro)
        .args([
            "build",
            "--date",
            crate::AS_OF,
            "--as-of",
            crate::AS_OF,
            "--out",
        ])
        .arg(&out)
        .arg("--service")
        .arg(fx.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run iro through sh");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    for rel in tree(&out).into_keys() {
        let mode = fs::metadata(out.join(&rel))
            .expect("file")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o644, "{rel} has mode {mode:o} under umask 022");
    }
}

/// The IRO's photo is in the letter, with its alt text in the tagged PDF, at a modest size.
#[test]
fn iro_photo_is_embedded_with_its_alt_text() {
    let fx = Fixture::example_unsent();
    let service = fx.read("service.yaml");
    let alt = service
        .lines()
        .find_map(|l| l.trim().strip_prefix("photo_alt: "))
        .expect("an IRO with a photo in the example service")
        .to_owned();
    // NM-1006's IRO is the one with a photo.
    let out = fx.file("out");
    build(&fx, &out, &["--case", "NM-1006", "--date", crate::AS_OF]);
    let pdf = out.join("NM-1006/introduction-letter.pdf");
    let images = run("pdfimages", &["-list"], &pdf);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    let bytes = fs::read(&pdf).expect("pdf");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Alt"), "the image has no /Alt entry");
    // Typst may write the alt text as a text string or in hex; accept either.
    let hex: String = alt.bytes().map(|b| format!("{b:02X}")).collect();
    assert!(
        raw.contains(&alt) || raw.to_uppercase().contains(&hex),
        "alt text `{alt}` not found in the PDF"
    );
}

/// `--date` dates documents; it is not the day the service is checked as of, so a letter can
/// be dated before reviews that have since been held.
#[test]
fn a_back_dated_build_still_checks_as_of_today() {
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    build(&fx, &out, &["--case", "NM-1001", "--date", "2022-05-19"]);
    assert!(out.join("NM-1001/introduction-letter.pdf").is_file());
}

/// The HTML letter works offline from any folder: the IRO's photo is inside the page.
#[test]
fn html_letter_carries_its_photo() {
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    build(&fx, &out, &["--case", "NM-1006", "--date", crate::AS_OF]);
    let html = fs::read_to_string(out.join("NM-1006/introduction-letter.html")).expect("html");
    assert!(
        html.contains("<img src=\"data:image/png;base64,"),
        "no inline photo"
    );
    assert!(
        !html.contains("src=\"/images/"),
        "a site-relative image path"
    );
}

/// A binary PGM's width and pixels.
pub fn pgm(bytes: &[u8]) -> (usize, Vec<u8>) {
    // "P5", width, height, maximum value, each followed by one white-space byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let end = at
            + bytes[at..]
                .iter()
                .position(u8::is_ascii_whitespace)
                .expect("header");
        fields.push(String::from_utf8_lossy(&bytes[at..end]).into_owned());
        at = end + 1;
    }
    let width: usize = fields[1].parse().expect("width");
    (width, bytes[at..].to_vec())
}
