//! Who a document is about (a child's case or a carer household) and who reads it.

use chrono::NaiveDate;

use super::Audience;
use crate::model::{CarerHousehold, Case, Format, Person, Role};

/// What a document is about: a child's case, or a foster carer household.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Case(&'a Case),
    Household(&'a CarerHousehold),
}

impl<'a> Subject<'a> {
    /// The case or household id: the output folder and the manifest's `case`.
    pub fn id(&self) -> &'a str {
        match self {
            Subject::Case(c) => &c.id,
            Subject::Household(h) => &h.id,
        }
    }

    pub fn case(&self) -> Option<&'a Case> {
        match self {
            Subject::Case(c) => Some(c),
            Subject::Household(_) => None,
        }
    }

    /// The IRO who writes: the child's IRO, or the household's reviewing officer.
    pub fn iro_id(&self) -> Option<&'a str> {
        match self {
            Subject::Case(c) => c.iro.as_ref().map(|i| i.id.as_str()),
            Subject::Household(h) => h.reviewing_officer.as_deref(),
        }
    }
}

/// Who a document is written to.
#[derive(Debug, Clone)]
pub enum Reader<'a> {
    /// The child the case is about.
    Child,
    /// The child's social worker (`social_worker:` in the case file).
    SocialWorker,
    /// Someone under `people:`.
    Person(&'a Person),
    /// Someone known by name and role only: a foster carer or supervising social worker in a
    /// household file, or the manager a dispute is sent to.
    Other {
        id: String,
        name: String,
        role: Role,
        formats: Vec<Format>,
        /// A foster carer's language; `None` for a professional, who is written to in the
        /// service's.
        language: Option<String>,
    },
}

impl Reader<'_> {
    /// The id used in attendance lists, answers files and output names.
    pub fn id(&self) -> &str {
        match self {
            Reader::Child => "child",
            Reader::SocialWorker => "social-worker",
            Reader::Person(p) => &p.id,
            Reader::Other { id, .. } => id,
        }
    }

    pub fn is_child(&self) -> bool {
        matches!(self, Reader::Child)
    }

    pub fn role(&self) -> Option<Role> {
        match self {
            Reader::Child => None,
            Reader::SocialWorker => Some(Role::SocialWorker),
            Reader::Person(p) => Some(p.role),
            Reader::Other { role, .. } => Some(*role),
        }
    }

    /// The audience a reader belongs to, which decides what their copy may hold.
    pub fn audience(&self) -> Audience {
        match self.role() {
            None => Audience::Child,
            Some(role) => audience_of(role),
        }
    }

    /// The formats this reader asked for.
    pub fn formats(&self, subject: Subject) -> Vec<Format> {
        match self {
            Reader::Child => subject
                .case()
                .map(|c| c.child.formats.clone())
                .unwrap_or_default(),
            Reader::SocialWorker => Vec::new(),
            Reader::Person(p) => p.formats.clone(),
            Reader::Other { formats, .. } => formats.clone(),
        }
    }

    /// The reader's name as a letter gives it: the child's preferred name, or the person's own.
    pub fn name(&self, subject: Subject) -> String {
        match (self, subject) {
            (Reader::Child, Subject::Case(case)) => case.preferred_name().to_owned(),
            (Reader::SocialWorker, Subject::Case(case)) => case
                .social_worker
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            (Reader::Person(p), _) => p.name.clone(),
            (Reader::Other { name, .. }, _) => name.clone(),
            _ => String::new(),
        }
    }
}

/// Family, carers, and everyone else (professionals).
pub fn audience_of(role: Role) -> Audience {
    match role {
        role if role.is_family() => Audience::Parent,
        Role::FosterCarer | Role::ResidentialKeyWorker | Role::PrivateFosterCarer => {
            Audience::Carer
        }
        _ => Audience::Professional,
    }
}

/// Everyone invited to a child's meeting on `date`: the child from age 4 (younger children's
/// views come through their carers), the social worker, and everyone under `people:` who is
/// invited. A person marked `no_contact` is never invited and is sent nothing, not even the
/// record.
pub fn invitees(case: &Case, date: NaiveDate) -> Vec<Reader<'_>> {
    let mut out = Vec::new();
    if case.age_on(date) >= 4 {
        out.push(Reader::Child);
    }
    if case.social_worker.is_some() {
        out.push(Reader::SocialWorker);
    }
    out.extend(
        (case.people.iter())
            .filter(|p| p.invited && !p.no_contact)
            .map(Reader::Person),
    );
    out
}

/// Who receives a foster carer household's review record: each carer and the supervising
/// social worker.
pub fn household_readers(h: &CarerHousehold) -> Vec<Reader<'static>> {
    let mut out: Vec<Reader> = h
        .carers
        .iter()
        .enumerate()
        .map(|(i, c)| Reader::Other {
            id: format!("carer-{}", i + 1),
            name: c.name.clone(),
            role: Role::FosterCarer,
            formats: c.formats.clone(),
            language: Some(c.language.clone()),
        })
        .collect();
    if let Some(sw) = &h.supervising_social_worker {
        out.push(Reader::Other {
            id: "supervising-social-worker".to_owned(),
            name: sw.name.clone(),
            role: Role::SocialWorker,
            formats: Vec::new(),
            language: None,
        });
    }
    out
}
