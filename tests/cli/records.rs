//! Records after each meeting type, the letter to the child, dispute notices and
//! `iro new review` (issue 5).
//!
//! Next meeting dates worked out by hand from DOMAIN.md's clocks:
//! - NM-1010's 3rd Looked After Review, 22 October 2026: next within 6 months, 22 April 2027;
//! - NM-1004's review conference, 4 June 2026: next within 6 months, 4 December 2026 (its
//!   initial conference, 12 March 2026, is before the example's `documents_from`, 1 April
//!   2026: history, with no record);
//! - NM-1005's secure review, 10 September 2026: next within 3 months, 10 December 2026;
//! - NM-1006's private fostering review, 10 June 2026: next within 6 months (local default),
//!   10 December 2026;
//! - FC-204's foster carer review, Thursday 30 April 2026: next within a year, Friday 30 April
//!   2027 (FC-201's, 5 February 2026, is history).

use std::fs;

use crate::build::{build, pdf_text, squash};
use crate::{Fixture, output};

const AS_OF: &str = "2026-11-27";

fn built(fx: &Fixture) -> std::path::PathBuf {
    let out = fx.file("out");
    build(fx, &out, &["--only", "records", "--as-of", AS_OF]);
    out
}

fn text(out: &std::path::Path, rel: &str) -> String {
    squash(&pdf_text(&out.join(rel)))
}

#[test]
fn every_meeting_type_has_a_record_with_decisions_owners_dates_and_the_next_meeting() {
    let fx = Fixture::example_unsent();
    let out = built(&fx);
    let cases: &[(&str, &[&str])] = &[
        (
            "NM-1010/record-2026-10-22-lac-review/social-worker.pdf",
            &[
                "Complete the kinship assessment of Janice Bell. Ryan Whitaker, social worker Friday 18 December 2026",
                "the child attended and spoke for themselves (PN1)",
                "Thursday 22 April 2027",
            ],
        ),
        (
            "NM-1004/record-2026-06-04-cp-review/social-worker.pdf",
            &[
                "Reggie to remain subject to a child protection plan (neglect).",
                "Friday 4 December 2026",
            ],
        ),
        (
            "NM-1005/record-2026-09-10-secure-review/social-worker.pdf",
            &[
                "Report progress on the step-down plan to the next secure review.",
                "Tuesday 8 December 2026",
                "Thursday 10 December 2026",
            ],
        ),
        (
            "NM-1006/record-2026-06-10-private-fostering-review/social-worker.pdf",
            &[
                "Confirm Dani's college enrolment.",
                "Friday 4 September 2026",
                "Thursday 10 December 2026",
            ],
        ),
        (
            "FC-204/record-2026-04-30-foster-carer-review/supervising-social-worker.pdf",
            &[
                "Tell the placements team the household can take a second child.",
                "Friday 29 May 2026",
                "Friday 30 April 2027",
            ],
        ),
    ];
    for (rel, wanted) in cases {
        let text = text(&out, rel);
        for want in *wanted {
            assert!(text.contains(want), "{rel}: `{want}` missing:\n{text}");
        }
    }
    // Meetings before `documents_from` are history: no record (issue 15).
    for history in [
        "NM-1004/record-2026-03-12-cp-initial",
        "FC-201/record-2026-02-05-foster-carer-review",
    ] {
        assert!(!out.join(history).exists(), "{history} was made");
    }
}

#[test]
fn the_childs_own_words_from_an_imported_form_reach_the_record_and_letter() {
    let fx = Fixture::example_unsent();
    let words = "I want to live with Nana *before* my birthday <please> #read(\"x\")";
    let answers = serde_json::json!({
        "iro_response": 1,
        "form": "child-8-12",
        "case": "NM-1010",
        "review": "2026-10-22",
        "from": "child",
        "answers": {"going-well": words},
    });
    let file = fx.file("answers.json");
    fs::write(&file, answers.to_string()).expect("write");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "import-responses",
        "--yes",
        "--date",
        AS_OF,
        file.to_str().expect("utf-8"),
    ]));
    assert_eq!(code, 0, "{stderr}");
    let out = built(&fx);
    let record = text(
        &out,
        "NM-1010/record-2026-10-22-lac-review/social-worker.pdf",
    );
    assert!(
        record.contains(words),
        "the child's words are not in the record:\n{record}"
    );
    let parent = text(&out, "NM-1010/record-2026-10-22-lac-review/mum.pdf");
    assert!(
        parent.contains(words),
        "the child's words are not in the parent's copy"
    );
}

#[test]
fn a_looked_after_child_gets_a_letter_in_their_formats() {
    let fx = Fixture::example_unsent();
    fx.edit(
        "cases/NM-1010.yaml",
        "  pronouns: he/him\n",
        "  pronouns: he/him\n  formats: [large-print, easy-read, html]\n",
    );
    let out = built(&fx);
    let dir = out.join("NM-1010/record-2026-10-22-lac-review");
    for name in [
        "child-letter.pdf",
        "child-letter.large-print.pdf",
        "child-letter.easy-read.pdf",
        "child-letter.html",
    ] {
        assert!(dir.join(name).is_file(), "{name} missing");
    }
    let letter = text(
        &out,
        "NM-1010/record-2026-10-22-lac-review/child-letter.pdf",
    );
    for want in [
        "Malachi",
        "Ryan Whitaker",
        "Thursday 22 April 2027",
        "Priya Ramsden",
    ] {
        assert!(
            letter.contains(want),
            "`{want}` missing from the letter:\n{letter}"
        );
    }
    assert!(
        !letter.contains("Jerome Bell,"),
        "the letter uses the child's full name"
    );
}

#[test]
fn a_parents_copy_never_holds_a_confidential_address() {
    let fx = Fixture::example_unsent();
    let out = built(&fx);
    let dir = "NM-1009/record-2026-07-01-lac-review";
    let professional = text(&out, &format!("{dir}/social-worker.pdf"));
    assert!(professional.contains("5 Sorrel Gardens"), "{professional}");
    for parent in ["mum", "dad"] {
        let copy = text(&out, &format!("{dir}/{parent}.pdf"));
        assert!(
            !copy.contains("Sorrel Gardens"),
            "{parent}'s copy holds the address"
        );
        assert!(copy.contains("Freya"), "{parent}'s copy is not about Freya");
    }
}

#[test]
fn an_open_dispute_has_a_notice_for_its_current_stage() {
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    build(&fx, &out, &["--only", "disputes", "--as-of", AS_OF]);
    let notices: Vec<String> = fs::read_dir(out.join("NM-1010"))
        .expect("NM-1010 has a dispute")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(notices.len(), 1, "{notices:?}");
    let dir = out.join("NM-1010").join(&notices[0]);
    let files: Vec<String> = fs::read_dir(&dir)
        .expect("notice folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let notice = squash(&pdf_text(&dir.join(&files[0])));
    assert!(notice.contains("Malachi"), "{notice}");
    assert!(notice.to_lowercase().contains("permanence"), "{notice}");
}

#[test]
fn new_review_appends_a_valid_draft_and_keeps_the_file() {
    let fx = Fixture::example_unsent();
    let before = fx.read("cases/NM-1010.yaml");
    let (code, stdout, stderr) = output(&mut fx.iro(&["new", "review", "NM-1010"]));
    assert_eq!(code, 0, "{stderr}");
    let after = fx.read("cases/NM-1010.yaml");
    // Every line that was there is still there, in order: the draft is only inserted.
    let (old, new): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let same_start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let same_end = old.len() - same_start;
    assert_eq!(
        old[same_start..],
        new[new.len() - same_end..],
        "lines were changed"
    );
    assert!(new.len() > old.len() + 5, "too little was added");
    assert!(stdout.contains("+  - type: lac-review"), "{stdout}");
    // Due by the statutory clock: 6 months after the review of 22 October 2026.
    let (value, _) = iro::load::yaml::parse(&after).expect("valid yaml");
    let meetings = value["meetings"].as_array().expect("meetings");
    let draft = meetings.last().expect("a draft");
    assert_eq!(draft["date"], "2027-04-22");
    assert_eq!(draft["status"], "planned");
    let attended: Vec<&str> = draft["attended"]
        .as_array()
        .expect("attended")
        .iter()
        .map(|v| v.as_str().expect("an id"))
        .collect();
    for id in ["child", "social-worker", "mum", "iro"] {
        assert!(attended.contains(&id), "{id} not in {attended:?}");
    }
    // Open decisions are carried forward for the IRO to review.
    assert!(
        after.contains("# - Complete the kinship assessment of Janice Bell."),
        "{after}"
    );
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 0, "{stderr}");

    let (code, _, stderr) = output(&mut fx.iro(&["new", "review", "NM-9999"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("NM-9999"), "{stderr}");
}

#[test]
fn check_warns_on_decisions_without_owner_or_date_and_on_no_permanence_plan() {
    let fx = Fixture::example_unsent();
    fx.edit("cases/NM-1010.yaml", "        owner: teacher\n", "");
    fx.edit("cases/NM-1010.yaml", "        due: 2026-12-18\n", "");
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 0, "warnings must not fail the check:\n{stderr}");
    for want in [
        "decision has no named person responsible",
        "decision has no timescale",
        "no permanence plan by the second review",
        "cases/NM-1010.yaml:",
    ] {
        assert!(stderr.contains(want), "`{want}` missing:\n{stderr}");
    }
}

/// Issue 18: a record's discussion areas print in the order the IRO wrote them, not the
/// alphabet's. NM-1011's last review has `pathway-plan`, then `education`, then `health`.
#[test]
fn r18_discussion_areas_print_in_the_order_they_were_written() {
    let fx = Fixture::example_unsent();
    // Where each area's title is in NM-1011's record, built into `dir`.
    let places = |dir: &str, areas: [&str; 3]| -> Vec<usize> {
        let out = fx.file(dir);
        build(
            &fx,
            &out,
            &[
                "--case",
                "NM-1011",
                "--only",
                "record",
                "--date",
                "2026-11-25",
            ],
        );
        let record = text(&out, "NM-1011/record-2026-11-18-lac-review/mum.pdf");
        (areas.iter())
            .map(|area| {
                record
                    .find(area)
                    .unwrap_or_else(|| panic!("no `{area}`:\n{record}"))
            })
            .collect()
    };
    let at = places("out", ["Pathway plan", "Education", "Health"]);
    assert!(at[0] < at[1] && at[1] < at[2], "{at:?}");
    // Written the other way round, they print the other way round.
    let case = fx.read("cases/NM-1011.yaml");
    let start = case.rfind("      pathway-plan: >-").expect("the area");
    let end = case[start..].find("      education:").expect("education") + start;
    let health = case[end..].find("      health:").expect("health") + end;
    let moved = [
        &case[..start],
        &case[end..health],
        &case[start..end],
        &case[health..],
    ]
    .concat();
    fx.write("cases/NM-1011.yaml", moved);
    let at = places("again", ["Education", "Pathway plan", "Health"]);
    assert!(at[0] < at[1] && at[1] < at[2], "{at:?}");
}
