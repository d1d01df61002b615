//! The audience rule for records, on the example service's confidential placement.

use super::*;
use crate::plan::RecordOf;

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> T {
    let (value, _) = crate::load::yaml::parse(text).expect("valid yaml");
    serde_json::from_value(value).expect("valid file")
}

/// The same record for a professional and for a parent differ exactly by what the parent
/// may not see: the confidential placement address (and whose copy it is).
#[test]
fn a_parents_record_differs_from_a_professionals_only_by_what_they_may_not_see() {
    let case: Case = parse(include_str!("../../../cases/NM-1009.yaml"));
    let service: Service = parse(include_str!("../../../service.yaml"));
    let (index, _) = case
        .meetings
        .iter()
        .enumerate()
        .rfind(|(_, m)| m.status == MeetingStatus::Held)
        .expect("a held review");
    let record = RecordOf {
        meeting: &case.meetings[index],
        index,
        number: None,
        next: None,
        distribution: Vec::new(),
    };
    let view = |reader: &Reader, audience| {
        let v = record_view(&RecordInputs {
            subject: Subject::Case(&case),
            record: &record,
            reader,
            audience,
            chair: &service.team[0],
            service: &service,
            forms: &[],
            households: &[],
        });
        serde_json::to_value(v).expect("a view")
    };
    let dad = Reader::Person(case.person("dad").expect("dad"));
    let professional = view(&Reader::SocialWorker, Audience::Professional);
    let parent = view(&dad, Audience::Parent);
    let street = "5 Sorrel Gardens";
    assert!(professional.to_string().contains(street));
    assert!(!parent.to_string().contains(street));
    let mut differ: Vec<String> = Vec::new();
    let (a, b) = (
        professional.as_object().expect("map"),
        parent.as_object().expect("map"),
    );
    for key in a.keys() {
        if a[key] != b[key] {
            differ.push(key.clone());
        }
    }
    assert_eq!(differ, ["audience", "placement", "reader"]);
    let (pa, pb) = (&a["placement"], &b["placement"]);
    assert!(pb["address"].is_null());
    for key in ["kind", "since", "carer"] {
        assert_eq!(pa[key], pb[key], "{key}");
    }
}
