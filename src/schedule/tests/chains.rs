//! Child protection conferences, secure accommodation, private fostering and foster carers.

use super::*;

use DueKind::*;
use MeetingType::{CpInitial, CpReview};

fn with_cp(
    id: &str,
    strategy: NaiveDate,
    plan_from: Option<NaiveDate>,
    plan_to: Option<NaiveDate>,
) -> Case {
    let mut c = case(id);
    c.child_protection = Some(ChildProtection {
        strategy_discussion: strategy,
        category: None,
        plan_from,
        plan_to,
    });
    c
}

#[test]
fn child_protection_across_the_queens_funeral() {
    // Strategy discussion Tue 13 Sep 2022. Initial conference, 15 working days: Wed 14 (1),
    // Thu 15 (2), Fri 16 (3), [Mon 19 Sep the Queen's funeral], Tue 20 to Fri 23 (7), Mon 26 to
    // Fri 30 (12), Mon 3 (13), Tue 4 (14), Wed 5 Oct (15) → Wed 5 Oct 2022.
    //   Held Tue 4 Oct; plan from then. First review 3 months on: Wed 4 Jan 2023; held then.
    //   Second 6 months on: Tue 4 Jul 2023; held late Tue 11 Jul. Third: Thu 11 Jan 2024, open.
    let mut c = with_cp("CP-1", d(2022, 9, 13), Some(d(2022, 10, 4)), None);
    c.meetings = vec![
        held(CpInitial, d(2022, 10, 4)),
        held(CpReview, d(2023, 1, 4)),
        held(CpReview, d(2023, 7, 11)),
    ];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, CpInitialConference),
        [(None, d(2022, 10, 5), Some(d(2022, 10, 4)))]
    );
    let initial = only(&items, CpInitialConference);
    assert_eq!(
        (initial.basis, initial.basis_label.as_str()),
        (d(2022, 9, 13), "strategy discussion")
    );
    assert_eq!(
        rows(&items, CpReviewConference),
        vec![
            (Some(1), d(2023, 1, 4), Some(d(2023, 1, 4))),
            (Some(2), d(2023, 7, 4), Some(d(2023, 7, 11))),
            (Some(3), d(2024, 1, 11), None),
        ]
    );
    let reviews = of(&items, CpReviewConference);
    assert_eq!(reviews[0].basis_label, "initial conference");
    assert_eq!(reviews[2].basis_label, "previous review conference");
    assert_eq!(
        reviews.iter().map(|i| i.meeting).collect::<Vec<_>>(),
        [Some(1), Some(2), None]
    );
    // No looked after period: no Looked After Review and no IRO letter.
    assert!(of(&items, LacReview).is_empty() && of(&items, IroAllocation).is_empty());
    // After the initial conference (Tue 4 Oct 2022): decisions, 5 working days → Wed 5, Thu 6,
    // Fri 7, Mon 10, Tue 11 Oct. After the review conference of Wed 4 Jan 2023 the record, 20
    // working days → Thu 5, Fri 6 (2), to Fri 13 (7), to Fri 20 (12), to Fri 27 (17), Mon 30,
    // Tue 31, Wed 1 Feb (20). Decisions after Wed 4 Jan 2023: Thu 5, Fri 6, Mon 9, Tue 10,
    // Wed 11 Jan; after Tue 11 Jul 2023: Wed 12, Thu 13, Fri 14, Mon 17, Tue 18 Jul.
    let decisions: Vec<_> = of(&items, DecisionsSent)
        .iter()
        .map(|i| (i.number, i.due))
        .collect();
    assert_eq!(
        decisions,
        [
            (None, d(2022, 10, 11)),
            (Some(1), d(2023, 1, 11)),
            (Some(2), d(2023, 7, 18))
        ]
    );
    let record = of(&items, RecordSent)[1];
    assert_eq!(
        (record.due, record.basis_label.as_str()),
        (d(2023, 2, 1), "Review Child Protection Conference held")
    );
}

#[test]
fn initial_conference_not_yet_held_across_the_coronation() {
    // Strategy discussion Tue 25 Apr 2023: Wed 26 (1), Thu 27 (2), Fri 28 (3), [Mon 1 May],
    // Tue 2 to Fri 5 (7), [Mon 8 May the coronation], Tue 9 to Fri 12 (11), Mon 15 (12),
    // Tue 16 (13), Wed 17 (14), Thu 18 May (15) → Thu 18 May 2023.
    // Reports back 3 from Thu 18 May: Wed 17, Tue 16, Mon 15 May.
    let c = with_cp("CP-2", d(2023, 4, 25), None, None);
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, CpInitialConference),
        [(None, d(2023, 5, 18), None)]
    );
    assert_eq!(rows(&items, ReportsToIro), [(None, d(2023, 5, 15), None)]);
    // 15 back from the due date is the strategy discussion itself.
    assert_eq!(
        rows(&items, ConsultationPacks),
        [(None, d(2023, 4, 25), None)]
    );
    assert!(of(&items, CpReviewConference).is_empty());
    assert_eq!(
        next_review(&items).map(|i| i.kind),
        Some(CpInitialConference)
    );
}

#[test]
fn no_plan_made_means_no_review_conferences() {
    // Initial held Mon 15 May 2023 but no plan was made (plan_from absent): nothing after it.
    let mut c = with_cp("CP-3", d(2023, 4, 25), None, None);
    c.meetings = vec![held(CpInitial, d(2023, 5, 15))];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, CpInitialConference),
        [(None, d(2023, 5, 18), Some(d(2023, 5, 15)))]
    );
    assert!(of(&items, CpReviewConference).is_empty());
    assert!(of(&items, ConsultationPacks).is_empty());
    assert_eq!(next_review(&items), None);
}

#[test]
fn plan_ended_stops_the_conferences() {
    // Strategy discussion Mon 20 Nov 2023; initial held Thu 30 Nov 2023. First review due
    // 30 Nov + 3 months = Thu 29 Feb 2024 (leap year); held Tue 27 Feb 2024, which ended the
    // plan. The second would be due 27 Aug 2024: after the plan ended, so no item.
    let mut c = with_cp(
        "CP-4",
        d(2023, 11, 20),
        Some(d(2023, 11, 30)),
        Some(d(2024, 2, 27)),
    );
    c.meetings = vec![
        held(CpInitial, d(2023, 11, 30)),
        held(CpReview, d(2024, 2, 27)),
    ];
    let items = schedule_case(&c, &ts(), &cal());
    // Initial: 15 working days from Mon 20 Nov → Tue 21 to Fri 24 (4), to Fri 1 Dec (9), to
    // Fri 8 Dec (14), Mon 11 Dec (15).
    assert_eq!(
        rows(&items, CpInitialConference),
        [(None, d(2023, 12, 11), Some(d(2023, 11, 30)))]
    );
    assert_eq!(
        rows(&items, CpReviewConference),
        [(Some(1), d(2024, 2, 29), Some(d(2024, 2, 27)))]
    );
    assert!(of(&items, ConsultationPacks).is_empty());

    // A year earlier, not leap: initial Wed 30 Nov 2022 → first review due Tue 28 Feb 2023.
    // The plan ended on Wed 15 Feb 2023 before it was due: no review conference at all.
    let mut c = with_cp(
        "CP-5",
        d(2022, 11, 14),
        Some(d(2022, 11, 30)),
        Some(d(2023, 2, 15)),
    );
    c.meetings = vec![held(CpInitial, d(2022, 11, 30))];
    let items = schedule_case(&c, &ts(), &cal());
    assert!(of(&items, CpReviewConference).is_empty());
    // Had the plan run to 1 Mar 2023, the review due 28 Feb was missed and stays open.
    c.child_protection.as_mut().expect("cp").plan_to = Some(d(2023, 3, 1));
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, CpReviewConference),
        [(Some(1), d(2023, 2, 28), None)]
    );
}

#[test]
fn secure_accommodation_reviews_end_with_the_placement() {
    // Placed Wed 31 Jan 2024: first review within 1 month → Thu 29 Feb 2024 (leap year).
    // Held Wed 28 Feb. Then every 3 months: Tue 28 May; held that day. Next would be 28 Aug
    // 2024, but the placement ended Mon 15 Jul 2024: no item.
    let mut c = case("SC-1");
    c.secure = Some(SecurePlacement {
        from: d(2024, 1, 31),
        to: Some(d(2024, 7, 15)),
        authority: None,
    });
    c.meetings = vec![
        held(MeetingType::SecureReview, d(2024, 2, 28)),
        held(MeetingType::SecureReview, d(2024, 5, 28)),
    ];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, DueKind::SecureReview),
        vec![
            (Some(1), d(2024, 2, 29), Some(d(2024, 2, 28))),
            (Some(2), d(2024, 5, 28), Some(d(2024, 5, 28)))
        ]
    );
    assert_eq!(next_review(&items), None);
    // A year earlier, not leap: placed Tue 31 Jan 2023 → first due Tue 28 Feb 2023, open.
    let mut c = case("SC-2");
    c.secure = Some(SecurePlacement {
        from: d(2023, 1, 31),
        to: None,
        authority: None,
    });
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, DueKind::SecureReview),
        [(Some(1), d(2023, 2, 28), None)]
    );
    assert_eq!(
        only(&items, DueKind::SecureReview).basis_label,
        "placed in secure accommodation"
    );
}

#[test]
fn private_fostering_reviews() {
    // Began Thu 31 Aug 2023: first review 3 months on → Thu 30 Nov 2023 (clamped); held then.
    // Next 6 months on: 30 Nov + 6 = Thu 30 May 2024, open. Counted back 3 working days from
    // it: Wed 29, Tue 28, [Mon 27 May spring bank holiday], Fri 24 May.
    let mut c = case("PF-1");
    c.private_fostering = Some(PrivateFostering {
        from: d(2023, 8, 31),
        notified: None,
        to: None,
        carer: None,
        visits: Vec::new(),
    });
    c.meetings = vec![held(MeetingType::PrivateFosteringReview, d(2023, 11, 30))];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, DueKind::PrivateFosteringReview),
        vec![
            (Some(1), d(2023, 11, 30), Some(d(2023, 11, 30))),
            (Some(2), d(2024, 5, 30), None)
        ]
    );
    assert_eq!(
        rows(&items, ReportsToIro),
        [(Some(2), d(2024, 5, 24), None)]
    );
}

#[test]
fn foster_carer_reviews_yearly_from_a_leap_day() {
    // Approved Thu 29 Feb 2024: first review within a year → Fri 28 Feb 2025 (no 29 Feb).
    // Held Thu 20 Feb 2025; decisions sent Wed 26 Feb (due 5 working days on: Fri 21, Mon 24,
    // Tue 25, Wed 26, Thu 27 Feb). Next due Fri 20 Feb 2026; planned for Tue 10 Feb 2026.
    // Before Tue 10 Feb 2026: 15 working days back: Mon 9 (1), Fri 6 to Mon 2 (6), Fri 30 Jan
    // to Mon 26 (11), Fri 23 (12), Thu 22 (13), Wed 21 (14), Tue 20 Jan (15); 3 back: Mon 9,
    // Fri 6, Thu 5 Feb.
    let mut h = household("FC-1", d(2024, 2, 29));
    let mut review = held(MeetingType::FosterCarerReview, d(2025, 2, 20));
    review.decisions_sent = Some(d(2025, 2, 26));
    h.reviews = vec![
        review,
        planned(MeetingType::FosterCarerReview, d(2026, 2, 10)),
    ];
    let items = schedule_carer(&h, &ts(), &cal());
    assert_eq!(
        rows(&items, DueKind::FosterCarerReview),
        vec![
            (Some(1), d(2025, 2, 28), Some(d(2025, 2, 20))),
            (Some(2), d(2026, 2, 20), None)
        ]
    );
    assert!(
        items
            .iter()
            .all(|i| i.subject == "FC-1" && i.subject_kind == SubjectKind::CarerHousehold)
    );
    assert_eq!(
        rows(&items, DecisionsSent),
        [(Some(1), d(2025, 2, 27), Some(d(2025, 2, 26)))]
    );
    assert_eq!(only(&items, DecisionsSent).on_time(), Some(true));
    assert_eq!(
        rows(&items, ConsultationPacks),
        [(Some(2), d(2026, 1, 20), None)]
    );
    assert_eq!(rows(&items, ReportsToIro), [(Some(2), d(2026, 2, 5), None)]);
    assert_eq!(only(&items, ConsultationPacks).meeting, Some(1));
    let first = &of(&items, DueKind::FosterCarerReview)[0];
    assert_eq!(
        (first.basis, first.basis_label.as_str()),
        (d(2024, 2, 29), "approved as foster carers")
    );
}

#[test]
fn a_case_runs_several_chains_at_once() {
    // Looked after Mon 2 Dec 2024 (review due Thu 2 Jan 2025) and on a plan whose strategy
    // discussion was Mon 2 Dec 2024 too: initial conference, 15 working days → Tue 3 to Fri 6
    // (4), to Fri 13 (9), Mon 16 to Fri 20 (14), Mon 23 Dec (15).
    let mut c = looked_after("MIX-1", d(2024, 12, 2), LegalStatus::C1);
    c.child_protection = Some(ChildProtection {
        strategy_discussion: d(2024, 12, 2),
        category: None,
        plan_from: None,
        plan_to: None,
    });
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        next_review(&items).map(|i| (i.kind, i.due)),
        Some((CpInitialConference, d(2024, 12, 23)))
    );
    assert_eq!(
        next_review_of(&items, LacReview).map(|i| i.due),
        Some(d(2025, 1, 2))
    );
    // Each chain has its own pack, told apart by `detail`.
    let packs: Vec<_> = of(&items, ConsultationPacks)
        .iter()
        .map(|i| i.detail.clone())
        .collect();
    assert_eq!(
        packs,
        [
            Some("before Initial Child Protection Conference".to_owned()),
            Some("before Looked After Review 1".to_owned())
        ]
    );
}

#[test]
fn r16_initial_conference_preparation_never_falls_before_the_strategy_discussion() {
    // Strategy discussion Mon 2 Nov 2026, and a service that holds initial conferences within
    // 10 working days: Tue 3 to Fri 6 (4), Mon 9 to Fri 13 (9), Mon 16 Nov (10). Counted back
    // 15 working days from Mon 16 Nov, the packs and the social worker's contact would be due
    // Mon 26 Oct, a week before the discussion that calls the conference: they are due on the
    // day of the discussion, Mon 2 Nov. Reports, 3 working days before: Wed 11 Nov.
    let c = with_cp("CP-9", d(2026, 11, 2), None, None);
    let t = Timescales {
        cp_initial_working_days: 10,
        ..ts()
    };
    let items = schedule_case(&c, &t, &cal());
    assert_eq!(
        rows(&items, CpInitialConference),
        [(None, d(2026, 11, 16), None)]
    );
    assert_eq!(
        rows(&items, ConsultationPacks),
        [(None, d(2026, 11, 2), None)]
    );
    assert_eq!(
        rows(&items, SocialWorkerContact),
        [(None, d(2026, 11, 2), None)]
    );
    assert_eq!(rows(&items, ReportsToIro), [(None, d(2026, 11, 11), None)]);
}

#[test]
fn r16_private_fostering_visits_count_from_the_notification() {
    // Notified Mon 18 Aug 2025 (the arrangement began later, Mon 6 Oct). First visit within 7
    // working days: Tue 19 (1) to Fri 22 (4), [Mon 25 Aug summer bank holiday], Tue 26 (5),
    // Wed 27 (6), Thu 28 Aug (7) → Thu 28 Aug 2025; visited Wed 27 Aug. In the first year (to
    // 18 Aug 2026) each visit is due 6 weeks after the one before: 27 Aug + 42 days = Wed 8 Oct
    // 2025; visited Fri 3 Oct → Fri 14 Nov 2025. Visited Mon 10 Aug 2026, still in the first
    // year → Mon 21 Sep 2026; visited Mon 21 Sep 2026, after the first year → 12 weeks: Mon 14
    // Dec 2026, open.
    let mut c = case("PF-2");
    c.private_fostering = Some(PrivateFostering {
        from: d(2025, 10, 6),
        notified: Some(d(2025, 8, 18)),
        to: None,
        carer: None,
        visits: vec![
            d(2025, 8, 27),
            d(2025, 10, 3),
            d(2026, 8, 10),
            d(2026, 9, 21),
        ],
    });
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, DueKind::PrivateFosteringVisit),
        vec![
            (Some(1), d(2025, 8, 28), Some(d(2025, 8, 27))),
            (Some(2), d(2025, 10, 8), Some(d(2025, 10, 3))),
            (Some(3), d(2025, 11, 14), Some(d(2026, 8, 10))),
            (Some(4), d(2026, 9, 21), Some(d(2026, 9, 21))),
            (Some(5), d(2026, 12, 14), None),
        ]
    );
    let first = of(&items, DueKind::PrivateFosteringVisit)[0];
    assert_eq!(
        (first.basis, first.basis_label.as_str()),
        (d(2025, 8, 18), "council notified")
    );
}

#[test]
fn a_held_review_keeps_its_packs_only_when_the_file_says_when_they_went() {
    // Looked after Mon 2 Jun 2025. First review, 20 working days: Tue 3 to Fri 6 (4), to
    // Fri 13 (9), to Fri 20 (14), to Fri 27 (19), Mon 30 Jun (20); held Thu 26 Jun. Its packs,
    // 15 working days before the day it was held: Wed 25 (1) back to Mon 23 (3), Fri 20 to
    // Mon 16 (8), Fri 13 to Mon 9 (13), Fri 6 (14), Thu 5 Jun (15); sent that day, on time.
    // Second review held Tue 23 Sep 2025 with no date for its packs: no item (history). The
    // third is due 6 months later, Mon 23 Mar 2026, its packs 15 working days before: Fri 20
    // to Mon 16 (5), Fri 13 to Mon 9 (10), Fri 6 to Mon 2 Mar (15), still to send.
    let mut c = looked_after("PK-1", d(2025, 6, 2), LegalStatus::C2);
    let mut first = held(MeetingType::LacReview, d(2025, 6, 26));
    first.packs_sent = Some(d(2025, 6, 5));
    c.meetings = vec![first, held(MeetingType::LacReview, d(2025, 9, 23))];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, ConsultationPacks),
        [
            (Some(1), d(2025, 6, 5), Some(d(2025, 6, 5))),
            (Some(3), d(2026, 3, 2), None)
        ]
    );
    let packs = of(&items, ConsultationPacks)[0];
    assert_eq!(packs.meeting, Some(0));
    assert_eq!(
        (packs.basis, packs.basis_label.as_str()),
        (d(2025, 6, 26), "review held")
    );
    assert_eq!(packs.on_time(), Some(true));
    assert!(!packs.is_overdue(d(2030, 1, 1)), "sent is never overdue");
}
