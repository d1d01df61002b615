//! `iro check` proves the build (issue 14): it rehearses one document of every template,
//! layout and theme the build would use, so what would fail every document in `iro build`
//! fails `iro check` instead, at its file and line.

use crate::{AS_OF, Fixture, output};

fn check(fx: &Fixture) -> (i32, String) {
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    (code, stderr)
}

/// The line of `text` (from 1) that holds `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in the file"))
        + 1
}

/// See: issue 14.
#[test]
fn r14_a_syntax_error_in_a_layout_is_a_check_error_at_its_line() {
    for layout in ["letter.typ", "form.typ"] {
        let fx = Fixture::example();
        let file = format!("templates/layouts/{layout}");
        let text = fx.read(&file);
        // An unclosed bracket on the first `#let` line.
        let line = line_of(&text, "#let ");
        fx.write(&file, text.replacen("#let ", "#let ((", 1));
        let (code, stderr) = check(&fx);
        assert_eq!(code, 1, "{layout}: {stderr}");
        assert!(
            stderr.contains(&format!("{file}:{line}:")),
            "{layout} at line {line}: {stderr}"
        );
        // Said once, not once per document.
        assert_eq!(
            stderr.matches(&format!("--> {file}")).count(),
            1,
            "{stderr}"
        );
    }
}

/// A record template is not scored for reading level, so only the rehearsal renders it.
/// See: issue 14.
#[test]
fn r14_a_template_naming_a_field_no_view_has_is_a_check_error() {
    let fx = Fixture::example();
    let file = "templates/records/lac-review.md";
    let text = fx.read(file);
    let text = text.replacen(
        "## The meeting\n",
        "## The meeting\n\nShoe size: {{ child.shoe_size }}\n",
        1,
    );
    let line = line_of(&text, "shoe_size");
    fx.write(file, &text);
    let (code, stderr) = check(&fx);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&format!("{file}:{line}:")), "{stderr}");
    assert!(stderr.contains("shoe_size"), "{stderr}");
}

/// A site page is rehearsed too: a page naming a field no view has fails `iro check`, as it
/// would fail `iro build`. Found by review. See: issue 14.
#[test]
fn r14_a_broken_site_page_is_a_check_error() {
    let fx = Fixture::example();
    let file = "content/accessibility.md";
    let text = fx.read(file);
    fx.write(file, format!("{text}\n{{{{ nosuchthing.field }}}}\n"));
    let line = fx.read(file).lines().count();
    let (code, stderr) = check(&fx);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&format!("{file}:{line}:")), "{stderr}");
}

/// The example service rehearses clean, so a check that passes can be trusted.
/// See: issue 14.
#[test]
fn r14_the_example_rehearses_without_a_problem() {
    let fx = Fixture::example();
    let (code, stderr) = check(&fx);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("cannot typeset"), "{stderr}");
}

/// The social worker's reminder, the kind added to prove the kinds registry: before each
/// review, with the packs, the social worker is told when their report is due, what it covers
/// and which of their decisions are open. See: issue 14.
///
/// Dates worked by hand for NM-1003's review on Wednesday 9 December 2026: reports are due 3
/// working days before (Tue 8, Mon 7, Fri 4), so Friday 4 December; packs go out 15 working
/// days before (back over Dec 8 7 4 3 2 1, Nov 30 27 26 25 24 23 20 19 18), so Wednesday 18
/// November.
#[test]
fn r14_the_social_worker_gets_a_reminder_of_their_report_with_the_packs() {
    let fx = Fixture::example();
    let out = fx.file("out");
    crate::build::build(&fx, &out, &["--as-of", "2026-11-27", "--only", "packs"]);
    let text = |rel: &str| crate::build::document_text(&out.join(rel)).expect("a document");
    let reminder = text("NM-1003/pack-2026-12-09/social-worker-reminder.pdf");
    for expected in [
        "Dear Kieran Walsh,",
        "Please send me your report by Friday 4 December 2026, 3 working days before the review",
        "The consultation packs go out by Wednesday 18 November 2026",
        "the placement, and whether it still meets",
        "Gemma Turner, mother",
    ] {
        assert!(reminder.contains(expected), "`{expected}` in {reminder}");
    }
    assert!(!reminder.contains("still open"), "{reminder}");
    // NM-1002's social worker still owes a later life letter from the June review.
    let amara = text("NM-1002/pack-2026-12-08/social-worker-reminder.pdf");
    assert!(
        amara.contains(
            "Write Amara's later life letter. Wednesday 10 June 2026 Wednesday 31 March 2027"
        ),
        "{amara}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    let reminders: Vec<&serde_json::Value> = (manifest["outputs"].as_array().expect("outputs"))
        .iter()
        .filter(|e| e["kind"] == "social-worker-reminder")
        .collect();
    let packs = std::fs::read_dir(&out)
        .expect("out")
        .flat_map(|d| {
            std::fs::read_dir(d.expect("entry").path())
                .into_iter()
                .flatten()
        })
        .filter(|e| {
            let e = e.as_ref().expect("entry");
            e.file_name().to_string_lossy().starts_with("pack-")
        })
        .count();
    // One per pack: every example child with a pack due has a social worker.
    assert_eq!(reminders.len(), packs, "{reminders:?}");
    assert!(reminders.iter().all(|e| e["audience"] == "professional"));
}
