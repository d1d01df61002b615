//! Periods worked out by hand.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

#[test]
fn a_financial_year_runs_april_to_march_and_follows_the_one_before() {
    let year = Period::financial_year("2025-26").expect("a year");
    assert_eq!((year.from, year.to), (d(2025, 4, 1), d(2026, 3, 31)));
    assert_eq!(year.name(), "2025-26");
    let before = year.previous();
    assert_eq!((before.from, before.to), (d(2024, 4, 1), d(2025, 3, 31)));
    assert_eq!(before.name(), "2024-25");
    // The turn of the century, and years that do not follow each other.
    assert_eq!(
        Period::financial_year("2099-00").map(|p| p.to),
        Some(d(2100, 3, 31))
    );
    for bad in ["2025-27", "2025", "25-26", "2025-2026", "x-y"] {
        assert_eq!(Period::financial_year(bad), None, "{bad}");
    }
}

#[test]
fn any_other_period_is_compared_with_as_many_days_before_it() {
    let p = Period {
        from: d(2026, 1, 1),
        to: d(2026, 1, 31),
    };
    let before = p.previous();
    assert_eq!((before.from, before.to), (d(2025, 12, 1), d(2025, 12, 31)));
    assert_eq!(p.name(), "2026-01-01 to 2026-01-31");
    assert_eq!(p.months(), vec![d(2026, 1, 1)]);
    let year = Period::financial_year("2024-25").expect("a year");
    assert_eq!(year.months().len(), 12);
    assert_eq!(year.months()[11], d(2025, 3, 1));
}

#[test]
fn caseloads_are_counted_per_full_time_iro() {
    let c = Caseload {
        iro: "a".into(),
        name: "A".into(),
        fte: 0.6,
        children: 36,
        cases: Vec::new(),
    };
    assert!((c.per_fte() - 60.0).abs() < 1e-9);
    assert!(c.in_range());
    let busy = Caseload { children: 45, ..c };
    assert!(!busy.in_range(), "75 per full-time IRO");
}

/// A case from its periods of care and legal statuses, as `(from, to)` and `(code, from)`.
fn case(periods: &[(&str, Option<&str>)], statuses: &[(&str, &str)]) -> Case {
    let value = serde_json::json!({
        "id": "T-1",
        "child": {"legal_name": "Test Child", "date_of_birth": "2012-05-01"},
        "looked_after": periods.iter().map(|(from, to)| serde_json::json!({"from": from, "to": to})).collect::<Vec<_>>(),
        "legal_status": statuses.iter().map(|(code, from)| serde_json::json!({"code": code, "from": from})).collect::<Vec<_>>(),
    });
    serde_json::from_value(value).expect("a case")
}

#[test]
fn r16_looked_after_at_31_march_means_an_episode_with_no_end_date() {
    let year = Period::financial_year("2025-26").expect("a year");
    // Care ended on 31 March 2026, the year's last day: it has ended, so not at 31 March (but
    // looked after during the year).
    let ended = case(
        &[("2024-06-01", Some("2026-03-31"))],
        &[("C2", "2024-06-01")],
    );
    assert!(!looked_after_at_end(&ended, year.to));
    assert!(looked_after_during(&ended, year));
    // Ending on 1 April 2026, the day after: still looked after on 31 March.
    let after = case(
        &[("2024-06-01", Some("2026-04-01"))],
        &[("C2", "2024-06-01")],
    );
    assert!(looked_after_at_end(&after, year.to));
    // Open: looked after. Started on 31 March itself: looked after that day.
    let open = case(&[("2026-03-31", None)], &[("V2", "2026-03-31")]);
    assert!(looked_after_at_end(&open, year.to));
    // Ended on 31 March 2025, the day before the year began: not during it.
    let before = case(
        &[("2024-06-01", Some("2025-03-31"))],
        &[("C2", "2024-06-01")],
    );
    assert!(!looked_after_during(&before, year));
}

#[test]
fn r16_children_only_on_short_breaks_are_left_out_of_the_counts() {
    let year = Period::financial_year("2025-26").expect("a year");
    // On V3 short breaks from 1 Jan 2025 all year: in neither count.
    let breaks = case(&[("2025-01-01", None)], &[("V3", "2025-01-01")]);
    assert!(!looked_after_during(&breaks, year));
    assert!(!looked_after_at_end(&breaks, year.to));
    // Short breaks that became a care order on 1 Oct 2025: counted both ways.
    let changed = case(
        &[("2025-01-01", None)],
        &[("V4", "2025-01-01"), ("C1", "2025-10-01")],
    );
    assert!(looked_after_during(&changed, year));
    assert!(looked_after_at_end(&changed, year.to));
    // Accommodated (V2) until 1 Oct 2025, then short breaks: looked after during the year, but
    // at 31 March only on a short break.
    let to_breaks = case(
        &[("2025-01-01", None)],
        &[("V2", "2025-01-01"), ("V3", "2025-10-01")],
    );
    assert!(looked_after_during(&to_breaks, year));
    assert!(!looked_after_at_end(&to_breaks, year.to));
}
