//! Looked After Reviews, the IRO and introduction letter, extra reviews and short breaks.

use super::*;

use DueKind::*;
use MeetingType::LacReview as Lac;

#[test]
fn new_case_over_christmas_2024_has_every_first_item() {
    // Became looked after Mon 2 Dec 2024, nothing done yet.
    //   IRO and introduction letter: 5 working days → Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 Dec.
    //   First review: 20 working days, skipping 25, 26 Dec and 1 Jan → Thu 2 Jan 2025.
    //   Before it (no meeting planned, so counted back from the due date, Thu 2 Jan):
    //     15 working days: Tue 31 (1), Mon 30 (2), Fri 27 (3), [Thu 26, Wed 25], Tue 24 (4),
    //     Mon 23 (5), Fri 20 to Mon 16 (10), Fri 13 to Mon 9 (15) → Mon 9 Dec;
    //     3 working days: Tue 31, Mon 30, Fri 27 → Fri 27 Dec.
    let c = looked_after("NM-1", d(2024, 12, 2), LegalStatus::C1);
    let items = schedule_case(&c, &ts(), &cal());
    let got: Vec<_> = items
        .iter()
        .map(|i| (i.kind, i.number, i.due, i.done))
        .collect();
    assert_eq!(
        got,
        vec![
            (IroAllocation, None, d(2024, 12, 9), None),
            (IntroductionLetter, None, d(2024, 12, 9), None),
            (SocialWorkerContact, Some(1), d(2024, 12, 9), None),
            (ConsultationPacks, Some(1), d(2024, 12, 9), None),
            (ReportsToIro, Some(1), d(2024, 12, 27), None),
            (LacReview, Some(1), d(2025, 1, 2), None),
        ]
    );
    let review = only(&items, LacReview);
    assert_eq!(
        (review.basis, review.basis_label.as_str()),
        (d(2024, 12, 2), "became looked after")
    );
    assert_eq!(review.subject, "NM-1");
    assert_eq!(review.subject_kind, SubjectKind::Case);
    assert!(!review.is_overdue(d(2025, 1, 2)));
    assert!(review.is_overdue(d(2025, 1, 3)));
    assert_eq!(review.on_time(), None);
    let packs = only(&items, ConsultationPacks);
    assert_eq!(
        (packs.basis, packs.basis_label.as_str()),
        (d(2025, 1, 2), "review due")
    );
    assert_eq!(
        packs.detail.as_deref(),
        Some("before Looked After Review 1")
    );
    assert_eq!(next_review(&items).map(|i| i.due), Some(d(2025, 1, 2)));
}

#[test]
fn chain_over_easter_2024_with_a_late_review_moving_the_clock() {
    // Became looked after Thu 14 Mar 2024. First review, 20 working days: Fri 15 (1),
    // Mon 18 to Fri 22 (6), Mon 25 to Thu 28 (10), [Good Friday 29 Mar, Easter Monday 1 Apr],
    // Tue 2 to Fri 5 (14), Mon 8 to Fri 12 (19), Mon 15 Apr (20) → Mon 15 Apr.
    //   Held Fri 12 Apr (on time). Second due 3 months on: Fri 12 Jul.
    //   Held Tue 23 Jul (late). Third due 6 months from the actual date: Thu 23 Jan 2025.
    //   Held Fri 10 Jan 2025. Fourth due Thu 10 Jul 2025, open.
    let mut c = looked_after("NM-2", d(2024, 3, 14), LegalStatus::C2);
    c.meetings = vec![
        held(Lac, d(2024, 4, 12)),
        held(Lac, d(2024, 7, 23)),
        held(Lac, d(2025, 1, 10)),
    ];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, LacReview),
        vec![
            (Some(1), d(2024, 4, 15), Some(d(2024, 4, 12))),
            (Some(2), d(2024, 7, 12), Some(d(2024, 7, 23))),
            (Some(3), d(2025, 1, 23), Some(d(2025, 1, 10))),
            (Some(4), d(2025, 7, 10), None),
        ]
    );
    let reviews = of(&items, LacReview);
    assert_eq!(reviews[1].on_time(), Some(false));
    assert_eq!(reviews[2].on_time(), Some(true));
    assert_eq!(
        reviews.iter().map(|i| i.meeting).collect::<Vec<_>>(),
        [Some(0), Some(1), Some(2), None]
    );
    assert_eq!(reviews[2].basis, d(2024, 7, 23));
    assert_eq!(reviews[2].basis_label, "previous review");
    assert_eq!(next_review(&items).map(|i| i.number), Some(Some(4)));

    // After review 1 (Fri 12 Apr 2024): decisions in 5 working days → Mon 15 to Fri 19 Apr;
    // the record in 20 → Fri 19 Apr (5), Mon 22 to Fri 26 (10), Mon 29 Apr to Fri 3 May (15),
    // [Mon 6 May early May bank holiday], Tue 7 to Fri 10 (19), Mon 13 May (20).
    let first_after: Vec<_> = items
        .iter()
        .filter(|i| i.meeting == Some(0) && i.kind != LacReview)
        .collect();
    let got: Vec<_> = first_after
        .iter()
        .map(|i| (i.kind, i.number, i.due))
        .collect();
    assert_eq!(
        got,
        [
            (DecisionsSent, Some(1), d(2024, 4, 19)),
            (RecordSent, Some(1), d(2024, 5, 13))
        ]
    );
    assert_eq!(first_after[0].basis_label, "Looked After Review held");
}

#[test]
fn month_end_reviews_and_a_planned_meeting_as_the_target() {
    // Became looked after Fri 4 Aug 2023. First review, 20 working days: Mon 7 to Fri 11 (5),
    // to Fri 18 (10), to Fri 25 (15), [Mon 28 Aug bank holiday], Tue 29 to Fri 1 Sep (19),
    // Mon 4 Sep (20).
    //   Held Thu 31 Aug. Second due 31 Aug + 3 months = 30 Nov (clamped).
    //   A cancelled review on 15 Nov does not count. Held Thu 30 Nov.
    //   Third due 30 Nov + 6 months = Thu 30 May 2024, open; planned for Tue 21 May 2024.
    //   A stale planned meeting of 1 Nov 2023 (before the last held one) is ignored.
    //   Before the planned date, Tue 21 May 2024: 15 working days back: Mon 20 (1), Fri 17 to
    //   Tue 14 (5), Mon 13 (6), Fri 10 to Tue 7 (10), [Mon 6 May], Fri 3 to Wed 1 May (13),
    //   Tue 30 Apr (14), Mon 29 Apr (15) → Mon 29 Apr; 3 back: Mon 20, Fri 17, Thu 16 May.
    let mut c = looked_after("NM-3", d(2023, 8, 4), LegalStatus::V2);
    c.meetings = vec![
        held(Lac, d(2023, 8, 31)),
        planned(Lac, d(2023, 11, 1)),
        meeting(Lac, d(2023, 11, 15), MeetingStatus::Cancelled),
        held(Lac, d(2023, 11, 30)),
        planned(Lac, d(2024, 5, 21)),
    ];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, LacReview),
        vec![
            (Some(1), d(2023, 9, 4), Some(d(2023, 8, 31))),
            (Some(2), d(2023, 11, 30), Some(d(2023, 11, 30))),
            (Some(3), d(2024, 5, 30), None),
        ]
    );
    let open = next_review(&items).expect("an open review");
    assert_eq!(
        open.meeting,
        Some(4),
        "the open review points at the planned meeting"
    );
    assert_eq!(
        open.due,
        d(2024, 5, 30),
        "planning a date does not move the due date"
    );
    assert_eq!(
        rows(&items, ConsultationPacks),
        [(Some(3), d(2024, 4, 29), None)]
    );
    assert_eq!(
        rows(&items, SocialWorkerContact),
        [(Some(3), d(2024, 4, 29), None)]
    );
    assert_eq!(
        rows(&items, ReportsToIro),
        [(Some(3), d(2024, 5, 16), None)]
    );
    let packs = only(&items, ConsultationPacks);
    assert_eq!(
        (packs.basis, packs.basis_label.as_str()),
        (d(2024, 5, 21), "review planned")
    );
    assert_eq!(packs.meeting, Some(4));
    // Only held meetings get decisions and records: two of them.
    assert_eq!(of(&items, DecisionsSent).len(), 2);
}

#[test]
fn second_care_period_restarts_the_chain() {
    // First period Mon 6 Jan 2020 to Fri 20 Mar 2020. First review, 20 working days with no
    // holidays = 4 weeks → Mon 3 Feb; held that day (the last day on time). The second would be
    // due 3 May, after the period ended, so no item.
    // A review recorded on 15 Apr 2020, between the periods, belongs to neither chain.
    // Second period from Mon 4 May 2020: Tue 5 (1), Wed 6 (2), Thu 7 (3), [Fri 8 VE day],
    // Mon 11 to Fri 15 (8), Mon 18 to Fri 22 (13), [Mon 25 May spring bank holiday], Tue 26
    // to Fri 29 (17), Mon 1 Jun (18), Tue 2 (19), Wed 3 Jun (20) → review 1 again, Wed 3 Jun.
    // IRO for the latest period: 5 working days → Tue 5, Wed 6, Thu 7, Mon 11, Tue 12 May.
    let mut c = looked_after("NM-4", d(2020, 1, 6), LegalStatus::V2);
    c.looked_after = vec![
        CarePeriod {
            from: d(2020, 1, 6),
            to: Some(d(2020, 3, 20)),
            reviews_before: None,
        },
        CarePeriod {
            from: d(2020, 5, 4),
            to: None,
            reviews_before: None,
        },
    ];
    c.iro = Some(crate::model::IroAllocation {
        id: "iro-jpatel".into(),
        allocated: d(2020, 5, 11),
        introduced: Some(d(2020, 5, 14)),
    });
    c.meetings = vec![held(Lac, d(2020, 2, 3)), held(Lac, d(2020, 4, 15))];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, LacReview),
        vec![
            (Some(1), d(2020, 2, 3), Some(d(2020, 2, 3))),
            (Some(1), d(2020, 6, 3), None)
        ]
    );
    let reviews = of(&items, LacReview);
    assert_eq!(reviews[0].on_time(), Some(true));
    assert_eq!(reviews[1].basis, d(2020, 5, 4));
    assert_eq!(
        rows(&items, IroAllocation),
        [(None, d(2020, 5, 12), Some(d(2020, 5, 11)))]
    );
    assert_eq!(
        rows(&items, IntroductionLetter),
        [(None, d(2020, 5, 12), Some(d(2020, 5, 14)))]
    );
    assert_eq!(only(&items, IroAllocation).on_time(), Some(true));
    assert_eq!(only(&items, IntroductionLetter).on_time(), Some(false));
    // Wed 3 Jun back 3 working days: Tue 2, Mon 1, Fri 29 May.
    assert_eq!(
        rows(&items, ReportsToIro),
        [(Some(1), d(2020, 5, 29), None)]
    );
}

#[test]
fn period_ending_after_a_missed_due_date_keeps_the_missed_review() {
    // Became looked after Mon 6 Jan 2020, left Fri 28 Feb 2020 with no review. The first was
    // due Mon 3 Feb, while still looked after, so it stays as missed; nothing comes after it.
    let mut c = looked_after("NM-5", d(2020, 1, 6), LegalStatus::V2);
    c.looked_after[0].to = Some(d(2020, 2, 28));
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(rows(&items, LacReview), [(Some(1), d(2020, 2, 3), None)]);
    // Leaving on Fri 31 Jan, before the due date: no review at all.
    c.looked_after[0].to = Some(d(2020, 1, 31));
    let items = schedule_case(&c, &ts(), &cal());
    assert!(of(&items, LacReview).is_empty());
    assert!(of(&items, ConsultationPacks).is_empty());
}

#[test]
fn r16_short_breaks_are_reviewed_under_regulation_48() {
    // On short breaks from Mon 3 Jul 2023: the first review within 3 months of the first
    // break, Tue 3 Oct 2023; a review planned for Tue 1 Aug 2023 is its date. Held then, the
    // next is due at most 6 months later, Thu 1 Feb 2024.
    for code in [LegalStatus::V3, LegalStatus::V4] {
        let mut c = looked_after("NM-6", d(2023, 7, 3), code);
        c.meetings = vec![planned(Lac, d(2023, 8, 1))];
        let items = schedule_case(&c, &ts(), &cal());
        assert_eq!(rows(&items, LacReview), [(Some(1), d(2023, 10, 3), None)]);
        let review = only(&items, LacReview);
        assert_eq!(
            (review.basis, review.basis_label.as_str()),
            (d(2023, 7, 3), "first short break")
        );
        // The packs go out before the planned date, as for any review.
        assert_eq!(of(&items, ConsultationPacks).len(), 1, "{code:?}");
        // Children on short breaks still have an IRO: Mon 3 Jul 2023 + 5 → Mon 10 Jul.
        assert_eq!(rows(&items, IroAllocation), [(None, d(2023, 7, 10), None)]);

        c.meetings = vec![held(Lac, d(2023, 8, 1))];
        let next = next_review(&schedule_case(&c, &ts(), &cal())).map(|i| (i.number, i.due));
        assert_eq!(next, Some((Some(2), d(2024, 2, 1))), "{code:?}");
    }
}

#[test]
fn short_breaks_turning_into_a_care_order_start_the_clock_on_the_change() {
    // V4 from Mon 3 Jul 2023; interim care order from Mon 2 Oct 2023. October 2023 has no bank
    // holidays: 20 working days = 4 weeks → Mon 30 Oct 2023.
    let mut c = looked_after("NM-7", d(2023, 7, 3), LegalStatus::V4);
    c.legal_status.push(LegalStatusPeriod {
        code: LegalStatus::C1,
        from: d(2023, 10, 2),
    });
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(rows(&items, LacReview), [(Some(1), d(2023, 10, 30), None)]);
    let review = only(&items, LacReview);
    assert_eq!(review.basis, d(2023, 10, 2));
    assert_eq!(review.basis_label, "short breaks ended; looked after");
}

#[test]
fn extra_reviews_and_their_place_in_the_chain() {
    // Looked after Mon 2 Dec 2024: review 1 due Thu 2 Jan 2025 (worked above); held Mon 30 Dec.
    // Review 2 due 30 Dec + 3 months = Sun 30 Mar 2025 (a calendar date, not moved to a
    // working day).
    // Extra review asked for Mon 3 Feb 2025, by Fri 28 Feb; held Thu 20 Feb: it is done, and it
    // is review 2 of the chain, so review 3 is due 20 Feb + 6 months = Wed 20 Aug 2025.
    // A second request on 1 Sep 2025, by 30 Sep, is still open.
    let mut c = looked_after("NM-8", d(2024, 12, 2), LegalStatus::C2);
    c.meetings = vec![held(Lac, d(2024, 12, 30)), held(Lac, d(2025, 2, 20))];
    c.extra_review_requests = vec![
        ExtraReviewRequest {
            requested: d(2025, 2, 3),
            reason: "placement move proposed".into(),
            by: d(2025, 2, 28),
        },
        ExtraReviewRequest {
            requested: d(2025, 9, 1),
            reason: "IRO asked".into(),
            by: d(2025, 9, 30),
        },
    ];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, LacReview),
        vec![
            (Some(1), d(2025, 1, 2), Some(d(2024, 12, 30))),
            (Some(2), d(2025, 3, 30), Some(d(2025, 2, 20))),
            (Some(3), d(2025, 8, 20), None),
        ]
    );
    assert_eq!(
        rows(&items, ExtraReview),
        vec![
            (Some(1), d(2025, 2, 28), Some(d(2025, 2, 20))),
            (Some(2), d(2025, 9, 30), None)
        ]
    );
    let extra = of(&items, ExtraReview);
    assert_eq!(extra[0].meeting, Some(1));
    assert_eq!(extra[0].detail.as_deref(), Some("placement move proposed"));
    assert_eq!(
        (extra[1].basis, extra[1].basis_label.as_str()),
        (d(2025, 9, 1), "extra review asked for")
    );
    // `next_review` skips extra reviews: it is the chain's next statutory one.
    assert_eq!(
        next_review(&items).map(|i| (i.kind, i.due)),
        Some((LacReview, d(2025, 8, 20)))
    );
}

#[test]
fn custom_timescales_are_used() {
    // A service with a 10 working day first review and 4 monthly reviews after.
    // Mon 2 Dec 2024 + 10: Tue 3 to Fri 6 (4), Mon 9 to Fri 13 (9), Mon 16 Dec (10).
    let t = Timescales {
        first_review_working_days: 10,
        second_review_months: 2,
        later_review_months: 4,
        ..ts()
    };
    let mut c = looked_after("NM-9", d(2024, 12, 2), LegalStatus::C2);
    c.meetings = vec![held(Lac, d(2024, 12, 16)), held(Lac, d(2025, 2, 14))];
    let items = schedule_case(&c, &t, &cal());
    assert_eq!(
        rows(&items, LacReview),
        vec![
            (Some(1), d(2024, 12, 16), Some(d(2024, 12, 16))),
            (Some(2), d(2025, 2, 16), Some(d(2025, 2, 14))),
            (Some(3), d(2025, 6, 14), None),
        ]
    );
}

#[test]
fn r16_reviews_held_before_iro_number_the_next_and_start_its_clock() {
    // In care since Mon 9 Jan 2023; the case file says two reviews were held before its
    // records, the last on Thu 14 Mar 2024. The next is the 3rd, due 6 months after the last:
    // Sat 14 Sep 2024. Held on Tue 10 Sep 2024, the 4th is due 6 months after that: Mon 10 Mar
    // 2025. A stale meeting on the day of the last earlier review does not count again.
    let mut c = looked_after("NM-5", d(2023, 1, 9), LegalStatus::C2);
    c.looked_after[0].reviews_before = Some(crate::model::ReviewsBefore {
        held: 2,
        last: d(2024, 3, 14),
    });
    c.meetings.push(held(Lac, d(2024, 3, 14)));
    c.meetings.push(held(Lac, d(2024, 9, 10)));
    let items = schedule_case(&c, &ts(), &cal());
    let reviews: Vec<_> = (items.iter())
        .filter(|i| i.kind == LacReview)
        .map(|i| (i.number, i.due, i.basis, i.done))
        .collect();
    assert_eq!(
        reviews,
        [
            (
                Some(3),
                d(2024, 9, 14),
                d(2024, 3, 14),
                Some(d(2024, 9, 10))
            ),
            (Some(4), d(2025, 3, 10), d(2024, 9, 10), None),
        ]
    );

    // After only one review before iro (Thu 14 Mar 2024), the 2nd is due 3 months later: Fri 14
    // Jun 2024.
    c.looked_after[0].reviews_before = Some(crate::model::ReviewsBefore {
        held: 1,
        last: d(2024, 3, 14),
    });
    c.meetings.clear();
    let next = next_review(&schedule_case(&c, &ts(), &cal())).map(|i| (i.number, i.due));
    assert_eq!(next, Some((Some(2), d(2024, 6, 14))));
}

#[test]
fn r16_no_looked_after_review_is_due_after_the_18th_birthday() {
    // Born Wed 10 Dec 2008, so 18 on Thu 10 Dec 2026. Reviews held Fri 30 Jan, Tue 28 Apr and
    // Tue 27 Oct 2026; the next would be due 6 months after the last, Tue 27 Apr 2027, after
    // the birthday: nothing more is due, and nothing before it (packs, reports).
    let mut c = looked_after("NM-6", d(2026, 1, 5), LegalStatus::C2);
    c.child.date_of_birth = d(2008, 12, 10);
    for day in [d(2026, 1, 30), d(2026, 4, 28), d(2026, 10, 27)] {
        c.meetings.push(held(Lac, day));
    }
    let items = schedule_case(&c, &ts(), &cal());
    let reviews: Vec<_> = (items.iter())
        .filter(|i| i.kind == LacReview)
        .map(|i| (i.number, i.done))
        .collect();
    assert_eq!(
        reviews,
        [
            (Some(1), Some(d(2026, 1, 30))),
            (Some(2), Some(d(2026, 4, 28))),
            (Some(3), Some(d(2026, 10, 27))),
        ]
    );
    assert!(
        !items
            .iter()
            .any(|i| i.kind == ConsultationPacks && i.due > d(2026, 10, 27))
    );
    assert_eq!(next_review(&items), None);

    // Born a year later, the same 4th review (due Tue 27 Apr 2027) is before the 18th birthday
    // (10 Dec 2027) and is due.
    c.child.date_of_birth = d(2009, 12, 10);
    let next = next_review(&schedule_case(&c, &ts(), &cal())).map(|i| (i.number, i.due));
    assert_eq!(next, Some((Some(4), d(2027, 4, 27))));
}

#[test]
fn r16_born_on_29_february_turns_18_on_1_march() {
    let mut c = looked_after("NM-7", d(2020, 1, 6), LegalStatus::C2);
    c.child.date_of_birth = d(2008, 2, 29);
    assert_eq!(c.eighteenth_birthday(), d(2026, 3, 1));
    c.child.date_of_birth = d(2012, 2, 29);
    assert_eq!(c.eighteenth_birthday(), d(2030, 3, 1));
    c.child.date_of_birth = d(2010, 6, 30);
    assert_eq!(c.eighteenth_birthday(), d(2028, 6, 30));
}
