//! The views templates see: Serialize-only structs built for one audience.
//!
//! This is the one place that decides what each audience may read. A template cannot print a
//! field its view does not have, so a parent's copy cannot hold a confidential address by
//! mistake in a template. Views hold display-ready strings (dates in words), not model types.

use chrono::NaiveDate;
use serde::Serialize;

pub use super::withhold::Withheld;
pub mod terms;
pub mod words;
use crate::model::*;
pub use crate::plan::{Audience, Reader, Subject, age_band, postal_address};
use crate::schedule::{DueItem, DueKind};

/// A date as a letter prints it, in the language of the document being made (see
/// [`in_language`]): `Monday 14 December 2026`, `dydd Llun 14 Rhagfyr 2026`.
pub fn long_date(date: NaiveDate) -> String {
    words::long_date_in(date, &current_language())
}

/// A date without the weekday: `14 December 2026`, `14 Rhagfyr 2026`.
pub fn short_date(date: NaiveDate) -> String {
    words::short_date_in(date, &current_language())
}

/// `3rd`, `3ydd`: an ordinal in the language of the document being made.
pub fn ordinal(n: u32) -> String {
    words::ordinal_in(n, &current_language())
}

/// `Our ref: NM-1001`, `Ein cyf: NM-1001`: the reference a letterhead prints.
pub fn our_reference(id: &str) -> String {
    words::our_reference_in(id, &current_language())
}

thread_local! {
    /// The language of the document this thread is making: views hold dates already in
    /// words, built in some forty places, so the language is set once around the building
    /// rather than passed to each.
    static LANGUAGE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

pub(crate) fn current_language() -> String {
    LANGUAGE.with(|l| l.borrow().clone())
}

/// Runs `f` with dates and ordinals written in `lang` (English for any language iro has no
/// words for), then puts back the language before.
pub fn in_language<T>(lang: &str, f: impl FnOnce() -> T) -> T {
    let before = LANGUAGE.with(|l| l.replace(lang.to_owned()));
    let out = f();
    LANGUAGE.with(|l| *l.borrow_mut() = before);
    out
}

/// `14:30` -> `2:30pm`, `16:00` -> `4pm`, `12:00` -> `midday`; in Welsh `2:30 y prynhawn`:
/// a meeting's time as people say it, in the language being written.
pub fn spoken_time(hhmm: &str) -> String {
    words::clock_in(hhmm, &current_language())
}

#[derive(Debug, Serialize)]
pub struct ChildView {
    /// The name the child likes to be called.
    pub name: String,
    pub full_name: String,
    pub age: u32,
    pub date_of_birth: String,
    pub pronouns: Option<String>,
}

impl ChildView {
    /// The child as a document dated `on` names them.
    pub fn of(case: &Case, on: NaiveDate) -> ChildView {
        ChildView {
            name: case.preferred_name().to_owned(),
            full_name: case.child.legal_name.clone(),
            age: case.age_on(on),
            date_of_birth: long_date(case.child.date_of_birth),
            pronouns: case.child.pronouns.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct OfficeView {
    pub name: String,
    pub address: Vec<String>,
    pub phone: String,
    pub email: Option<String>,
    pub hours: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct IroView {
    pub name: String,
    pub first_name: String,
    pub pronouns: Option<String>,
    pub about: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    /// The virtual path the typesetter serves the photo at.
    pub photo: Option<String>,
    pub photo_alt: Option<String>,
    pub office: Option<OfficeView>,
}

#[derive(Debug, Serialize)]
pub struct ServiceView {
    pub name: String,
    pub authority: String,
    pub website: Option<String>,
}

impl ServiceView {
    /// The service, named in the language being written (see [`in_language`]).
    pub fn of(service: &Service) -> ServiceView {
        ServiceView::in_lang(service, &current_language())
    }

    /// The service, named in `lang` where service.yaml gives its names in it.
    pub fn in_lang(service: &Service, lang: &str) -> ServiceView {
        ServiceView {
            name: service.service.name_in(lang).to_owned(),
            authority: service.service.authority_in(lang).to_owned(),
            website: service.service.website.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ReviewView {
    pub due: String,
    pub booked: bool,
    pub date: Option<String>,
    pub time: Option<String>,
    pub venue: Option<String>,
    pub is_first: bool,
}

#[derive(Debug, Serialize)]
pub struct PersonView {
    pub name: String,
}

/// Everything an introduction letter may print: for the child, about their own IRO.
#[derive(Debug, Serialize)]
pub struct IntroductionView {
    pub child: ChildView,
    pub iro: IroView,
    pub service: ServiceView,
    pub review: Option<ReviewView>,
    pub social_worker: Option<PersonView>,
    pub advocacy: Contact,
    pub complaints: Contact,
}

/// Builds the view of an IRO for any audience (IRO contact details are public).
pub fn iro_view(member: &TeamMember, service: &Service) -> IroView {
    let office = service.office(&member.office).map(|o| OfficeView {
        name: o.name.clone(),
        address: address_lines(&o.address),
        phone: o.phone.clone(),
        email: o.email.clone(),
        hours: o.hours.clone(),
    });
    IroView {
        first_name: member
            .name
            .split_whitespace()
            .next()
            .unwrap_or(&member.name)
            .to_owned(),
        name: member.name.clone(),
        pronouns: member.pronouns.clone(),
        about: member.about.clone(),
        phone: member.phone.clone(),
        mobile: member.mobile.clone(),
        email: member.email.clone(),
        photo: member.photo.as_ref().map(|p| photo_path(p)),
        photo_alt: member.photo_alt.clone(),
        office,
    }
}

/// Where the typesetter serves a service image: `images/a.png` -> `/images/a.png`.
pub fn photo_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}

pub fn address_lines(address: &Address) -> Vec<String> {
    address
        .lines
        .iter()
        .cloned()
        .chain(address.postcode.clone())
        .collect()
}

/// The view for a child's introduction letter.
pub fn introduction_view(
    case: &Case,
    iro: &TeamMember,
    service: &Service,
    items: &[DueItem],
    on: NaiveDate,
) -> IntroductionView {
    // The review the letter is about: the first one still to come on the letter's date.
    let next = items
        .iter()
        .filter(|i| i.kind == DueKind::LacReview)
        .filter(|i| i.done.is_none_or(|held| held >= on))
        .min_by_key(|i| i.due);
    let review = next.map(|item| {
        let booked = item
            .meeting
            .and_then(|m| case.meetings.get(m))
            .filter(|m| m.status != MeetingStatus::Cancelled && m.date >= on);
        ReviewView {
            due: long_date(item.due),
            booked: booked.is_some(),
            date: booked.map(|m| long_date(m.date)),
            time: booked.and_then(|m| m.time.as_deref().map(spoken_time)),
            venue: booked.and_then(|m| m.venue.clone()),
            is_first: item.number == Some(1),
        }
    });
    IntroductionView {
        child: ChildView::of(case, on),
        iro: iro_view(iro, service),
        service: ServiceView::of(service),
        review,
        social_worker: case.social_worker.as_ref().map(|s| PersonView {
            name: s.name.clone(),
        }),
        advocacy: service.advocacy.clone(),
        complaints: service.complaints.clone(),
    }
}

/// The lines a letter to this reader is addressed to, for the envelope's window: their postal
/// address ([`postal_address`]), or their name alone when they have none (the copy goes by
/// email or by hand). A copy that holds back a confidential placement is a family one,
/// addressed to the family member's own home; should the address found still name the
/// placement or its carers, the copy gets the name alone.
pub fn reader_address(
    subject: Subject,
    reader: &Reader,
    withheld: &Withheld,
    households: &[CarerHousehold],
    on: NaiveDate,
) -> Vec<String> {
    match postal_address(subject, reader, households, on) {
        Ok(address) if !names_withheld(&address.block(), withheld) => address.block(),
        _ => addressee(subject, reader),
    }
}

/// Whether address lines name something this copy holds back.
fn names_withheld(lines: &[String], withheld: &Withheld) -> bool {
    !withheld.is_empty()
        && (withheld.hides_venue(&lines.join(" ")) || lines.iter().any(|l| withheld.scrub(l) != *l))
}

/// A reader with no postal address, by name: the child by the name they use, the social
/// worker with their team.
fn addressee(subject: Subject, reader: &Reader) -> Vec<String> {
    match (reader, subject) {
        (Reader::SocialWorker, Subject::Case(case)) => case
            .social_worker
            .iter()
            .flat_map(|s| std::iter::once(s.name.clone()).chain(s.team.clone()))
            .collect(),
        (reader, subject) => vec![reader.name(subject)],
    }
}

/// A meeting's venue as this copy may tell it: a venue that is a confidential placement's
/// address (a review at the foster home) is not told to those who may not know where the
/// child lives. A venue in the same town is told.
pub fn venue_for(venue: Option<&str>, withheld: &Withheld) -> Option<String> {
    let venue = venue?;
    Some(if withheld.hides_venue(venue) {
        terms::Terms::now().venue_withheld()
    } else {
        venue.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_have_their_edges_where_the_issue_says() {
        assert_eq!(age_band(3), "under-8");
        assert_eq!(age_band(7), "under-8");
        assert_eq!(age_band(8), "8-to-12");
        assert_eq!(age_band(12), "8-to-12");
        assert_eq!(age_band(13), "13-plus");
        assert_eq!(age_band(17), "13-plus");
    }

    #[test]
    fn times_are_written_as_people_say_them() {
        assert_eq!(spoken_time("16:00"), "4pm");
        assert_eq!(spoken_time("09:30"), "9:30am");
        assert_eq!(spoken_time("12:15"), "12:15pm");
        assert_eq!(spoken_time("12:00"), "midday");
        assert_eq!(in_language("cy", || spoken_time("16:00")), "4 y prynhawn");
    }

    /// The example child with a confidential placement address: the child's own letter is
    /// addressed to it, a parent's goes to the parent's own home and never names it.
    #[test]
    fn a_confidential_address_never_reaches_a_parent() {
        let text = include_str!("../../cases/NM-1009.yaml");
        let (value, _) = crate::load::yaml::parse(text).expect("valid yaml");
        let case: Case = serde_json::from_value(value).expect("valid case");
        let (value, _) =
            crate::load::yaml::parse(include_str!("../../service.yaml")).expect("yaml");
        let service: Service = serde_json::from_value(value).expect("valid service");
        let (value, _) =
            crate::load::yaml::parse(include_str!("../../carers/FC-204.yaml")).expect("yaml");
        let households: Vec<CarerHousehold> =
            vec![serde_json::from_value(value).expect("valid household")];
        let on = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        let placement = case.placement_on(on).expect("a placement");
        assert!(
            placement.confidential,
            "NM-1009 must keep its confidential address"
        );
        let street = placement.address.as_ref().expect("an address").lines[0].clone();
        let subject = Subject::Case(&case);
        let own = reader_address(
            subject,
            &Reader::Child,
            &Withheld::nothing(),
            &households,
            on,
        );
        assert!(own.contains(&street), "{own:?}");
        assert!(own.contains(&"NM5 3PX".to_owned()), "{own:?}");
        let dad = Reader::Person(case.person("dad").expect("dad"));
        let family = Withheld::for_copy(subject, &dad, Audience::Parent, on, &service, &households);
        assert_eq!(
            reader_address(subject, &dad, &family, &households, on),
            [
                "Martin Whitlock",
                "77 Chapel Street",
                "Northmoor",
                "NM1 6RL"
            ]
        );
        // Were a family copy ever addressed to the placement, it would carry the name alone.
        assert_eq!(
            reader_address(subject, &Reader::Child, &family, &households, on),
            ["Freya"]
        );
    }
}
