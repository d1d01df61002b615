//! The service file (`service.yaml`): who the service is, its team, its clocks and calendar.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::case::Address;

/// The whole `service.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub service: ServiceIdentity,
    /// Offices the team works from.
    pub offices: Vec<Office>,
    /// IROs, managers and business support officers.
    pub team: Vec<TeamMember>,
    /// How a child or family complains.
    pub complaints: Contact,
    /// The advocacy service children are offered.
    pub advocacy: Contact,
    #[serde(default)]
    pub branding: Branding,
    /// Statutory and local timescales; each defaults to the regulations or common practice.
    #[serde(default)]
    pub timescales: Timescales,
    /// England and Wales bank holidays, including one-off ones. Working days skip these.
    pub bank_holidays: Vec<NaiveDate>,
    /// How easy what children read must be; `iro check` scores every letter and form.
    #[serde(default)]
    pub readability: Readability,
    /// The file audio copies are made as: `wav` (default; plays anywhere) or `mp3` (about a
    /// seventh of the size, for email; needs the `lame` program).
    #[serde(default)]
    pub audio_format: AudioFormat,
    /// What a family copy leaves out while a child's placement is confidential.
    #[serde(default)]
    pub confidential_placements: ConfidentialPlacements,
    /// The day the service began making its documents with iro, for example `2026-09-01`.
    /// Meetings, dispute stages and other work dated before it are history: iro makes no
    /// records, letters or packs for them, and `iro due` does not list them as overdue. The
    /// annual report still counts them. Leave it out to make documents for every date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents_from: Option<NaiveDate>,
    /// The public site: which languages it is made in (`site: { languages: [en, cy] }`).
    #[serde(default)]
    pub site: super::page::SiteSettings,
}

/// What a copy for a parent, a relative or a person marked `risk` holds back while the child's
/// placement is confidential. The address and postcode, the carers' full names, their phone
/// and email, and the school's and GP's names and addresses are always held back; a service
/// can hold back more.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ConfidentialPlacements {
    /// How the carers are named: `first-names` ("Gareth and Rhys", the default) or `generic`
    /// ("Freya's foster carers").
    pub carer_names: CarerNames,
    /// More that can point to a town, held back too: `social-worker-team`,
    /// `social-worker-contact`.
    pub also_withhold: Vec<Locating>,
}

/// How a family copy names the carers of a child whose placement is confidential.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CarerNames {
    /// Their first names only.
    #[default]
    FirstNames,
    /// No names: "Freya's foster carers".
    Generic,
}

/// A field that can locate a child, which a family copy holds back while the placement is
/// confidential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Locating {
    /// The placement's street lines and postcode (always held back).
    Address,
    /// The carers' full names (always held back).
    CarerNames,
    /// The carers' phone numbers and emails (always held back).
    CarerContact,
    /// The school's name and address (always held back).
    School,
    /// The GP surgery's name and address (always held back).
    Gp,
    /// The social worker's team, which is often named after an area.
    SocialWorkerTeam,
    /// The social worker's phone and email.
    SocialWorkerContact,
}

impl Locating {
    /// What every confidential placement holds back, whatever service.yaml says.
    pub const ALWAYS: [Locating; 5] = [
        Locating::Address,
        Locating::CarerNames,
        Locating::CarerContact,
        Locating::School,
        Locating::Gp,
    ];
}

/// The file an audio copy is made as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AudioFormat {
    /// 16-bit PCM WAV, 22 kHz mono.
    #[default]
    Wav,
    /// MP3, 48 kbit/s mono, encoded by `lame`.
    Mp3,
}

impl AudioFormat {
    /// The file name ending, with its dot.
    pub fn suffix(self) -> &'static str {
        match self {
            AudioFormat::Wav => ".wav",
            AudioFormat::Mp3 => ".mp3",
        }
    }
}

/// Reading level targets for what children read, by the wording band of their age.
///
/// Flesch reading ease runs from about 0 (very hard) to 100 and more (very easy); 60 to 70 is
/// plain English, 80 and above is easy for a child of 11.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Readability {
    /// The lowest reading ease for letters and forms for children aged 7 and under.
    #[serde(rename = "under-8")]
    #[schemars(range(min = 0, max = 120))]
    pub under_8: f64,
    /// The lowest reading ease for children aged 8 to 12.
    #[serde(rename = "8-to-12")]
    #[schemars(range(min = 0, max = 120))]
    pub from_8_to_12: f64,
    /// The lowest reading ease for young people aged 13 and over.
    #[serde(rename = "13-plus")]
    #[schemars(range(min = 0, max = 120))]
    pub from_13: f64,
    /// Easy read versions: the most words in one sentence.
    #[schemars(range(min = 1, max = 100))]
    pub easy_read_sentence_words: usize,
}

impl Default for Readability {
    fn default() -> Self {
        Readability {
            under_8: 80.0,
            from_8_to_12: 80.0,
            from_13: 65.0,
            easy_read_sentence_words: 15,
        }
    }
}

impl Readability {
    /// The target for a wording band (`under-8`, `8-to-12`, `13-plus`).
    pub fn target(&self, band: &str) -> f64 {
        match band {
            "under-8" => self.under_8,
            "8-to-12" => self.from_8_to_12,
            _ => self.from_13,
        }
    }
}

/// Who the service is.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceIdentity {
    /// The service's name, for example `Northmoor Independent Reviewing Service`.
    pub name: String,
    /// The local authority, for example `Northmoor Borough Council`.
    pub authority: String,
    pub website: Option<String>,
    /// The language of the service's own documents (ISO 639-1).
    #[serde(default = "super::case::english")]
    #[schemars(regex(pattern = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"))]
    pub language: String,
    /// The service's and the council's names in other languages, by language code, for
    /// documents and pages in that language: `cy: {name: Gwasanaeth Adolygu Annibynnol
    /// Northmoor, authority: Cyngor Bwrdeistref Northmoor}`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub names: std::collections::BTreeMap<String, ServiceNames>,
    /// Letters in two languages at once, as the Welsh Language Standards expect of a Welsh
    /// authority: `languages: [cy, en]` (the first comes first, or on the left) and a
    /// `layout`. A reader whose language is either of the two gets both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bilingual: Option<Bilingual>,
}

/// The service's names in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceNames {
    pub name: Option<String>,
    pub authority: Option<String>,
}

impl ServiceIdentity {
    /// The service's name in `lang`, where service.yaml gives one; its own name otherwise.
    pub fn name_in(&self, lang: &str) -> &str {
        self.in_language(lang)
            .and_then(|n| n.name.as_deref())
            .unwrap_or(&self.name)
    }

    /// The council's name in `lang`, where service.yaml gives one.
    pub fn authority_in(&self, lang: &str) -> &str {
        self.in_language(lang)
            .and_then(|n| n.authority.as_deref())
            .unwrap_or(&self.authority)
    }

    fn in_language(&self, lang: &str) -> Option<&ServiceNames> {
        let code = crate::typeset::text_languages::primary(lang);
        self.names.get(&code)
    }
}

/// How a bilingual service writes its letters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// The two languages, the one printed first (or on the left) first: `[cy, en]`.
    pub languages: [String; 2],
    /// `one-after-the-other` (the default: the second language starts on a new page) or
    /// `side-by-side` (two columns, the first language on the left).
    #[serde(default)]
    pub layout: BilingualLayout,
}

/// Where a bilingual letter puts its second language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BilingualLayout {
    /// The whole letter in the first language, then the whole letter again in the second,
    /// from a new page.
    #[default]
    OneAfterTheOther,
    /// Two columns on each page, the first language on the left.
    SideBySide,
}

/// An office of the team.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"))]
    pub id: String,
    pub name: String,
    pub address: Address,
    pub phone: String,
    pub email: Option<String>,
    /// Opening hours in words, for example `Monday to Friday, 9am to 5pm`.
    pub hours: Option<String>,
}

/// What a team member does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TeamRole {
    Iro,
    CpChair,
    Manager,
    BusinessSupport,
}

impl TeamRole {
    /// The role in words, as records and the site print it.
    pub fn words(self) -> &'static str {
        match self {
            Self::Iro => "Independent Reviewing Officer",
            Self::CpChair => "child protection chair",
            Self::Manager => "IRO service manager",
            Self::BusinessSupport => "business support",
        }
    }
}

/// A member of the IRO team.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    /// A short id used by case files, for example `iro-jpatel`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"))]
    pub id: String,
    pub name: String,
    pub role: TeamRole,
    /// Whether this person also chairs child protection conferences.
    #[serde(default)]
    pub chairs_cp: bool,
    pub pronouns: Option<String>,
    /// The office id.
    pub office: String,
    pub phone: Option<String>,
    /// A mobile number the person can be texted on.
    pub mobile: Option<String>,
    pub email: Option<String>,
    /// Full-time equivalent, for caseload figures.
    #[serde(default = "one")]
    pub fte: f64,
    /// A photo for letters to children (a path under the service folder).
    pub photo: Option<String>,
    /// What the photo shows, for readers who cannot see it.
    pub photo_alt: Option<String>,
    /// A sentence or two the person writes about themselves for children.
    pub about: Option<String>,
}

fn one() -> f64 {
    1.0
}

/// A contact point (complaints, advocacy).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    pub text: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

/// The service's look.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// The accent colour, as `#rrggbb`.
    #[schemars(regex(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub colour: String,
    /// A logo image (a path under the service folder).
    pub logo: Option<String>,
    pub logo_alt: Option<String>,
}

impl Default for Branding {
    fn default() -> Self {
        Branding {
            colour: "#1d5c63".to_owned(),
            logo: None,
            logo_alt: None,
        }
    }
}

/// Every clock the service runs on. Working days skip weekends and `bank_holidays`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Timescales {
    /// IRO allocated and introduction letter sent, in working days after becoming looked after.
    #[schemars(range(max = 260))]
    pub introduction_working_days: u32,
    /// First Looked After Review, in working days after becoming looked after.
    #[schemars(range(max = 260))]
    pub first_review_working_days: u32,
    /// Second Looked After Review, in months after the first.
    #[schemars(range(max = 60))]
    pub second_review_months: u32,
    /// Later Looked After Reviews, in months after the one before.
    #[schemars(range(max = 60))]
    pub later_review_months: u32,
    /// Initial child protection conference, in working days after the strategy discussion.
    #[schemars(range(max = 260))]
    pub cp_initial_working_days: u32,
    /// First review conference, in months after the initial conference.
    #[schemars(range(max = 60))]
    pub cp_first_review_months: u32,
    /// Later review conferences, in months after the one before.
    #[schemars(range(max = 60))]
    pub cp_later_review_months: u32,
    /// First secure accommodation review, in months after the placement started.
    #[schemars(range(max = 60))]
    pub secure_first_review_months: u32,
    /// Later secure accommodation reviews, in months after the one before.
    #[schemars(range(max = 60))]
    pub secure_later_review_months: u32,
    /// First foster carer review, in months after approval.
    #[schemars(range(max = 60))]
    pub foster_first_review_months: u32,
    /// Later foster carer reviews, in months after the one before.
    #[schemars(range(max = 60))]
    pub foster_later_review_months: u32,
    /// First private fostering review, in months after the arrangement started (local practice).
    #[schemars(range(max = 60))]
    pub private_fostering_first_review_months: u32,
    /// Later private fostering reviews, in months after the one before (local practice).
    #[schemars(range(max = 60))]
    pub private_fostering_later_review_months: u32,
    /// Consultation packs sent, in working days before the review (local practice).
    #[schemars(range(max = 260))]
    pub consultation_working_days_before: u32,
    /// Consultation packs are made from this many days before they must be sent (so business
    /// support can print and post them in good time).
    #[schemars(range(max = 120))]
    pub consultation_prepare_days: u32,
    /// Social worker and IRO in touch, in working days before the review (local practice).
    #[schemars(range(max = 260))]
    pub social_worker_contact_working_days_before: u32,
    /// Reports and plans with the IRO, in working days before the review (local practice).
    #[schemars(range(max = 260))]
    pub reports_working_days_before: u32,
    /// Decisions sent out, in working days after the review (local practice).
    #[schemars(range(max = 260))]
    pub decisions_working_days_after: u32,
    /// Full record sent out, in working days after the review (local practice).
    #[schemars(range(max = 260))]
    pub record_working_days_after: u32,
    /// Response to each dispute resolution stage, in working days after it was sent.
    #[schemars(range(max = 260))]
    pub dispute_stage_working_days: u32,
    /// The whole formal dispute process, in working days after it was raised.
    #[schemars(range(max = 260))]
    pub dispute_total_working_days: u32,
}

impl Default for Timescales {
    fn default() -> Self {
        Timescales {
            introduction_working_days: 5,
            first_review_working_days: 20,
            second_review_months: 3,
            later_review_months: 6,
            cp_initial_working_days: 15,
            cp_first_review_months: 3,
            cp_later_review_months: 6,
            secure_first_review_months: 1,
            secure_later_review_months: 3,
            foster_first_review_months: 12,
            foster_later_review_months: 12,
            private_fostering_first_review_months: 3,
            private_fostering_later_review_months: 6,
            consultation_working_days_before: 15,
            consultation_prepare_days: 28,
            social_worker_contact_working_days_before: 15,
            reports_working_days_before: 3,
            decisions_working_days_after: 5,
            record_working_days_after: 20,
            dispute_stage_working_days: 10,
            dispute_total_working_days: 20,
        }
    }
}

impl Service {
    /// A team member by id.
    pub fn member(&self, id: &str) -> Option<&TeamMember> {
        self.team.iter().find(|m| m.id == id)
    }

    /// An office by id.
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }
}
