//! Consultation packs (issue 4): an invitation and the right form for each invitee of a review
//! inside its send-by window, and answers brought back with `iro import-responses`.
//!
//! Dates worked out by hand for NM-1003's review, booked for Wednesday 9 December 2026:
//! packs sent by 15 working days before = Wednesday 18 November 2026 (no bank holidays
//! between); answers back by 3 working days before = Friday 4 December 2026; packs are made
//! from 28 days before the send-by date = Wednesday 21 October 2026.

use std::fs;
use std::path::Path;

use crate::build::{build, document_text, pdf_text, squash, word_heights};
use crate::{Fixture, output};

const PACK: &str = "NM-1003/pack-2026-12-09";
const READERS: [&str; 8] = [
    "child",
    "social-worker",
    "mum",
    "dad",
    "gareth",
    "rhys",
    "teacher",
    "nurse",
];

fn build_packs(fx: &Fixture, as_of: &str) -> std::path::PathBuf {
    let out = fx.file("out");
    build(
        fx,
        &out,
        &["--case", "NM-1003", "--only", "packs", "--as-of", as_of],
    );
    out
}

/// The names in a folder, sorted; none when it does not exist.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_pack_holds_one_invitation_and_one_form_per_invitee() {
    let fx = Fixture::example();
    let out = build_packs(&fx, "2026-11-27");
    let mut expected: Vec<String> = READERS
        .iter()
        .flat_map(|r| {
            [
                format!("{r}-invitation.pdf"),
                format!("{r}-form.pdf"),
                format!("{r}-form.html"),
            ]
        })
        .collect();
    // And the social worker's reminder of their report (issue 14).
    expected.push("social-worker-reminder.pdf".to_owned());
    expected.sort();
    assert_eq!(names_in(&out.join(PACK)), expected);

    let invitation = squash(&pdf_text(&out.join(PACK).join("mum-invitation.pdf")));
    for want in [
        "Gemma Turner",
        "Lily-Mae",
        "Wednesday 9 December 2026",
        "3:45pm",
        "Hollin Bank Primary School",
        "Friday 4 December 2026",
        "Aoife Brennan",
        // Dated the day it is made: the build's day (issue 15).
        "27 November 2026",
    ] {
        assert!(invitation.contains(want), "`{want}` missing:\n{invitation}");
    }
    assert!(!invitation.contains("18 November 2026"), "{invitation}");
    // Each reader gets the form for their role.
    for (reader, title) in [
        ("child", "Have your say about your review"),
        ("social-worker", "Social work update for the review"),
        ("mum", "Your views for the review"),
        ("gareth", "Carer's views for the review"),
        ("teacher", "School update for the review"),
        ("nurse", "Health update for the review"),
    ] {
        let form = squash(&pdf_text(
            &out.join(PACK).join(format!("{reader}-form.pdf")),
        ));
        assert!(form.contains(title), "{reader}: `{title}` missing:\n{form}");
        assert!(
            form.contains("Friday 4 December 2026"),
            "{reader}: no return date"
        );
        let html = fs::read_to_string(out.join(PACK).join(format!("{reader}-form.html")))
            .expect("form page");
        let escaped = title.replace('\'', "&#39;");
        assert!(
            html.contains(&escaped),
            "{reader}: `{title}` missing from the page"
        );
    }
}

#[test]
fn the_childs_form_follows_their_age_on_the_review_date() {
    for (born, title, only_in_form) in [
        // 6 on 9 December 2026, and 7 a day later: the 4-7 form.
        ("2020-12-10", "All about me", "How do you feel at home?"),
        // 13 on the review day itself: the young person's form, with chairing.
        (
            "2013-12-09",
            "Your review, your say",
            "Would you like to chair part of your review?",
        ),
    ] {
        let fx = Fixture::example();
        fx.edit(
            "cases/NM-1003.yaml",
            "date_of_birth: 2017-04-02",
            &format!("date_of_birth: {born}"),
        );
        let out = build_packs(&fx, "2026-11-27");
        let form = squash(&pdf_text(&out.join(PACK).join("child-form.pdf")));
        assert!(form.contains(title), "{born}: `{title}` missing:\n{form}");
        assert!(
            form.contains(only_in_form),
            "{born}: `{only_in_form}` missing"
        );
    }
}

#[test]
fn a_child_under_four_gets_no_pack_of_their_own() {
    let fx = Fixture::example();
    fx.edit(
        "cases/NM-1003.yaml",
        "date_of_birth: 2017-04-02",
        "date_of_birth: 2023-01-01",
    );
    let out = build_packs(&fx, "2026-11-27");
    let names = names_in(&out.join(PACK));
    assert!(!names.iter().any(|n| n.starts_with("child-")), "{names:?}");
    assert!(names.contains(&"mum-form.pdf".to_owned()), "{names:?}");
}

#[test]
fn a_reader_who_needs_large_print_gets_it() {
    let fx = Fixture::example();
    fx.edit(
        "cases/NM-1003.yaml",
        "    role: mother\n",
        "    role: mother\n    formats: [large-print]\n",
    );
    let out = build_packs(&fx, "2026-11-27");
    for file in ["mum-invitation.large-print.pdf", "mum-form.large-print.pdf"] {
        let heights = word_heights(&out.join(PACK).join(file));
        assert!(heights.len() > 50, "{file}: too few words");
        let small: Vec<_> = heights.iter().filter(|(h, _)| *h < 16.0 - 0.01).collect();
        assert!(small.is_empty(), "{file}: words under 16pt: {small:?}");
    }
    assert!(!out.join(PACK).join("dad-form.large-print.pdf").exists());
}

#[test]
fn packs_are_made_only_inside_the_send_by_window() {
    for (as_of, made) in [
        ("2026-10-20", false),
        ("2026-10-21", true),
        ("2026-12-09", true),
        ("2026-12-10", false),
    ] {
        // Only NM-1003 and its carers: other cases hold meetings after these days.
        let fx = Fixture::example();
        for dir in ["cases", "carers"] {
            for entry in fs::read_dir(fx.file(dir)).expect("folder") {
                let path = entry.expect("entry").path();
                let name = path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                if name != "NM-1003.yaml" && name != "FC-204.yaml" {
                    fs::remove_file(path).expect("remove");
                }
            }
        }
        let out = build_packs(&fx, as_of);
        assert_eq!(out.join(PACK).is_dir(), made, "as of {as_of}");
    }
}

#[test]
fn a_parents_pack_never_holds_a_confidential_address() {
    let fx = Fixture::example();
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &[
            "--case",
            "NM-1009",
            "--only",
            "packs",
            "--as-of",
            "2026-11-27",
        ],
    );
    let packs: Vec<String> = names_in(&out.join("NM-1009"));
    assert_eq!(packs.len(), 1, "{packs:?}");
    let dir = out.join("NM-1009").join(&packs[0]);
    let mut checked = 0;
    for name in names_in(&dir) {
        if !(name.starts_with("mum-") || name.starts_with("dad-")) {
            continue;
        }
        let path = dir.join(&name);
        let text = document_text(&path).unwrap_or_default();
        assert!(!text.contains("Sorrel Gardens"), "{name} holds the address");
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} files checked");
    // The mother's details are withheld from the family: not in her ex-partner's copy.
    let dad = squash(&pdf_text(&dir.join("dad-invitation.pdf")));
    let (case, _) = iro::load::yaml::parse(&fx.read("cases/NM-1009.yaml")).expect("yaml");
    let mum = &case["people"][0];
    assert_eq!(mum["id"], "mum");
    let phone = mum["phone"].as_str().expect("a phone");
    assert!(!dad.contains(phone), "the father's copy holds {phone}");
}

const HOSTILE: &str = "Kai says *hello* <script>alert(1)</script> #read(\"/etc/passwd\")\n\
                       second: line \\ {{ x }} {% if %} ]  $x$ @x // x\n  indented, trailing  ";

fn answers_file(fx: &Fixture, answers: serde_json::Value) -> std::path::PathBuf {
    let path = fx.file("answers.json");
    let value = serde_json::json!({
        "iro_response": 1,
        "form": "child-8-12",
        "case": "NM-1003",
        "review": "2026-12-09",
        "from": "child",
        "answers": answers,
    });
    fs::write(&path, serde_json::to_string_pretty(&value).expect("json")).expect("write");
    path
}

fn import(fx: &Fixture, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["import-responses", "--date", "2026-11-30"];
    args.extend_from_slice(extra);
    args.push(file.to_str().expect("utf-8"));
    output(&mut fx.iro(&args))
}

#[test]
fn imported_answers_are_kept_exactly_with_the_files_comments() {
    let fx = Fixture::example();
    let before = fx.read("cases/NM-1003.yaml");
    let file = answers_file(
        &fx,
        serde_json::json!({
            "going-well": HOSTILE,
            "home-feel": "Happy",
            "review-people": ["Gemma Turner", "my friend Zoë 🎈"],
            "review-where-when": {"where": "at school", "when": "after 3pm"},
        }),
    );
    let (code, stdout, stderr) = import(&fx, &file, &["--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("+    responses:"), "{stdout}");
    assert_eq!(fx.read("cases/NM-1003.yaml"), before, "a dry run wrote");

    let (code, _, stderr) = import(&fx, &file, &["--yes"]);
    assert_eq!(code, 0, "{stderr}");
    let after = fx.read("cases/NM-1003.yaml");
    assert_eq!(fx.read("cases/NM-1003.yaml.bak"), before);
    // Everything that was there is still there, comments included, in order.
    assert!(after.starts_with(&before[..before.find("meetings:").expect("meetings")]));
    let (value, _) = iro::load::yaml::parse(&after).expect("valid yaml");
    let response = &value["meetings"][0]["responses"][0];
    assert_eq!(response["from"], "child");
    assert_eq!(response["form"], "child-8-12");
    assert_eq!(response["answers"]["going-well"], HOSTILE);
    assert_eq!(response["answers"]["review-people"][1], "my friend Zoë 🎈");
    assert_eq!(
        response["answers"]["review-where-when"]["when"],
        "after 3pm"
    );

    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", "2026-11-30"]));
    assert_eq!(code, 0, "{stderr}");
    // The same answers twice are kept once.
    let (code, _, stderr) = import(&fx, &file, &["--yes"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("already"), "{stderr}");
    assert_eq!(fx.read("cases/NM-1003.yaml"), after);
}

#[test]
fn answers_that_do_not_fit_are_refused_with_their_place_and_nothing_is_written() {
    let fx = Fixture::example();
    let before = fx.read("cases/NM-1003.yaml");
    let file = answers_file(
        &fx,
        serde_json::json!({
            "going-well": "fine",
            "no-such-question": "x",
            "home-feel": "Delighted",
        }),
    );
    let (code, _, stderr) = import(&fx, &file, &["--yes"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("no question `no-such-question`"),
        "{stderr}"
    );
    assert!(stderr.contains("`answers.home-feel`"), "{stderr}");
    assert!(
        stderr.contains("answers.json:"),
        "no file and line: {stderr}"
    );
    assert_eq!(fx.read("cases/NM-1003.yaml"), before);

    let wrong_review = fx.file("wrong.json");
    fs::write(
        &wrong_review,
        fs::read_to_string(&file)
            .expect("answers")
            .replace("2026-12-09", "2026-12-10"),
    )
    .expect("write");
    let (code, _, stderr) = import(&fx, &wrong_review, &["--yes"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no review on 2026-12-10"), "{stderr}");
    assert_eq!(fx.read("cases/NM-1003.yaml"), before);
}

#[test]
fn r16_a_choice_typed_up_in_another_case_is_the_choice() {
    let fx = Fixture::example();
    let file = answers_file(&fx, serde_json::json!({"home-feel": "  happy"}));
    let (code, _, stderr) = import(&fx, &file, &["--yes"]);
    assert_eq!(code, 0, "{stderr}");
    let (value, _) = iro::load::yaml::parse(&fx.read("cases/NM-1003.yaml")).expect("valid yaml");
    // Kept as the form spells it, so that reports count it with every other `Happy`.
    assert_eq!(
        value["meetings"][0]["responses"][0]["answers"]["home-feel"],
        "Happy"
    );
}
