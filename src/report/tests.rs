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
