//! The reviews to book, with every date worked out by hand (no bank holiday falls inside any
//! count below; the spring bank holiday of 25 May 2026 is before them).

use super::*;
use crate::model::{CarerHousehold, Case};
use crate::schedule::{schedule_carer, schedule_case};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

fn service() -> Service {
    let (value, _) = crate::load::yaml::parse(include_str!("../../../service.yaml")).expect("yaml");
    serde_json::from_value(value).expect("valid service")
}

/// In care from Monday 2 March 2026; the first review held on Wednesday 25 March, so the
/// second is due 3 months later, by Thursday 25 June 2026. Its packs go 15 working days
/// before: counting back from 25 June (24, 23, 22, 19, 18, 17, 16, 15, 12, 11, 10, 9, 8, 5,
/// 4), by Thursday 4 June; the window opens 28 days before that, on Thursday 7 May.
const CASE: &str = "\
id: T-1
child:
  legal_name: Test Child
  date_of_birth: 2014-05-01
looked_after:
  - from: 2026-03-02
iro:
  id: iro-hokafor
  allocated: 2026-03-03
meetings:
  - type: lac-review
    date: 2026-03-25
    participation: PN1
";

fn case(extra: &str) -> Case {
    let (value, _) = crate::load::yaml::parse(&format!("{CASE}{extra}")).expect("yaml");
    serde_json::from_value(value).expect("valid case")
}

fn booking(case: &Case, as_of: NaiveDate) -> Vec<ToBook> {
    let service = service();
    let items = schedule_case(case, &service.timescales, &Calendar::of_service(&service));
    to_book(Subject::Case(case), &items, &service, as_of)
}

#[test]
fn a_review_is_to_book_from_the_packs_window_and_says_what_is_missing() {
    let unbooked = case("");
    assert_eq!(booking(&unbooked, d(2026, 5, 6)), Vec::new());
    let listed = booking(&unbooked, d(2026, 5, 7));
    assert_eq!(
        listed,
        vec![ToBook {
            case: "T-1".into(),
            review: MeetingType::LacReview,
            number: Some(2),
            due: d(2026, 6, 25),
            missing: vec![Missing::Date, Missing::Time, Missing::Venue],
            meeting: None,
            packs_by: d(2026, 6, 4),
            overdue: false,
        }]
    );
    // Past its due date it is still to book, and overdue.
    let late = booking(&unbooked, d(2026, 6, 26));
    assert_eq!(late.len(), 1);
    assert!(late[0].overdue);
}

#[test]
fn a_date_alone_is_not_a_booking_and_a_time_and_venue_make_one() {
    let dated = case("  - type: lac-review\n    date: 2026-06-23\n    status: planned\n");
    let listed = booking(&dated, d(2026, 5, 20));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].missing, vec![Missing::Time, Missing::Venue]);
    assert_eq!(listed[0].meeting, Some(1));
    // Counted from the due date, not the planned one: what it would be if held on 25 June.
    assert_eq!(listed[0].packs_by, d(2026, 6, 4));
    let no_venue = case(
        "  - type: lac-review\n    date: 2026-06-23\n    status: planned\n    time: \"10:00\"\n    venue: \" \"\n",
    );
    assert_eq!(
        booking(&no_venue, d(2026, 5, 20))[0].missing,
        vec![Missing::Venue]
    );
    let booked = case(
        "  - type: lac-review\n    date: 2026-06-23\n    status: planned\n    time: \"10:00\"\n    venue: Moorgate House\n",
    );
    assert_eq!(booking(&booked, d(2026, 5, 20)), Vec::new());
}

/// Approved on Tuesday 1 December 2025, so the first foster carer review is due a year on, by
/// Tuesday 1 December 2026. Its packs would go 15 working days before (30, 27, 26, 25, 24,
/// 23, 20, 19, 18, 17, 16, 13, 12, 11, 10 November): by Tuesday 10 November; the window
/// opens 28 days before, on Tuesday 13 October 2026.
#[test]
fn a_foster_carer_review_is_booked_the_same_way() {
    let text = "\
id: FC-9
name: Sam Rivers
carers:
  - name: Sam Rivers
approved: 2025-12-01
reviewing_officer: iro-hokafor
";
    let (value, _) = crate::load::yaml::parse(text).expect("yaml");
    let household: CarerHousehold = serde_json::from_value(value).expect("valid household");
    let service = service();
    let items = schedule_carer(
        &household,
        &service.timescales,
        &Calendar::of_service(&service),
    );
    let at = |as_of| to_book(Subject::Household(&household), &items, &service, as_of);
    assert_eq!(at(d(2026, 10, 12)), Vec::new());
    let listed = at(d(2026, 10, 13));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].case, "FC-9");
    assert_eq!(listed[0].review, MeetingType::FosterCarerReview);
    assert_eq!(listed[0].due, d(2026, 12, 1));
    assert_eq!(listed[0].packs_by, d(2026, 11, 10));
}
