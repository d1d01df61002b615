//! Document kinds: one module each, owning who receives it and when (its plan), what each
//! audience may see (its view), and its templates, behind one small trait. They are listed
//! once, in [`KINDS`], as mdBook lists its renderers: adding a kind is one new file here, its
//! templates, and one line in that list.
//!
//! A kind plans with `plan`'s readers, packs and records, and builds its view with `render`'s
//! views; the build asks it for both and knows no kind by name.

mod disputes;
mod introduction;
mod moved;
mod packs;
mod records;
mod reminder;
mod site;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::model::{CarerHousehold, Case, ServiceData, TeamMember};
use crate::plan::{DocumentKind, Job, Pack, RecordOf, Selection, Subject, Variant, is_history};
use crate::render::context::Withheld;
use crate::schedule::DueItem;

/// A kind of document.
pub trait Kind: Sync {
    /// Its name, group, title, templates and body.
    fn info(&self) -> &'static DocumentKind;

    /// Pushes a job for each copy of this kind that is due.
    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>);

    /// The view one of its jobs' templates sees, for that job's reader; `None` when the job
    /// is not this kind's to draw.
    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value>;
}

/// Every kind of document, in build order.
pub static KINDS: &[&dyn Kind] = &[
    &introduction::IntroductionLetter,
    &moved::ReviewMoved,
    &packs::Invitation,
    &packs::Form,
    &reminder::SocialWorkerReminder,
    &records::Record,
    &records::ReviewLetter,
    &disputes::Notice,
    &site::Page,
    &site::PagePdf,
];

/// What a kind plans from.
pub struct Planning<'a, 'p> {
    pub data: &'a ServiceData,
    pub selection: &'p Selection,
    /// Each case's and household's due dates.
    pub schedules: &'p HashMap<String, Vec<DueItem>>,
    /// The day the build runs for: which consultation packs are due, who has left care, and
    /// every document's date unless `--date` says another.
    pub as_of: NaiveDate,
    /// What was sent (a kind that follows up a sent document, such as a notice that a review
    /// moved after its packs went, reads it).
    pub archive: &'p crate::send::Archive,
    /// The packs due, worked out once for the three kinds a pack holds.
    packs: OnceLock<Vec<(&'a Case, Pack<'a>)>>,
    /// Each child's recorded meetings, worked out once for the record and the letter after it.
    records: OnceLock<Vec<(&'a Case, RecordOf<'a>)>>,
}

impl<'a> Planning<'a, '_> {
    /// The selected cases, with their due dates.
    pub fn cases(&self) -> impl Iterator<Item = (&'a Case, &[DueItem])> {
        (self.data.cases.iter())
            .filter(|c| self.selection.wants_case(&c.id))
            .map(|c| (c, self.items(&c.id)))
    }

    /// The selected carer households, with their due dates.
    pub fn households(&self) -> impl Iterator<Item = (&'a CarerHousehold, &[DueItem])> {
        (self.data.carers.iter())
            .filter(|h| self.selection.wants_case(&h.id))
            .map(|h| (h, self.items(&h.id)))
    }

    fn items(&self, id: &str) -> &[DueItem] {
        self.schedules
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Every consultation pack due (see `packs::due`).
    pub fn packs(&self) -> &[(&'a Case, Pack<'a>)] {
        self.packs.get_or_init(|| packs::due(self))
    }

    /// Every recorded meeting of a selected child (see `records::of_cases`).
    pub fn case_records(&self) -> &[(&'a Case, RecordOf<'a>)] {
        self.records.get_or_init(|| records::of_cases(self))
    }

    /// Every document's date: the day it is made, `--date` or else the build's day (never a
    /// date from the case, which would date a letter in the past).
    pub fn date(&self) -> NaiveDate {
        self.selection.date.unwrap_or(self.as_of)
    }

    /// Whether something dated `date` about this subject is history, which gets no document
    /// (before `documents_from`, or before the child's IRO was allocated).
    pub fn is_history(&self, subject: Subject, date: NaiveDate) -> bool {
        is_history(subject, &self.data.service, date)
    }
}

/// What a view is built from, besides the job.
pub struct ViewInputs<'v> {
    pub data: &'v ServiceData,
    /// The subject's due dates.
    pub items: &'v [DueItem],
    /// Who signs the document.
    pub iro: &'v TeamMember,
    /// What this copy holds back (see `render::withhold`).
    pub withheld: &'v Withheld,
}

/// The kind of a job.
pub fn kind_of(info: &DocumentKind) -> &'static dyn Kind {
    *KINDS
        .iter()
        .find(|k| std::ptr::eq(k.info(), info))
        .expect("every job's kind is one of KINDS")
}

/// A kind by name (`introduction-letter`).
pub fn document_kind(name: &str) -> Option<&'static DocumentKind> {
    KINDS.iter().map(|k| k.info()).find(|k| k.name == name)
}

/// The names `--only` accepts: every kind and group.
pub fn kind_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = (KINDS.iter().map(|k| k.info()))
        .flat_map(|d| [d.name, d.group])
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Whether the public site is built: it belongs to no case.
pub fn wants_site(selection: &Selection) -> bool {
    selection.case.is_none()
        && [site::Page.info(), site::PagePdf.info()]
            .iter()
            .any(|k| selection.wants(k))
}

/// Every job for a validated service, as of `as_of`, with what was sent.
pub fn plan_jobs<'a>(
    data: &'a ServiceData,
    selection: &Selection,
    schedules: &HashMap<String, Vec<DueItem>>,
    as_of: NaiveDate,
    archive: &crate::send::Archive,
) -> Vec<Job<'a>> {
    let planning = Planning {
        data,
        selection,
        schedules,
        as_of,
        archive,
        packs: OnceLock::new(),
        records: OnceLock::new(),
    };
    let mut jobs = Vec::new();
    for kind in KINDS.iter().filter(|k| selection.wants(k.info())) {
        kind.plan(&planning, &mut jobs);
    }
    // The service chooses the audio file's kind; every audio job is named for it here.
    let audio = data.service.audio_format.suffix();
    for job in jobs.iter_mut().filter(|j| j.variant == Variant::Audio) {
        if let Some(stem) = job.path.strip_suffix(Variant::Audio.suffix()) {
            job.path = format!("{stem}{audio}");
        }
    }
    jobs
}

#[cfg(test)]
mod tests;
