//! Decisions, disputes, the order of the output and its serialised names.

use super::*;

use DueKind::{
    CpInitialConference, DecisionsSent, DisputeResolution, DisputeStageResponse, ExtraReview,
    FosterCarerReview, IroAllocation, LacReview, RecordSent,
};
use MeetingType::LacReview as Lac;

fn decision(
    text: &str,
    owner: Option<&str>,
    due: Option<NaiveDate>,
    status: DecisionStatus,
    done: Option<NaiveDate>,
) -> Decision {
    Decision {
        for_child: None,
        text: text.into(),
        owner: owner.map(Into::into),
        due,
        status,
        done,
    }
}

#[test]
fn decisions_with_a_date_are_due() {
    // Review held Mon 3 Feb 2025 with five decisions.
    let mut c = looked_after("DC-1", d(2025, 1, 6), LegalStatus::C2);
    let mut review = held(Lac, d(2025, 2, 3));
    review.decisions = vec![
        decision(
            "Book the dentist",
            Some("social-worker"),
            Some(d(2025, 3, 1)),
            DecisionStatus::Done,
            Some(d(2025, 2, 25)),
        ),
        decision(
            "Update the PEP",
            Some("teacher"),
            Some(d(2025, 3, 15)),
            DecisionStatus::Done,
            None,
        ),
        decision(
            "Arrange contact with gran",
            None,
            Some(d(2025, 3, 10)),
            DecisionStatus::Dropped,
            None,
        ),
        decision(
            "Life story work",
            Some("social-worker"),
            Some(d(2025, 4, 30)),
            DecisionStatus::Open,
            None,
        ),
        decision(
            "Keep the placement under review",
            Some("iro"),
            None,
            DecisionStatus::Open,
            None,
        ),
    ];
    c.meetings = vec![review];
    let items = schedule_case(&c, &ts(), &cal());
    // Sorted by due date; done/dropped without a date count as done on the due date; the
    // decision without a date has no item.
    assert_eq!(
        rows(&items, DueKind::Decision),
        vec![
            (None, d(2025, 3, 1), Some(d(2025, 2, 25))),
            (None, d(2025, 3, 10), Some(d(2025, 3, 10))),
            (None, d(2025, 3, 15), Some(d(2025, 3, 15))),
            (None, d(2025, 4, 30), None),
        ]
    );
    let decisions = of(&items, DueKind::Decision);
    assert_eq!(
        decisions[0].detail.as_deref(),
        Some("Book the dentist (owner: social-worker)")
    );
    assert_eq!(
        decisions[1].detail.as_deref(),
        Some("Arrange contact with gran")
    );
    assert_eq!(
        (decisions[3].basis, decisions[3].basis_label.as_str()),
        (d(2025, 2, 3), "decided at Looked After Review")
    );
    assert!(decisions.iter().all(|i| i.meeting == Some(0)));
    assert!(decisions[3].is_overdue(d(2025, 5, 1)) && !decisions[3].is_overdue(d(2025, 4, 30)));
    assert!(!decisions[0].is_overdue(d(2030, 1, 1)));
}

#[test]
fn decisions_and_record_sent_after_a_review_late_and_on_time() {
    // Review held Fri 16 Sep 2022. Decisions, 5 working days: [Mon 19 the Queen's funeral],
    // Tue 20 (1) to Fri 23 (4), Mon 26 Sep (5). Record, 20: Mon 26 (5), Tue 27 to Fri 30 (9),
    // Mon 3 to Fri 7 Oct (14), Mon 10 to Fri 14 (19), Mon 17 Oct (20).
    let mut c = looked_after("DC-2", d(2022, 8, 22), LegalStatus::C2);
    let mut review = held(Lac, d(2022, 9, 16));
    review.decisions_sent = Some(d(2022, 9, 27));
    review.record_sent = Some(d(2022, 10, 17));
    c.meetings = vec![review];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, DecisionsSent),
        [(Some(1), d(2022, 9, 26), Some(d(2022, 9, 27)))]
    );
    assert_eq!(
        rows(&items, RecordSent),
        [(Some(1), d(2022, 10, 17), Some(d(2022, 10, 17)))]
    );
    assert_eq!(only(&items, DecisionsSent).on_time(), Some(false));
    assert_eq!(only(&items, RecordSent).on_time(), Some(true));
    assert!(
        !only(&items, DecisionsSent).is_overdue(d(2023, 1, 1)),
        "done late is not overdue"
    );
}

#[test]
fn disputes_across_christmas_2022() {
    // Raised Mon 12 Dec 2022; stage 1 sent that day. Stage response, 10 working days: Tue 13
    // to Fri 16 (4), Mon 19 to Fri 23 (9), [Mon 26 Boxing Day, Tue 27 Christmas substitute],
    // Wed 28 Dec (10). Never answered; stage 2 sent Thu 5 Jan 2023, which closes stage 1 late.
    // Stage 2: Fri 6 (1), Mon 9 to Fri 13 (6), Mon 16 to Thu 19 Jan (10); answered Wed 18 Jan.
    // Whole process, 20 working days: Fri 23 Dec (9), Wed 28 to Fri 30 (12), [Mon 2 Jan],
    // Tue 3 to Fri 6 (16), Mon 9 to Thu 12 Jan (20); resolved Wed 25 Jan, late.
    let mut c = case("DR-1");
    c.disputes = vec![
        Dispute {
            theme: "drift-in-permanence".into(),
            issue: "No permanence plan by the second review".into(),
            remedy: None,
            raised: d(2022, 12, 12),
            stages: vec![
                DisputeStage {
                    stage: 1,
                    to: "team manager".into(),
                    sent: d(2022, 12, 12),
                    responded: None,
                    response: None,
                },
                DisputeStage {
                    stage: 2,
                    to: "service manager".into(),
                    sent: d(2023, 1, 5),
                    responded: Some(d(2023, 1, 18)),
                    response: None,
                },
            ],
            resolved: Some(d(2023, 1, 25)),
            outcome: None,
            cafcass_referral: None,
        },
        // Open: raised Fri 1 Nov 2024, stage 1 unanswered. 10 working days: Mon 4 to Fri 8 (5),
        // Mon 11 to Fri 15 Nov (10). 20: to Fri 29 Nov (20).
        Dispute {
            theme: "contact".into(),
            issue: "Family time not happening".into(),
            remedy: None,
            raised: d(2024, 11, 1),
            stages: vec![DisputeStage {
                stage: 1,
                to: "team manager".into(),
                sent: d(2024, 11, 1),
                responded: None,
                response: None,
            }],
            resolved: None,
            outcome: None,
            cafcass_referral: None,
        },
    ];
    let items = schedule_case(&c, &ts(), &cal());
    assert_eq!(
        rows(&items, DisputeStageResponse),
        vec![
            (Some(1), d(2022, 12, 28), Some(d(2023, 1, 5))),
            (Some(2), d(2023, 1, 19), Some(d(2023, 1, 18))),
            (Some(1), d(2024, 11, 15), None),
        ]
    );
    assert_eq!(
        rows(&items, DisputeResolution),
        vec![
            (None, d(2023, 1, 12), Some(d(2023, 1, 25))),
            (None, d(2024, 11, 29), None)
        ]
    );
    let stages = of(&items, DisputeStageResponse);
    assert_eq!(stages[0].on_time(), Some(false));
    assert_eq!(stages[1].basis_label, "stage 2 sent to service manager");
    assert_eq!(stages[2].detail.as_deref(), Some("contact"));
    assert!(stages[2].is_overdue(d(2024, 11, 18)));
}

#[test]
fn output_is_sorted_and_deterministic() {
    let mut c = looked_after("SO-1", d(2024, 3, 14), LegalStatus::C2);
    c.meetings = vec![
        held(Lac, d(2024, 7, 23)),
        held(Lac, d(2024, 4, 12)),
        planned(Lac, d(2025, 1, 8)),
    ];
    c.secure = Some(SecurePlacement {
        from: d(2024, 3, 14),
        to: None,
        authority: None,
    });
    c.child_protection = Some(ChildProtection {
        strategy_discussion: d(2024, 3, 1),
        category: None,
        plan_from: None,
        plan_to: None,
    });
    let items = schedule_case(&c, &ts(), &cal());
    let key = |i: &DueItem| (i.due, i.subject.clone(), i.kind, i.number);
    assert!(items.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
    assert_eq!(items, schedule_case(&c, &ts(), &cal()));
    // Meetings out of file order are taken by date: 12 Apr is review 1 (meeting index 1).
    let reviews = of(&items, LacReview);
    assert_eq!(
        (reviews[0].meeting, reviews[0].done),
        (Some(1), Some(d(2024, 4, 12)))
    );
    assert_eq!(
        (reviews[1].meeting, reviews[1].done),
        (Some(0), Some(d(2024, 7, 23)))
    );
    // The planned 8 Jan 2025 meeting is review 3's: due 23 Jan 2025 (see the Easter test).
    assert_eq!(
        (reviews[2].due, reviews[2].meeting),
        (d(2025, 1, 23), Some(2))
    );
}

#[test]
fn nothing_for_an_empty_case() {
    assert!(schedule_case(&case("EMPTY"), &ts(), &cal()).is_empty());
}

#[test]
fn kinds_serialise_in_kebab_case_and_have_labels() {
    let json = serde_json::to_string(&[
        LacReview,
        CpInitialConference,
        IroAllocation,
        DisputeStageResponse,
    ])
    .expect("serialise");
    assert_eq!(
        json,
        r#"["lac-review","cp-initial-conference","iro-allocation","dispute-stage-response"]"#
    );
    assert_eq!(
        serde_json::to_string(&SubjectKind::CarerHousehold).expect("serialise"),
        r#""carer-household""#
    );
    assert_eq!(LacReview.label(), "Looked After Review");
    assert_eq!(ExtraReview.label(), "Extra Looked After Review");
    assert_eq!(
        FosterCarerReview.meeting_type(),
        Some(MeetingType::FosterCarerReview)
    );
    assert_eq!(DueKind::Decision.meeting_type(), None);
}
