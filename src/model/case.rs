//! One child's case file (`cases/<id>.yaml`), as typed data.
//!
//! These types are what serde reads after the file has passed the JSON Schema check, so every
//! field here appears in `iro schema`. Doc comments become the schema's descriptions, which
//! editors show on hover: write them for the business support officer typing the file.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::codes::*;

/// What a child's name says until the service adds it (cases imported from the SSDA903
/// return, which holds no names); `iro check` warns about it.
pub const NAME_TO_BE_ADDED: &str = "name to be added";

/// A child's case file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The case id, unique in the service, for example `NM-1042`. Also names the output folder.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"))]
    pub id: String,
    /// Who the child is.
    pub child: Child,
    /// Legal status history, oldest first (SSDA903 codes).
    #[serde(default)]
    pub legal_status: Vec<LegalStatusPeriod>,
    /// Periods of care, oldest first. Absent for a child who is not looked after.
    #[serde(default)]
    pub looked_after: Vec<CarePeriod>,
    /// Placements, oldest first.
    #[serde(default)]
    pub placements: Vec<Placement>,
    /// The IRO allocated to the child.
    pub iro: Option<IroAllocation>,
    /// The child's social worker.
    pub social_worker: Option<Professional>,
    /// Parents, people with parental responsibility, and others invited to meetings.
    #[serde(default)]
    pub people: Vec<Person>,
    /// Meetings held or planned, oldest first.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// The child protection plan, when there is one.
    pub child_protection: Option<ChildProtection>,
    /// A secure placement, when the child is in one (secure accommodation reviews).
    pub secure: Option<SecurePlacement>,
    /// A private fostering arrangement.
    pub private_fostering: Option<PrivateFostering>,
    /// Dispute resolution (escalations) raised by the IRO.
    #[serde(default)]
    pub disputes: Vec<Dispute>,
    /// The permanence plan; it must exist by the second review.
    pub permanence_plan: Option<Permanence>,
    /// Extra reviews asked for by the IRO, or because a big change to the plan is proposed.
    #[serde(default)]
    pub extra_review_requests: Vec<ExtraReviewRequest>,
    /// The child's school (the designated teacher writes the PEP). Never shown in a family copy
    /// while the placement is confidential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<Organisation>,
    /// The child's GP surgery. Never shown in a family copy while the placement is confidential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gp: Option<Organisation>,
}

/// A school, GP surgery or other place the child goes to.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    /// Other names it goes by in the case file's own words (`Sorrelmoor` for Sorrelmoor
    /// Primary School), so that a family copy holds those back too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    pub address: Option<Address>,
    pub phone: Option<String>,
}

/// Who the child is.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// The child's full legal name.
    pub legal_name: String,
    /// The name the child likes to be called; letters to the child use it.
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    /// For example `she/her`, `he/him`, `they/them`.
    pub pronouns: Option<String>,
    /// The child's first language, as an ISO 639-1 code (`en`, `pl`, `ar`...).
    #[serde(default = "english")]
    #[schemars(regex(pattern = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"))]
    pub language: String,
    /// Whether the child needs an interpreter at meetings.
    #[serde(default)]
    pub interpreter: bool,
    /// How the child communicates, in words the IRO would use (for example `uses symbols`).
    #[serde(default)]
    pub communication_needs: Vec<String>,
    /// Formats the child has asked for. Standard print is always made.
    #[serde(default)]
    pub formats: Vec<Format>,
}

pub(crate) fn english() -> String {
    "en".to_owned()
}

/// A period of legal status.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalStatusPeriod {
    pub code: LegalStatus,
    pub from: NaiveDate,
}

/// A period of care.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarePeriod {
    /// The day the child became looked after (day 0 of the review clock).
    pub from: NaiveDate,
    /// The day the child stopped being looked after, if they have.
    pub to: Option<NaiveDate>,
    /// Reviews held in this period before the case file's records of meetings begin (a child
    /// already in care when the service began using iro, or a return imported without its
    /// earlier years): the next review is numbered after them and due from the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviews_before: Option<ReviewsBefore>,
}

/// What happened before iro: how many Looked After Reviews were held, and the last one's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewsBefore {
    /// How many reviews were held in the period before these records (1 or more).
    #[schemars(range(min = 1))]
    pub held: u32,
    /// The date of the last of them.
    pub last: NaiveDate,
}

/// Where the child lives.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    #[serde(rename = "type")]
    pub kind: PlacementType,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// The foster carer household's id in `carers/`.
    pub carer: Option<String>,
    /// The name of the home or provider, when not a carer household.
    pub provider: Option<String>,
    pub address: Option<Address>,
    /// When true, nothing that can locate the child (the address, the carers' full names and
    /// contact details, the school and the GP) appears in a copy for parents, family, anyone
    /// marked `risk`, or the public.
    #[serde(default)]
    pub confidential: bool,
}

/// A postal address.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub lines: Vec<String>,
    pub postcode: Option<String>,
}

impl Address {
    /// The lines that find a door: the first line and any line with a number in it (`Flat 2`,
    /// `5 Sorrel Gardens`). A town or district line names thousands of homes, so it is not one.
    pub fn street_lines(&self) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(i, line)| *i == 0 || line.chars().any(|c| c.is_ascii_digit()))
            .map(|(_, line)| line.as_str())
    }

    /// Whether `text` (a meeting's venue, say) gives this address: it holds one of the street
    /// lines or the postcode, compared without case or spacing. A shared town or word is not
    /// enough, so "Fenwick Vale Civic Centre" never matches a home in Fenwick Vale.
    pub fn is_named_in(&self, text: &str) -> bool {
        let plain = |s: &str| s.to_lowercase().replace(char::is_whitespace, "");
        let said = plain(text);
        self.street_lines()
            .chain(self.postcode.as_deref())
            .map(plain)
            .any(|line| line.len() >= 3 && said.contains(&line))
    }
}

/// The allocated IRO.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IroAllocation {
    /// The IRO's id in `service.yaml` (`team`).
    pub id: String,
    /// The date the IRO was allocated.
    pub allocated: NaiveDate,
    /// The date the introduction letter was sent, once it has been.
    pub introduced: Option<NaiveDate>,
}

/// A professional outside the IRO team.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Professional {
    pub name: String,
    pub team: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// How documents go to them (`post`, `email`, `secure-email`, `by-hand`); by default
    /// secure email when they have an email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_by: Option<Method>,
    /// Where letters to them are posted (their team's office). Without it, their copies are
    /// sent by email or by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

/// Someone around the child who is invited to meetings or receives copies.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// A short id used in attendance lists and decision owners, for example `mum`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"))]
    pub id: String,
    pub name: String,
    pub role: Role,
    /// Whether the person has parental responsibility.
    #[serde(default)]
    pub parental_responsibility: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<Address>,
    /// The person's language, as an ISO 639-1 code.
    #[serde(default = "english")]
    #[schemars(regex(pattern = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"))]
    pub language: String,
    /// Formats this person needs. Standard print is always made.
    #[serde(default)]
    pub formats: Vec<Format>,
    /// Whether the person is invited to reviews (default yes).
    #[serde(default = "yes")]
    pub invited: bool,
    /// The person's contact details are not shared with the rest of the family.
    #[serde(default)]
    pub details_withheld: bool,
    /// The person must not be contacted (a non-molestation order, say): they are sent no
    /// documents at all, and are never invited.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_contact: bool,
    /// The person is a risk to the child: while the placement is confidential, their copies
    /// hold back what a parent's would, whatever their role.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub risk: bool,
    /// How documents go to them (`post`, `email`, `secure-email`, `by-hand`); by default post
    /// when they have an address, else email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_by: Option<Method>,
}

pub(crate) fn yes() -> bool {
    true
}

fn is_yes(value: &bool) -> bool {
    *value
}

/// A meeting held or planned.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(rename = "type")]
    pub kind: MeetingType,
    pub date: NaiveDate,
    #[serde(default)]
    pub status: MeetingStatus,
    /// Start time, 24-hour `HH:MM`.
    #[schemars(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub time: Option<String>,
    pub venue: Option<String>,
    /// The IRO or chair's id in `service.yaml`, when not the allocated IRO.
    pub chair: Option<String>,
    /// Who came, by person id (`child`, `social-worker`, `iro` or an id from `people`).
    #[serde(default)]
    pub attended: Vec<String>,
    /// Who sent apologies, by person id.
    #[serde(default)]
    pub apologies: Vec<String>,
    /// How the child took part (SSDA903 code); required for a held Looked After Review.
    pub participation: Option<Participation>,
    /// `false` when `participation` is known not to fit the child's age (PN0 is for a child
    /// under 4 and only then): a data error carried over from the SSDA903 return, which `iro
    /// check` reports as a warning, not a review that did not happen.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub participation_valid: bool,
    /// Whether the child knows who their IRO is and how to contact them.
    pub child_knows_iro: Option<bool>,
    /// Whether the child was offered an advocate.
    pub advocate_offered: Option<bool>,
    /// Views given for this meeting, in the person's own words.
    #[serde(default)]
    pub views: Vec<View>,
    /// Answers returned on consultation forms for this meeting (`iro import-responses`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<super::form::Response>,
    /// What the meeting covered, by area of the plan (`placement`, `education`, `health`...),
    /// in the order the IRO wrote them (the record prints them so).
    #[serde(default)]
    pub discussion: indexmap::IndexMap<String, String>,
    /// What the meeting covered, by area, in words for the letter to the child. The letter
    /// never prints `discussion`, which is written for professionals.
    #[serde(default, skip_serializing_if = "indexmap::IndexMap::is_empty")]
    pub for_child: indexmap::IndexMap<String, String>,
    /// What was decided.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// The day the consultation packs were sent (`iro send` fills it in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packs_sent: Option<NaiveDate>,
    /// The day the decisions were sent out.
    pub decisions_sent: Option<NaiveDate>,
    /// The day the full record was sent out.
    pub record_sent: Option<NaiveDate>,
}

/// Someone's views, in their own words.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Whose views: `child`, `social-worker` or a person id.
    pub from: String,
    /// How the views were given: `in-person`, `form`, `phone`, `advocate`...
    pub via: Option<String>,
    pub text: String,
}

/// A decision with a named person and a timescale.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub text: String,
    /// The decision in words for the letter to the child, when `text` is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_child: Option<String>,
    /// Who will do it: `social-worker`, `iro`, a team member id or a person id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// By when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: DecisionStatus,
    /// The date it was done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<NaiveDate>,
}

/// A child protection plan and its conferences' clock.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildProtection {
    /// The strategy discussion that started the clock for the initial conference.
    pub strategy_discussion: NaiveDate,
    pub category: Option<CpCategory>,
    /// The date the plan started (the initial conference's date when it made one).
    pub plan_from: Option<NaiveDate>,
    /// The date the plan ended.
    pub plan_to: Option<NaiveDate>,
}

/// A secure placement (section 25, Children Act 1989).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurePlacement {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// The court order or authorisation.
    pub authority: Option<String>,
}

/// A private fostering arrangement.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivateFostering {
    /// The day the arrangement started.
    pub from: NaiveDate,
    /// The day the authority was told of it.
    pub notified: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The private foster carer's person id.
    pub carer: Option<String>,
    /// The days the council visited the child (the Children (Private Arrangements for
    /// Fostering) Regulations 2005: the first visit within 7 working days of being notified,
    /// then at most every 6 weeks in the first year and every 12 weeks after).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<NaiveDate>,
}

/// A dispute raised by the IRO (dispute resolution protocol).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    /// What the dispute is about, for example `drift-in-permanence`, `placement`, `contact`.
    pub theme: String,
    /// The issue in a sentence or two.
    pub issue: String,
    /// What the IRO asks the authority to do.
    pub remedy: Option<String>,
    pub raised: NaiveDate,
    /// Each stage of escalation, in order.
    #[serde(default)]
    pub stages: Vec<DisputeStage>,
    pub resolved: Option<NaiveDate>,
    pub outcome: Option<String>,
    /// Referred to Cafcass on this date.
    pub cafcass_referral: Option<NaiveDate>,
}

/// One stage of a dispute.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeStage {
    /// Stage number, 1 for the first (informal) stage.
    #[schemars(range(min = 1, max = 5))]
    pub stage: u8,
    /// Who the dispute went to at this stage (a role, for example `team manager`).
    pub to: String,
    pub sent: NaiveDate,
    pub responded: Option<NaiveDate>,
    pub response: Option<String>,
}

/// The permanence plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Permanence {
    pub plan: PermanencePlan,
    pub agreed: NaiveDate,
    pub detail: Option<String>,
}

/// An extra review asked for between the statutory ones.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraReviewRequest {
    pub requested: NaiveDate,
    pub reason: String,
    /// The review must be held by this date (set by the IRO).
    pub by: NaiveDate,
}
