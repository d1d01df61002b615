//! What a copy may not hold: the one place that decides what a confidential placement keeps
//! from a family.
//!
//! When a child's placement is confidential (domestic abuse, a risk of abduction), a copy for a
//! parent, a relative, or anyone the case marks `risk` holds nothing that can locate the child:
//! the address and postcode, the carers' full names (first names only, or "Freya's foster
//! carers", as service.yaml chooses), their phone and email, the school's and GP's names and
//! addresses, and whatever more service.yaml lists under `confidential_placements`.
//!
//! It works in two layers, so a template cannot undo it. The views ask [`Withheld::hides`] and
//! leave the field out. Then every string of the finished view, free text included (a
//! permanence plan's "long-term fostering with Gareth and Rhys Price-Evans"), passes through
//! [`Withheld::scrub_value`], which swaps each withheld value for neutral words. Every format
//! (PDF, HTML, Braille, audio) is made from that view, so none can carry what it held back.
//! Takes model types; no I/O.

use chrono::NaiveDate;
use regex::Regex;

use crate::model::service::{CarerNames, Locating};
use crate::model::{Address, CarerHousehold, Case, Placement, Role, Service};
use crate::plan::{Audience, Reader, Subject};

/// What one copy holds back. Empty (nothing held back) unless the child's placement is
/// confidential on the copy's date and the copy is for family.
#[derive(Debug, Default)]
pub struct Withheld {
    hidden: Vec<Locating>,
    /// The addresses a venue must not name: the placement's and its carer household's.
    addresses: Vec<Address>,
    /// Each withheld value as a pattern that ignores case and spacing, with its neutral words;
    /// longest value first, so a household's name goes before one carer's.
    replacements: Vec<(Regex, String)>,
    secrets: Vec<String>,
}

/// Whether a copy for this reader is a family copy: a parent or relative, the public, or
/// anyone the case marks as a risk to the child.
pub fn is_family_copy(reader: &Reader, audience: Audience) -> bool {
    matches!(audience, Audience::Parent | Audience::Public)
        || matches!(reader, Reader::Person(p) if p.risk)
}

impl Withheld {
    /// A copy that may hold everything.
    pub fn nothing() -> Withheld {
        Withheld::default()
    }

    /// What the copy of a document about `subject`, dated `on`, for `reader` must hold back.
    pub fn for_copy(
        subject: Subject,
        reader: &Reader,
        audience: Audience,
        on: NaiveDate,
        service: &Service,
        households: &[CarerHousehold],
    ) -> Withheld {
        match subject.case() {
            Some(case) if is_family_copy(reader, audience) => {
                Withheld::from_family(case, on, service, households)
            }
            _ => Withheld::nothing(),
        }
    }

    /// What every family copy of `case`'s documents dated `on` holds back: the addresses and
    /// carers of every placement the case marks confidential, and, while the child's placement
    /// is confidential (on `on`, or the latest one), the school, the GP and whatever more
    /// service.yaml lists.
    pub fn from_family(
        case: &Case,
        on: NaiveDate,
        service: &Service,
        households: &[CarerHousehold],
    ) -> Withheld {
        let secret: Vec<&Placement> = case.placements.iter().filter(|p| p.confidential).collect();
        if secret.is_empty() {
            return Withheld::nothing();
        }
        let current = case.placement_on(on).or(case.placements.last());
        let now_secret = current.is_some_and(|p| p.confidential);
        let settings = &service.confidential_placements;
        let mut hidden = Vec::new();
        if now_secret {
            hidden.extend(Locating::ALWAYS);
            hidden.extend(settings.also_withhold.iter().copied());
        }
        let child = case.preferred_name();
        let name_as = |full: &str| match settings.carer_names {
            CarerNames::FirstNames => first_name(full).to_owned(),
            CarerNames::Generic => format!("{child}'s foster carer"),
        };
        let mut found = Secrets::default();
        let mut addresses = Vec::new();
        for placement in &secret {
            let household = placement
                .carer
                .as_deref()
                .and_then(|id| households.iter().find(|h| h.id == id));
            addresses.extend(placement.address.iter().cloned());
            addresses.extend(household.and_then(|h| h.address.clone()));
            if let Some(h) = household {
                let together = match settings.carer_names {
                    CarerNames::FirstNames => join_and(
                        &h.carers
                            .iter()
                            .map(|c| first_name(&c.name))
                            .collect::<Vec<_>>(),
                    ),
                    CarerNames::Generic => format!("{child}'s foster carers"),
                };
                found.add(&h.name, &together);
                for c in &h.carers {
                    found.carer(&c.name, &name_as(&c.name));
                    found.contact([&c.phone, &c.email]);
                }
            }
            if let Some(provider) = &placement.provider {
                found.add(provider, &format!("{child}'s home"));
            }
        }
        for address in &addresses {
            found.address(address);
        }
        if now_secret {
            // The carers named in the case file itself (they come to reviews).
            let carers = case
                .people
                .iter()
                .filter(|p| matches!(p.role, Role::FosterCarer | Role::ResidentialKeyWorker));
            for p in carers {
                found.carer(&p.name, &name_as(&p.name));
                found.contact([&p.phone, &p.email]);
                p.address.iter().for_each(|a| found.address(a));
            }
            for (org, words) in [(&case.school, "school"), (&case.gp, "GP")] {
                if let Some(org) = org {
                    for name in std::iter::once(&org.name).chain(&org.other_names) {
                        found.add(name, &format!("{child}'s {words}"));
                    }
                    org.address.iter().for_each(|a| found.address(a));
                    found.contact([&org.phone]);
                }
            }
        }
        // After every carer is known, those in the case file included.
        found.surnames(case);
        if let Some(sw) = case.social_worker.as_ref().filter(|_| now_secret) {
            if hidden.contains(&Locating::SocialWorkerTeam)
                && let Some(team) = &sw.team
            {
                found.add(team, "the children's social care team");
            }
            if hidden.contains(&Locating::SocialWorkerContact) {
                found.contact([&sw.phone, &sw.email]);
            }
        }
        found.into_withheld(hidden, addresses)
    }

    /// Whether this copy leaves out a placement's address: any placement the case marks
    /// confidential, in any family copy.
    pub fn hides_address_of(&self, placement: &Placement) -> bool {
        placement.confidential && !self.secrets.is_empty()
    }

    /// Whether this copy leaves `field` out.
    pub fn hides(&self, field: Locating) -> bool {
        self.hidden.contains(&field)
    }

    /// Whether this copy holds anything back at all.
    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    /// Every value this copy must never hold, as written in the case files (for tests and for
    /// a leak scan).
    pub fn secrets(&self) -> &[String] {
        &self.secrets
    }

    /// Whether a venue is the confidential address itself (so must not be told to this copy's
    /// reader). Only the same street line or postcode counts, never a shared town.
    pub fn hides_venue(&self, venue: &str) -> bool {
        self.addresses.iter().any(|a| a.is_named_in(venue))
    }

    /// `text` with every withheld value swapped for its neutral words.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (pattern, words) in &self.replacements {
            if pattern.is_match(&out) {
                out = pattern
                    .replace_all(&out, regex::NoExpand(words))
                    .into_owned();
            }
        }
        out
    }

    /// Scrubs every string in a view, however deep.
    pub fn scrub_value(&self, value: &mut serde_json::Value) {
        if self.replacements.is_empty() {
            return;
        }
        match value {
            serde_json::Value::String(s) => *s = self.scrub(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.scrub_value(v)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.scrub_value(v)),
            _ => {}
        }
    }
}

/// The withheld values found so far, with their neutral words, and the carers' own names.
#[derive(Default)]
struct Secrets(Vec<(String, String)>, Vec<String>);

impl Secrets {
    fn add(&mut self, secret: &str, words: &str) {
        let secret = secret.trim();
        // A value this short ("Jo", "1") would swap out parts of unrelated words.
        if secret.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && secret != words {
            self.0.push((secret.to_owned(), words.to_owned()));
        }
    }

    fn carer(&mut self, full_name: &str, words: &str) {
        self.add(full_name, words);
        self.1.push(full_name.to_owned());
    }

    fn address(&mut self, address: &Address) {
        for line in address.street_lines() {
            self.add(line, "(address withheld)");
        }
        if let Some(postcode) = &address.postcode {
            self.add(postcode, "(postcode withheld)");
        }
    }

    /// A carer's surname on its own ("the Price-Evans' home") can find a family as surely as
    /// the full name, unless the child's family share it (kinship care), where it says nothing
    /// new and scrubbing it would scrub the child's own name.
    fn surnames(&mut self, case: &Case) {
        let surname = |name: &str| name.split_whitespace().last().map(str::to_lowercase);
        let family: Vec<String> = std::iter::once(case.child.legal_name.as_str())
            .chain(
                case.people
                    .iter()
                    .filter(|p| p.role.is_family())
                    .map(|p| p.name.as_str()),
            )
            .filter_map(surname)
            .collect();
        let carers: Vec<String> = (self.1.iter())
            .filter(|full| full.trim().contains(' '))
            .filter_map(|full| full.split_whitespace().last().map(str::to_owned))
            .collect();
        for name in carers {
            if !family.contains(&name.to_lowercase()) {
                self.add(&name, "foster carers");
            }
        }
    }

    fn contact<'a>(&mut self, details: impl IntoIterator<Item = &'a Option<String>>) {
        for detail in details.into_iter().flatten() {
            self.add(detail, "(withheld)");
        }
    }

    fn into_withheld(mut self, hidden: Vec<Locating>, addresses: Vec<Address>) -> Withheld {
        self.0.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        self.0.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
        let replacements = self
            .0
            .iter()
            .filter_map(|(secret, words)| Some((loose_pattern(secret)?, words.clone())))
            .collect();
        Withheld {
            hidden,
            addresses,
            replacements,
            secrets: self.0.into_iter().map(|(s, _)| s).collect(),
        }
    }
}

/// A pattern for `secret` that ignores case and spacing: `5 Sorrel Gardens` also finds
/// `5 sorrel  gardens`, and `NM5 3PX` finds `NM53PX`.
///
/// Spaces and hyphens are the same (`Price Evans`, `07700-900531`), and the value must stand
/// as a whole word: a surname `Hall` never swaps the middle of `challenge`, nor a number the
/// middle of a longer one.
fn loose_pattern(secret: &str) -> Option<Regex> {
    let parts: Vec<String> = secret
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|p| !p.is_empty())
        .map(regex::escape)
        .collect();
    let edge = |c: Option<char>| {
        if c.is_some_and(char::is_alphanumeric) {
            r"\b"
        } else {
            ""
        }
    };
    let (start, end) = (edge(secret.chars().next()), edge(secret.chars().last()));
    Regex::new(&format!("(?i){start}{}{end}", parts.join(r"[\s-]*"))).ok()
}

fn first_name(full: &str) -> &str {
    full.split_whitespace().next().unwrap_or(full)
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests;
