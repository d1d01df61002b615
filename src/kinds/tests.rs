//! The kinds' planning rules, on case files written here (no disk): which documents a case
//! gets, and the date each is given.

use super::*;
use crate::model::{Form, Service};
use crate::schedule::{Calendar, schedule_case};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> T {
    let (value, _) = crate::load::yaml::parse(text).expect("valid yaml");
    serde_json::from_value(value).expect("valid data")
}

/// In care from Monday 2 March 2026 (born 10 June 2014: 11 until June 2026), IRO allocated on
/// 3 March; the first review held on 25 March, its record not sent. The second is planned for
/// Tuesday 23 June 2026 (`BOOKING` is its time and venue): its packs go 15 working days
/// before, by Tuesday 2 June, and are made from 28 days before that, 5 May.
const CASE: &str = "\
id: T-1
child:
  legal_name: Test Child
  preferred_name: Sam
  date_of_birth: 2014-06-10
looked_after:
  - from: 2026-03-02LEFT
iro:
  id: iro-hokafor
  allocated: ALLOCATED
  introduced: 2026-03-05
social_worker:
  name: Sol Worker
meetings:
  - type: lac-review
    date: 2026-03-25
    participation: PN1
  - type: lac-review
    date: 2026-06-23
    status: plannedBOOKING
disputes:
  - theme: contact
    issue: Family time has not been arranged.
    raised: 2026-04-01
    stages:
      - stage: 1
        to: team manager
        sent: 2026-04-01
";

const BOOKING: &str = "\n    time: \"10:00\"\n    venue: Moorgate House, room 2";

/// The case with these changes.
struct Edit {
    booked: bool,
    allocated: NaiveDate,
    left: Option<NaiveDate>,
}

impl Default for Edit {
    fn default() -> Self {
        Edit {
            booked: true,
            allocated: d(2026, 3, 3),
            left: None,
        }
    }
}

fn data(edit: Edit, documents_from: Option<NaiveDate>) -> ServiceData {
    let text = CASE
        .replace("BOOKING", if edit.booked { BOOKING } else { "" })
        .replace("ALLOCATED", &edit.allocated.to_string())
        .replace(
            "LEFT",
            &edit
                .left
                .map(|l| format!("\n    to: {l}"))
                .unwrap_or_default(),
        );
    let mut service: Service = parse(include_str!("../../service.yaml"));
    service.documents_from = documents_from;
    let form: Form = parse(include_str!("../../forms/child-8-12.yaml"));
    ServiceData {
        service,
        cases: vec![parse(&text)],
        carers: Vec::new(),
        forms: vec![form],
        form_translations: Vec::new(),
    }
}

/// Every job's kind name, path and date, with `--date` when given.
fn plan_on(data: &ServiceData, as_of: NaiveDate, date: Option<NaiveDate>) -> Vec<Job<'_>> {
    let calendar = Calendar::of_service(&data.service);
    let schedules = (data.cases.iter())
        .map(|c| {
            (
                c.id.clone(),
                schedule_case(c, &data.service.timescales, &calendar),
            )
        })
        .collect();
    let selection = Selection {
        date,
        ..Selection::default()
    };
    plan_jobs(
        data,
        &selection,
        &schedules,
        as_of,
        &crate::send::Archive::default(),
    )
}

fn kinds(jobs: &[Job]) -> Vec<&'static str> {
    let mut names: Vec<&str> = jobs.iter().map(|j| j.kind.name).collect();
    names.dedup();
    names
}

#[test]
fn a_review_gets_packs_only_once_it_is_booked() {
    let as_of = d(2026, 6, 1);
    let unbooked = data(
        Edit {
            booked: false,
            ..Edit::default()
        },
        None,
    );
    let jobs = plan_on(&unbooked, as_of, None);
    assert!(
        !kinds(&jobs)
            .iter()
            .any(|k| k.starts_with("pack") || *k == "social-worker-reminder"),
        "{:?}",
        kinds(&jobs)
    );
    let booked = data(Edit::default(), None);
    let jobs = plan_on(&booked, as_of, None);
    for kind in ["pack-invitation", "pack-form", "social-worker-reminder"] {
        assert!(
            kinds(&jobs).contains(&kind),
            "no {kind}: {:?}",
            kinds(&jobs)
        );
    }
    let invitation = jobs.iter().find(|j| j.kind.name == "pack-invitation");
    assert_eq!(
        invitation.map(|j| j.path.as_str()),
        Some("T-1/pack-2026-06-23/child-invitation.pdf")
    );
}

#[test]
fn every_document_is_dated_the_build_day_or_the_date_asked_for() {
    let data = data(Edit::default(), None);
    let as_of = d(2026, 6, 1);
    let jobs = plan_on(&data, as_of, None);
    for kind in [
        "introduction-letter",
        "pack-invitation",
        "record",
        "dispute-notice",
    ] {
        assert!(
            kinds(&jobs).contains(&kind),
            "no {kind}: {:?}",
            kinds(&jobs)
        );
    }
    assert!(jobs.iter().all(|j| j.date == as_of));
    let asked = d(2026, 6, 3);
    assert!(
        plan_on(&data, as_of, Some(asked))
            .iter()
            .all(|j| j.date == asked)
    );
}

#[test]
fn a_letter_is_worded_for_the_age_on_the_build_day() {
    let data = data(Edit::default(), None);
    // Introduced in March 2026, aged 11; built when 13.
    let jobs = plan_on(&data, d(2027, 7, 1), None);
    let letter = jobs.iter().find(|j| j.kind.name == "introduction-letter");
    assert_eq!(
        letter.map(|j| j.template.as_str()),
        Some("letters/introduction/13-plus.md")
    );
}

#[test]
fn meetings_and_stages_before_the_documents_start_get_no_documents() {
    let as_of = d(2026, 6, 1);
    let recorded = |jobs: &[Job]| {
        (jobs.iter())
            .filter(|j| matches!(j.kind.name, "record" | "review-letter" | "dispute-notice"))
            .count()
    };
    assert!(recorded(&plan_on(&data(Edit::default(), None), as_of, None)) > 0);
    // documents_from after the review and the dispute's stage.
    let later = data(Edit::default(), Some(d(2026, 4, 2)));
    let jobs = plan_on(&later, as_of, None);
    assert_eq!(recorded(&jobs), 0, "{:?}", kinds(&jobs));
    // The booked review is after it: its packs still come.
    assert!(kinds(&jobs).contains(&"pack-invitation"));
    // The same for an IRO allocated after them.
    let allocated = data(
        Edit {
            allocated: d(2026, 4, 2),
            ..Edit::default()
        },
        None,
    );
    assert_eq!(recorded(&plan_on(&allocated, as_of, None)), 0);
    // On the day itself a meeting is not history.
    let same_day = data(Edit::default(), Some(d(2026, 3, 25)));
    let jobs = plan_on(&same_day, as_of, None);
    assert!(kinds(&jobs).contains(&"record"), "{:?}", kinds(&jobs));
}

#[test]
fn a_child_who_has_left_care_gets_no_introduction_letter() {
    let as_of = d(2026, 6, 1);
    let intro = |edit| {
        let data = data(edit, None);
        plan_on(&data, as_of, None)
            .iter()
            .any(|j| j.kind.name == "introduction-letter")
    };
    assert!(intro(Edit::default()));
    // Leaving care on the build's day has happened; the day after has not.
    for (left, wanted) in [
        (d(2026, 5, 1), false),
        (as_of, false),
        (d(2026, 6, 2), true),
    ] {
        let edit = Edit {
            left: Some(left),
            ..Edit::default()
        };
        assert_eq!(intro(edit), wanted, "left care on {left}");
    }
}

#[test]
fn a_record_never_gives_a_booked_date_already_past() {
    let data = data(Edit::default(), None);
    let next_in = |kind: &str, as_of| {
        let jobs = plan_on(&data, as_of, None);
        let record = jobs
            .iter()
            .find_map(|j| j.record().filter(|_| j.kind.name == kind));
        record.and_then(|r| r.next)
    };
    let next = |as_of| next_in("record", as_of);
    // The second review is due by 25 June (3 months after 25 March), booked for 23 June.
    let due = d(2026, 6, 25);
    assert_eq!(
        next(d(2026, 6, 1)),
        Some((
            crate::model::MeetingType::LacReview,
            due,
            Some(d(2026, 6, 23))
        ))
    );
    // On 24 June the booking has passed and the review is not recorded as held.
    assert_eq!(
        next(d(2026, 6, 24)),
        Some((crate::model::MeetingType::LacReview, due, None))
    );
    // Past its due date, the record still says when it was due; the letter to the child
    // does not tell a "by" date already past.
    let late = d(2026, 6, 26);
    assert_eq!(
        next(late),
        Some((crate::model::MeetingType::LacReview, due, None))
    );
    assert_eq!(
        next_in("review-letter", d(2026, 6, 24)).map(|n| n.1),
        Some(due)
    );
    assert_eq!(next_in("review-letter", late), None);
}

#[test]
fn every_kind_has_its_own_name_and_is_found_by_it() {
    for kind in KINDS {
        let info = kind.info();
        let same: Vec<_> = KINDS
            .iter()
            .filter(|k| k.info().name == info.name)
            .collect();
        assert_eq!(same.len(), 1, "{}", info.name);
        assert!(std::ptr::eq(document_kind(info.name).expect("found"), info));
        assert!(std::ptr::eq(kind_of(info).info(), info));
    }
}

#[test]
fn only_accepts_kinds_and_groups() {
    let letters = Selection {
        only: Some("letters".into()),
        ..Selection::default()
    };
    let intro = introduction::IntroductionLetter.info();
    let form = document_kind("pack-form").expect("a kind");
    assert!(letters.wants(intro));
    assert!(!letters.wants(form));
    let packs = Selection {
        only: Some("packs".into()),
        ..Selection::default()
    };
    assert!(!packs.wants(intro));
    assert!(packs.wants(document_kind("pack-invitation").expect("a kind")));
    assert!(kind_names().contains(&"social-worker-reminder"));
}
