//! Running the service's week (issue 15): packs only for booked reviews, history is not work,
//! and a document is dated the day it is made.
//!
//! See: issue 15 ("run the service's week").

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use crate::build::{build, pdf_text, squash};
use crate::packs::names_in;
use crate::{Fixture, output};

/// The day these tests build for.
const TODAY: &str = "2026-11-27";

/// `iro due --json --as-of 2026-11-25`, with everything due in the next ten years.
fn due_rows(fx: &Fixture) -> Vec<Value> {
    let args = ["due", "--json", "--as-of", crate::AS_OF, "--within", "3650"];
    let (code, stdout, stderr) = output(&mut fx.iro(&args));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("a JSON array")
}

fn has_row(rows: &[Value], case: &str, kind: &str) -> bool {
    rows.iter().any(|r| r["case"] == case && r["kind"] == kind)
}

/// Every date a text gives as `[Weekday] D Month YYYY`.
fn dates_in(text: &str) -> Vec<NaiveDate> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(3)
        .filter_map(|w| {
            let year = w[2].trim_end_matches(|c: char| !c.is_ascii_digit());
            NaiveDate::parse_from_str(&format!("{} {} {year}", w[0], w[1]), "%d %B %Y").ok()
        })
        .collect()
}

/// The files and folders of one case's output.
fn folders(out: &Path, case: &str) -> Vec<String> {
    names_in(&out.join(case))
}

#[test]
fn r15_an_unbooked_review_makes_no_pack_until_it_has_a_time_and_venue() {
    let fx = Fixture::example();
    // NM-1012's fifth review has a date, 12 January 2027, but no time or venue yet.
    let out = fx.file("out");
    let args = ["--case", "NM-1012", "--only", "packs", "--as-of", TODAY];
    build(&fx, &out, &args);
    assert!(
        !out.join("NM-1012/pack-2027-01-12").exists(),
        "{:?}",
        folders(&out, "NM-1012")
    );

    fx.edit(
        "cases/NM-1012.yaml",
        "    date: 2027-01-12\n    status: planned\n",
        "    date: 2027-01-12\n    status: planned\n    time: \"16:00\"\n    venue: Moorgate House, room 2\n",
    );
    build(&fx, &out, &args);
    let invitation = out.join("NM-1012/pack-2027-01-12/child-invitation.pdf");
    let text = squash(&pdf_text(&invitation));
    for want in [
        "12 January 2027",
        "4pm",
        "Moorgate House, room 2",
        "27 November 2026",
    ] {
        assert!(text.contains(want), "`{want}` missing:\n{text}");
    }
    assert!(
        out.join("NM-1012/pack-2027-01-12/social-worker-reminder.pdf")
            .is_file()
    );

    // A booked review loses its pack when its venue is taken out again.
    fx.edit(
        "cases/NM-1003.yaml",
        "    venue: Hollin Bank Primary School, the Nest room\n",
        "",
    );
    let fresh = fx.file("fresh");
    build(
        &fx,
        &fresh,
        &["--case", "NM-1003", "--only", "packs", "--as-of", TODAY],
    );
    assert!(!fresh.join("NM-1003/pack-2026-12-09").exists());
}

#[test]
fn r15_a_meeting_before_documents_from_has_no_record_and_is_not_due() {
    let fx = Fixture::example();
    // NM-1011's sixth review was held on 18 November 2026; its record is due by 16 December.
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "NM-1011", "--only", "records", "--as-of", TODAY],
    );
    assert!(out.join("NM-1011/record-2026-11-18-lac-review").is_dir());
    assert!(has_row(&due_rows(&fx), "NM-1011", "record-sent"));

    fx.edit(
        "service.yaml",
        "documents_from: 2026-04-01",
        "documents_from: 2026-11-19",
    );
    let later = fx.file("later");
    build(
        &fx,
        &later,
        &["--case", "NM-1011", "--only", "records", "--as-of", TODAY],
    );
    assert_eq!(folders(&later, "NM-1011"), Vec::<String>::new());
    assert!(!has_row(&due_rows(&fx), "NM-1011", "record-sent"));
}

/// One child from the SSDA903 return, in care since June 2015 and reviewed in 2015 and 2016,
/// then last on 14 May 2026: the next review was due by 14 November 2026, and is not booked.
const HEADER: &str = "CHILD,SEX,DOB\nA1,1,01/03/2010\n";
const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\nA1,01/06/2015,S,C2,N1,U4,,\n";
const REVIEWS: &str = "CHILD,DOB,REVIEW,REVIEW_CODE\n\
                       A1,01/03/2010,26/06/2015,PN1\n\
                       A1,01/03/2010,20/12/2015,PN1\n\
                       A1,01/03/2010,10/06/2016,PN1\n\
                       A1,01/03/2010,14/05/2026,PN1\n";

#[test]
fn r15_an_imported_child_given_an_iro_gets_no_letters_for_old_reviews() {
    let fx = Fixture::example();
    for dir in ["cases", "carers"] {
        fs::remove_dir_all(fx.file(dir)).expect("remove");
    }
    // Without documents_from: only the IRO's allocation keeps the old reviews out.
    fx.edit("service.yaml", "documents_from: 2026-04-01", "");
    fx.write("903/header.csv", HEADER);
    fx.write("903/episodes.csv", EPISODES);
    fx.write("903/reviews.csv", REVIEWS);
    let (dir, cases) = (fx.file("903"), fx.file("cases"));
    let (code, _, stderr) = output(&mut fx.iro(&[
        "import-903",
        dir.to_str().expect("utf-8"),
        "--out",
        cases.to_str().expect("utf-8"),
        "--as-of",
        TODAY,
    ]));
    assert_eq!(code, 0, "{stderr}");
    // The service allocates an IRO a week before the build.
    let case = fx.read("cases/A1.yaml");
    assert!(case.contains("\niro: null\n"), "{case}");
    fx.write(
        "cases/A1.yaml",
        case.replace(
            "\niro: null\n",
            "\niro:\n  id: iro-hokafor\n  allocated: 2026-11-20\n",
        ),
    );
    let out = fx.file("out");
    build(&fx, &out, &["--case", "A1", "--as-of", TODAY]);
    assert_eq!(folders(&out, "A1"), vec!["introduction-letter.pdf"]);
    let letter = squash(&pdf_text(&out.join("A1/introduction-letter.pdf")));
    let dates = dates_in(&letter);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
    assert!(dates.contains(&today), "not dated {today}:\n{letter}");
    assert!(dates.iter().all(|d| *d >= today), "{dates:?} in:\n{letter}");
    assert!(letter.contains("I will be in touch"), "{letter}");
}

#[test]
fn r15_a_child_who_left_care_gets_no_introduction_letter_and_none_is_due() {
    let fx = Fixture::example();
    // Without documents_from, and with no letter sent: only leaving care keeps it out.
    fx.edit("service.yaml", "documents_from: 2026-04-01", "");
    fx.edit("cases/NM-1017.yaml", "  introduced: 2025-06-05\n", "");
    // NM-1017 left care on 26 June 2026.
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "NM-1017", "--only", "letters", "--as-of", TODAY],
    );
    assert!(!out.join("NM-1017/introduction-letter.pdf").exists());
    let rows = due_rows(&fx);
    assert!(
        !has_row(&rows, "NM-1017", "introduction-letter"),
        "{rows:#?}"
    );

    // Still in care, the same child gets the letter and it is overdue.
    fx.edit("cases/NM-1017.yaml", "    to: 2026-06-26\n", "");
    let staying = fx.file("staying");
    build(
        &fx,
        &staying,
        &["--case", "NM-1017", "--only", "letters", "--as-of", TODAY],
    );
    assert!(staying.join("NM-1017/introduction-letter.pdf").is_file());
    assert!(has_row(&due_rows(&fx), "NM-1017", "introduction-letter"));
}

#[test]
fn r15_a_letter_is_dated_the_day_it_is_made() {
    // Nothing sent yet: NM-1001's IRO was allocated in May 2022 and the letter is still to go,
    // so it is made, dated the build's day, never the day of the allocation.
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "NM-1001", "--only", "letters", "--as-of", TODAY],
    );
    let letter = squash(&pdf_text(&out.join("NM-1001/introduction-letter.pdf")));
    assert!(letter.contains("27 November 2026"), "{letter}");
    assert!(!letter.contains("19 May 2022"), "{letter}");
    build(
        &fx,
        &out,
        &["--case", "NM-1011", "--only", "records", "--as-of", TODAY],
    );
    let record = out.join("NM-1011/record-2026-11-18-lac-review/social-worker.pdf");
    assert!(squash(&pdf_text(&record)).contains("27 November 2026"));
    // `--date` dates it another day.
    let dated = fx.file("dated");
    let args = [
        "--case",
        "NM-1001",
        "--only",
        "letters",
        "--date",
        "2026-11-30",
    ];
    build(&fx, &dated, &[&args[..], &["--as-of", TODAY]].concat());
    let letter = squash(&pdf_text(&dated.join("NM-1001/introduction-letter.pdf")));
    assert!(letter.contains("30 November 2026"), "{letter}");
}
