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

/// A case looked after from `from` (IRO allocated that day, letter sent on `introduced`), with
/// its meetings as JSON.
fn sending_case(
    id: &str,
    from: &str,
    introduced: Option<&str>,
    meetings: serde_json::Value,
) -> Case {
    let value = serde_json::json!({
        "id": id,
        "child": {"legal_name": "Test Child", "date_of_birth": "2012-05-01"},
        "looked_after": [{"from": from}],
        "legal_status": [{"code": "C2", "from": from}],
        "iro": {"id": "iro-test", "allocated": from, "introduced": introduced},
        "meetings": meetings,
    });
    serde_json::from_value(value).expect("a case")
}

fn sent_in(case: &Case, period: Period) -> Vec<sending::SentRow> {
    let cal = crate::schedule::Calendar::new(crate::schedule::holidays::england_and_wales());
    let items = crate::schedule::schedule_case(case, &Timescales::default(), &cal);
    sending::sent_rows(&case.id, &case.meetings, &items, period)
}

/// (kind, number, due, sent, status) of each row.
type Line = (
    DueKind,
    Option<u32>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    sending::Sent,
);

fn lines(rows: &[sending::SentRow]) -> Vec<Line> {
    rows.iter()
        .map(|r| (r.kind, r.number, r.due, r.sent, r.status))
        .collect()
}

#[test]
fn letters_packs_decisions_and_records_are_timed_by_the_clock() {
    use DueKind::*;
    use sending::Sent::*;
    let year = Period::financial_year("2026-27").expect("a year");
    // Looked after and allocated Tue 17 Nov 2026. The letter, 5 working days: Wed 18 (1),
    // Thu 19 (2), Fri 20 (3), Mon 23 (4), Tue 24 Nov (5); sent Wed 25: late.
    // First review, 20 working days: to Mon 30 Nov (9), to Fri 11 Dec (18), Tue 15 Dec (20);
    // held Thu 10 Dec. Its packs, 15 working days before the 10th: Wed 9 back to Mon 7 (3),
    // Fri 4 to Mon 30 Nov (8), Fri 27 to Mon 23 (13), Fri 20 (14), Thu 19 Nov (15); sent that
    // day, on time. Decisions, 5 working days after: Fri 11 (1), Mon 14 to Thu 17 Dec (5); sent
    // Fri 18: late. Record, 20 working days: Fri 11 (1), to Fri 18 (6), Mon 21 to Thu 24 (10),
    // [Fri 25 Christmas, Mon 28 Boxing Day moved], Tue 29 to Thu 31 (13), [Fri 1 Jan 2027],
    // Mon 4 to Fri 8 (18), Mon 11 (19), Tue 12 Jan 2027 (20); no date: not recorded.
    // Second review due 3 months after, Wed 10 Mar 2027; held Tue 9 Mar, no date for its
    // packs: not recorded (the clock keeps no item, so no due date). Decisions: Wed 10 (1) to
    // Tue 16 Mar (5), sent that day: on time. Record: Wed 10 to Wed 31 Mar (14), skipping
    // Good Friday 26 and Easter Monday 29 Mar, Thu 1 Apr (15) to Thu 8 Apr (20); sent
    // Wed 24 Mar: on time.
    let late_letter = sending_case(
        "S-1",
        "2026-11-17",
        Some("2026-11-25"),
        serde_json::json!([
            {"type": "lac-review", "date": "2026-12-10", "packs_sent": "2026-11-19",
             "decisions_sent": "2026-12-18"},
            {"type": "lac-review", "date": "2027-03-09", "decisions_sent": "2027-03-16",
             "record_sent": "2027-03-24"},
        ]),
    );
    let rows = sent_in(&late_letter, year);
    assert_eq!(
        lines(&rows),
        [
            (
                IntroductionLetter,
                None,
                Some(d(2026, 11, 24)),
                Some(d(2026, 11, 25)),
                Late
            ),
            (
                ConsultationPacks,
                Some(1),
                Some(d(2026, 11, 19)),
                Some(d(2026, 11, 19)),
                OnTime
            ),
            (
                DecisionsSent,
                Some(1),
                Some(d(2026, 12, 17)),
                Some(d(2026, 12, 18)),
                Late
            ),
            (RecordSent, Some(1), Some(d(2027, 1, 12)), None, NotRecorded),
            (ConsultationPacks, Some(2), None, None, NotRecorded),
            (
                DecisionsSent,
                Some(2),
                Some(d(2027, 3, 16)),
                Some(d(2027, 3, 16)),
                OnTime
            ),
            (
                RecordSent,
                Some(2),
                Some(d(2027, 4, 8)),
                Some(d(2027, 3, 24)),
                OnTime
            ),
        ]
    );
    assert_eq!(rows[1].meeting, Some("Looked After Review"));
    assert_eq!(rows[1].from, d(2026, 12, 10));
    // The year before saw none of it.
    assert!(sent_in(&late_letter, year.previous()).is_empty());

    // Looked after Mon 1 Mar 2027, no letter: due Tue 2 (1) to Mon 8 Mar (5), still not sent
    // on 31 Mar, so overdue at the year's end.
    let unsent = sending_case("S-2", "2027-03-01", None, serde_json::json!([]));
    assert_eq!(
        lines(&sent_in(&unsent, year)),
        [(IntroductionLetter, None, Some(d(2027, 3, 8)), None, Overdue)]
    );
    // Looked after Wed 24 Mar 2027: Thu 25 (1), [Good Friday, Easter Monday], Tue 30 (2) to
    // Fri 2 Apr (5). Not yet due at the year's end: not counted.
    let not_yet = sending_case("S-3", "2027-03-24", None, serde_json::json!([]));
    assert!(sent_in(&not_yet, year).is_empty());
}

#[test]
fn shares_on_time_leave_out_what_has_no_date() {
    use DueKind::*;
    use sending::Sent::*;
    let row = |kind: DueKind, status: sending::Sent| sending::SentRow {
        subject: "S-1".into(),
        kind,
        number: None,
        meeting: None,
        from: d(2026, 12, 10),
        due: None,
        sent: None,
        status,
    };
    // Packs: 1 on time, 1 late and 2 not recorded: 50% on time, of those with a date.
    // Letters: 3 on time, 1 overdue: 100% of those sent.
    let this = Figures {
        sent: vec![
            row(ConsultationPacks, OnTime),
            row(ConsultationPacks, Late),
            row(ConsultationPacks, NotRecorded),
            row(ConsultationPacks, NotRecorded),
            row(IntroductionLetter, OnTime),
            row(IntroductionLetter, OnTime),
            row(IntroductionLetter, OnTime),
            row(IntroductionLetter, Overdue),
        ],
        ..Figures::default()
    };
    let packs = sending::Tally::of(&this.sent, ConsultationPacks);
    assert_eq!((packs.on_time, packs.late, packs.not_recorded), (1, 1, 2));
    let summary = tables::summary(&this, &Figures::default());
    let figure = |name: &str| {
        summary
            .iter()
            .find(|r| r[0] == name)
            .map(|r| (r[1].as_str(), r[2].as_str()))
    };
    assert_eq!(figure("Introduction letters sent"), Some(("3", "0")));
    assert_eq!(
        figure("Introduction letters sent on time"),
        Some(("100%", "-"))
    );
    assert_eq!(
        figure("Introduction letters due and not sent by the end of the period"),
        Some(("1", "0"))
    );
    assert_eq!(
        figure("Consultation packs sent on time, of those with a date"),
        Some(("50%", "-"))
    );
    assert_eq!(
        figure("Records sent on time, of those with a date"),
        Some(("-", "-"))
    );
}
