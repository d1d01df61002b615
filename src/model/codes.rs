//! The fixed code lists of the SSDA903 return and of the service's own vocabulary.
//!
//! Every list is a closed enum so that a code outside it is a schema error with the list of
//! allowed values as its hint. Nothing here reads files or knows about templates.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How the child took part in a review (SSDA903 `REVIEW_CODE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Participation {
    PN0,
    PN1,
    PN2,
    PN3,
    PN4,
    PN5,
    PN6,
    PN7,
}

impl Participation {
    /// All codes, in order, for reports and tables.
    pub const ALL: [Participation; 8] = [
        Self::PN0,
        Self::PN1,
        Self::PN2,
        Self::PN3,
        Self::PN4,
        Self::PN5,
        Self::PN6,
        Self::PN7,
    ];

    /// The meaning of the code in plain words, as a review record prints it.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::PN0 => "the child was under 4 at the review",
            Self::PN1 => "the child attended and spoke for themselves",
            Self::PN2 => "the child attended; an advocate or the IRO spoke for them",
            Self::PN3 => "the child attended and shared their views without words",
            Self::PN4 => "the child attended but did not contribute",
            Self::PN5 => "the child did not attend; they briefed an advocate or the IRO",
            Self::PN6 => "the child did not attend; they shared their views another way",
            Self::PN7 => "the child did not attend and their views were not shared",
        }
    }
}

/// Legal status (SSDA903 `LS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum LegalStatus {
    C1,
    C2,
    D1,
    E1,
    V2,
    V3,
    V4,
    L1,
    L2,
    L3,
    J1,
    J2,
    J3,
}

impl LegalStatus {
    /// The meaning of the code in plain words.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::C1 => "interim care order",
            Self::C2 => "care order",
            Self::D1 => "freeing order",
            Self::E1 => "placement order",
            Self::V2 => "accommodated under section 20",
            Self::V3 => "short break (single placement)",
            Self::V4 => "short breaks (series of placements)",
            Self::L1 => "police protection",
            Self::L2 => "emergency protection order",
            Self::L3 => "child assessment order",
            Self::J1 => "on remand",
            Self::J2 => "PACE transfer",
            Self::J3 => "youth rehabilitation order with residence requirement",
        }
    }

    /// Children on short breaks have no reviews in the return.
    pub fn is_short_break(self) -> bool {
        matches!(self, Self::V3 | Self::V4)
    }
}

/// The kind of meeting an IRO chairs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingType {
    /// Looked After Review.
    LacReview,
    /// Initial child protection conference.
    CpInitial,
    /// Review child protection conference.
    CpReview,
    /// Secure accommodation review.
    SecureReview,
    /// Foster carer review (held for a household in `carers/`).
    FosterCarerReview,
    /// Private fostering review.
    PrivateFosteringReview,
}

impl MeetingType {
    /// The meeting's name as people say it.
    pub fn title(self) -> &'static str {
        match self {
            Self::LacReview => "Looked After Review",
            Self::CpInitial => "Initial Child Protection Conference",
            Self::CpReview => "Review Child Protection Conference",
            Self::SecureReview => "Secure Accommodation Review",
            Self::FosterCarerReview => "Foster Carer Review",
            Self::PrivateFosteringReview => "Private Fostering Review",
        }
    }
}

/// A format a reader has asked for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Standard,
    LargePrint,
    EasyRead,
    Html,
    Braille,
    Audio,
    /// A Word document, for readers who edit what they are sent (tracked changes).
    Docx,
    /// A consultation form as a PDF to fill in on screen (Acrobat Reader, Preview, a
    /// browser), as well as the print copy. Letters are not made in it.
    FillablePdf,
}

/// How a document goes to its reader (`iro send --method`, and a person's `send_by`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Printed and posted: the print run (`iro send --print`) holds it.
    Post,
    /// Emailed as an attachment.
    Email,
    /// Through the council's secure email (for professionals).
    SecureEmail,
    /// Given to the reader in person (at a visit, say).
    ByHand,
}

impl Method {
    /// The method in words (`secure email`).
    pub fn words(self) -> &'static str {
        match self {
            Method::Post => "post",
            Method::Email => "email",
            Method::SecureEmail => "secure email",
            Method::ByHand => "by hand",
        }
    }

    /// How it goes, as a sentence says it: `by post`, `by secure email`, `by hand`.
    pub fn how(self) -> &'static str {
        match self {
            Method::Post => "by post",
            Method::Email => "by email",
            Method::SecureEmail => "by secure email",
            Method::ByHand => "by hand",
        }
    }

    /// Whether the document goes to an email address.
    pub fn is_email(self) -> bool {
        matches!(self, Method::Email | Method::SecureEmail)
    }
}

impl std::str::FromStr for Method {
    type Err = String;

    /// As the case file spells it: `post`, `email`, `secure-email`, `by-hand`.
    fn from_str(s: &str) -> Result<Method, String> {
        serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
            format!("`{s}` is not a way to send: use post, email, secure-email or by-hand")
        })
    }
}

/// The kind of placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlacementType {
    FosterCare,
    KinshipCare,
    ResidentialHome,
    SecureUnit,
    PlacedWithParents,
    Adoption,
    SupportedAccommodation,
    PrivateFostering,
    Hospital,
    YoungOffenderInstitution,
    Other,
}

/// A person's role around the child; decides which audience their copy is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Mother,
    Father,
    Parent,
    StepParent,
    Grandparent,
    OtherRelative,
    FosterCarer,
    ResidentialKeyWorker,
    PrivateFosterCarer,
    SocialWorker,
    TeamManager,
    DesignatedTeacher,
    HealthProfessional,
    Advocate,
    Guardian,
    Solicitor,
    Interpreter,
    Other,
}

impl Role {
    /// Whether the role is the child's family: parents and relatives, whose copies never hold
    /// what a confidential placement keeps back.
    pub fn is_family(self) -> bool {
        matches!(
            self,
            Self::Mother
                | Self::Father
                | Self::Parent
                | Self::StepParent
                | Self::Grandparent
                | Self::OtherRelative
        )
    }

    /// The role in words, as letters print it: `foster carer`, `designated teacher`.
    pub fn words(self) -> &'static str {
        match self {
            Self::Mother => "mother",
            Self::Father => "father",
            Self::Parent => "parent",
            Self::StepParent => "step-parent",
            Self::Grandparent => "grandparent",
            Self::OtherRelative => "relative",
            Self::FosterCarer => "foster carer",
            Self::ResidentialKeyWorker => "key worker",
            Self::PrivateFosterCarer => "private foster carer",
            Self::SocialWorker => "social worker",
            Self::TeamManager => "team manager",
            Self::DesignatedTeacher => "designated teacher",
            Self::HealthProfessional => "health professional",
            Self::Advocate => "advocate",
            Self::Guardian => "children's guardian",
            Self::Solicitor => "solicitor",
            Self::Interpreter => "interpreter",
            Self::Other => "invited",
        }
    }
}

/// The status of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionStatus {
    #[default]
    Open,
    Done,
    Dropped,
}

/// The status of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingStatus {
    /// The meeting took place (the default for a recorded meeting).
    #[default]
    Held,
    /// Booked for a future date.
    Planned,
    /// Called off; it does not reset the clock.
    Cancelled,
}

/// Category of a child protection plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CpCategory {
    Neglect,
    PhysicalAbuse,
    EmotionalAbuse,
    SexualAbuse,
    MultipleCategories,
}

/// The permanence plan for the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PermanencePlan {
    ReturnHome,
    KinshipCare,
    SpecialGuardianship,
    ChildArrangementsOrder,
    Adoption,
    LongTermFostering,
    ResidentialCare,
    SupportedIndependence,
    Other,
}
