//! Running the service's week (issue 15): `iro send` archives what went, byte for byte, and
//! records it in the case file; a later build never changes a sent document, says when its
//! facts changed, and makes an amended copy only when asked; `iro today` is the day's list;
//! the print run puts each address in the envelope window.

use std::path::Path;

use serde_json::Value;

use crate::build::{build, pdf_info, pdf_text, squash, tree};
use crate::postal::{DL, page_lines};
use crate::{Fixture, output};

/// The day every run in these tests is for: Friday 27 November 2026.
const DAY: &str = "2026-11-27";

/// NM-1010's latest review, held Thursday 22 October 2026: its record's copies.
const RECORD: &str = "NM-1010/record-2026-10-22-lac-review";

fn send(fx: &Fixture, out: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["send", "--out", out.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    all.extend(["--date", DAY, "--as-of", DAY]);
    output(&mut fx.iro(&all))
}

/// `iro send --case NM-1003 --print PRINT`.
fn print_run(fx: &Fixture, out: &Path, print: &Path) -> (i32, String, String) {
    let print = print.to_str().expect("utf-8");
    send(fx, out, &["--case", "NM-1003", "--print", print])
}

fn index(fx: &Fixture) -> Vec<Value> {
    let text = fx.read("sent/index.json");
    let value: Value = serde_json::from_str(&text).expect("the index is JSON");
    value["documents"].as_array().expect("documents").clone()
}

#[test]
fn r15_a_sent_record_is_archived_as_it_went_and_no_later_build_changes_it() {
    let fx = Fixture::example_unsent();
    let out = fx.path().join("out");
    build(&fx, &out, &["--as-of", DAY]);
    let made = tree(&out.join(RECORD));
    assert!(made.contains_key("mum.pdf"), "{:?}", made.keys());

    // By hand: two of those it goes to have no postal address (sending by post would refuse
    // them, as `r15_a_letter_with_no_address_is_never_posted` shows).
    let (code, stdout, stderr) = send(&fx, &out, &[RECORD, "--method", "by-hand"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // The exact bytes, filed under the day they went.
    let archived = tree(&fx.file(&format!("sent/{DAY}/{RECORD}")));
    assert_eq!(archived, made);
    let entries = index(&fx);
    assert_eq!(entries.len(), made.len());
    let mum = (entries.iter())
        .find(|e| e["path"] == format!("{RECORD}/mum.pdf"))
        .expect("mum's copy is in the index");
    assert_eq!(mum["sent"], DAY);
    assert_eq!(mum["reader"], "mum");
    assert!(mum["method"].is_string() && mum["to"].is_array(), "{mum}");
    // The case file records it, and keeps its comments.
    let case = fx.read("cases/NM-1010.yaml");
    assert!(
        case.contains(&format!(
            "    date: 2026-10-22\n    decisions_sent: {DAY}\n    record_sent: {DAY}\n"
        )),
        "{case}"
    );
    assert!(case.starts_with("# NM-1010"), "the opening comment is kept");
    // Let go from the output folder and its manifest.
    assert!(!out.join(RECORD).exists());
    assert!(!fx.read("out/manifest.json").contains(RECORD));

    // A later build leaves it alone.
    let said = build(&fx, &out, &["--as-of", DAY]);
    assert!(said.contains("already sent"), "{said}");
    assert!(!out.join(RECORD).exists());

    // The facts change: the sent copy stays as it went, and the build says so.
    fx.edit(
        "cases/NM-1010.yaml",
        "Complete the kinship assessment of Janice Bell.",
        "Complete the kinship assessment of Janice Bell and share it with her.",
    );
    let said = build(&fx, &out, &["--as-of", DAY]);
    assert!(said.contains(&format!("`{RECORD}/`")), "{said}");
    assert!(
        said.contains(&format!("iro build --amend {RECORD}")),
        "{said}"
    );
    assert!(!out.join(RECORD).exists(), "no amended copy unless asked");
    assert_eq!(tree(&fx.file(&format!("sent/{DAY}/{RECORD}"))), made);

    // Asked for, the amended copy says what it replaces, and goes as a new entry.
    build(&fx, &out, &["--as-of", DAY, "--amend", RECORD]);
    let text = squash(&pdf_text(&out.join(RECORD).join("mum.pdf")));
    assert!(
        text.contains("Amended: this replaces the copy sent on Friday 27 November 2026"),
        "{text}"
    );
    assert!(text.contains("share it with her"), "{text}");
    // An ordinary build the next morning keeps the amended copies waiting to go.
    build(&fx, &out, &["--as-of", DAY]);
    assert!(
        out.join(RECORD).join("mum.pdf").is_file(),
        "the amended copy is kept"
    );
    let (code, stdout, stderr) = send(&fx, &out, &[RECORD, "--method", "by-hand"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let entries = index(&fx);
    let amended: Vec<&Value> = entries.iter().filter(|e| !e["amends"].is_null()).collect();
    assert_eq!(
        amended.len(),
        made.len(),
        "each amended copy names the one it replaces"
    );
    assert_eq!(
        amended[0]["amends"],
        format!(
            "{DAY}/{RECORD}/{}",
            amended[0]["path"]
                .as_str()
                .expect("path")
                .rsplit('/')
                .next()
                .expect("file")
        )
    );
    // And once sent, it is a record like the first.
    let said = build(&fx, &out, &["--as-of", DAY]);
    assert!(!out.join(RECORD).exists(), "{said}");
}

#[test]
fn r15_today_lists_the_introduction_letter_until_it_is_sent() {
    let fx = Fixture::example();
    // Lily-Mae became looked after on Monday 16 November 2026: her letter was due within 5
    // working days (17, 18, 19, 20, 23 November), so on Friday the 27th it is 4 days late.
    fx.edit("cases/NM-1003.yaml", "  introduced: 2026-11-18\n", "");
    let out = fx.path().join("out");
    build(&fx, &out, &["--as-of", DAY, "--case", "NM-1003"]);
    let today = |fx: &Fixture| {
        let (code, stdout, stderr) = output(&mut fx.iro(&[
            "today",
            "--out",
            out.to_str().expect("utf-8"),
            "--as-of",
            DAY,
        ]));
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let list = today(&fx);
    let line = (list.lines())
        .position(|l| l.contains("Your Independent Reviewing Officer to Lily-Mae Turner"))
        .unwrap_or_else(|| panic!("no letter in:\n{list}"));
    let lines: Vec<&str> = list.lines().collect();
    assert!(
        lines[line].contains("NM-1003 Lily-Mae Turner (IRO Aoife Brennan)"),
        "{list}"
    );
    assert!(
        lines[line].contains("send by Monday 23 November 2026 (4 days late)"),
        "{list}"
    );
    assert!(
        lines[line + 1].contains("by post: Lily-Mae Turner, c/o Gareth and Rhys Price-Evans, 5 Sorrel Gardens, Holme Vale, Northmoor, NM5 3PX"),
        "{list}"
    );
    assert!(
        lines[line + 2].contains("NM-1003/introduction-letter.pdf"),
        "{list}"
    );

    let (code, stdout, stderr) = send(
        &fx,
        &out,
        &["--case", "NM-1003", "--only", "introduction-letter"],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        fx.read("cases/NM-1003.yaml")
            .contains(&format!("  allocated: 2026-11-17\n  introduced: {DAY}\n")),
        "the case file records the letter sent"
    );
    let list = today(&fx);
    assert!(
        !list.contains("Your Independent Reviewing Officer"),
        "{list}"
    );
    let (_, due, _) = output(&mut fx.iro(&["due", "--as-of", DAY, "--json"]));
    let due: Vec<Value> = serde_json::from_str(&due).expect("json");
    assert!(
        !due.iter()
            .any(|r| r["case"] == "NM-1003" && r["kind"] == "introduction-letter"),
        "iro due stops listing it"
    );
}

#[test]
fn r15_the_print_run_starts_each_letter_on_a_new_sheet_with_its_address_in_the_window() {
    let fx = Fixture::example();
    let out = fx.path().join("out");
    build(&fx, &out, &["--as-of", DAY, "--case", "NM-1003"]);
    let print = fx.path().join("post.pdf");
    let (code, stdout, stderr) = print_run(&fx, &out, &print);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // Lily-Mae's, her dad's and her foster carers' packs go by post (an invitation and a form
    // each, in one envelope): they have a postal address; her mum and the professionals get
    // theirs by email. The print run holds their print copies in
    // the order they were sent, each starting on the front of a sheet.
    let posted: Vec<Value> = (index(&fx).into_iter())
        .filter(|e| e["method"] == "post" && e["variant"] == "standard")
        .collect();
    let names: Vec<&str> = posted
        .iter()
        .map(|e| e["reader_name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        [
            "Lily-Mae Turner",
            "Lily-Mae Turner",
            "Liam Turner",
            "Liam Turner",
            "Gareth Price-Evans",
            "Gareth Price-Evans",
            "Rhys Price-Evans",
            "Rhys Price-Evans"
        ]
    );
    let count: usize = pdf_info(&print)["Pages"].parse().expect("a page count");
    let mut first = 1;
    for entry in &posted {
        let archived = fx.file(&format!(
            "sent/{}",
            entry["archived"].as_str().expect("path")
        ));
        let pages: usize = pdf_info(&archived)["Pages"].parse().expect("pages");
        assert_eq!(
            first % 2,
            1,
            "{} starts on the back of a sheet",
            entry["path"]
        );
        if entry["kind"] == "pack-invitation" {
            // Its address block, read back from the print run, lies in the window.
            let name = entry["reader_name"].as_str().expect("name");
            let lines = page_lines(&print, first);
            let addressed = (lines.iter()).any(|(t, b)| t == name && DL.holds(*b));
            assert!(
                addressed,
                "page {first}: {name} not in the window: {lines:?}"
            );
            let to = entry["to"].as_array().expect("to");
            let postcode = to.last().and_then(Value::as_str).expect("a postcode");
            let shown = (lines.iter()).any(|(t, b)| t == postcode && DL.holds(*b));
            assert!(shown, "page {first}: `{postcode}` not in the window");
        }
        // The next document starts on the next sheet: a blank back after an odd count.
        first += pages + pages % 2;
    }
    assert_eq!(first - 1, count, "nothing else in the print run");
    let csv = std::fs::read_to_string(fx.path().join("post.emails.csv")).expect("the CSV");
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some("recipient,email,method,subject,files,case")
    );
    let mum = rows
        .find(|r| r.starts_with("Gemma Turner,gemma.turner@example.org,email,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        mum.contains("mum-invitation.pdf") && mum.contains("mum-form.pdf"),
        "{mum}"
    );
}

#[test]
fn r15_a_letter_with_no_address_is_never_posted() {
    let fx = Fixture::example();
    let out = fx.path().join("out");
    build(&fx, &out, &["--as-of", DAY, "--case", "NM-1002"]);
    let (code, stdout, stderr) = send(&fx, &out, &["--case", "NM-1002", "--reader", "dad"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("not sent"), "{stderr}");
    assert!(
        stderr.contains("no postal address for Kwabena Mensah"),
        "{stderr}"
    );
    assert!(!fx.file("sent/index.json").exists());
}

#[test]
fn r15_the_output_folder_holds_exactly_what_the_manifest_lists() {
    let fx = Fixture::example();
    let out = fx.path().join("out");
    build(&fx, &out, &["--as-of", DAY]);
    assert!(out.join("NM-1003/pack-2026-12-09").is_dir());
    // The review moves a week: the old pack is of an earlier plan.
    fx.edit(
        "cases/NM-1003.yaml",
        "    date: 2026-12-09\n",
        "    date: 2026-12-16\n",
    );
    let said = build(&fx, &out, &["--as-of", DAY]);
    assert!(said.contains("of an earlier plan removed"), "{said}");
    assert!(!out.join("NM-1003/pack-2026-12-09").exists());
    assert!(out.join("NM-1003/pack-2026-12-16").is_dir());
    let manifest: Value = serde_json::from_str(&fx.read("out/manifest.json")).expect("manifest");
    let mut listed: Vec<String> = (manifest["outputs"].as_array().expect("outputs").iter())
        .map(|e| e["path"].as_str().expect("path").to_owned())
        .collect();
    listed.push("manifest.json".to_owned());
    listed.sort();
    let on_disk: Vec<String> = tree(&out).into_keys().collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn r15_the_case_file_says_the_packs_went_only_once_all_of_them_have() {
    let fx = Fixture::example();
    let out = fx.path().join("out");
    build(&fx, &out, &["--as-of", DAY, "--case", "NM-1003"]);
    let (code, stdout, stderr) = send(
        &fx,
        &out,
        &["--case", "NM-1003", "--reader", "social-worker"],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        !fx.read("cases/NM-1003.yaml").contains("packs_sent"),
        "the others have not gone"
    );
    // `iro today` shows the files with the output folder; `iro send` takes them so.
    let dad = out.join("NM-1003/pack-2026-12-09/dad-invitation.pdf");
    let (code, stdout, stderr) = send(&fx, &out, &[dad.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("Have your say to Liam Turner"),
        "the form in the same envelope goes with the invitation: {stdout}"
    );
    let (code, stdout, stderr) = send(&fx, &out, &["--case", "NM-1003"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        fx.read("cases/NM-1003.yaml")
            .contains(&format!("    packs_sent: {DAY}\n")),
        "all gone, the case file says so"
    );
}

#[test]
fn r15_nothing_goes_before_its_date_and_no_print_run_is_overwritten() {
    let fx = Fixture::example();
    let out = fx.path().join("out");
    build(&fx, &out, &["--as-of", DAY, "--case", "NM-1003"]);
    let mut early = vec![
        "send",
        "--out",
        out.to_str().expect("utf-8"),
        "--case",
        "NM-1003",
    ];
    early.extend(["--date", "2026-11-26", "--as-of", DAY]);
    let (code, _, stderr) = output(&mut fx.iro(&early));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("a document cannot go before its date"),
        "{stderr}"
    );
    assert!(!fx.file("sent/index.json").exists());
    let print = fx.path().join("post.pdf");
    std::fs::write(&print, "an earlier run").expect("write");
    let (code, _, stderr) = print_run(&fx, &out, &print);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is already there"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&print).expect("read"),
        "an earlier run"
    );
    assert!(!fx.file("sent/index.json").exists(), "nothing sent");
}
