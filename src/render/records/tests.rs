//! The audience rule for records, on the example service's confidential placement.

use super::*;
use crate::plan::RecordOf;
use crate::render::context::Withheld;

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> T {
    let (value, _) = crate::load::yaml::parse(text).expect("valid yaml");
    serde_json::from_value(value).expect("valid file")
}

/// The same record for a professional and for a parent differ exactly by what the parent
/// may not see: the parts that hold something the confidential placement keeps back (and
/// whose copy it is).
#[test]
fn a_parents_record_differs_from_a_professionals_only_by_what_they_may_not_see() {
    let case: Case = parse(include_str!("../../../cases/NM-1009.yaml"));
    let service: Service = parse(include_str!("../../../service.yaml"));
    let households: Vec<CarerHousehold> = vec![parse(include_str!("../../../carers/FC-204.yaml"))];
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
    let on = case.meetings[index].date;
    let view = |reader: &Reader, audience| {
        let withheld = Withheld::for_copy(
            Subject::Case(&case),
            reader,
            audience,
            on,
            &service,
            &households,
        );
        let v = record_view(&RecordInputs {
            subject: Subject::Case(&case),
            record: &record,
            reader,
            audience,
            chair: &service.team[0],
            service: &service,
            forms: &[],
            translations: &[],
            households: &households,
            withheld: &withheld,
        });
        let mut v = serde_json::to_value(v).expect("a view");
        withheld.scrub_value(&mut v);
        (v, withheld.secrets().to_vec())
    };
    let dad = Reader::Person(case.person("dad").expect("dad"));
    let (professional, none) = view(&Reader::SocialWorker, Audience::Professional);
    let (parent, secrets) = view(&dad, Audience::Parent);
    assert!(none.is_empty());
    assert!(secrets.len() > 10, "{secrets:?}");
    let street = "5 Sorrel Gardens";
    assert!(professional.to_string().contains(street));
    for secret in &secrets {
        assert!(!parent.to_string().contains(secret.as_str()), "{secret}");
    }
    let (a, b) = (
        professional.as_object().expect("map"),
        parent.as_object().expect("map"),
    );
    let holds_secret = |v: &serde_json::Value| {
        let text = v.to_string();
        secrets.iter().any(|s| text.contains(s.as_str()))
    };
    let mut differ: Vec<&str> = Vec::new();
    for key in a.keys() {
        if a[key] != b[key] {
            differ.push(key);
            assert!(
                holds_secret(&a[key]) || key == "audience" || key == "reader",
                "`{key}` differs but holds nothing withheld"
            );
        } else {
            assert!(!holds_secret(&a[key]), "`{key}` leaks");
        }
    }
    for key in ["placement", "school", "gp", "audience", "reader"] {
        assert!(differ.contains(&key), "{key}: {differ:?}");
    }
    let (pa, pb) = (&a["placement"], &b["placement"]);
    assert!(pb["address"].is_null());
    assert_eq!(pb["carer"], "Gareth and Rhys");
    assert!(pb["carer_contact"].as_array().is_some_and(Vec::is_empty));
    assert!(pa["carer_contact"].to_string().contains("07700 900531"));
    for key in ["kind", "since"] {
        assert_eq!(pa[key], pb[key], "{key}");
    }
}
