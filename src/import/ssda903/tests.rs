//! Small hand-written 903 tables, with a row for every reason a row can be rejected.

use super::*;

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
    import(HEADER, EPISODES, REVIEWS, d(AS_OF.0, AS_OF.1, AS_OF.2))
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
    assert_eq!((got.episodes, got.reviews), (3, 3));
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
    let reviews: Vec<(NaiveDate, Option<Participation>)> = a
        .meetings
        .iter()
        .map(|m| (m.date, m.participation))
        .collect();
    assert_eq!(
        reviews,
        [
            (d(2025, 4, 3), Some(Participation::PN1)),
            (d(2025, 7, 10), Some(Participation::PN6)),
        ]
    );
    let b = &got.cases[1];
    assert_eq!(
        (b.looked_after[0].from, b.looked_after[0].to),
        (d(2025, 9, 1), Some(d(2026, 2, 1)))
    );
    assert_eq!(b.meetings.len(), 1);
}

#[test]
fn a_missing_column_rejects_the_table_and_says_which() {
    let got = import("CHILD\nA1\n", "", "", d(2026, 1, 1));
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
    assert_eq!(merged.meetings.len(), 2);
}
