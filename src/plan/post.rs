//! Where a posted copy goes: the one rule for a reader's postal address.
//!
//! Takes the document's subject, its reader, the carer households (`carers/`) and the day the
//! copy is dated; returns the lines for the envelope's window, or why the copy cannot be
//! posted and how to fix that. Pure: no I/O. It decides nothing about what a copy may hold
//! back: a family copy is addressed to the family member's own home, never to the child's, so
//! it never needs the placement's address (the letterhead still checks, see
//! `render::context::reader_address`).

use std::fmt;

use chrono::NaiveDate;

use super::{Reader, Subject};
use crate::model::{Address, CarerHousehold, Case, Person, Placement, Professional, Role};

/// A full postal address: who it is for, then where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    /// The addressee line(s) first (`Lily-Mae Turner`, `c/o Gareth and Rhys Price-Evans`),
    /// then the address lines, without the postcode.
    pub lines: Vec<String>,
    pub postcode: Option<String>,
}

impl PostalAddress {
    /// Every line as the envelope shows it, the postcode last on a line of its own.
    pub fn block(&self) -> Vec<String> {
        self.lines
            .iter()
            .cloned()
            .chain(self.postcode.clone())
            .collect()
    }

    fn to(addressee: Vec<String>, address: &Address) -> PostalAddress {
        PostalAddress {
            lines: addressee.into_iter().chain(address.lines.clone()).collect(),
            postcode: address.postcode.clone(),
        }
    }
}

/// Why a copy cannot be posted, in plain words with the fix: "no postal address for Kieran
/// Walsh (social worker): add `address:` under `social_worker:` in case `NM-1003`, or send it
/// by email".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpostable {
    pub reason: String,
}

impl fmt::Display for Unpostable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Unpostable {}

fn unpostable(reason: String) -> Unpostable {
    Unpostable { reason }
}

/// The postal address of `reader`'s copy of a document about `subject`, dated `on`.
///
/// - The child: their placement on `on`, addressed "c/o" the carer household when the
///   placement names one in `carers/`; the placement's own `address:`, else the household's.
///   A privately fostered child: c/o the private foster carer, at the carer's address.
/// - A person under `people:`: their own `address:`; a foster carer or residential key worker
///   with none: the child's placement.
/// - The social worker (or a household's supervising social worker): `address:` under
///   `social_worker:` (`supervising_social_worker:`), after their name and team.
/// - A foster carer of a household: the household's `address:`.
/// - Anyone else (the manager a dispute goes to): unpostable; it goes by email.
pub fn postal_address(
    subject: Subject,
    reader: &Reader,
    households: &[CarerHousehold],
    on: NaiveDate,
) -> Result<PostalAddress, Unpostable> {
    match (reader, subject) {
        (Reader::Child, Subject::Case(case)) => child_address(case, households, on),
        (Reader::SocialWorker, Subject::Case(case)) => match &case.social_worker {
            Some(sw) => professional_address(sw, "social_worker:", &format!("case `{}`", case.id)),
            None => Err(unpostable(format!(
                "no social worker to post to: case `{}` has no `social_worker:`",
                case.id
            ))),
        },
        (Reader::Person(p), subject) => person_address(p, subject, households, on),
        (Reader::Other { name, role, .. }, Subject::Household(h)) => {
            household_reader_address(h, name, *role)
        }
        (Reader::Other { name, role, .. }, Subject::Case(_)) => Err(unpostable(format!(
            "no postal address for {name} ({}): send it by email or internal post",
            role.words()
        ))),
        (reader, subject) => Err(unpostable(format!(
            "no postal address for `{}` in `{}`",
            reader.id(),
            subject.id()
        ))),
    }
}

/// The name on a child's envelope: the name they use with the family name (`Dani Ferreira`
/// for Daniela Sofia Ferreira), so the post finds them without their full legal name.
pub fn child_postal_name(case: &Case) -> String {
    let preferred = case.child.preferred_name.as_deref().map(str::trim);
    let legal: Vec<&str> = case.child.legal_name.split_whitespace().collect();
    match (preferred, legal.as_slice()) {
        (Some(given), _) if given.contains(char::is_whitespace) => given.to_owned(),
        (Some(given), [_, .., last]) if !given.is_empty() => format!("{given} {last}"),
        (_, [first, .., last]) => format!("{first} {last}"),
        _ => case.preferred_name().trim().to_owned(),
    }
}

fn child_address(
    case: &Case,
    households: &[CarerHousehold],
    on: NaiveDate,
) -> Result<PostalAddress, Unpostable> {
    let name = child_postal_name(case);
    if let Some(placement) = case.placement_on(on) {
        let (care_of, address) = placement_address(case, placement, households)?;
        let addressee = std::iter::once(name).chain(care_of).collect();
        return Ok(PostalAddress::to(addressee, address));
    }
    let fostered = case
        .private_fostering
        .as_ref()
        .filter(|pf| pf.from <= on && pf.to.is_none_or(|to| to >= on));
    if let Some(carer) = fostered
        .and_then(|pf| pf.carer.as_deref())
        .and_then(|id| case.person(id))
    {
        return match &carer.address {
            Some(address) => Ok(PostalAddress::to(
                vec![name, format!("c/o {}", carer.name)],
                address,
            )),
            None => Err(no_person_address(case, carer)),
        };
    }
    Err(unpostable(format!(
        "no postal address for {} (the child): case `{}` has no placement on {}; add it under `placements:` with its `address:`, or give the letter by hand",
        case.preferred_name(),
        case.id,
        on.format("%-d %B %Y")
    )))
}

/// A placement's address and the "c/o" line naming its carers (or the home's provider).
fn placement_address<'a>(
    case: &Case,
    placement: &'a Placement,
    households: &'a [CarerHousehold],
) -> Result<(Option<String>, &'a Address), Unpostable> {
    let household = match placement.carer.as_deref() {
        Some(id) => Some(households.iter().find(|h| h.id == id).ok_or_else(|| {
            unpostable(format!(
                "no postal address for {}: the placement names carer household `{id}`, which is not in `carers/`",
                case.preferred_name()
            ))
        })?),
        None => None,
    };
    let care_of = match (household, &placement.provider) {
        (Some(h), _) => Some(format!("c/o {}", h.name)),
        (None, Some(provider)) => Some(provider.clone()),
        (None, None) => None,
    };
    let address = placement
        .address
        .as_ref()
        .or(household.and_then(|h| h.address.as_ref()));
    match (address, household) {
        (Some(address), _) => Ok((care_of, address)),
        (None, Some(h)) => Err(unpostable(format!(
            "no postal address for {}'s placement: add `address:` to the placement in case `{}` or to `carers/{}.yaml`",
            case.preferred_name(),
            case.id,
            h.id
        ))),
        (None, None) => Err(unpostable(format!(
            "no postal address for {}'s placement: add `address:` to the placement in case `{}`",
            case.preferred_name(),
            case.id
        ))),
    }
}

fn person_address(
    person: &Person,
    subject: Subject,
    households: &[CarerHousehold],
    on: NaiveDate,
) -> Result<PostalAddress, Unpostable> {
    if let Some(address) = &person.address {
        return Ok(PostalAddress::to(vec![person.name.clone()], address));
    }
    let at_placement = matches!(person.role, Role::FosterCarer | Role::ResidentialKeyWorker);
    match subject.case() {
        Some(case) if at_placement => match case.placement_on(on) {
            Some(placement) => placement_address(case, placement, households)
                .map(|(_, address)| PostalAddress::to(vec![person.name.clone()], address)),
            None => Err(no_person_address(case, person)),
        },
        Some(case) => Err(no_person_address(case, person)),
        None => Err(unpostable(format!(
            "no postal address for {} ({}): add their `address:`, or send it by email",
            person.name,
            person.role.words()
        ))),
    }
}

fn no_person_address(case: &Case, person: &Person) -> Unpostable {
    unpostable(format!(
        "no postal address for {} ({}): add `address:` to `{}` under `people:` in case `{}`, or send it by email",
        person.name,
        person.role.words(),
        person.id,
        case.id
    ))
}

/// A foster carer at the household's address; its supervising social worker at theirs.
fn household_reader_address(
    h: &CarerHousehold,
    name: &str,
    role: Role,
) -> Result<PostalAddress, Unpostable> {
    let file = format!("`carers/{}.yaml`", h.id);
    match (role, &h.supervising_social_worker) {
        (Role::SocialWorker, Some(sw)) => {
            professional_address(sw, "supervising_social_worker:", &file)
        }
        (Role::FosterCarer, _) => match &h.address {
            Some(address) => Ok(PostalAddress::to(vec![name.to_owned()], address)),
            None => Err(unpostable(format!(
                "no postal address for {name} (foster carer): add the household's `address:` to {file}"
            ))),
        },
        _ => Err(unpostable(format!(
            "no postal address for {name} ({}): send it by email",
            role.words()
        ))),
    }
}

/// A professional at their office: name, team, then the address.
fn professional_address(
    who: &Professional,
    key: &str,
    file: &str,
) -> Result<PostalAddress, Unpostable> {
    match &who.address {
        Some(address) => {
            let addressee = std::iter::once(who.name.clone())
                .chain(who.team.clone())
                .collect();
            Ok(PostalAddress::to(addressee, address))
        }
        None => Err(unpostable(format!(
            "no postal address for {} (social worker): add `address:` under `{key}` in {file}, or send it by email",
            who.name
        ))),
    }
}

#[cfg(test)]
mod tests;
