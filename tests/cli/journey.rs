//! One child's first month in care, as a business support officer runs it (issue 15): the
//! introduction letter appears in `iro today`, is sent and goes; the review is booked, its
//! packs are made, sent and answered; the review is held, and the record and the letter to the
//! child are sent. Every date is worked out by hand below.
//!
//! Robin Ash, 11, became looked after on Monday 2 November 2026 and lives with the Adeyemis
//! (FC-202, 8 Linnet Close). November 2026 has no bank holidays; 25 and 28 December do.

use serde_json::Value;

use crate::build::build;
use crate::{Fixture, output};

const CASE: &str = "\
# T-0100 Robin Ash: the journey test's child.
id: T-0100
child:
  legal_name: Robin Ash
  date_of_birth: 2015-03-10
legal_status:
  - code: V2
    from: 2026-11-02
looked_after:
  - from: 2026-11-02
placements:
  - type: foster-care
    from: 2026-11-02
    carer: FC-202
iro:
  id: iro-abrennan
  allocated: 2026-11-03
social_worker:
  name: Priya Castle
  team: Children in Care Team
  phone: 01632 960777
  email: priya.castle@example.org
people:
  - id: mum
    name: Dawn Ash
    role: mother
    parental_responsibility: true
    address:
      lines: [4 Quarry Row, Hebble Bridge, Northmoor]
      postcode: NM7 2QR
";

/// The review, booked for Monday 30 November 2026 at 4pm (appended to the case file).
const BOOKED: &str = "\
meetings:
  - type: lac-review
    date: 2026-11-30
    status: planned
    time: \"16:00\"
    venue: Fenwick Vale Civic Centre, Room 2
";

struct Day<'f> {
    fx: &'f Fixture,
    day: &'static str,
}

impl Day<'_> {
    fn out(&self) -> String {
        self.fx.path().join("out").display().to_string()
    }

    fn build(&self) -> String {
        let out = self.fx.path().join("out");
        build(self.fx, &out, &["--as-of", self.day])
    }

    /// The day's list, and Robin's lines in it.
    fn today(&self) -> Vec<String> {
        let (code, stdout, stderr) = output(&mut self.fx.iro(&[
            "today",
            "--out",
            &self.out(),
            "--as-of",
            self.day,
            "--iro",
            "iro-abrennan",
        ]));
        assert_eq!(code, 0, "{stderr}");
        let lines: Vec<&str> = stdout.lines().collect();
        // A line about Robin, and the detail lines under it.
        let mut mine = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if line.starts_with("  T-0100 ") {
                mine.push(line.to_string());
                mine.extend(
                    (lines[i + 1..].iter())
                        .take_while(|l| l.starts_with("    "))
                        .map(|l| l.to_string()),
                );
            }
        }
        mine
    }

    fn send(&self, args: &[&str]) {
        let out = self.out();
        let mut all = vec![
            "send", "--out", &out, "--date", self.day, "--as-of", self.day,
        ];
        all.extend_from_slice(args);
        let (code, stdout, stderr) = output(&mut self.fx.iro(&all));
        assert_eq!(code, 0, "{stdout}{stderr}");
    }
}

fn says(lines: &[String], text: &str) -> bool {
    lines.iter().any(|l| l.contains(text))
}

#[test]
fn r15_one_child_from_coming_into_care_to_the_record() {
    // The example service with Robin the only child, and the Adeyemis the only household.
    let fx = Fixture::example();
    for folder in ["cases", "carers"] {
        for entry in std::fs::read_dir(fx.file(folder)).expect("folder") {
            let path = entry.expect("entry").path();
            if !path.ends_with("FC-202.yaml") {
                std::fs::remove_file(path).expect("remove");
            }
        }
    }
    fx.write("cases/T-0100.yaml", CASE);

    // 1. Wednesday 4 November. The letter is due within 5 working days of Monday 2 November
    // (3, 4, 5, 6, 9): by Monday 9 November.
    let day = Day {
        fx: &fx,
        day: "2026-11-04",
    };
    day.build();
    let list = day.today();
    assert!(
        says(
            &list,
            "Your Independent Reviewing Officer to Robin Ash, send by Monday 9 November 2026 (in 5 days)"
        ),
        "{list:#?}"
    );
    assert!(
        says(
            &list,
            "by post: Robin Ash, c/o Nkechi and Samuel Adeyemi, 8 Linnet Close, Eastfield, Northmoor, NM4 6JD"
        ),
        "{list:#?}"
    );
    // The first review is due within 20 working days: by Monday 30 November. Held that day,
    // its packs go 15 working days before (27, 26, 25, 24, 23, 20, ..., 10, 9): Monday 9
    // November.
    assert!(
        says(
            &list,
            "Looked After Review (1st) due by Monday 30 November 2026 (in 26 days): no date, time or venue yet; held that day, its packs go by Monday 9 November 2026"
        ),
        "{list:#?}"
    );
    assert!(
        !says(&list, "Invitation to a review"),
        "no pack before booking"
    );
    day.send(&["--case", "T-0100", "--only", "introduction-letter"]);
    assert!(
        fx.read("cases/T-0100.yaml")
            .contains("  introduced: 2026-11-04\n")
    );
    assert!(!says(&day.today(), "Your Independent Reviewing Officer"));

    // 2. Thursday 5 November: the review is booked, and its packs are made.
    fx.write(
        "cases/T-0100.yaml",
        format!("{}{BOOKED}", fx.read("cases/T-0100.yaml")),
    );
    let day = Day {
        fx: &fx,
        day: "2026-11-05",
    };
    day.build();
    let list = day.today();
    assert!(
        !says(&list, "Looked After Review (1st) due by"),
        "booked: {list:#?}"
    );
    assert!(
        says(
            &list,
            "Invitation to a review and Have your say to Robin Ash, send by Monday 9 November 2026 (in 4 days)"
        ),
        "{list:#?}"
    );
    // Friday 6 November: sent, on time.
    let day = Day {
        fx: &fx,
        day: "2026-11-06",
    };
    day.send(&["--case", "T-0100", "--only", "packs"]);
    assert!(
        fx.read("cases/T-0100.yaml")
            .contains("    packs_sent: 2026-11-06\n")
    );
    assert!(!says(&day.today(), "Invitation to a review"));

    // Robin's form comes back on Friday 20 November. Answers are due when reports are, 3
    // working days before the review (27, 26, 25): Wednesday 25 November.
    let answers = fx.file("robin.json");
    let form = serde_json::json!({
        "iro_response": 1, "form": "child-8-12", "case": "T-0100", "review": "2026-11-30",
        "from": "child", "answers": {"going-well": "Football on Saturdays."},
    });
    std::fs::write(&answers, form.to_string()).expect("write");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "import-responses",
        "--yes",
        "--date",
        "2026-11-20",
        answers.to_str().expect("utf-8"),
    ]));
    assert_eq!(code, 0, "{stderr}");
    // Monday 23 November: the others are chased, Robin is not.
    let list = Day {
        fx: &fx,
        day: "2026-11-23",
    }
    .today();
    assert!(
        says(
            &list,
            "from Priya Castle, due back Wednesday 25 November 2026 (in 2 days)"
        ),
        "{list:#?}"
    );
    assert!(
        says(&list, "01632 960777, priya.castle@example.org"),
        "{list:#?}"
    );
    assert!(!says(&list, "from Robin"), "{list:#?}");

    // 3. The review is held on Monday 30 November.
    fx.edit(
        "cases/T-0100.yaml",
        "    status: planned\n",
        "    status: held\n    participation: PN1\n    attended: [child, social-worker, iro]\n    decisions:\n      - text: Arrange weekly family time with mum.\n        owner: social-worker\n        due: 2026-12-14\n",
    );
    // Tuesday 1 December: the decisions are due within 5 working days (1, 2, 3, 4, 7):
    // Monday 7 December; the record within 20 (1-4, 7-11, 14-18, 21-24, then 29 and 30 after
    // the Christmas bank holidays): Wednesday 30 December.
    let day = Day {
        fx: &fx,
        day: "2026-12-01",
    };
    day.build();
    let list = day.today();
    assert!(
        says(
            &list,
            "Your review to Robin Ash, send by Monday 7 December 2026 (in 6 days)"
        ),
        "{list:#?}"
    );
    assert!(
        says(
            &list,
            "Record of the meeting to Priya Castle, send by Wednesday 30 December 2026 (in 29 days)"
        ),
        "{list:#?}"
    );
    let day = Day {
        fx: &fx,
        day: "2026-12-02",
    };
    day.send(&["--case", "T-0100"]);
    let case = fx.read("cases/T-0100.yaml");
    assert!(case.contains("    decisions_sent: 2026-12-02\n"), "{case}");
    assert!(case.contains("    record_sent: 2026-12-02\n"), "{case}");
    assert!(day.today().iter().all(|l| !l.contains("send by")));
    let (_, due, _) = output(&mut fx.iro(&["due", "--as-of", "2026-12-02", "--json"]));
    let due: Vec<Value> = serde_json::from_str(&due).expect("json");
    let open: Vec<&Value> = (due.iter())
        .filter(|r| r["case"] == "T-0100")
        .filter(|r| {
            [
                "introduction-letter",
                "consultation-packs",
                "decisions-sent",
                "record-sent",
            ]
            .contains(&r["kind"].as_str().unwrap_or_default())
        })
        .collect();
    assert!(open.is_empty(), "still listed as due: {open:#?}");

    // 4. The report for November and December counts each step against the clock.
    let report = fx.path().join("report");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
        "--out",
        report.to_str().expect("utf-8"),
    ]));
    assert_eq!(code, 0, "{stderr}");
    let csv = std::fs::read_to_string(report.join("report-2026-11-01-to-2026-12-31/sending.csv"))
        .or_else(|_| {
            let dir = std::fs::read_dir(&report).expect("the report folder");
            let folder = dir.flatten().next().expect("one report").path();
            std::fs::read_to_string(folder.join("sending.csv"))
        })
        .expect("sending.csv");
    let robin: Vec<&str> = csv.lines().filter(|l| l.starts_with("T-0100,")).collect();
    // (what, due by the clock, sent, on time)
    for (what, due, sent) in [
        ("Introduction letter", "2026-11-09", "2026-11-04"),
        ("Consultation packs", "2026-11-09", "2026-11-06"),
        ("Decisions", "2026-12-07", "2026-12-02"),
        ("record", "2026-12-30", "2026-12-02"),
    ] {
        let row = (robin.iter())
            .find(|r| r.contains(what))
            .unwrap_or_else(|| panic!("no `{what}` row for Robin in:\n{csv}"));
        assert!(
            row.ends_with(&format!(",{due},{sent},yes")),
            "`{what}`: {row}"
        );
    }
}
