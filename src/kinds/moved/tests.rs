//! The planning rule of the notice that a review moved, on Lily-Mae's own case file
//! (NM-1003: her first review booked for Wednesday 9 December 2026, no review held yet).

use super::*;
use crate::model::{Meeting, Method};
use crate::plan::Audience;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

fn lily_mae() -> Case {
    let text = include_str!("../../../cases/NM-1003.yaml");
    let value = crate::load::yaml::parse_value(text).expect("valid yaml");
    serde_json::from_value(value).expect("a valid case")
}

/// Lily-Mae's review, its packs sent on 25 November, moved from 9 to 11 December.
fn moved() -> Case {
    let mut case = lily_mae();
    let review = &mut case.meetings[0];
    review.packs_sent = Some(d(2026, 11, 25));
    review.date = d(2026, 12, 11);
    case
}

/// A copy of `path` sent to `reader` on `sent`.
fn doc(path: &str, kind: &str, reader: &str, sent: NaiveDate) -> SentDocument {
    SentDocument {
        path: path.to_owned(),
        archived: format!("{sent}/{path}"),
        kind: kind.to_owned(),
        case: "NM-1003".to_owned(),
        reader: reader.to_owned(),
        reader_name: reader.to_owned(),
        audience: Audience::Parent,
        variant: Variant::Standard,
        dated: sent,
        sent,
        method: Method::Post,
        to: Vec::new(),
        sent_by: "test".to_owned(),
        sha256: String::new(),
        bytes: 0,
        facts_sha256: String::new(),
        amends: None,
    }
}

/// The pack for 9 December as it went on 25 November.
fn archive() -> Vec<SentDocument> {
    let day = d(2026, 11, 25);
    let folder = "NM-1003/pack-2026-12-09";
    vec![
        doc(
            &format!("{folder}/child-invitation.pdf"),
            "pack-invitation",
            "child",
            day,
        ),
        doc(
            &format!("{folder}/child-form.pdf"),
            "pack-form",
            "child",
            day,
        ),
        doc(
            &format!("{folder}/mum-invitation.pdf"),
            "pack-invitation",
            "mum",
            day,
        ),
        doc(
            &format!("{folder}/social-worker-reminder.pdf"),
            "social-worker-reminder",
            "social-worker",
            day,
        ),
    ]
}

fn old(case: &Case, archive: &[SentDocument]) -> Option<(NaiveDate, NaiveDate, Vec<String>)> {
    let sent: Vec<&SentDocument> = archive.iter().collect();
    old_pack(case, 0, &sent).map(|p| {
        let readers = p.readers.iter().map(|r| (*r).to_owned()).collect();
        (p.date, p.went, readers)
    })
}

#[test]
fn a_booked_review_that_moved_after_its_pack_went_is_told_to_everyone_the_pack_went_to() {
    let (from, went, readers) = old(&moved(), &archive()).expect("an old pack");
    assert_eq!((from, went), (d(2026, 12, 9), d(2026, 11, 25)));
    assert_eq!(readers, ["child", "mum", "social-worker"]);
}

#[test]
fn no_notice_while_the_review_keeps_its_date_or_before_its_pack_went() {
    let mut same = lily_mae();
    same.meetings[0].packs_sent = Some(d(2026, 11, 25));
    assert_eq!(
        old(&same, &archive()),
        None,
        "the pack is for the booked date"
    );
    assert_eq!(old(&moved(), &[]), None, "nothing went");
    // The case file says its packs went on another day than the archive's: not this pack.
    let mut other_day = moved();
    other_day.meetings[0].packs_sent = Some(d(2026, 11, 26));
    assert_eq!(old(&other_day, &archive()), None);
    // Packs for a review not yet booked say no `packs_sent`: no booked review moved.
    let mut unbooked = moved();
    unbooked.meetings[0].packs_sent = None;
    assert_eq!(old(&unbooked, &archive()), None);
}

#[test]
fn a_pack_for_a_meeting_held_on_its_date_or_before_the_last_review_did_not_move() {
    let mut held = moved();
    let mut past: Meeting = held.meetings[0].clone();
    past.status = MeetingStatus::Held;
    past.date = d(2026, 12, 9);
    held.meetings.push(past.clone());
    assert_eq!(old(&held, &archive()), None, "held on the old date");
    // A review held since the pack went: the pack was for an earlier review.
    let mut since = moved();
    past.date = d(2026, 12, 1);
    since.meetings.push(past);
    assert_eq!(old(&since, &archive()), None, "held after the pack went");
}

#[test]
fn a_review_called_off_and_booked_again_is_a_move() {
    let mut case = lily_mae();
    let mut called_off = case.meetings[0].clone();
    called_off.status = MeetingStatus::Cancelled;
    called_off.packs_sent = Some(d(2026, 11, 25));
    case.meetings[0].date = d(2026, 12, 11);
    case.meetings.push(called_off);
    let (from, _, _) = old(&case, &archive()).expect("an old pack");
    assert_eq!(from, d(2026, 12, 9));
}

#[test]
fn the_latest_pack_to_go_is_the_one_moved_from() {
    let mut case = moved();
    case.meetings[0].packs_sent = Some(d(2026, 12, 1));
    case.meetings[0].date = d(2026, 12, 16);
    let mut sent = archive();
    let second = "NM-1003/pack-2026-12-11/dad-invitation.pdf";
    sent.push(doc(second, "pack-invitation", "dad", d(2026, 12, 1)));
    let (from, went, readers) = old(&case, &sent).expect("an old pack");
    assert_eq!(
        (from, went, readers),
        (d(2026, 12, 11), d(2026, 12, 1), vec!["dad".to_owned()])
    );
}

#[test]
fn the_booked_review_is_the_earliest_planned_not_past_and_packs_are_found_by_folder() {
    let case = moved();
    assert_eq!(booked_reviews(&case, d(2026, 11, 25)), [0]);
    assert_eq!(booked_reviews(&case, d(2026, 12, 12)), Vec::<usize>::new());
    let path = "NM-1003/pack-2026-12-09/mum-form.pdf";
    assert_eq!(pack_date("NM-1003", path), Some(d(2026, 12, 9)));
    assert_eq!(pack_date("NM-100", path), None);
    assert_eq!(
        pack_date("NM-1003", "NM-1003/record-2026-12-09/mum.pdf"),
        None
    );
    let notices = [doc(
        "NM-1003/pack-2026-12-11/mum-review-moved.pdf",
        "review-moved",
        "mum",
        d(2026, 11, 26),
    )];
    assert!(pack_documents(&notices).is_empty(), "a notice is no pack");
}
