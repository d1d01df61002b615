//! Views for what follows a meeting: the record (one per reader, as their audience may see
//! it), the letter to the child, and a dispute's notice.
//!
//! People at the meeting appear by name and role only: no record carries their phone, email or
//! address, so a person whose details are withheld stays withheld. The placement's carers'
//! contact details are given, to readers who may know where the child lives. What a confidential placement keeps
//! from a family copy (the address, the carers' names and numbers, the school and the GP) is
//! decided by [`super::withhold`].

use serde::Serialize;

mod responses;

pub use responses::{AnswerView, ResponseView};

use super::context::terms::Terms;
use super::context::{
    ChildView, IroView, ServiceView, Withheld, address_lines, iro_view, long_date, spoken_time,
    venue_for,
};
use crate::model::service::Locating;
use crate::model::*;
use crate::plan::{Audience, Reader, RecordOf, Subject};

#[derive(Debug, Serialize)]
pub struct Named {
    pub name: String,
    /// The role in words, in the record's language (`mother`, `mam`).
    pub role: String,
    /// Whether this is the child the record is about, whose role is not printed beside them.
    pub is_child: bool,
}

#[derive(Debug, Serialize)]
pub struct MeetingView {
    pub title: String,
    #[serde(rename = "type")]
    pub kind: MeetingType,
    pub number: Option<u32>,
    pub date: String,
    pub time: Option<String>,
    pub venue: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ViewGiven {
    pub name: String,
    pub role: String,
    pub via: Option<String>,
    pub text: String,
    pub is_child: bool,
}

#[derive(Debug, Serialize)]
pub struct AreaView {
    pub area: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct DecisionView {
    pub text: String,
    /// The owner's name and role (`Ryan Whitaker, social worker`), or `Not named`.
    pub owner: String,
    /// The owner's name alone, when one is named: for a letter in a language the role words
    /// are not written in.
    pub who: Option<String>,
    /// The day it is due by, or `No date set`.
    pub due: String,
    /// Whether it has a day it is due by.
    pub has_due: bool,
    pub status: DecisionStatus,
    /// The day the meeting that made it was held (for earlier decisions).
    pub made: String,
    /// In a young person's letter, a decision with no `for_child:` wording: printed in the
    /// record's words, which speak of them by name.
    pub in_record_words: bool,
}

#[derive(Debug, Serialize)]
pub struct NextView {
    pub title: String,
    pub due: String,
    pub booked: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CodeView {
    pub code: String,
    pub words: String,
}

#[derive(Debug, Serialize)]
pub struct PlacementView {
    pub kind: String,
    pub since: String,
    pub carer: Option<String>,
    /// The carers' phone numbers and emails; empty in a copy that withholds them.
    pub carer_contact: Vec<String>,
    /// Absent when the placement is confidential and this reader may not see it.
    pub address: Option<Vec<String>>,
}

/// A school or GP surgery, absent from a copy that withholds it.
#[derive(Debug, Serialize)]
pub struct PlaceView {
    pub name: String,
    pub address: Vec<String>,
    pub phone: Option<String>,
}

impl PlaceView {
    fn of(org: &Organisation) -> PlaceView {
        PlaceView {
            name: org.name.clone(),
            address: org.address.as_ref().map(address_lines).unwrap_or_default(),
            phone: org.phone.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct HouseholdView {
    pub name: String,
    pub carers: Vec<String>,
    pub approved: String,
    pub approval_terms: Option<String>,
    pub address: Option<Vec<String>>,
}

/// Everything a record may print, for one reader.
#[derive(Debug, Serialize)]
pub struct RecordView {
    pub record: MeetingView,
    pub chair: Named,
    pub reader: Named,
    pub audience: Audience,
    pub attended: Vec<Named>,
    pub apologies: Vec<Named>,
    pub views: Vec<ViewGiven>,
    pub responses: Vec<ResponseView>,
    pub discussion: Vec<AreaView>,
    pub decisions: Vec<DecisionView>,
    pub earlier_decisions: Vec<DecisionView>,
    pub next: Option<NextView>,
    pub distribution: Vec<Named>,
    pub iro: IroView,
    pub service: ServiceView,
    pub advocacy: Contact,
    pub complaints: Contact,
    pub child: Option<ChildView>,
    pub legal_status: Option<CodeView>,
    pub placement: Option<PlacementView>,
    pub school: Option<PlaceView>,
    pub gp: Option<PlaceView>,
    pub participation: Option<CodeView>,
    pub child_knows_iro: Option<bool>,
    pub advocate_offered: Option<bool>,
    pub permanence: Option<PermanenceView>,
    pub cp: Option<CpView>,
    pub secure: Option<SecureView>,
    pub private_fostering: Option<PrivateFosteringView>,
    pub household: Option<HouseholdView>,
}

#[derive(Debug, Serialize)]
pub struct PermanenceView {
    pub plan: String,
    pub agreed: String,
    pub detail: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CpView {
    pub category: Option<String>,
    pub plan_from: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SecureView {
    pub from: String,
    pub authority: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PrivateFosteringView {
    pub from: String,
    pub notified: Option<String>,
    pub carer: Option<String>,
}

/// Names an id used in a meeting (`child`, `iro`, `social-worker`, a person or a team id) as
/// `(name, role)`.
struct People<'a> {
    subject: Subject<'a>,
    service: &'a Service,
}

impl People<'_> {
    fn named(&self, id: &str) -> Named {
        let (name, role) = self.lookup(id);
        Named {
            name,
            role,
            is_child: id == "child" && self.subject.case().is_some(),
        }
    }

    fn lookup(&self, id: &str) -> (String, String) {
        let terms = Terms::now();
        let case = self.subject.case();
        if let Some(case) = case {
            match id {
                "child" => return (case.preferred_name().to_owned(), terms.child()),
                "social-worker" => {
                    let name = case.social_worker.as_ref().map(|s| s.name.clone());
                    return (name.unwrap_or_default(), terms.social_worker());
                }
                _ => {}
            }
            if let Some(p) = case.person(id) {
                return (p.name.clone(), terms.role(p.role));
            }
        }
        if let Subject::Household(h) = self.subject {
            match id {
                "carers" => return (h.name.clone(), terms.foster_carers()),
                "social-worker" => {
                    let name = h.supervising_social_worker.as_ref().map(|s| s.name.clone());
                    return (name.unwrap_or_default(), terms.supervising_social_worker());
                }
                _ => {}
            }
        }
        let member = match id {
            "iro" => self.subject.iro_id().and_then(|i| self.service.member(i)),
            _ => self.service.member(id),
        };
        match member {
            Some(m) => (m.name.clone(), terms.team_role(m.role)),
            None => (id.to_owned(), String::new()),
        }
    }

    fn owner(&self, owner: Option<&str>) -> String {
        match owner {
            None => Terms::now().not_named(),
            Some(id) => match self.lookup(id) {
                (name, role) if role.is_empty() => name,
                (name, role) => format!("{name}, {role}"),
            },
        }
    }
}

/// Whom a decision is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ToChild {
    /// A professional, a carer or the family: the record's words.
    No,
    /// A child under 13: their `for_child` words, or a gentle line.
    Young,
    /// A young person of 13 or more: their `for_child` words, or the record's.
    Older,
}

/// The age from which a child gets a letter after their review: a younger child's carer tells
/// them, and reads the record.
pub const LETTER_FROM_AGE: u32 = 4;

/// The age from which a child's letter after a review may print a decision in the record's
/// words when it has no `for_child:` wording (the 13-plus band).
pub const RECORD_WORDS_FROM_AGE: u32 = 13;

/// A decision as a record prints it, or as the child's letter does (`for_child` wording).
fn decision(
    people: &People,
    d: &Decision,
    made: chrono::NaiveDate,
    to_child: ToChild,
) -> DecisionView {
    let text = match (&d.for_child, to_child) {
        (Some(words), ToChild::Young | ToChild::Older) => words.clone(),
        // A decision in the record's words would speak of the child as "he" or by name, in
        // words written for professionals: a young child gets a gentle line instead, and
        // `iro check` asks for `for_child:` wording.
        (None, ToChild::Young) => Terms::now().decision_for_a_young_child(),
        _ => d.text.clone(),
    };
    DecisionView {
        text,
        owner: people.owner(d.owner.as_deref()),
        who: d.owner.as_deref().map(|id| people.lookup(id).0),
        due: d.due.map_or_else(|| Terms::now().no_date_set(), long_date),
        has_due: d.due.is_some(),
        status: d.status,
        made: long_date(made),
        in_record_words: to_child == ToChild::Older && d.for_child.is_none(),
    }
}

/// The inputs a record view is built from.
pub struct RecordInputs<'a> {
    pub subject: Subject<'a>,
    pub record: &'a RecordOf<'a>,
    pub reader: &'a Reader<'a>,
    pub audience: Audience,
    pub chair: &'a TeamMember,
    pub service: &'a Service,
    pub forms: &'a [Form],
    /// The forms' translations, for a record in another language than the forms'.
    pub translations: &'a [Translation],
    pub households: &'a [CarerHousehold],
    /// What this reader's copy holds back.
    pub withheld: &'a Withheld,
}

/// The view of one meeting's record (or the letter after it) for one reader.
pub fn record_view(i: &RecordInputs) -> RecordView {
    let terms = Terms::now();
    let lang = super::context::current_language();
    let people = People {
        subject: i.subject,
        service: i.service,
    };
    let m = i.record.meeting;
    let meetings = match i.subject {
        Subject::Case(c) => &c.meetings,
        Subject::Household(h) => &h.reviews,
    };
    let to_child = match (i.reader.is_child(), i.subject.case()) {
        (true, Some(c)) if c.age_on(m.date) < RECORD_WORDS_FROM_AGE => ToChild::Young,
        (true, _) => ToChild::Older,
        (false, _) => ToChild::No,
    };
    let earlier_decisions = meetings[..i.record.index]
        .iter()
        .filter(|earlier| earlier.status == MeetingStatus::Held)
        .flat_map(|earlier| {
            earlier
                .decisions
                .iter()
                .filter(|d| d.status == DecisionStatus::Open)
                .map(|d| decision(&people, d, earlier.date, to_child))
        })
        .collect();
    let case = i.subject.case();
    let on = m.date;
    RecordView {
        record: MeetingView {
            title: terms.meeting(m.kind),
            kind: m.kind,
            number: i.record.number,
            date: long_date(m.date),
            time: m.time.as_deref().map(spoken_time),
            venue: venue_for(m.venue.as_deref(), i.withheld),
        },
        chair: Named {
            name: i.chair.name.clone(),
            role: terms.team_role(i.chair.role),
            is_child: false,
        },
        reader: Named {
            name: i.reader.name(i.subject),
            role: i
                .reader
                .role()
                .map_or_else(|| terms.child(), |r| terms.role(r)),
            is_child: i.reader.is_child(),
        },
        audience: i.audience,
        attended: m.attended.iter().map(|id| people.named(id)).collect(),
        apologies: m.apologies.iter().map(|id| people.named(id)).collect(),
        views: m
            .views
            .iter()
            .map(|v| {
                let who = people.named(&v.from);
                ViewGiven {
                    name: who.name,
                    role: who.role,
                    via: v.via.as_deref().map(|via| terms.via(via)),
                    text: v.text.clone(),
                    is_child: v.from == "child",
                }
            })
            .collect(),
        responses: responses::responses(&people, m, i.forms, i.translations, &lang),
        // The letter to the child tells only what was written for the child.
        discussion: if to_child != ToChild::No {
            &m.for_child
        } else {
            &m.discussion
        }
        .iter()
        .map(|(area, text)| AreaView {
            area: terms.area(area),
            text: text.clone(),
        })
        .collect(),
        decisions: m
            .decisions
            .iter()
            .map(|d| decision(&people, d, m.date, to_child))
            .collect(),
        earlier_decisions,
        next: i.record.next.map(|(kind, due, booked)| NextView {
            title: terms.meeting(kind),
            due: long_date(due),
            booked: booked.map(long_date),
        }),
        distribution: i
            .record
            .distribution
            .iter()
            .map(|r| Named {
                name: r.name(i.subject),
                role: r.role().map_or_else(|| terms.child(), |r| terms.role(r)),
                is_child: r.is_child(),
            })
            .collect(),
        iro: iro_view(i.chair, i.service),
        service: ServiceView::of(i.service),
        advocacy: i.service.advocacy.clone(),
        complaints: i.service.complaints.clone(),
        child: case.map(|c| ChildView::of(c, on)),
        legal_status: case
            .and_then(|c| c.legal_status_on(on))
            .map(|code| CodeView {
                code: format!("{code:?}"),
                words: terms.legal_status(code),
            }),
        placement: case.and_then(|c| placement(c, on, i.withheld, i.households)),
        school: case
            .and_then(|c| c.school.as_ref())
            .filter(|_| !i.withheld.hides(Locating::School))
            .map(PlaceView::of),
        gp: case
            .and_then(|c| c.gp.as_ref())
            .filter(|_| !i.withheld.hides(Locating::Gp))
            .map(PlaceView::of),
        participation: m.participation.map(|p| CodeView {
            code: format!("{p:?}"),
            words: terms.participation(p),
        }),
        child_knows_iro: m.child_knows_iro,
        advocate_offered: m.advocate_offered,
        permanence: case
            .and_then(|c| c.permanence_plan.as_ref())
            .filter(|p| p.agreed <= on)
            .map(|p| PermanenceView {
                plan: terms.permanence(p.plan),
                agreed: long_date(p.agreed),
                detail: p.detail.clone(),
            }),
        cp: case
            .and_then(|c| c.child_protection.as_ref())
            .filter(|_| matches!(m.kind, MeetingType::CpInitial | MeetingType::CpReview))
            .map(|cp| CpView {
                category: cp.category.map(|c| terms.category(c)),
                plan_from: cp.plan_from.map(long_date),
            }),
        secure: case
            .and_then(|c| c.secure.as_ref())
            .filter(|_| m.kind == MeetingType::SecureReview)
            .map(|s| SecureView {
                from: long_date(s.from),
                authority: s.authority.clone(),
            }),
        private_fostering: case
            .and_then(|c| c.private_fostering.as_ref().map(|pf| (c, pf)))
            .filter(|_| m.kind == MeetingType::PrivateFosteringReview)
            .map(|(c, pf)| PrivateFosteringView {
                from: long_date(pf.from),
                notified: pf.notified.map(long_date),
                carer: pf
                    .carer
                    .as_deref()
                    .and_then(|id| c.person(id))
                    .map(|p| p.name.clone()),
            }),
        household: match i.subject {
            Subject::Household(h) => Some(HouseholdView {
                name: h.name.clone(),
                carers: h.carers.iter().map(|c| c.name.clone()).collect(),
                approved: long_date(h.approved),
                approval_terms: h.approval_terms.clone(),
                // The household's own copies go to its carers and their social worker.
                address: h.address.as_ref().map(address_lines),
            }),
            Subject::Case(_) => None,
        },
    }
}

fn placement(
    case: &Case,
    on: chrono::NaiveDate,
    withheld: &Withheld,
    households: &[CarerHousehold],
) -> Option<PlacementView> {
    let p = case.placement_on(on)?;
    let household = p
        .carer
        .as_deref()
        .and_then(|id| households.iter().find(|h| h.id == id));
    let carer_contact = household
        .filter(|_| !withheld.hides(Locating::CarerContact))
        .into_iter()
        .flat_map(|h| &h.carers)
        .filter_map(|c| {
            let details: Vec<&str> = c.phone.iter().chain(&c.email).map(String::as_str).collect();
            (!details.is_empty()).then(|| format!("{}: {}", c.name, details.join(", ")))
        })
        .collect();
    Some(PlacementView {
        kind: Terms::now().placement(p.kind),
        since: long_date(p.from),
        // A family copy of a confidential placement names the carers as service.yaml says:
        // the view's scrub turns the household's name into first names or "foster carers".
        carer: household
            .map(|h| h.name.clone())
            .or_else(|| p.provider.clone()),
        carer_contact,
        address: p
            .address
            .as_ref()
            .filter(|_| !withheld.hides_address_of(p))
            .map(address_lines),
    })
}

#[cfg(test)]
mod tests;
