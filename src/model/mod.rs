//! Domain types: the service, its children and carer households.
//!
//! Plain data with serde and JSON Schema derives; no I/O, no templates, no typesetting. The
//! schema derived from these types is the contract that `validate` checks files against.

pub mod carer;
pub mod case;
pub mod codes;
pub mod form;
pub mod page;
pub mod service;
pub mod translation;

pub use carer::{Carer, CarerHousehold};
pub use case::*;
pub use codes::*;
pub use form::{
    AgeRange, Answer, AnswerKind, Form, FormAudience, FormSection, Question, Response,
    ReturnedAnswers,
};
pub use page::{Page, PageAudience, PageMeta, SiteSettings};
pub use service::*;
pub use translation::{Translation, Worded};

use chrono::{Datelike, NaiveDate};

/// Whole years between `birth` and `on` (the child's age on that day).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

impl Case {
    /// The name to use when writing to the child.
    pub fn preferred_name(&self) -> &str {
        self.child
            .preferred_name
            .as_deref()
            .unwrap_or(&self.child.legal_name)
    }

    /// The child's age on a date.
    pub fn age_on(&self, on: NaiveDate) -> u32 {
        age_on(self.child.date_of_birth, on)
    }

    /// The day the child turns 18 and stops being looked after (care leavers have pathway
    /// plans, not reviews). Born on 29 February, they turn 18 on 1 March in a common year, as
    /// [`age_on`] counts.
    pub fn eighteenth_birthday(&self) -> NaiveDate {
        let dob = self.child.date_of_birth;
        let year = dob.year() + 18;
        NaiveDate::from_ymd_opt(year, dob.month(), dob.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The period of care that includes `on`, or the latest one that started by then.
    pub fn care_period_on(&self, on: NaiveDate) -> Option<&CarePeriod> {
        self.looked_after.iter().rev().find(|p| p.from <= on)
    }

    /// Whether the child is looked after on a date.
    pub fn is_looked_after_on(&self, on: NaiveDate) -> bool {
        self.care_period_on(on)
            .is_some_and(|p| p.to.is_none_or(|to| to >= on))
    }

    /// Whether the child has left care by `on`: their last period of care ended on or before
    /// it (an episode ending that day has ended, as the DfE counts). A child never looked
    /// after (a child protection or private fostering case) has not left care.
    pub fn has_left_care(&self, on: NaiveDate) -> bool {
        (self.looked_after.last()).is_some_and(|p| p.to.is_some_and(|to| to <= on))
    }

    /// The legal status in force on a date.
    pub fn legal_status_on(&self, on: NaiveDate) -> Option<LegalStatus> {
        self.legal_status
            .iter()
            .rev()
            .find(|s| s.from <= on)
            .map(|s| s.code)
    }

    /// The placement in force on a date.
    pub fn placement_on(&self, on: NaiveDate) -> Option<&Placement> {
        self.placements
            .iter()
            .rev()
            .find(|p| p.from <= on && p.to.is_none_or(|to| to >= on))
    }

    /// Meetings of one type that took place, oldest first.
    pub fn held(&self, kind: MeetingType) -> impl Iterator<Item = &Meeting> {
        self.meetings
            .iter()
            .filter(move |m| m.kind == kind && m.status == MeetingStatus::Held)
    }

    /// A person by id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }
}

impl Meeting {
    /// Whether the meeting is booked: planned, with a date, a start time and a venue. Only a
    /// booked review gets consultation packs, which must say when and where it is.
    pub fn is_booked(&self) -> bool {
        let filled = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        self.status == MeetingStatus::Planned && filled(&self.time) && filled(&self.venue)
    }
}

/// A whole service, validated: the input to every later stage.
#[derive(Debug, Clone)]
pub struct ServiceData {
    pub service: Service,
    pub cases: Vec<Case>,
    pub carers: Vec<CarerHousehold>,
    /// Consultation forms, sorted by id.
    pub forms: Vec<Form>,
    /// The forms' translations (`forms/<lang>/<id>.yaml`), each matching its form.
    pub form_translations: Vec<Translation>,
}

impl ServiceData {
    /// A form as it is shown in `lang`: in that language where it has a translation.
    pub fn form_in<'f>(&'f self, form: &'f Form, lang: &str) -> Worded<'f> {
        Worded::in_language(form, &self.form_translations, lang)
    }
}
