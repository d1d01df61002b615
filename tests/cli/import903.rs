//! `iro import-903` and `iro example` from the command line (issue 8). The rules for each
//! rejected row are unit tests in src/import/ssda903/tests.rs; here: the files, the summary,
//! re-importing, and the imported service working with check, due, report and build.

use std::fs;

use crate::{Fixture, output};

const HEADER: &str = "CHILD,SEX,DOB\nA1,1,01/02/2015\nB2,2,15/06/2023\nC3,9,01/01/2016\n";
const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n\
                        A1,10/03/2025,S,V2,N1,U4,01/06/2025,X1\n\
                        A1,01/06/2025,L,C2,N1,U1,,\n\
                        B2,01/09/2025,S,V2,N2,U4,01/08/2025,E13\n";
const REVIEWS: &str = "CHILD,DOB,REVIEW,REVIEW_CODE\n\
                       A1,01/02/2015,03/04/2025,PN1\n\
                       A1,01/02/2015,09/07/2025,PN0\n\
                       B2,15/06/2023,25/09/2025,PN0\n";

fn empty_service() -> Fixture {
    let fx = Fixture::example();
    for dir in ["cases", "carers"] {
        fs::remove_dir_all(fx.file(dir)).expect("remove");
    }
    fx.write("903/header.csv", HEADER);
    fx.write("903/episodes.csv", EPISODES);
    fx.write("903/reviews.csv", REVIEWS);
    fx
}

fn import(fx: &Fixture) -> (i32, String, String) {
    import_with(fx, &[])
}

/// `iro import-903 903 --out cases --as-of 2026-11-27 EXTRA...` in the fixture.
fn import_with(fx: &Fixture, extra: &[&str]) -> (i32, String, String) {
    let dir = fx.file("903");
    let cases = fx.file("cases");
    let mut args = vec![
        "import-903",
        dir.to_str().expect("utf-8"),
        "--out",
        cases.to_str().expect("utf-8"),
        "--as-of",
        "2026-11-27",
    ];
    args.extend_from_slice(extra);
    output(&mut fx.iro(&args))
}

#[test]
fn a_return_becomes_case_files_and_every_rejected_row_is_reported() {
    let fx = empty_service();
    let (code, _, stderr) = import(&fx);
    assert_eq!(code, 0, "{stderr}");
    for want in [
        "rejected: header.csv:4: `SEX`: a code outside the SSDA903 lists",
        "rejected: episodes.csv:4: `DEC`: an episode that ends before it starts",
        // A review with a code that does not fit the age was still held: kept, and said.
        "warning: reviews.csv:3: `REVIEW_CODE`: PN0 for a child aged 4 or more",
        // B2's only episode was rejected: B2 is listed, not written as an empty case file,
        // and its review comes before any care.
        "not imported: header.csv:3: child `B2` has no episode",
        "reviews.csv:4: `REVIEW`: a review before the child was looked after",
        "imported 1 children (0 updated), 2 episodes, 2 reviews",
        "3 rows rejected",
        "1 row imported with a warning",
    ] {
        assert!(stderr.contains(want), "`{want}` missing:\n{stderr}");
    }
    assert!(!fx.file("cases/B2.yaml").exists());
    let a = fx.read("cases/A1.yaml");
    assert!(a.contains("legal_name: name to be added"), "{a}");
    assert!(a.contains("participation_valid: false"), "{a}");

    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", "2026-11-27"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("name to be added"), "{stderr}");
    assert!(stderr.contains("PN0 is marked not valid"), "{stderr}");

    // The service adds the name; importing again keeps it.
    fx.edit(
        "cases/A1.yaml",
        "legal_name: name to be added",
        "legal_name: Robin Example",
    );
    let (code, _, stderr) = import(&fx);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("(1 updated)"), "{stderr}");
    assert!(
        fx.read("cases/A1.yaml")
            .contains("legal_name: Robin Example")
    );
}

#[test]
fn a_generated_service_imports_and_runs_check_due_report_and_build() {
    let fx = empty_service();
    let generated = fx.file("generated");
    let (code, _, stderr) = output(
        assert_cmd::Command::cargo_bin("iro")
            .expect("iro")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["example", "--children", "40", "--with-903"])
            .arg(&generated),
    );
    assert_eq!(code, 0, "{stderr}");
    let imported = fx.file("imported");
    fs::create_dir_all(&imported).expect("mkdir");
    fs::copy(
        generated.join("service.yaml"),
        imported.join("service.yaml"),
    )
    .expect("copy");
    let (code, _, stderr) = output(assert_cmd::Command::cargo_bin("iro").expect("iro").args([
        "import-903",
        generated.join("903").to_str().expect("utf-8"),
        "--out",
        imported.join("cases").to_str().expect("utf-8"),
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("imported 40 children"), "{stderr}");
    assert!(stderr.contains("no rows rejected"), "{stderr}");
    let service = imported.to_str().expect("utf-8");
    let iro = |args: &[&str]| {
        output(
            assert_cmd::Command::cargo_bin("iro")
                .expect("iro")
                .args(args)
                .args(["--service", service]),
        )
    };
    // The example service's photo is not there: check says so, and nothing else is an error.
    let (_, _, stderr) = iro(&["check"]);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert!(errors.iter().all(|e| e.contains("image")), "{errors:?}");
    fs::create_dir_all(imported.join("images")).expect("mkdir");
    fs::copy(
        generated.join("images/iro-hokafor.png"),
        imported.join("images/iro-hokafor.png"),
    )
    .expect("copy");
    let (code, _, stderr) = iro(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = iro(&["due", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\"kind\": \"lac-review\""), "{stdout}");
    let out = imported.join("out");
    let (code, _, stderr) = iro(&[
        "report",
        "--year",
        "2025-26",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("report-2025-26/report.pdf").is_file());
    let (code, _, stderr) = iro(&[
        "build",
        "--as-of",
        "2026-11-25",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{stderr}");
}

/// Three years' returns for child A1 (born 1 Feb 2010), in care from 1 May 2016 until
/// 15 Jan 2019, and for B2, who comes into care in the third year. Each return holds only the
/// episodes open during its year and only that year's reviews.
const YEARS: [(&str, &str, &str); 3] = [
    (
        "2016-17",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n\
         A1,01/05/2016,S,V2,N1,U4,01/09/2016,X1\n\
         A1,01/09/2016,P,C2,N1,U4,,\n",
        "CHILD,REVIEW,REVIEW_CODE\n\
         A1,28/05/2016,PN1\nA1,20/08/2016,PN1\nA1,15/02/2017,PN6\n",
    ),
    (
        "2017-18",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n\
         A1,01/09/2016,P,C2,N1,U4,01/10/2017,X1\n\
         A1,01/10/2017,P,C2,N1,U1,,\n",
        "CHILD,REVIEW,REVIEW_CODE\nA1,10/08/2017,PN1\nA1,05/02/2018,PN5\n",
    ),
    (
        "2018-19",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n\
         A1,01/10/2017,P,C2,N1,U1,15/01/2019,E13\n\
         B2,01/06/2018,S,V2,N2,U4,,\n",
        "CHILD,REVIEW,REVIEW_CODE\nA1,01/08/2018,PN1\nB2,20/06/2018,PN1\n",
    ),
];

#[test]
fn r16_reimporting_three_years_only_adds_history_and_keeps_comments() {
    let fx = empty_service();
    let cases = fx.file("cases");
    for (i, (year, episodes, reviews)) in YEARS.iter().enumerate() {
        let header = if i == 2 {
            "CHILD,SEX,DOB\nA1,1,01/02/2010\nB2,F,01/01/2012\n"
        } else {
            "CHILD,SEX,DOB\nA1,1,01/02/2010\n"
        };
        let dir = fx.file(&format!("903-{year}"));
        fx.write(&format!("903-{year}/header.csv"), header);
        fx.write(&format!("903-{year}/episodes.csv"), episodes);
        fx.write(&format!("903-{year}/reviews.csv"), reviews);
        let (code, _, stderr) = output(&mut fx.iro(&[
            "import-903",
            dir.to_str().expect("utf-8"),
            "--out",
            cases.to_str().expect("utf-8"),
            "--year",
            year,
            "--as-of",
            "2026-11-27",
        ]));
        assert_eq!(code, 0, "{year}: {stderr}");
        assert!(!stderr.contains("written anew"), "{year}: {stderr}");
        if i == 0 {
            // The service names the child and writes notes, which later imports must keep.
            fx.edit(
                "cases/A1.yaml",
                "legal_name: name to be added",
                "legal_name: Robin Example # added by hand",
            );
            let text = fx.read("cases/A1.yaml");
            fx.write(
                "cases/A1.yaml",
                format!("# Robin's file: keep this note\n{text}"),
            );
            fx.edit(
                "cases/A1.yaml",
                "  date: \"2016-08-20\"\n",
                "  date: \"2016-08-20\"\n  # Robin chose the venue\n",
            );
        }
    }
    let a = fx.read("cases/A1.yaml");
    for note in [
        "# Robin's file: keep this note\n",
        "legal_name: Robin Example # added by hand",
        "# Robin chose the venue",
    ] {
        assert!(a.contains(note), "`{note}` lost:\n{a}");
    }
    let case = iro::edit::read_case(&a).expect("a valid case file");
    let day = |d: chrono::NaiveDate| d.to_string();
    let span = |from, to: Option<chrono::NaiveDate>| (day(from), to.map(day));
    // Every review of the three years, each once.
    let reviews: Vec<String> = case.meetings.iter().map(|m| day(m.date)).collect();
    assert_eq!(
        reviews,
        [
            "2016-05-28",
            "2016-08-20",
            "2017-02-15",
            "2017-08-10",
            "2018-02-05",
            "2018-08-01"
        ]
    );
    // One period of care, from the first return's start to the third return's end.
    let periods: Vec<_> = (case.looked_after.iter())
        .map(|p| span(p.from, p.to))
        .collect();
    assert_eq!(periods, [span(d(2016, 5, 1), Some(d(2019, 1, 15)))]);
    let placements: Vec<_> = (case.placements.iter())
        .map(|p| span(p.from, p.to))
        .collect();
    assert_eq!(
        placements,
        [
            span(d(2016, 5, 1), Some(d(2016, 9, 1))),
            span(d(2016, 9, 1), Some(d(2017, 10, 1))),
            span(d(2017, 10, 1), Some(d(2019, 1, 15))),
        ]
    );
    let statuses: Vec<(String, String)> = (case.legal_status.iter())
        .map(|s| (format!("{:?}", s.code), day(s.from)))
        .collect();
    assert_eq!(
        statuses,
        [
            ("V2".to_owned(), "2016-05-01".to_owned()),
            ("C2".to_owned(), "2016-09-01".to_owned())
        ]
    );
    assert!(fx.file("cases/B2.yaml").is_file());
}

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

#[test]
fn r16_a_collection_year_refuses_later_rows_and_a_bad_one_is_a_usage_error() {
    let fx = empty_service();
    let run = |year: &str| import_with(&fx, &["--year", year]);
    // The 2024-25 year ends on 31 March 2025: A1's episodes (from 10 Mar and 1 Jun 2025) start
    // inside it and after it.
    let (code, _, stderr) = run("2024-25");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "rejected: episodes.csv:3: `DECOM`: a date after the collection year (2025-06-01)"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = run("2025");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("write it like 2025-26"), "{stderr}");
}

/// `iro example --date` makes the same service on any day (issue 18): two runs with one seed
/// and date write the same case files, and `iro check --as-of` that date finds no error in
/// them, where a service dated from the real clock failed a check a few days earlier.
#[test]
fn r18_iro_example_takes_the_date_it_is_made_for() {
    let fx = empty_service();
    let make = |name: &str| {
        let dir = fx.file(name);
        let (code, _, stderr) = output(
            assert_cmd::Command::cargo_bin("iro")
                .expect("iro")
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["example", "--children", "12", "--seed", "7"])
                .args(["--date", "2026-03-02"])
                .arg(&dir),
        );
        assert_eq!(code, 0, "{stderr}");
        dir
    };
    let (one, two) = (make("one"), make("two"));
    let mut files = 0;
    for entry in fs::read_dir(one.join("cases")).expect("cases") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("a name");
        assert_eq!(
            fs::read(&path).expect("read"),
            fs::read(two.join("cases").join(name)).expect("the same file in the second"),
            "{name:?} differs between two runs"
        );
        files += 1;
    }
    assert_eq!(files, 12);
    let (code, _, stderr) = output(
        assert_cmd::Command::cargo_bin("iro")
            .expect("iro")
            .args(["check", "--as-of", "2026-03-02", "--service"])
            .arg(&one),
    );
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert!(errors.is_empty() && code == 0, "{stderr}");
}
