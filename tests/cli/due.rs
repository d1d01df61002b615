//! `iro due`: dates worked out by hand for a case added to the example service.

use serde_json::Value;

use crate::{AS_OF, Fixture, output};

/// Looked after on Monday 2 November 2026 (day 0). Working days: 3-6 Nov are 1-4, 9 Nov is 5
/// (introduction letter due), and 20 working days later is Monday 30 November (first review).
const NEW_CASE: &str = "\
id: T-0001
child:
  legal_name: Test Child
  date_of_birth: 2016-06-01
legal_status:
  - code: V2
    from: 2026-11-02
looked_after:
  - from: 2026-11-02
iro:
  id: IRO_ID
  allocated: 2026-11-04
";

fn fixture() -> Fixture {
    let fx = Fixture::example();
    let service = fx.read("service.yaml");
    let iro = service
        .lines()
        .skip_while(|l| !l.starts_with("team:"))
        .find_map(|l| {
            l.trim()
                .strip_prefix("- id: ")
                .or_else(|| l.trim().strip_prefix("id: "))
        })
        .filter(|id| id.starts_with("iro"))
        .expect("an IRO id in service.yaml")
        .to_owned();
    fx.write("cases/T-0001.yaml", NEW_CASE.replace("IRO_ID", &iro));
    fx
}

fn rows(fx: &Fixture, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["due", "--as-of", AS_OF, "--json"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = output(&mut fx.iro(&args));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str::<Vec<Value>>(&stdout).expect("a JSON array")
}

fn find<'a>(rows: &'a [Value], case: &str, kind: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["case"] == case && r["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} for {case} in {rows:#?}"))
}

#[test]
fn first_review_and_introduction_letter_are_worked_out_by_hand() {
    let fx = fixture();
    let rows = rows(&fx, &[]);
    let letter = find(&rows, "T-0001", "introduction-letter");
    assert_eq!(letter["due"], "2026-11-09");
    assert_eq!(letter["status"], "overdue");
    assert_eq!(letter["days"], -16);
    let review = find(&rows, "T-0001", "lac-review");
    assert_eq!(review["due"], "2026-11-30");
    assert_eq!(review["basis"], "2026-11-02");
    assert_eq!(review["status"], "due");
    assert_eq!(review["number"], 1);
}

#[test]
fn rows_are_soonest_first_and_window_is_respected() {
    let fx = fixture();
    let rows = rows(&fx, &["--within", "10"]);
    let dues: Vec<&str> = rows
        .iter()
        .map(|r| r["due"].as_str().expect("date"))
        .collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    assert!(dues.iter().all(|d| *d <= "2026-12-05"), "{dues:?}");
}

#[test]
fn ics_file_imports_as_all_day_events() {
    let fx = fixture();
    let ics = fx.file("due.ics");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "due",
        "--as-of",
        AS_OF,
        "--ics",
        ics.to_str().expect("utf-8"),
    ]));
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&ics).expect("ics written");
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20261130"), "{text}");
    assert!(text.contains("T-0001: Looked After Review"), "{text}");
}

/// The event of one item: its lines from BEGIN:VEVENT to END:VEVENT.
fn event<'a>(ics: &'a str, summary: &str) -> Vec<&'a str> {
    ics.split("BEGIN:VEVENT")
        .find(|e| e.contains(&format!("SUMMARY:{summary}")))
        .unwrap_or_else(|| panic!("no event `{summary}` in {ics}"))
        .lines()
        .collect()
}

#[test]
fn r16_calendar_events_are_valid_all_day_events_with_stable_ids() {
    let fx = fixture();
    let ics = fx.file("due.ics");
    let path = ics.to_str().expect("utf-8").to_owned();
    let made = |fx: &Fixture| {
        let before = chrono::Utc::now().format("%Y%m%d").to_string();
        let (code, _, stderr) = output(&mut fx.iro(&["due", "--as-of", AS_OF, "--ics", &path]));
        assert_eq!(code, 0, "{stderr}");
        let after = chrono::Utc::now().format("%Y%m%d").to_string();
        (
            std::fs::read_to_string(&ics).expect("ics written"),
            before,
            after,
        )
    };
    let (text, before, after) = made(&fx);
    let review = event(&text, "T-0001: Looked After Review (1st)");
    // Due Mon 30 Nov 2026 (see NEW_CASE): an all-day event ends the next day, Tue 1 Dec.
    assert!(
        review.contains(&"DTSTART;VALUE=DATE:20261130"),
        "{review:?}"
    );
    assert!(review.contains(&"DTEND;VALUE=DATE:20261201"), "{review:?}");
    // DTSTAMP is when the file was made, not the due date.
    let stamp = review
        .iter()
        .find_map(|l| l.strip_prefix("DTSTAMP:"))
        .expect("a DTSTAMP");
    assert!(
        stamp.starts_with(&before) || stamp.starts_with(&after),
        "DTSTAMP {stamp}, made {before}"
    );
    let uid = |e: &[&str]| {
        e.iter()
            .find(|l| l.starts_with("UID:"))
            .map(|l| l.to_string())
    };

    // The child came into care a day later (Tue 3 Nov 2026): the review moves to Tue 1 Dec,
    // and keeps its UID, so a calendar updates the event instead of adding another.
    fx.edit(
        "cases/T-0001.yaml",
        "looked_after:\n  - from: 2026-11-02",
        "looked_after:\n  - from: 2026-11-03",
    );
    let (moved, _, _) = made(&fx);
    let again = event(&moved, "T-0001: Looked After Review (1st)");
    assert!(again.contains(&"DTSTART;VALUE=DATE:20261201"), "{again:?}");
    assert_eq!(uid(&again), uid(&review));
}

#[test]
fn calendar_events_have_distinct_ids() {
    let fx = fixture();
    let ics = fx.file("all.ics");
    let path = ics.to_str().expect("utf-8").to_owned();
    let (code, _, stderr) =
        output(&mut fx.iro(&["due", "--as-of", AS_OF, "--within", "3000", "--ics", &path]));
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&ics).expect("ics written");
    let uids: Vec<&str> = text.lines().filter(|l| l.starts_with("UID:")).collect();
    let unique: std::collections::BTreeSet<&&str> = uids.iter().collect();
    assert!(uids.len() > 10, "{}", uids.len());
    assert_eq!(unique.len(), uids.len(), "two events share a UID");
}

#[test]
fn an_absurd_window_is_a_usage_error_not_a_panic() {
    let fx = fixture();
    let (code, _, stderr) = output(&mut fx.iro(&["due", "--within", "4000000000"]));
    assert_eq!(code, 2, "{stderr}");
}

/// In care since Mon 8 Jan 2024, with two reviews held before the case file's records began,
/// the last on Wed 10 Jun 2026: the next is the 3rd, due 6 months after it, Thu 10 Dec 2026.
const BEFORE_IRO: &str = "\
id: T-0002
child:
  legal_name: Test Child
  date_of_birth: 2012-06-01
legal_status:
  - code: C2
    from: 2024-01-08
looked_after:
  - from: 2024-01-08
    reviews_before:
      held: 2
      last: 2026-06-10
iro:
  id: IRO_ID
  allocated: 2024-01-09
  introduced: 2024-01-10
";

#[test]
fn r16_reviews_held_before_iro_make_the_next_the_third() {
    let fx = fixture();
    let iro = fx.read("cases/T-0001.yaml");
    let iro = iro
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("id: ")
                .filter(|id| id.starts_with("iro"))
        })
        .expect("the IRO")
        .to_owned();
    fx.write("cases/T-0002.yaml", BEFORE_IRO.replace("IRO_ID", &iro));
    let rows = rows(&fx, &[]);
    let review = find(&rows, "T-0002", "lac-review");
    assert_eq!(review["number"], 3);
    assert_eq!(review["what"], "Looked After Review (3rd)");
    assert_eq!(review["due"], "2026-12-10");
    assert_eq!(review["basis"], "2026-06-10");
}
