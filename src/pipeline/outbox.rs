//! The outbox: every document made and not yet sent, one entry per reader's document (all its
//! copies together), with how and where it goes and the day it must go by. `iro send` sends
//! from it and `iro today` lists it.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::{JobContext, Options, Ready, document, formats, sent};
use crate::kinds::plan_jobs;
use crate::model::Method;
use crate::plan::{
    About, Job, Subject, Variant, language_name, primary_language, stem_of, translated,
};
use crate::schedule::{DueItem, DueKind};
use crate::send::recipients::contact;
use crate::write::{Manifest, ManifestEntry};

/// One reader's document, ready to send (or not yet made).
#[derive(Debug, Clone, Serialize)]
pub struct Outgoing {
    pub case: String,
    /// The child's name, or the carer household's.
    pub about: String,
    /// The IRO who signs it.
    pub iro: Option<String>,
    pub kind: &'static str,
    pub title: &'static str,
    pub reader: String,
    pub reader_name: String,
    pub method: Method,
    /// The postal address's lines, or the email address.
    pub to: Vec<String>,
    /// Why it cannot go the way chosen (no address), with the fix.
    pub unpostable: Option<String>,
    /// The reader's language (`language:` in the case file, cut to its primary subtag), when
    /// the case file gives one.
    pub language: Option<String>,
    /// When the reader's language has no templates for this document, so it is made in the
    /// service's language with a line saying so: which language, and the templates to write.
    pub translation_needed: Option<TranslationNeeded>,
    pub dated: NaiveDate,
    /// The last day it is on time.
    pub send_by: Option<NaiveDate>,
    /// Its copies, standard print first.
    pub files: Vec<OutFile>,
    /// What `iro send` records in the case file.
    #[serde(skip)]
    pub records: Option<SentField>,
    /// The case (or carer) file.
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

impl Outgoing {
    /// Whether every copy is made and current in the output folder.
    pub fn is_made(&self) -> bool {
        self.files.iter().all(|f| f.entry.is_some())
    }

    /// The document's path without a variant (`NM-1003/introduction-letter`).
    pub fn stem(&self) -> &str {
        self.files.first().map_or("", |f| stem_of(&f.path))
    }

    /// The folder it is in (`NM-1003/pack-2026-12-09`): with the reader, what goes in one
    /// envelope or email.
    pub fn folder(&self) -> Option<&str> {
        self.stem().rsplit_once('/').map(|(folder, _)| folder)
    }
}

/// A document made in the service's language because its reader's has no templates for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TranslationNeeded {
    /// The reader's language: `pl`.
    pub language: String,
    /// Its name in English: `Polish`.
    pub name: String,
    /// The templates that would make it, under `templates/`: `pl/letters/invitation/adult.md`.
    pub templates: Vec<String>,
}

/// One copy of an outgoing document.
#[derive(Debug, Clone, Serialize)]
pub struct OutFile {
    pub path: String,
    pub variant: Variant,
    /// Whether the file in the output folder is this document as the case file now says it.
    pub made: bool,
    /// Its manifest entry, when the file in the output folder is this document as it is now.
    #[serde(skip)]
    pub entry: Option<ManifestEntry>,
}

/// The date field of a case (or carer) file that sending a document fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SentField {
    /// `iro.introduced`.
    Introduced,
    /// `meetings[N].packs_sent`.
    PacksSent(usize),
    /// `meetings[N].record_sent` and `decisions_sent` (or `reviews[N]` of a carer file).
    RecordSent { meeting: usize, household: bool },
}

/// Every unsent document of the selection, made or still to make, by case and reader.
pub(super) fn outbox_of(options: &Options, ready: &Ready, forced: Option<Method>) -> Vec<Outgoing> {
    let data = &ready.data;
    let planned = plan_jobs(
        data,
        &options.selection,
        &ready.schedules,
        options.as_of,
        &ready.archive,
    );
    let previous = Manifest::read(&options.out);
    let amend = sent::Amend::default().with_pending(&previous);
    let (sorted, amended) = sent::sort_out(planned, &ready.archive, &amend);
    let jobs = sorted.make;
    let audio = data.service.audio_format;
    let ctx = JobContext::of(ready, formats::find_tools(&jobs, audio), amended);
    let by_path: HashMap<&str, &ManifestEntry> = previous
        .outputs
        .iter()
        .map(|e| (e.path.as_str(), e))
        .collect();
    let mut out: BTreeMap<String, Outgoing> = BTreeMap::new();
    for job in &jobs {
        // A document made on an earlier day keeps that day's date: it is current when, dated
        // so, it is made from the same inputs.
        let made_on = by_path.get(job.path.as_str()).and_then(|e| e.dated);
        let as_made = Job {
            date: made_on.unwrap_or(job.date),
            ..job.clone()
        };
        let entry = document::stage(&as_made, &ctx, &ready.inputs, &by_path, options)
            .ok()
            .and_then(|s| s.unchanged);
        let file = OutFile {
            path: job.path.clone(),
            variant: job.variant,
            made: entry.is_some(),
            entry,
        };
        let key = stem_of(&job.path).to_owned();
        let item = out
            .entry(key)
            .or_insert_with(|| outgoing(&as_made, &ctx, ready, forced));
        item.files.push(file);
        note_translation(item, job, &ctx);
    }
    let mut items: Vec<Outgoing> = out.into_values().collect();
    for item in &mut items {
        item.files.sort_by_key(|f| f.variant);
    }
    // What goes in one envelope together: a reader's documents of one folder, in the order
    // the kinds are listed (the invitation before the form).
    let order = |kind: &str| {
        crate::kinds::KINDS
            .iter()
            .position(|k| k.info().name == kind)
    };
    items.sort_by(|a, b| {
        (a.folder(), &a.reader, order(a.kind)).cmp(&(b.folder(), &b.reader, order(b.kind)))
    });
    items
}

/// The outgoing entry of a job's document, before its copies are added.
fn outgoing(job: &Job, ctx: &JobContext, ready: &Ready, forced: Option<Method>) -> Outgoing {
    let data = ctx.data;
    let how = contact(job, data, forced);
    let items = ready
        .schedules
        .get(job.subject.id())
        .map(Vec::as_slice)
        .unwrap_or_default();
    let iro = document::signer(job, &data.service)
        .ok()
        .map(|m| m.name.clone());
    Outgoing {
        case: job.subject.id().to_owned(),
        about: match job.subject {
            Subject::Case(c) => c.child.legal_name.clone(),
            Subject::Household(h) => h.name.clone(),
        },
        iro,
        kind: job.kind.name,
        title: job.kind.title,
        reader: job.reader.id().to_owned(),
        reader_name: job.reader.name(job.subject),
        method: how.method,
        unpostable: how.to.as_ref().err().cloned(),
        language: job.reader.language(job.subject).map(primary_language),
        translation_needed: None,
        to: how.to.unwrap_or_default(),
        dated: job.date,
        send_by: send_by(job, items),
        files: Vec::new(),
        records: sent_field(job),
        file: ready.files.get(job.subject.id()).cloned(),
    }
}

/// Notes on a document the template a copy of it lacks in its reader's language. Braille and
/// audio copies stay in English whatever the templates hold, so only the printed and HTML
/// copies say whether a translation is needed.
fn note_translation(item: &mut Outgoing, job: &Job, ctx: &JobContext) {
    if job.variant.is_text_only() {
        return;
    }
    let Some(code) = document::wording(job, ctx.data, ctx.renderer).missing else {
        return;
    };
    let template = translated(&code, &job.template);
    let need = item
        .translation_needed
        .get_or_insert_with(|| TranslationNeeded {
            name: language_name(&code),
            language: code,
            templates: Vec::new(),
        });
    if !need.templates.contains(&template) {
        need.templates.push(template);
    }
}

/// The last day a job's document is on time, by the statutory clock.
fn send_by(job: &Job, items: &[DueItem]) -> Option<NaiveDate> {
    let find = |kind: DueKind, meeting: Option<usize>| {
        items
            .iter()
            .find(|i| i.kind == kind && (meeting.is_none() || i.meeting == meeting))
            .map(|i| i.due)
    };
    match &job.about {
        About::Child => find(DueKind::IntroductionLetter, None),
        About::Pack(pack) => Some(pack.send_by),
        // Told as soon as it is made: the review has already moved.
        About::Moved(moved) => Some(moved.send_by().max(job.date)),
        About::Meeting(record) if job.kind.name == "review-letter" => {
            find(DueKind::DecisionsSent, Some(record.index))
        }
        About::Meeting(record) => find(DueKind::RecordSent, Some(record.index)),
        About::Dispute(_) => None,
    }
}

/// What sending this job's document records in its case file.
fn sent_field(job: &Job) -> Option<SentField> {
    match &job.about {
        About::Child => Some(SentField::Introduced),
        About::Pack(pack) => {
            let meeting = pack.meeting;
            let case = job.subject.case()?;
            let index = case
                .meetings
                .iter()
                .position(|m| std::ptr::eq(m, meeting))?;
            Some(SentField::PacksSent(index))
        }
        About::Meeting(record) => Some(SentField::RecordSent {
            meeting: record.index,
            household: matches!(job.subject, Subject::Household(_)),
        }),
        // The archive alone says a notice that a review moved went.
        About::Dispute(_) | About::Moved(_) => None,
    }
}
