//! Tests of the statutory clock. Every expected date is worked out by hand in a comment, with
//! the real England and Wales bank holidays; nothing here reads files.

mod calendar;
mod chains;
mod lac;
mod other;

use chrono::NaiveDate;

// The test modules below take these with `use super::*`.
#[allow(unused_imports)]
use super::*;
#[allow(unused_imports)]
use crate::model::*;

/// A date, for tests only.
fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// England and Wales bank holidays 2019 to 2026 (gov.uk), with the one-off ones.
#[rustfmt::skip]
fn bank_holidays() -> Vec<NaiveDate> {
    vec![
        // 2019
        d(2019, 1, 1), d(2019, 4, 19), d(2019, 4, 22), d(2019, 5, 6), d(2019, 5, 27),
        d(2019, 8, 26), d(2019, 12, 25), d(2019, 12, 26),
        // 2020: early May moved to Fri 8 May for VE day; Boxing Day (Sat) → Mon 28 Dec
        d(2020, 1, 1), d(2020, 4, 10), d(2020, 4, 13), d(2020, 5, 8), d(2020, 5, 25),
        d(2020, 8, 31), d(2020, 12, 25), d(2020, 12, 28),
        // 2021: Christmas (Sat) and Boxing Day (Sun) → Mon 27 and Tue 28 Dec
        d(2021, 1, 1), d(2021, 4, 2), d(2021, 4, 5), d(2021, 5, 3), d(2021, 5, 31),
        d(2021, 8, 30), d(2021, 12, 27), d(2021, 12, 28),
        // 2022: New Year (Sat) → Mon 3 Jan; jubilee 2 and 3 Jun; the Queen's funeral 19 Sep;
        // Christmas (Sun) → Tue 27 Dec
        d(2022, 1, 3), d(2022, 4, 15), d(2022, 4, 18), d(2022, 5, 2), d(2022, 6, 2),
        d(2022, 6, 3), d(2022, 8, 29), d(2022, 9, 19), d(2022, 12, 26), d(2022, 12, 27),
        // 2023: New Year (Sun) → Mon 2 Jan; the coronation 8 May
        d(2023, 1, 2), d(2023, 4, 7), d(2023, 4, 10), d(2023, 5, 1), d(2023, 5, 8),
        d(2023, 5, 29), d(2023, 8, 28), d(2023, 12, 25), d(2023, 12, 26),
        // 2024: Good Friday 29 Mar, Easter Monday 1 Apr
        d(2024, 1, 1), d(2024, 3, 29), d(2024, 4, 1), d(2024, 5, 6), d(2024, 5, 27),
        d(2024, 8, 26), d(2024, 12, 25), d(2024, 12, 26),
        // 2025
        d(2025, 1, 1), d(2025, 4, 18), d(2025, 4, 21), d(2025, 5, 5), d(2025, 5, 26),
        d(2025, 8, 25), d(2025, 12, 25), d(2025, 12, 26),
        // 2026: Boxing Day (Sat) → Mon 28 Dec
        d(2026, 1, 1), d(2026, 4, 3), d(2026, 4, 6), d(2026, 5, 4), d(2026, 5, 25),
        d(2026, 8, 31), d(2026, 12, 25), d(2026, 12, 28),
    ]
}

fn cal() -> Calendar {
    Calendar::new(bank_holidays())
}

fn ts() -> Timescales {
    Timescales::default()
}

/// A case with a child and nothing else.
fn case(id: &str) -> Case {
    Case {
        id: id.to_owned(),
        child: Child {
            legal_name: "Test Child".to_owned(),
            preferred_name: None,
            date_of_birth: d(2012, 6, 1),
            pronouns: None,
            language: "en".to_owned(),
            interpreter: false,
            communication_needs: Vec::new(),
            formats: Vec::new(),
        },
        legal_status: Vec::new(),
        looked_after: Vec::new(),
        placements: Vec::new(),
        iro: None,
        social_worker: None,
        people: Vec::new(),
        meetings: Vec::new(),
        child_protection: None,
        secure: None,
        private_fostering: None,
        disputes: Vec::new(),
        permanence_plan: None,
        extra_review_requests: Vec::new(),
        school: None,
        gp: None,
    }
}

/// A looked after case: one care period from `from` under legal status `code`.
fn looked_after(id: &str, from: NaiveDate, code: LegalStatus) -> Case {
    let mut c = case(id);
    c.legal_status.push(LegalStatusPeriod { code, from });
    c.looked_after.push(CarePeriod {
        from,
        to: None,
        reviews_before: None,
    });
    c
}

fn meeting(kind: MeetingType, date: NaiveDate, status: MeetingStatus) -> Meeting {
    Meeting {
        kind,
        date,
        status,
        time: None,
        venue: None,
        chair: None,
        attended: Vec::new(),
        apologies: Vec::new(),
        participation: None,
        participation_valid: true,
        child_knows_iro: None,
        advocate_offered: None,
        views: Vec::new(),
        responses: Vec::new(),
        for_child: Default::default(),
        discussion: Default::default(),
        decisions: Vec::new(),
        packs_sent: None,
        decisions_sent: None,
        record_sent: None,
    }
}

fn held(kind: MeetingType, date: NaiveDate) -> Meeting {
    meeting(kind, date, MeetingStatus::Held)
}

fn planned(kind: MeetingType, date: NaiveDate) -> Meeting {
    meeting(kind, date, MeetingStatus::Planned)
}

fn household(id: &str, approved: NaiveDate) -> CarerHousehold {
    CarerHousehold {
        id: id.to_owned(),
        name: "Sam and Alex Rivers".to_owned(),
        carers: Vec::new(),
        approved,
        approval_terms: None,
        address: None,
        supervising_social_worker: None,
        reviewing_officer: None,
        reviews: Vec::new(),
    }
}

/// (number, due, done) of the items of one kind, in output order.
fn rows(items: &[DueItem], kind: DueKind) -> Vec<(Option<u32>, NaiveDate, Option<NaiveDate>)> {
    items
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| (i.number, i.due, i.done))
        .collect()
}

/// The items of one kind.
fn of(items: &[DueItem], kind: DueKind) -> Vec<&DueItem> {
    items.iter().filter(|i| i.kind == kind).collect()
}

/// The one item of a kind; fails the test if there is not exactly one.
fn only(items: &[DueItem], kind: DueKind) -> &DueItem {
    let found = of(items, kind);
    assert_eq!(found.len(), 1, "expected one {kind:?}, got {found:#?}");
    found[0]
}
