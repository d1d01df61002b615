//! Every branch of `postal_address`, on the example service's own files.

use chrono::NaiveDate;

use super::*;
use crate::model::{Address, CarerHousehold, Case, Role};

fn case(text: &str) -> Case {
    let value = crate::load::yaml::parse_value(text).expect("valid yaml");
    serde_json::from_value(value).expect("a valid case")
}

fn households() -> Vec<CarerHousehold> {
    [
        include_str!("../../../carers/FC-201.yaml"),
        include_str!("../../../carers/FC-204.yaml"),
    ]
    .into_iter()
    .map(|text| {
        let value = crate::load::yaml::parse_value(text).expect("valid yaml");
        serde_json::from_value(value).expect("a valid household")
    })
    .collect()
}

/// Lily-Mae, in foster care with FC-204 since 16 November 2026; her placement has no
/// address of its own.
fn lily_mae() -> Case {
    case(include_str!("../../../cases/NM-1003.yaml"))
}

fn on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

fn address(lines: &[&str], postcode: &str) -> Address {
    Address {
        lines: lines.iter().map(|l| (*l).to_owned()).collect(),
        postcode: Some(postcode.to_owned()),
    }
}

fn reason(result: Result<PostalAddress, Unpostable>) -> String {
    result.expect_err("unpostable").reason
}

#[test]
fn a_child_in_foster_care_is_written_to_care_of_the_carers_at_their_address() {
    let case = lily_mae();
    let got = postal_address(Subject::Case(&case), &Reader::Child, &households(), on());
    assert_eq!(
        got.expect("postable").block(),
        [
            "Lily-Mae Turner",
            "c/o Gareth and Rhys Price-Evans",
            "5 Sorrel Gardens",
            "Holme Vale",
            "Northmoor",
            "NM5 3PX"
        ]
    );
}

#[test]
fn a_placements_own_address_comes_before_the_households() {
    let mut case = lily_mae();
    case.placements[0].address = Some(address(&["Flat 2", "9 Mill Lane", "Northmoor"], "NM2 1AB"));
    let got = postal_address(Subject::Case(&case), &Reader::Child, &households(), on())
        .expect("postable");
    assert_eq!(got.lines[1], "c/o Gareth and Rhys Price-Evans");
    assert_eq!(got.lines[2..], ["Flat 2", "9 Mill Lane", "Northmoor"]);
    assert_eq!(got.postcode.as_deref(), Some("NM2 1AB"));
}

#[test]
fn a_placement_with_no_address_anywhere_says_where_to_add_one() {
    let case = lily_mae();
    let mut homes = households();
    homes.iter_mut().for_each(|h| h.address = None);
    let why = reason(postal_address(
        Subject::Case(&case),
        &Reader::Child,
        &homes,
        on(),
    ));
    assert!(
        why.contains("no postal address for Lily-Mae Turner's placement"),
        "{why}"
    );
    assert!(
        why.contains("case `NM-1003`") && why.contains("`carers/FC-204.yaml`"),
        "{why}"
    );
}

#[test]
fn a_placement_naming_an_unknown_household_is_unpostable() {
    let case = lily_mae();
    let why = reason(postal_address(
        Subject::Case(&case),
        &Reader::Child,
        &[],
        on(),
    ));
    assert!(why.contains("`FC-204`, which is not in `carers/`"), "{why}");
}

#[test]
fn a_child_in_a_home_is_written_to_at_the_home_under_its_name() {
    let mut case = lily_mae();
    let placement = &mut case.placements[0];
    placement.carer = None;
    placement.provider = Some("Larkspur Grange children's home".to_owned());
    placement.address = Some(address(&["Larkspur Grange", "Fell Road"], "NM4 2LG"));
    let got = postal_address(Subject::Case(&case), &Reader::Child, &[], on()).expect("postable");
    assert_eq!(
        got.block(),
        [
            "Lily-Mae Turner",
            "Larkspur Grange children's home",
            "Larkspur Grange",
            "Fell Road",
            "NM4 2LG"
        ]
    );
    placement_without_anything(&mut case);
    let why = reason(postal_address(
        Subject::Case(&case),
        &Reader::Child,
        &[],
        on(),
    ));
    assert!(
        why.contains("add `address:` to the placement in case `NM-1003`"),
        "{why}"
    );
}

fn placement_without_anything(case: &mut Case) {
    case.placements[0].provider = None;
    case.placements[0].address = None;
}

#[test]
fn a_child_with_no_placement_that_day_is_unpostable() {
    let case = lily_mae();
    let before = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let why = reason(postal_address(
        Subject::Case(&case),
        &Reader::Child,
        &households(),
        before,
    ));
    assert!(why.contains("has no placement on 1 November 2026"), "{why}");
}

#[test]
fn a_privately_fostered_child_with_no_placement_goes_care_of_the_private_foster_carer() {
    let mut case = case(include_str!("../../../cases/NM-1006.yaml"));
    let on = NaiveDate::from_ymd_opt(2025, 12, 1).expect("date");
    case.placements.clear();
    let why = reason(postal_address(
        Subject::Case(&case),
        &Reader::Child,
        &[],
        on,
    ));
    assert!(
        why.contains("add `address:` to `karen` under `people:`"),
        "{why}"
    );
    let home = address(&["62 Lark Rise", "Scarthmoor"], "NM3 4NA");
    let karen = case
        .people
        .iter_mut()
        .find(|p| p.id == "karen")
        .expect("karen");
    karen.address = Some(home);
    let got = postal_address(Subject::Case(&case), &Reader::Child, &[], on).expect("postable");
    assert_eq!(
        got.block(),
        [
            "Dani Ferreira",
            "c/o Karen Hartley",
            "62 Lark Rise",
            "Scarthmoor",
            "NM3 4NA"
        ]
    );
}

#[test]
fn a_person_is_written_to_at_their_own_address_or_told_how_to_add_one() {
    let mut case = lily_mae();
    let mum = Reader::Person(case.person("mum").expect("mum"));
    let why = reason(postal_address(
        Subject::Case(&case),
        &mum,
        &households(),
        on(),
    ));
    assert_eq!(
        why,
        "no postal address for Gemma Turner (mother): add `address:` to `mum` under `people:` in case `NM-1003`, or send it by email"
    );
    case.people[0].address = Some(address(&["14 Wren Close", "Northmoor"], "NM1 7TT"));
    let mum = Reader::Person(&case.people[0]);
    let got = postal_address(Subject::Case(&case), &mum, &households(), on()).expect("postable");
    assert_eq!(
        got.block(),
        ["Gemma Turner", "14 Wren Close", "Northmoor", "NM1 7TT"]
    );
}

#[test]
fn a_foster_carer_with_no_address_of_their_own_is_written_to_at_the_placement() {
    let mut case = lily_mae();
    let mut carer = case.people[0].clone();
    carer.id = "gareth".to_owned();
    carer.name = "Gareth Price-Evans".to_owned();
    carer.role = Role::FosterCarer;
    carer.address = None;
    case.people.push(carer);
    let reader = Reader::Person(case.person("gareth").expect("gareth"));
    let got = postal_address(Subject::Case(&case), &reader, &households(), on()).expect("postable");
    assert_eq!(
        got.block(),
        [
            "Gareth Price-Evans",
            "5 Sorrel Gardens",
            "Holme Vale",
            "Northmoor",
            "NM5 3PX"
        ]
    );
}

#[test]
fn the_social_worker_is_written_to_at_their_office_once_it_is_given() {
    let mut case = lily_mae();
    let why = reason(postal_address(
        Subject::Case(&case),
        &Reader::SocialWorker,
        &[],
        on(),
    ));
    assert_eq!(
        why,
        "no postal address for Kieran Walsh (social worker): add `address:` under `social_worker:` in case `NM-1003`, or send it by email"
    );
    let office = address(&["Civic Centre", "Northmoor"], "NM1 1AA");
    case.social_worker
        .as_mut()
        .expect("a social worker")
        .address = Some(office);
    let got =
        postal_address(Subject::Case(&case), &Reader::SocialWorker, &[], on()).expect("postable");
    assert_eq!(
        got.block(),
        [
            "Kieran Walsh",
            "Assessment and Intervention Team",
            "Civic Centre",
            "Northmoor",
            "NM1 1AA"
        ]
    );
    case.social_worker = None;
    let why = reason(postal_address(
        Subject::Case(&case),
        &Reader::SocialWorker,
        &[],
        on(),
    ));
    assert!(why.contains("has no `social_worker:`"), "{why}");
}

#[test]
fn a_households_carers_go_to_its_address_and_its_social_worker_to_theirs() {
    let mut homes = households();
    let household = homes.pop().expect("FC-204");
    let readers = crate::plan::household_readers(&household);
    let subject = Subject::Household(&household);
    let carer = postal_address(subject, &readers[0], &[], on()).expect("postable");
    assert_eq!(
        carer.block(),
        [
            "Gareth Price-Evans",
            "5 Sorrel Gardens",
            "Holme Vale",
            "Northmoor",
            "NM5 3PX"
        ]
    );
    let why = reason(postal_address(subject, &readers[2], &[], on()));
    assert!(
        why.contains("add `address:` under `supervising_social_worker:` in `carers/FC-204.yaml`"),
        "{why}"
    );
    let mut bare = household.clone();
    bare.address = None;
    let why = reason(postal_address(
        Subject::Household(&bare),
        &readers[0],
        &[],
        on(),
    ));
    assert!(
        why.contains("add the household's `address:` to `carers/FC-204.yaml`"),
        "{why}"
    );
}

#[test]
fn the_manager_a_dispute_goes_to_has_no_postal_address() {
    let case = lily_mae();
    let manager = Reader::Other {
        id: "stage-1".to_owned(),
        name: "Team Manager".to_owned(),
        role: Role::TeamManager,
        formats: Vec::new(),
        language: None,
    };
    let why = reason(postal_address(Subject::Case(&case), &manager, &[], on()));
    assert!(why.contains("send it by email or internal post"), "{why}");
}

#[test]
fn a_childs_envelope_has_the_name_they_use_and_the_family_name() {
    let mut case = lily_mae();
    assert_eq!(child_postal_name(&case), "Lily-Mae Turner");
    case.child.legal_name = "Daniela Sofia Ferreira".to_owned();
    case.child.preferred_name = Some("Dani".to_owned());
    assert_eq!(child_postal_name(&case), "Dani Ferreira");
    case.child.preferred_name = Some("Dani Ferreira-Cole".to_owned());
    assert_eq!(child_postal_name(&case), "Dani Ferreira-Cole");
    case.child.preferred_name = None;
    assert_eq!(child_postal_name(&case), "Daniela Ferreira");
    case.child.legal_name = "Cher".to_owned();
    assert_eq!(child_postal_name(&case), "Cher");
}
