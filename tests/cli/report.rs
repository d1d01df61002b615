//! The annual report (issue 7): the figures for a small fictional service, worked out by hand
//! below, compared with the CSV files and with the text of the PDF.
//!
//! Financial year 2025-26 (1 April 2025 to 31 March 2026):
//! - R-1 looked after from Monday 10 March 2025. First review due 20 working days later,
//!   Monday 7 April 2025; held 3 April (on time, PN1). Second due 3 months after that,
//!   3 July; held 10 July (late, PN1). Third due 6 months after 10 July, 10 January 2026;
//!   held 8 January (on time, PN6). A dispute about contact raised Monday 3 November 2025,
//!   stage 1 sent that day, due 10 working days later (17 November), never answered: open past
//!   its date at the year's end.
//! - R-2 looked after from Monday 1 September 2025 until 1 February 2026. First review due
//!   Monday 29 September; held 25 September (on time, PN0: aged 2).
//! - R-3 not looked after: strategy discussion Thursday 1 May 2025; the initial conference is
//!   due 15 working days later, skipping the bank holiday on 5 May: Friday 23 May; held 20 May.
//!
//! So: 2 children looked after during the year, 1 at its end; 4 reviews held, 3 on time
//! (75%); PN0 1, PN1 2, PN6 1; 1 conference, on time; 1 dispute (contact), 50.0 per 100
//! children; 1 stage open past its date; Helen Okafor has 1 child (outside 50-70).
//! 2024-25: R-1 looked after from 10 March 2025: 1 child during and at the end, no reviews.

use std::fs;

use crate::build::{pdf_text, squash};
use crate::{Fixture, output};

const CASES: [(&str, &str); 3] = [
    (
        "R-1",
        "id: R-1
child:
  legal_name: Robin Test-One
  date_of_birth: 2014-01-01
legal_status:
  - code: C2
    from: 2025-03-10
looked_after:
  - from: 2025-03-10
iro:
  id: iro-hokafor
  allocated: 2025-03-11
  introduced: 2025-03-12
meetings:
  - type: lac-review
    date: 2025-04-03
    participation: PN1
    child_knows_iro: true
  - type: lac-review
    date: 2025-07-10
    participation: PN1
    child_knows_iro: true
  - type: lac-review
    date: 2026-01-08
    participation: PN6
    child_knows_iro: true
permanence_plan:
  plan: long-term-fostering
  agreed: 2025-06-01
disputes:
  - theme: contact
    issue: Family time has not happened for two months.
    raised: 2025-11-03
    stages:
      - stage: 1
        to: team manager
        sent: 2025-11-03
",
    ),
    (
        "R-2",
        "id: R-2
child:
  legal_name: Sam Test-Two
  date_of_birth: 2023-06-01
legal_status:
  - code: V2
    from: 2025-09-01
looked_after:
  - from: 2025-09-01
    to: 2026-02-01
iro:
  id: iro-dmaguire
  allocated: 2025-09-02
  introduced: 2025-09-03
meetings:
  - type: lac-review
    date: 2025-09-25
    participation: PN0
",
    ),
    (
        "R-3",
        "id: R-3
child:
  legal_name: Alex Test-Three
  date_of_birth: 2016-02-02
child_protection:
  strategy_discussion: 2025-05-01
  category: neglect
  plan_from: 2025-05-20
meetings:
  - type: cp-initial
    date: 2025-05-20
",
    ),
];

fn small_service() -> Fixture {
    let fx = Fixture::example();
    for dir in ["cases", "carers"] {
        fs::remove_dir_all(fx.file(dir)).expect("remove");
        fs::create_dir_all(fx.file(dir)).expect("mkdir");
    }
    for (id, text) in CASES {
        fx.write(&format!("cases/{id}.yaml"), text);
    }
    fx
}

fn csv(dir: &std::path::Path, name: &str) -> Vec<Vec<String>> {
    let text = fs::read_to_string(dir.join(name)).expect("csv");
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_owned).collect())
        .collect()
}

/// The report's `summary.csv`: each figure this period and the one before.
struct Summary(Vec<Vec<String>>);

fn summary(dir: &std::path::Path) -> Summary {
    Summary(csv(dir, "summary.csv"))
}

impl Summary {
    fn figure(&self, name: &str) -> (&str, &str) {
        let row = (self.0.iter())
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no `{name}` in {:?}", self.0));
        (row[1].as_str(), row[2].as_str())
    }
}

/// Runs `iro report` for the period into the fixture's `out/`, expecting success; the report's
/// folder (each period here is 2025-26).
fn made_report(fx: &Fixture, period: &[&str]) -> std::path::PathBuf {
    let out = fx.file("out");
    let mut args = vec!["report"];
    args.extend(period);
    args.extend(["--out", out.to_str().expect("utf-8")]);
    let (code, _, stderr) = output(&mut fx.iro(&args));
    assert_eq!(code, 0, "{stderr}");
    out.join("report-2025-26")
}

#[test]
fn the_figures_match_those_worked_out_by_hand() {
    let fx = small_service();
    let dir = made_report(&fx, &["--year", "2025-26"]);

    let summary = summary(&dir);
    let figure = |name: &str| summary.figure(name);
    assert_eq!(
        figure("Children looked after during the period"),
        ("2", "1")
    );
    assert_eq!(
        figure("Children looked after at the end of the period"),
        ("1", "1")
    );
    assert_eq!(figure("Looked After Reviews held"), ("4", "0"));
    assert_eq!(figure("Looked After Reviews held on time"), ("75%", "-"));
    assert_eq!(figure("Child protection conferences held"), ("1", "0"));
    assert_eq!(
        figure("Child protection conferences held on time"),
        ("100%", "-")
    );
    assert_eq!(figure("Disputes raised"), ("1", "0"));
    assert_eq!(
        figure("Disputes raised per 100 children looked after"),
        ("50.0", "0.0")
    );

    // Every review traced to its case, with its due date worked out by hand.
    let reviews = csv(&dir, "reviews.csv");
    let rows: Vec<(&str, &str, &str, &str, &str)> = reviews
        .iter()
        .map(|r| {
            (
                r[0].as_str(),
                r[3].as_str(),
                r[4].as_str(),
                r[5].as_str(),
                r[6].as_str(),
            )
        })
        .collect();
    let mut rows = rows;
    rows.sort();
    assert_eq!(
        rows,
        [
            ("R-1", "2025-04-07", "2025-04-03", "yes", "PN1"),
            ("R-1", "2025-07-03", "2025-07-10", "no", "PN1"),
            ("R-1", "2026-01-10", "2026-01-08", "yes", "PN6"),
            ("R-2", "2025-09-29", "2025-09-25", "yes", "PN0"),
        ]
    );
    let participation: Vec<(String, String)> = csv(&dir, "participation.csv")
        .into_iter()
        .filter(|r| r[2] != "0")
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    assert_eq!(
        participation,
        [
            ("PN0".into(), "1".into()),
            ("PN1".into(), "2".into()),
            ("PN6".into(), "1".into())
        ]
    );
    let conferences = csv(&dir, "conferences.csv");
    assert_eq!(conferences.len(), 1);
    assert_eq!(
        &conferences[0][..6],
        [
            "R-3",
            "Initial Child Protection Conference",
            "",
            "2025-05-23",
            "2025-05-20",
            "yes"
        ]
    );
    let stages = csv(&dir, "dispute-stages.csv");
    assert_eq!(stages.len(), 1);
    assert_eq!(stages[0][0], "R-1");
    assert_eq!(stages[0][5], "2025-11-17");
    assert_eq!(stages[0][7], "yes");
    let caseloads = csv(&dir, "caseloads.csv");
    let helen = caseloads
        .iter()
        .find(|r| r[0] == "iro-hokafor")
        .expect("Helen");
    assert_eq!(
        (helen[3].as_str(), helen[5].as_str(), helen[6].as_str()),
        ("1", "no", "R-1")
    );

    // The PDF says the same, and names no child.
    let text = squash(&pdf_text(&dir.join("report.pdf")));
    for want in [
        "4 Looked After Reviews were held, and 3 of them (75%)",
        "PN1: the child attended and spoke for themselves 2 50%",
        "Initial conferences 1 100%",
        "Disputes raised by the IROs in the period: 1.",
        "past the date it was due, at the end of the period: 1.",
        "contact 1 100%",
        "Helen Okafor 1 1 1.0 No",
    ] {
        assert!(
            text.contains(want),
            "`{want}` missing from the PDF:\n{text}"
        );
    }
    for secret in ["Robin", "Test-One", "R-1", "Sam Test", "Alex"] {
        assert!(!text.contains(secret), "the report names `{secret}`");
    }
    let html = fs::read_to_string(dir.join("report.html")).expect("page");
    assert!(
        html.contains("data:image/svg+xml;base64,"),
        "charts are not in the page"
    );
    assert!(
        html.contains("alt=\"Bar chart, reviews by how the child took part. PN0: 1 reviews"),
        "no text alternative"
    );
    assert!(!html.contains("R-1"));
}

#[test]
fn a_bad_period_is_a_usage_error() {
    let fx = small_service();
    let (code, _, stderr) = output(&mut fx.iro(&["report", "--year", "2025-27"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("2025-27"), "{stderr}");
    let (code, _, stderr) = output(&mut fx.iro(&["report", "--from", "2025-01-01"]));
    assert_eq!(code, 2, "{stderr}");
}

/// What went out, and when (issue 15), on the example service for 2025-26, with five of its
/// dates changed so that every kind of row appears. The clock's due dates, by hand:
/// - NM-1002, looked after Mon 8 Sep 2025. First review Wed 1 Oct: packs due 15 working days
///   before, Tue 30 Sep (1) back to Mon 22 (7), Fri 19 to Mon 15 (12), Fri 12 (13), Thu 11
///   (14), Wed 10 Sep (15); sent that day, on time. Second review Wed 17 Dec: packs due Tue 16
///   (1) back to Mon 1 Dec (12), Fri 28 (13), Thu 27 (14), Wed 26 Nov (15); sent Thu 27, late.
///   Its record, 20 working days after: Thu 18 Dec to Wed 24 (5), [Christmas, Boxing Day],
///   Mon 29 to Wed 31 (8), [New Year's Day], Fri 2 Jan (9), to Fri 16 (19), Mon 19 Jan 2026
///   (20); sent Tue 20 Jan, late (the example has the 14th).
/// - NM-1015, looked after Mon 3 Nov 2025: the letter is due Tue 4 (1) to Mon 10 Nov (5); sent
///   Tue 11 Nov, late (the example has the 5th).
/// - NM-1010, looked after Mon 12 Jan 2026: the letter is due Tue 13 (1) to Mon 19 Jan (5); no
///   date for it, so at 31 March it is due and not sent.
///
/// So, of the example's six letters for children who came into care in the year: 5 sent, 4 on
/// time (80%), 1 due and not sent. Of its 35 meetings held (29 Looked After Reviews, 1
/// conference, 1 private fostering review, 4 foster carer reviews): packs 1 on time, 1 late
/// (50%), 33 with no date; decisions 35 on time; records 34 on time, 1 late (97%). 2024-25 is
/// as the example has it: 5 letters, all on time, and no packs with a date.
#[test]
fn r15_letters_packs_and_records_sent_on_time_by_the_clock() {
    let fx = Fixture::example();
    let nm1002 = "cases/NM-1002.yaml";
    fx.edit(
        nm1002,
        "    decisions_sent: 2025-10-07",
        "    packs_sent: 2025-09-10\n    decisions_sent: 2025-10-07",
    );
    fx.edit(
        nm1002,
        "    decisions_sent: 2025-12-23",
        "    packs_sent: 2025-11-27\n    decisions_sent: 2025-12-23",
    );
    fx.edit(nm1002, "record_sent: 2026-01-14", "record_sent: 2026-01-20");
    fx.edit(
        "cases/NM-1015.yaml",
        "introduced: 2025-11-05",
        "introduced: 2025-11-11",
    );
    fx.edit("cases/NM-1010.yaml", "  introduced: 2026-01-15\n", "");
    let dir = made_report(&fx, &["--from", "2025-04-01", "--to", "2026-03-31"]);

    let summary = csv(&dir, "summary.csv");
    let figure = |name: &str| {
        summary
            .iter()
            .find(|r| r[0] == name)
            .map(|r| (r[1].as_str(), r[2].as_str()))
            .unwrap_or_else(|| panic!("no `{name}` in {summary:?}"))
    };
    assert_eq!(figure("Introduction letters sent"), ("5", "5"));
    assert_eq!(figure("Introduction letters sent on time"), ("80%", "100%"));
    assert_eq!(
        figure("Introduction letters due and not sent by the end of the period"),
        ("1", "0")
    );
    assert_eq!(
        figure("Consultation packs sent on time, of those with a date"),
        ("50%", "-")
    );
    assert_eq!(
        figure("Decisions sent on time, of those with a date"),
        ("100%", "100%")
    );
    assert_eq!(
        figure("Records sent on time, of those with a date"),
        ("97%", "100%")
    );

    // Every row traced to its case, with the clock's due date.
    let sending = csv(&dir, "sending.csv");
    let row = |case: &str, item: &str, from: &str| {
        sending
            .iter()
            .find(|r| r[0] == case && r[1] == item && r[4] == from)
            .map(|r| (r[5].as_str(), r[6].as_str(), r[7].as_str()))
            .unwrap_or_else(|| panic!("no {case} {item} {from} in {sending:?}"))
    };
    let packs = "Consultation packs sent";
    assert_eq!(
        row("NM-1002", packs, "2025-10-01"),
        ("2025-09-10", "2025-09-10", "yes")
    );
    assert_eq!(
        row("NM-1002", packs, "2025-12-17"),
        ("2025-11-26", "2025-11-27", "no")
    );
    assert_eq!(
        row("NM-1002", "Review record sent out", "2025-12-17"),
        ("2026-01-19", "2026-01-20", "no")
    );
    assert_eq!(
        row("NM-1015", "Introduction letter", "2025-11-03"),
        ("2025-11-10", "2025-11-11", "no")
    );
    assert_eq!(
        row("NM-1010", "Introduction letter", "2026-01-12"),
        ("2026-01-19", "", "not sent, overdue")
    );
    assert_eq!(
        row("NM-1001", packs, "2026-02-12"),
        ("", "", "not recorded")
    );
    let count = |item: &str, on_time: &str| {
        (sending.iter())
            .filter(|r| r[1] == item && r[7] == on_time)
            .count()
    };
    assert_eq!(count(packs, "not recorded"), 33);
    assert_eq!(count("Decisions sent out", "yes"), 35);
    assert!(sending.iter().any(|r| r[0] == "FC-204"), "carers' reviews");

    // The PDF says the same, in counts only.
    let text = squash(&pdf_text(&dir.join("report.pdf")));
    for want in [
        "Introduction letters sent in the period: 5, of which 4 on time.",
        "within 5 working days of the child becoming looked after",
        "had not been sent by its end: 1.",
        "Figure Letters Packs Decisions Records",
        "Sent on time 4 1 35 34",
        "Sent late 1 1 0 1",
        "Share on time 80% 50% 100% 97%",
        "Due and not sent 1 - - -",
        "No date recorded - 33 0 0",
        "For 33 of these packs, decisions and records the case file does not say when",
        "They are not counted as late",
    ] {
        assert!(
            text.contains(want),
            "`{want}` missing from the PDF:\n{text}"
        );
    }
    assert!(!text.contains("NM-10"), "the report names a case");
}

/// The report as a manager would write it (issue 18): the service's own words from
/// `report/2025-26.md` near the start and its priorities last, a sentence for a count of one,
/// IROs allocated on time, and disputes' outcomes and Cafcass referrals.
///
/// Worked out by hand: R-2 became looked after on Monday 1 September 2025 and its IRO was
/// allocated on Tuesday 2 September, inside 5 working days (by Monday 8 September): 1 IRO
/// allocated in 2025-26, on time. R-1's IRO was allocated on 11 March 2025, in 2024-25 (due
/// Monday 17 March): 1 the year before, on time. R-1's dispute (stage 1 only) is resolved on
/// 10 February 2026 after a referral to Cafcass on 20 January 2026.
#[test]
fn r18_the_report_reads_as_a_manager_would_write_it() {
    let fx = small_service();
    fx.edit(
        "cases/R-1.yaml",
        "        sent: 2025-11-03\n",
        "        sent: 2025-11-03\n    resolved: 2026-02-10\n    outcome: Family time restarted.\n    cafcass_referral: 2026-01-20\n",
    );
    fx.write(
        "report/2025-26.md",
        "Our year was *busy*, and #read(\"x\") stays as written.\n\n\
         ## Priorities for 2026-27\n\n- Cut the wait for a first review.\n",
    );
    let dir = made_report(&fx, &["--year", "2025-26"]);
    let summary = summary(&dir);
    assert_eq!(summary.figure("IROs allocated"), ("1", "1"));
    assert_eq!(summary.figure("IROs allocated on time"), ("100%", "100%"));
    assert_eq!(summary.figure("Disputes resolved"), ("1", "0"));
    assert_eq!(summary.figure("Referrals to Cafcass"), ("1", "0"));
    let allocations = csv(&dir, "allocations.csv");
    assert_eq!(allocations.len(), 1);
    assert_eq!(
        allocations[0][..6],
        [
            "R-2",
            "IRO allocated",
            "",
            "2025-09-08",
            "2025-09-02",
            "yes"
        ]
    );
    let outcomes = csv(&dir, "disputes-outcomes.csv");
    assert_eq!(outcomes[0], ["R-1", "resolved", "1"]);
    assert_eq!(outcomes[1], ["R-1", "referred to Cafcass", ""]);

    let text = squash(&pdf_text(&dir.join("report.pdf")));
    for sentence in [
        "The year in our words Our year was busy, and #read(\"x\") stays as written.",
        "4 Looked After Reviews were held, and 3 of them (75%) within the statutory timescale",
        "1 IRO was allocated in the period, 1 of them (100%) within that time.",
        "1 dispute was resolved in the period, and 0 disputes were still open at its end.",
        "The IROs referred 1 child to Cafcass",
        "At stage 1 1 100%",
        "Priorities for 2026-27 • Cut the wait for a first review.",
    ] {
        assert!(text.contains(sentence), "`{sentence}` not in\n{text}");
    }
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("no `{s}`"));
    assert!(at("The year in our words") < at("The year at a glance"));
    assert!(at("Priorities for 2026-27") > at("Caseloads"));
    // The emphasis is drawn, not printed as asterisks.
    assert!(!text.contains("*busy*"), "{text}");
}
