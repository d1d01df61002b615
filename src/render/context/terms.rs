//! The words a view gives for the service's codes (meeting types, roles, legal status, how a
//! child took part) and its few fixed phrases, in the language of the document being made:
//! English, and Welsh (`cy`). Any other language gets the English words until iro has its
//! own. The Welsh were written for the project, to be checked by a Welsh speaker.

use crate::model::*;

/// The words of one document's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    welsh: bool,
}

impl Terms {
    /// The words of the document being made (see [`super::in_language`]).
    pub fn now() -> Terms {
        Terms::of(&super::current_language())
    }

    /// The words of `lang`.
    pub fn of(lang: &str) -> Terms {
        Terms {
            welsh: crate::plan::primary_language(lang) == "cy",
        }
    }

    fn pick(self, english: &str, welsh: &str) -> String {
        if self.welsh { welsh } else { english }.to_owned()
    }

    /// `Looked After Review`; `Adolygiad Plentyn sy'n Derbyn Gofal`.
    pub fn meeting(self, kind: MeetingType) -> String {
        self.pick(
            kind.title(),
            match kind {
                MeetingType::LacReview => "Adolygiad Plentyn sy'n Derbyn Gofal",
                MeetingType::CpInitial => "Cynhadledd Amddiffyn Plant Gychwynnol",
                MeetingType::CpReview => "Cynhadledd Adolygu Amddiffyn Plant",
                MeetingType::SecureReview => "Adolygiad Llety Diogel",
                MeetingType::FosterCarerReview => "Adolygiad Gofalwr Maeth",
                MeetingType::PrivateFosteringReview => "Adolygiad Maethu Preifat",
            },
        )
    }

    /// A team member's role: `Independent Reviewing Officer`.
    pub fn team_role(self, role: TeamRole) -> String {
        self.pick(
            role.words(),
            match role {
                TeamRole::Iro => "Swyddog Adolygu Annibynnol",
                TeamRole::CpChair => "cadeirydd amddiffyn plant",
                TeamRole::Manager => "rheolwr y gwasanaeth SAA",
                TeamRole::BusinessSupport => "cymorth busnes",
            },
        )
    }

    /// A person's role around the child: `foster carer`; `gofalwr maeth`.
    pub fn role(self, role: Role) -> String {
        self.pick(
            role.words(),
            match role {
                Role::Mother => "mam",
                Role::Father => "tad",
                Role::Parent => "rhiant",
                Role::StepParent => "llys-riant",
                Role::Grandparent => "taid neu nain",
                Role::OtherRelative => "perthynas",
                Role::FosterCarer => "gofalwr maeth",
                Role::ResidentialKeyWorker => "gweithiwr allweddol",
                Role::PrivateFosterCarer => "gofalwr maeth preifat",
                Role::SocialWorker => "gweithiwr cymdeithasol",
                Role::TeamManager => "rheolwr tîm",
                Role::DesignatedTeacher => "athro dynodedig",
                Role::HealthProfessional => "gweithiwr iechyd proffesiynol",
                Role::Advocate => "eiriolwr",
                Role::Guardian => "gwarcheidwad plant",
                Role::Solicitor => "cyfreithiwr",
                Role::Interpreter => "cyfieithydd",
                Role::Other => "gwahoddedig",
            },
        )
    }

    /// Someone invited, as a child names them on their form: `Mum (Gemma)`, `Dad (Liam)`,
    /// `Kieran, your social worker`; `Mam (Gemma)`, `Kieran, dy weithiwr cymdeithasol` in Welsh.
    /// Family by what the child calls them, first; others by first name, then who they are.
    pub fn as_a_child_names(self, role: Option<Role>, first_name: &str) -> String {
        let family = |en: &str, cy: &str| format!("{} ({first_name})", self.pick(en, cy));
        let worker = |en: &str, cy: &str| format!("{first_name}, {}", self.pick(en, cy));
        match role {
            Some(Role::Mother) => family("Mum", "Mam"),
            Some(Role::Father) => family("Dad", "Dad"),
            Some(Role::Grandparent) => family("Nan or Grandad", "Nain neu Taid"),
            Some(Role::SocialWorker) => worker("your social worker", "dy weithiwr cymdeithasol"),
            Some(Role::FosterCarer) => worker("your foster carer", "dy ofalwr maeth"),
            Some(Role::ResidentialKeyWorker) => worker("your key worker", "dy weithiwr allweddol"),
            Some(Role::DesignatedTeacher) => worker("your teacher", "dy athro"),
            Some(Role::HealthProfessional) => {
                worker("your nurse or doctor", "dy nyrs neu dy feddyg")
            }
            Some(Role::Advocate) => worker("your advocate", "dy eiriolwr"),
            _ => first_name.to_owned(),
        }
    }

    /// The role of whoever has none of the above: the child, a household's carers, the
    /// social worker and a household's supervising social worker.
    pub fn child(self) -> String {
        self.pick("child", "plentyn")
    }

    pub fn social_worker(self) -> String {
        self.role(Role::SocialWorker)
    }

    pub fn foster_carers(self) -> String {
        self.pick("foster carers", "gofalwyr maeth")
    }

    pub fn supervising_social_worker(self) -> String {
        self.pick(
            "supervising social worker",
            "gweithiwr cymdeithasol goruchwylio",
        )
    }

    /// A decision whose owner the case file does not name.
    pub fn not_named(self) -> String {
        self.pick("Not named", "Heb ei enwi")
    }

    /// `Phone`, `Ffôn`: a label before a phone number.
    pub fn phone(self) -> String {
        self.pick("Phone", "Ffôn")
    }

    /// `Email`, `E-bost`: a label before an email address.
    pub fn email(self) -> String {
        self.pick("Email", "E-bost")
    }

    /// What a young child's letter says for a decision that has no `for_child:` wording.
    pub fn decision_for_a_young_child(self) -> String {
        self.pick(
            "The grown-ups agreed something to help with your plan. Ask me or your carer what it is.",
            "Mae'r oedolion wedi cytuno ar rywbeth i helpu gyda dy gynllun. Gofyn i fi neu i dy ofalwr beth yw e.",
        )
    }

    /// A decision with no day it is due by.
    pub fn no_date_set(self) -> String {
        self.pick("No date set", "Dim dyddiad wedi'i osod")
    }

    /// A where-and-when answer in words.
    pub fn where_when(self, r#where: &str, when: &str) -> String {
        if self.welsh {
            format!("Ble: {where}. Pryd: {when}.")
        } else {
            format!("Where: {where}. When: {when}.")
        }
    }

    /// In place of a venue that is a confidential placement's address.
    pub fn venue_withheld(self) -> String {
        self.pick(
            "to be told to you by the Independent Reviewing Officer",
            "bydd y Swyddog Adolygu Annibynnol yn rhoi gwybod i chi",
        )
    }

    /// The meaning of a legal status code.
    pub fn legal_status(self, code: LegalStatus) -> String {
        use LegalStatus::*;
        self.pick(
            code.meaning(),
            match code {
                C1 => "gorchymyn gofal interim",
                C2 => "gorchymyn gofal",
                D1 => "gorchymyn rhyddhau",
                E1 => "gorchymyn lleoli",
                V2 => "yn cael llety o dan adran 20",
                V3 => "seibiant byr (un lleoliad)",
                V4 => "seibiannau byr (cyfres o leoliadau)",
                L1 => "gwarchodaeth yr heddlu",
                L2 => "gorchymyn amddiffyn brys",
                L3 => "gorchymyn asesu plentyn",
                J1 => "ar remand",
                J2 => "trosglwyddiad PACE",
                J3 => "gorchymyn adsefydlu ieuenctid gyda gofyniad preswylio",
            },
        )
    }

    /// How the child took part in a review, by its code.
    pub fn participation(self, code: Participation) -> String {
        use Participation::*;
        self.pick(
            code.meaning(),
            match code {
                PN0 => "roedd y plentyn o dan 4 oed adeg yr adolygiad",
                PN1 => "daeth y plentyn i'r adolygiad a siarad ar ei ran ei hun",
                PN2 => "daeth y plentyn i'r adolygiad; siaradodd eiriolwr neu'r SAA ar ei ran",
                PN3 => "daeth y plentyn i'r adolygiad a rhannu ei farn heb eiriau",
                PN4 => "daeth y plentyn i'r adolygiad ond ni chyfrannodd",
                PN5 => "ni ddaeth y plentyn i'r adolygiad; rhoddodd ei farn i eiriolwr neu'r SAA",
                PN6 => "ni ddaeth y plentyn i'r adolygiad; rhannodd ei farn mewn ffordd arall",
                PN7 => "ni ddaeth y plentyn i'r adolygiad ac ni rannwyd ei farn",
            },
        )
    }

    /// A code's English words (`foster care` for `foster-care`), or its Welsh.
    fn code<T: serde::Serialize>(self, value: T, welsh: &str) -> String {
        if self.welsh {
            return welsh.to_owned();
        }
        serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('-', " ")))
            .unwrap_or_default()
    }

    /// The kind of placement: `foster care`; `gofal maeth`.
    pub fn placement(self, kind: PlacementType) -> String {
        use PlacementType::*;
        let welsh = match kind {
            FosterCare => "gofal maeth",
            KinshipCare => "gofal gan berthnasau",
            ResidentialHome => "cartref preswyl",
            SecureUnit => "uned ddiogel",
            PlacedWithParents => "lleoliad gyda rhieni",
            Adoption => "lleoliad mabwysiadu",
            SupportedAccommodation => "llety â chymorth",
            PrivateFostering => "maethu preifat",
            Hospital => "ysbyty",
            YoungOffenderInstitution => "sefydliad troseddwyr ifanc",
            Other => "arall",
        };
        self.code(kind, welsh)
    }

    /// The permanence plan: `long term fostering`; `maethu tymor hir`.
    pub fn permanence(self, plan: PermanencePlan) -> String {
        use PermanencePlan::*;
        let welsh = match plan {
            ReturnHome => "dychwelyd adref",
            KinshipCare => "gofal gan berthnasau",
            SpecialGuardianship => "gwarcheidiaeth arbennig",
            ChildArrangementsOrder => "gorchymyn trefniadau plant",
            Adoption => "mabwysiadu",
            LongTermFostering => "maethu tymor hir",
            ResidentialCare => "gofal preswyl",
            SupportedIndependence => "byw'n annibynnol gyda chymorth",
            Other => "cynllun arall",
        };
        self.code(plan, welsh)
    }

    /// The category of a child protection plan.
    pub fn category(self, category: CpCategory) -> String {
        use CpCategory::*;
        let welsh = match category {
            Neglect => "esgeulustod",
            PhysicalAbuse => "cam-drin corfforol",
            EmotionalAbuse => "cam-drin emosiynol",
            SexualAbuse => "cam-drin rhywiol",
            MultipleCategories => "sawl categori",
        };
        self.code(category, welsh)
    }

    /// An area the review talked about, as a heading: `family-time` is `Family time`. The
    /// case file names the areas; in Welsh the usual ones have Welsh headings, and any other
    /// is printed as the case file writes it.
    pub fn area(self, key: &str) -> String {
        let text = key.replace(['-', '_'], " ");
        let welsh = match text.to_lowercase().as_str() {
            "placement" => Some("Lleoliad"),
            "where you live" => Some("Ble rwyt ti'n byw"),
            "home" => Some("Cartref"),
            "contact" | "family time" | "family" => Some("Amser gyda'r teulu"),
            "education" => Some("Addysg"),
            "school" => Some("Ysgol"),
            "health" => Some("Iechyd"),
            "legal" | "legal status" => Some("Statws cyfreithiol"),
            "permanence" => Some("Cynllun parhaol"),
            "safety" => Some("Diogelwch"),
            "identity" => Some("Hunaniaeth"),
            "wishes and feelings" | "views" => Some("Dymuniadau a theimladau"),
            "strengths" => Some("Cryfderau"),
            "risks" | "worries" => Some("Pryderon"),
            "progress" => Some("Cynnydd"),
            "friends" | "friends and hobbies" => Some("Ffrindiau a diddordebau"),
            "pathway plan" | "leaving care" => Some("Cynllun llwybr"),
            "decision" => Some("Penderfyniad"),
            "concerns" => Some("Pryderon"),
            "support" => Some("Cymorth"),
            "participation" => Some("Cymryd rhan"),
            "communication" => Some("Cyfathrebu"),
            "accessibility" => Some("Hygyrchedd"),
            "consent" => Some("Caniatâd"),
            "timeliness" => Some("Amseroldeb"),
            "training" => Some("Hyfforddiant"),
            "approval" => Some("Cymeradwyaeth"),
            "arrangement" => Some("Y trefniant"),
            "criteria" => Some("Y meini prawf"),
            "alternatives" => Some("Dewisiadau eraill"),
            "delegated authority" => Some("Awdurdod dirprwyedig"),
            "staying put" => Some("Aros Ymlaen"),
            "youth justice" => Some("Cyfiawnder ieuenctid"),
            "child" => Some("Y plentyn"),
            _ => None,
        };
        match welsh {
            Some(w) if self.welsh => w.to_owned(),
            _ => {
                let mut chars = text.chars();
                (chars.next())
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        }
    }

    /// How views were given (`in-person`, `phone`), as a record prints it after `via`; in
    /// Welsh after `drwy`, which softens the word that follows (`drwy lythyr`). A way iro does
    /// not know is printed as the case file writes it.
    pub fn via(self, via: &str) -> String {
        let welsh = match via {
            "in-person" => Some("gyfarfod wyneb yn wyneb"),
            "form" => Some("ffurflen"),
            "phone" => Some("ffôn"),
            "video" => Some("fideo"),
            "advocate" => Some("eiriolwr"),
            "email" => Some("e-bost"),
            "text" => Some("neges destun"),
            "letter" => Some("lythyr"),
            "app" => Some("ap"),
            "communication app" => Some("ap cyfathrebu"),
            "audio" => Some("recordiad sain"),
            "symbols" => Some("symbolau"),
            "iro" => Some("y SAA"),
            "social-worker" => Some("weithiwr cymdeithasol"),
            "carer" => Some("ofalwr"),
            "interpreter" => Some("gyfieithydd"),
            _ => None,
        };
        match welsh {
            Some(w) if self.welsh => w.to_owned(),
            _ => via.replace('-', " "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_the_codes_own() {
        let en = Terms::of("en");
        assert_eq!(en.meeting(MeetingType::LacReview), "Looked After Review");
        assert_eq!(en.role(Role::FosterCarer), "foster carer");
        assert_eq!(en.placement(PlacementType::FosterCare), "foster care");
        assert_eq!(en.via("in-person"), "in person");
        assert_eq!(en.no_date_set(), "No date set");
        assert_eq!(en.area("family-time"), "Family time");
        // Languages iro has no words for are English.
        assert_eq!(Terms::of("pl"), en);
    }

    #[test]
    fn welsh_words() {
        let cy = Terms::of("cy-GB");
        assert_eq!(
            cy.meeting(MeetingType::LacReview),
            "Adolygiad Plentyn sy'n Derbyn Gofal"
        );
        assert_eq!(cy.team_role(TeamRole::Iro), "Swyddog Adolygu Annibynnol");
        assert_eq!(cy.role(Role::SocialWorker), "gweithiwr cymdeithasol");
        assert_eq!(cy.legal_status(LegalStatus::C2), "gorchymyn gofal");
        assert_eq!(cy.via("letter"), "lythyr");
        assert_eq!(cy.via("carrier-pigeon"), "carrier pigeon");
        assert_eq!(cy.area("education"), "Addysg");
        assert_eq!(cy.area("youth-justice"), "Cyfiawnder ieuenctid");
        assert_eq!(cy.area("garden"), "Garden");
    }
}
