//! Small hand-written 903 tables, with a row for every reason a row can be rejected.

use super::*;
use crate::model::{LegalStatus, PlacementType};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

const AS_OF: (i32, u32, u32) = (2026, 11, 27);

// Columns in an unusual order, with an extra one to ignore.
const HEADER: &str = "\
SEX,CHILD,EXTRA,DOB,ETHNIC,UPN,MOTHER,MC_DOB
1,A1,x,01/02/2015,WBRI,,,
2,B2,x,15/06/2023,MWBC,,,
9,C3,x,01/01/2016,WBRI,,,
1,D4,x,31/02/2016,WBRI,,,
2,A1,x,01/02/2015,WBRI,,,
";

const EPISODES: &str = "\
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A1,10/03/2025,S,V2,N1,U4,PR1,01/06/2025,X1,CARPL,NM1,NM2,SC1
A1,01/06/2025,L,C2,N1,U1,PR1,,,,NM1,NM2,SC1
B2,01/09/2025,S,V2,N2,U4,PR1,01/02/2026,E13,,NM1,NM2,SC1
B2,01/03/2026,S,C1,N2,K2,PR1,01/01/2026,E13,,NM1,NM2,SC1
B2,01/04/2026,S,Q9,N2,U4,PR1,,,,NM1,NM2,SC1
Z9,01/04/2026,S,V2,N2,U4,PR1,,,,NM1,NM2,SC1
";

const REVIEWS: &str = "\
CHILD,DOB,REVIEW,REVIEW_CODE
A1,01/02/2015,03/04/2025,PN1
A1,01/02/2015,10/07/2025,PN6
A1,01/02/2015,01/01/2025,PN1
A1,02/02/2015,08/01/2026,PN1
A1,01/02/2015,09/01/2026,PN0
A1,01/02/2015,10/01/2026,PN9
B2,15/06/2023,25/09/2025,PN0
B2,15/06/2023,26/09/2025,PN1
B2,15/06/2023,2025-09-27,PN0
";

fn imported() -> Imported {
    import(
        HEADER,
        EPISODES,
        REVIEWS,
        d(AS_OF.0, AS_OF.1, AS_OF.2).into(),
    )
}

#[test]
fn every_rejection_names_its_table_row_column_and_reason() {
    let all = imported();
    let got: Vec<(&str, usize, &str, Reason)> = all
        .rejected
        .iter()
        .map(|r| (r.table, r.row, r.column.as_str(), r.reason))
        .collect();
    assert_eq!(
        got,
        [
            ("header.csv", 4, "SEX", Reason::UnknownCode),
            ("header.csv", 5, "DOB", Reason::BadDate),
            ("header.csv", 6, "CHILD", Reason::DuplicateChild),
            ("episodes.csv", 5, "DEC", Reason::EndsBeforeStart),
            ("episodes.csv", 6, "LS", Reason::UnknownCode),
            ("episodes.csv", 7, "CHILD", Reason::UnknownChild),
            ("reviews.csv", 4, "REVIEW", Reason::ReviewBeforeCare),
            ("reviews.csv", 5, "DOB", Reason::DobDiffers),
            ("reviews.csv", 6, "REVIEW_CODE", Reason::Pn0Aged4OrMore),
            ("reviews.csv", 7, "REVIEW_CODE", Reason::UnknownCode),
            ("reviews.csv", 9, "REVIEW_CODE", Reason::NotPn0Under4),
            ("reviews.csv", 10, "REVIEW", Reason::BadDate),
        ]
    );
}

#[test]
fn the_rest_becomes_case_files_with_care_periods_placements_and_reviews() {
    let got = imported();
    // Five reviews: two with a PN code that does not fit the age are kept (held all the same).
    assert_eq!((got.episodes, got.reviews), (3, 5));
    let ids: Vec<&str> = got.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["A1", "B2"]);
    let a = &got.cases[0];
    assert_eq!(a.child.legal_name, NAME_TO_BE_ADDED);
    assert_eq!(a.child.date_of_birth, d(2015, 2, 1));
    // Two episodes, the first ending X1 the day the second starts: one period of care.
    assert_eq!(a.looked_after.len(), 1);
    assert_eq!(
        (a.looked_after[0].from, a.looked_after[0].to),
        (d(2025, 3, 10), None)
    );
    let statuses: Vec<(LegalStatus, NaiveDate)> =
        a.legal_status.iter().map(|s| (s.code, s.from)).collect();
    assert_eq!(
        statuses,
        [
            (LegalStatus::V2, d(2025, 3, 10)),
            (LegalStatus::C2, d(2025, 6, 1))
        ]
    );
    let kinds: Vec<PlacementType> = a.placements.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [PlacementType::FosterCare, PlacementType::KinshipCare]
    );
    let reviews: Vec<(NaiveDate, Option<Participation>, bool)> = a
        .meetings
        .iter()
        .map(|m| (m.date, m.participation, m.participation_valid))
        .collect();
    assert_eq!(
        reviews,
        [
            (d(2025, 4, 3), Some(Participation::PN1), true),
            (d(2025, 7, 10), Some(Participation::PN6), true),
            // reviews.csv row 6: PN0 at 10 years old, kept and marked not valid.
            (d(2026, 1, 9), Some(Participation::PN0), false),
        ]
    );
    let b = &got.cases[1];
    assert_eq!(
        (b.looked_after[0].from, b.looked_after[0].to),
        (d(2025, 9, 1), Some(d(2026, 2, 1)))
    );
    assert_eq!(b.meetings.len(), 2);
    assert!(!b.meetings[1].participation_valid, "PN1 at 2 years old");
}

#[test]
fn r16_a_code_that_does_not_fit_the_age_is_a_warning_not_a_rejection() {
    let got = imported();
    let kept: Vec<(&str, usize, Reason)> = (got.rejected.iter())
        .filter(|r| r.reason.kept())
        .map(|r| (r.table, r.row, r.reason))
        .collect();
    assert_eq!(
        kept,
        [
            ("reviews.csv", 6, Reason::Pn0Aged4OrMore),
            ("reviews.csv", 9, Reason::NotPn0Under4),
        ]
    );
}

// SEX as coded from 2024-25 (M, F, U) and before (1, 2); K3 (2024-25) and Z11 to Z14
// (2025-26) placements.
const HEADER_2025: &str = "\
CHILD,SEX,DOB
M1,M,01/02/2015
F1,F,01/02/2015
U1,U,01/02/2015
O1,1,01/02/2015
O2,2,01/02/2015
";

const EPISODES_2025: &str = "\
CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC
M1,01/04/2025,S,C2,N1,K3,,
F1,01/04/2025,S,C2,N1,Z11,,
U1,01/04/2025,S,C2,N1,Z12,,
O1,01/04/2025,S,C2,N1,Z13,,
O2,01/04/2025,S,C2,N1,Z14,,
";

#[test]
fn r16_this_years_sex_and_placement_codes_are_read() {
    let got = import(
        HEADER_2025,
        EPISODES_2025,
        "CHILD,REVIEW,REVIEW_CODE\n",
        d(2026, 1, 1).into(),
    );
    assert!(got.rejected.is_empty(), "{:?}", got.rejected);
    let kinds: Vec<(&str, PlacementType)> = (got.cases.iter())
        .map(|c| (c.id.as_str(), c.placements[0].kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("F1", PlacementType::Other),
            ("M1", PlacementType::SupportedAccommodation),
            ("O1", PlacementType::Other),
            ("O2", PlacementType::Other),
            ("U1", PlacementType::Other),
        ]
    );
}

// Child E's episodes break each sequence rule once; child N has no episode.
//   row 2: 1 Apr to 1 Jun 2025, X1; row 3 starts 1 Jun: one period so far.
//   row 3: 1 Jun to 1 Sep 2025, X1, but no episode starts 1 Sep (row 4 is rejected): a warning,
//          and the period ends 1 Sep 2025.
//   row 4: starts 15 Aug 2025, inside row 3: an overlap, rejected.
//   row 5: starts 10 Oct 2025 with no end, and row 6 follows: open but not last, rejected.
//   row 6: 1 Dec 2025 to 1 Mar 2026, E13: a second period.
//   row 7: 1 Mar to 15 Apr 2026, after the 2025-26 year's last day (31 Mar 2026): rejected.
const HEADER_SEQ: &str = "CHILD,SEX,DOB\nE1,F,01/02/2012\nN1,M,01/02/2012\n";
const EPISODES_SEQ: &str = "\
CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC
E1,01/04/2025,S,C1,N1,U4,01/06/2025,X1
E1,01/06/2025,P,C2,N1,U4,01/09/2025,X1
E1,15/08/2025,P,C2,N1,U1,20/09/2025,E13
E1,10/10/2025,S,V2,N1,U4,,
E1,01/12/2025,S,V2,N1,U4,01/03/2026,E13
E1,01/03/2026,S,V2,N1,U4,15/04/2026,E13
";

#[test]
fn r16_episode_sequence_problems_are_reported_by_row_and_change_no_period_silently() {
    let year = crate::report::Period::financial_year("2025-26");
    let window = Window {
        as_of: d(2026, 11, 27),
        year,
    };
    let got = import(
        HEADER_SEQ,
        EPISODES_SEQ,
        "CHILD,REVIEW,REVIEW_CODE\n",
        window,
    );
    let problems: Vec<(usize, &str, Reason)> = (got.rejected.iter())
        .map(|r| (r.row, r.column.as_str(), r.reason))
        .collect();
    assert_eq!(
        problems,
        [
            (3, "REC", Reason::X1NothingFollows),
            (4, "DECOM", Reason::Overlaps),
            (5, "DEC", Reason::OpenNotLast),
            (7, "DEC", Reason::AfterYear),
        ]
    );
    assert!(got.rejected.iter().all(|r| r.table == "episodes.csv"));
    assert_eq!(got.episodes, 3);
    let e = &got.cases[0];
    let periods: Vec<(NaiveDate, Option<NaiveDate>)> =
        e.looked_after.iter().map(|p| (p.from, p.to)).collect();
    assert_eq!(
        periods,
        [
            (d(2025, 4, 1), Some(d(2025, 9, 1))),
            (d(2025, 12, 1), Some(d(2026, 3, 1)))
        ]
    );
    // N1 is listed, not written as an empty case file.
    assert_eq!(got.cases.len(), 1);
    assert_eq!(got.no_episode, [(3, "N1".to_owned())]);
}

#[test]
fn a_missing_column_rejects_the_table_and_says_which() {
    let got = import("CHILD\nA1\n", "", "", d(2026, 1, 1).into());
    assert_eq!(got.rejected[0].reason, Reason::MissingColumn);
    assert_eq!(got.rejected[0].column, "DOB");
    assert!(got.cases.is_empty());
}

#[test]
fn reimporting_keeps_what_the_return_does_not_carry() {
    let got = imported();
    let mut existing = got.cases[0].clone();
    existing.child.legal_name = "Robin Example".into();
    existing.meetings[0].views.push(crate::model::View {
        from: "child".into(),
        via: None,
        text: "I like my foster home.".into(),
    });
    existing.placements[0].confidential = true;
    let mut again = got.cases[0].clone();
    again.meetings[0].participation = Some(Participation::PN2);
    let merged = merge(&existing, &again);
    assert_eq!(merged.child.legal_name, "Robin Example");
    assert_eq!(merged.meetings[0].views.len(), 1);
    assert_eq!(merged.meetings[0].participation, Some(Participation::PN2));
    assert!(merged.placements[0].confidential);
    assert_eq!(merged.meetings.len(), 3);
}
