//! One broken case file stops nothing: `build`, `due` and `report` act on every valid case
//! file, list the broken ones first and exit 1; `--strict` does nothing while any file has an
//! error; a broken file every case needs (service.yaml) still stops the run.
//!
//! See: issue 16.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::{AS_OF, Fixture, output};

/// The case file broken in these tests, and where its error is: `date_of_birth:` is line 9,
/// its value starts at column 18.
const BROKEN: &str = "cases/NM-1003.yaml";
const BROKEN_AT: &str = "cases/NM-1003.yaml:9:18";

/// The example service with NM-1003's date of birth typed the British way.
fn broken() -> Fixture {
    let fx = Fixture::example_unsent();
    break_case(&fx);
    fx
}

/// Types NM-1003's date of birth the British way.
fn break_case(fx: &Fixture) {
    let text = fx.read(BROKEN);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("date_of_birth:"))
        .expect("a date of birth");
    fx.edit(BROKEN, line, "  date_of_birth: 14/06/2021");
}

/// The case folders a build wrote.
fn folders(out: &Path) -> BTreeSet<String> {
    std::fs::read_dir(out)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn build(fx: &Fixture, out: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec![
        "build",
        "--out",
        out.to_str().expect("utf-8"),
        "--as-of",
        AS_OF,
        "--only",
        "letters",
    ];
    args.extend_from_slice(extra);
    let (code, _, stderr) = output(&mut fx.iro(&args));
    (code, stderr)
}

/// Asserts the broken file's error is printed before `summary`, the line a command ends with.
fn error_comes_first(stderr: &str, summary: &str) {
    let error = stderr
        .find(BROKEN_AT)
        .unwrap_or_else(|| panic!("no `{BROKEN_AT}` in:\n{stderr}"));
    let end = stderr
        .find(summary)
        .unwrap_or_else(|| panic!("no `{summary}` in:\n{stderr}"));
    assert!(error < end, "the error should come first:\n{stderr}");
    assert!(
        stderr.contains("left out 1 case file (`cases/NM-1003.yaml`)"),
        "{stderr}"
    );
}

#[test]
fn r16_build_makes_every_other_childs_documents_and_exits_1() {
    let clean = Fixture::example_unsent();
    let all = clean.file("out");
    let (code, stderr) = build(&clean, &all, &[]);
    assert_eq!(code, 0, "{stderr}");
    let fx = broken();
    let out = fx.file("out");
    let (code, stderr) = build(&fx, &out, &[]);
    assert_eq!(code, 1, "{stderr}");
    error_comes_first(&stderr, " written, ");
    let mut expected = folders(&all);
    assert!(
        expected.remove("NM-1003"),
        "NM-1003 gets letters: {expected:?}"
    );
    assert!(expected.len() > 10, "{expected:?}");
    assert_eq!(folders(&out), expected);
}

#[test]
fn r16_build_case_other_works_and_the_broken_case_says_why() {
    let fx = broken();
    let out = fx.file("out");
    let (code, stderr) = build(&fx, &out, &["--case", "NM-1001"]);
    assert_eq!(code, 1, "{stderr}");
    error_comes_first(&stderr, " written, ");
    assert_eq!(folders(&out), BTreeSet::from(["NM-1001".to_owned()]));

    let (code, stderr) = build(&fx, &out, &["--case", "NM-1003"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(BROKEN_AT), "{stderr}");
    assert!(
        stderr.contains("case `NM-1003` has errors, so nothing was made for it"),
        "{stderr}"
    );
    assert_eq!(folders(&out), BTreeSet::from(["NM-1001".to_owned()]));
}

/// No document and no manifest in `out` (which may hold the build's lock files).
fn made_nothing(out: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(out) else {
        return true;
    };
    entries
        .flatten()
        .all(|e| iro::write::lock::is_lock_file(&e.file_name()))
}

#[test]
fn r16_build_strict_makes_nothing() {
    let fx = broken();
    let out = fx.file("out");
    let (code, stderr) = build(&fx, &out, &["--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(BROKEN_AT), "{stderr}");
    // The folder may exist, holding only the lock the build took on it (issue 23).
    assert!(made_nothing(&out), "--strict wrote {:?}", folders(&out));
}

fn due(fx: &Fixture, extra: &[&str]) -> (i32, Vec<Value>, String) {
    let mut args = vec!["due", "--as-of", AS_OF, "--json", "--within", "3660"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = output(&mut fx.iro(&args));
    let rows = serde_json::from_str(&stdout).unwrap_or_default();
    (code, rows, stderr)
}

#[test]
fn r16_due_lists_every_other_case_and_exits_1() {
    let (code, all, stderr) = due(&Fixture::example_unsent(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let fx = broken();
    let (code, rows, stderr) = due(&fx, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(BROKEN_AT), "{stderr}");
    let expected: Vec<&Value> = all.iter().filter(|r| r["case"] != "NM-1003").collect();
    assert!(expected.len() < all.len(), "NM-1003 has nothing due");
    assert_eq!(rows.iter().collect::<Vec<_>>(), expected);

    let (code, rows, stderr) = due(&fx, &["--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(rows.is_empty(), "--strict listed {rows:?}");
}

#[test]
fn r16_report_is_written_without_the_broken_case_and_exits_1() {
    let fx = broken();
    let out = fx.file("out");
    let args = ["report", "--year", "2025-26", "--out"];
    let (code, _, stderr) =
        output(&mut fx.iro(&[&args[..], &[out.to_str().expect("utf-8")]].concat()));
    assert_eq!(code, 1, "{stderr}");
    error_comes_first(&stderr, "the report for 2025-26");
    assert!(out.join("report-2025-26/report.pdf").is_file());

    let strict = fx.file("strict");
    let (code, _, stderr) =
        output(&mut fx.iro(&[&args[..], &[strict.to_str().expect("utf-8"), "--strict"]].concat()));
    assert_eq!(code, 1, "{stderr}");
    assert!(!strict.exists());
}

#[test]
fn r16_a_broken_service_or_carer_file_still_stops_the_run() {
    for (file, from, to) in [
        ("service.yaml", "team:", "taem:"),
        (
            "carers/FC-201.yaml",
            "id: FC-201",
            "id: FC-201\nsurname: Smith",
        ),
    ] {
        let fx = Fixture::example_unsent();
        fx.edit(file, from, to);
        let out = fx.file("out");
        let (code, stderr) = build(&fx, &out, &[]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains(&format!("{file}:")), "{stderr}");
        assert!(!stderr.contains("left out"), "{stderr}");
        assert!(made_nothing(&out), "{file}: wrote {:?}", folders(&out));
        let (code, rows, stderr) = due(&fx, &[]);
        assert_eq!(code, 1, "{stderr}");
        assert!(rows.is_empty(), "{file}: listed {rows:?}");
    }
}

#[test]
fn r16_a_child_left_out_keeps_the_documents_made_before() {
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    let (code, stderr) = build(&fx, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let listed = |out: &Path| -> Vec<String> {
        let text = std::fs::read_to_string(out.join("manifest.json")).expect("a manifest");
        let value: Value = serde_json::from_str(&text).expect("json");
        (value["outputs"].as_array().expect("outputs").iter())
            .filter_map(|e| e["path"].as_str())
            .filter(|p| p.starts_with("NM-1003/"))
            .map(str::to_owned)
            .collect()
    };
    let before = listed(&out);
    assert!(!before.is_empty());
    // The same folder, built again with NM-1003's file broken: its letters stay, and stay
    // listed, so the manifest still describes every file on disk.
    break_case(&fx);
    let (code, stderr) = build(&fx, &out, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(listed(&out), before);
    assert!(before.iter().all(|p| out.join(p).is_file()));
}
