//! The notice that a review moved: when a booked review's date changes after its consultation
//! packs went, everyone the old pack went to (by the archive) gets a notice of the new date,
//! time and place, that the invitation and form they had still stand, the new answers-by
//! date and how to reach the IRO. It goes in the folder of the pack for the new date, which
//! the packs kinds plan as usual; the old pack stays in the archive.
//!
//! A sent notice is frozen like any sent document. Once the pack for the new date goes (the
//! case file's `packs_sent` moves on), the old pack is no longer the latest that went and no
//! notice is planned.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::packs::copy_of;
use super::{Kind, Planning, ViewInputs};
use crate::model::{Case, MeetingStatus, MeetingType};
use crate::plan::{
    About, Body, Copies, DocumentKind, Job, Moved, Subject, Variant, booked_pack, letter_template,
    push_variants,
};
use crate::render::context::long_date;
use crate::render::packs::{InvitationView, invitation_view};
use crate::send::SentDocument;

pub struct ReviewMoved;

static INFO: DocumentKind = DocumentKind {
    name: "review-moved",
    group: "packs",
    title: "Review moved to a new date",
    titles: &[("cy", "Adolygiad wedi symud i ddyddiad newydd")],
    templates: "letters/review-moved",
    body: Body::Letter,
};

/// Everything the notice may print: the invitation's view of the pack for the new date (so
/// its venue is withheld as the invitation's is), and the date the review moved from.
#[derive(Debug, Serialize)]
pub struct MovedView {
    #[serde(flatten)]
    pub invitation: InvitationView,
    pub moved: MovedFromView,
}

#[derive(Debug, Serialize)]
pub struct MovedFromView {
    /// The date of the pack that went, as printed on it.
    pub from: String,
    /// `YYYY-MM-DD`.
    pub from_iso: String,
}

/// A pack that went for a booked review that has since moved.
#[derive(Debug, PartialEq)]
struct OldPack<'s> {
    /// The date in its folder's name: the review's date when it went.
    date: NaiveDate,
    /// The last day any of it went.
    went: NaiveDate,
    /// Who it went to, by reader id, in the archive's order.
    readers: Vec<&'s str>,
}

impl Kind for ReviewMoved {
    fn info(&self) -> &'static DocumentKind {
        &INFO
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        for (case, moved, readers) in moves(planning) {
            push_notices(planning, case, &moved, &readers, jobs);
        }
    }

    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
        let About::Moved(moved) = &job.about else {
            return None;
        };
        let copy = copy_of(job, inputs, &moved.pack)?;
        let view = MovedView {
            invitation: invitation_view(&copy),
            moved: MovedFromView {
                from: long_date(moved.from),
                from_iso: moved.from.to_string(),
            },
        };
        serde_json::to_value(view).ok()
    }
}

/// Each booked review that moved after its pack went, with who the old pack went to.
fn moves<'a, 's>(planning: &Planning<'a, 's>) -> Vec<(&'a Case, Moved<'a>, Vec<&'s str>)> {
    let sent = pack_documents(&planning.archive.documents);
    let forms = &planning.data.forms;
    let mut out = Vec::new();
    for (case, items) in planning.cases().filter(|(c, _)| c.iro.is_some()) {
        let Some(sent) = sent.get(case.id.as_str()) else {
            continue;
        };
        for index in booked_reviews(case, planning.as_of) {
            let Some(old) = old_pack(case, index, sent) else {
                continue;
            };
            let Some(pack) = booked_pack(case, items, forms, index) else {
                continue;
            };
            let moved = Moved {
                pack,
                from: old.date,
                went: old.went,
            };
            out.push((case, moved, old.readers));
        }
    }
    out
}

/// The readers told by a notice that their review moved, as (pack folder, reader id): their
/// invitation and form still stand, so they get no new ones.
pub(super) fn told(planning: &Planning) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (case, moved, readers) in moves(planning) {
        let folder = moved.pack.folder(case);
        out.extend(readers.iter().map(|r| (folder.clone(), (*r).to_owned())));
    }
    out
}

/// One notice, in each of their formats, for everyone the old pack went to who is still
/// invited (so never anyone now marked `no_contact`).
fn push_notices<'a>(
    planning: &Planning<'a, '_>,
    case: &'a Case,
    moved: &Moved<'a>,
    readers: &[&str],
    jobs: &mut Vec<Job<'a>>,
) {
    // Dated the day it is made, as every document is.
    let date = planning.date();
    let folder = moved.pack.folder(case);
    let invited = (moved.pack.invited.iter()).filter(|r| readers.contains(&r.id()));
    for reader in invited {
        let template = |variant| letter_template(&INFO, reader, case, variant, date);
        push_variants(
            jobs,
            Copies {
                kind: &INFO,
                subject: Subject::Case(case),
                reader: reader.clone(),
                template: template(Variant::Standard),
                easy_read: Some(template(Variant::EasyRead)),
                stem: format!("{folder}/{}-review-moved", reader.id()),
                date,
                about: About::Moved(moved.clone()),
            },
        );
    }
}

/// The archive's pack documents (invitations, forms, reminders: not the notices), by case.
fn pack_documents(documents: &[SentDocument]) -> HashMap<&str, Vec<&SentDocument>> {
    let mut out: HashMap<&str, Vec<&SentDocument>> = HashMap::new();
    let is_pack = |d: &&SentDocument| {
        super::document_kind(&d.kind).is_some_and(|k| k.group == INFO.group && k.name != INFO.name)
    };
    for doc in documents.iter().filter(is_pack) {
        out.entry(doc.case.as_str()).or_default().push(doc);
    }
    out
}

/// The booked review of each meeting type: its earliest planned meeting not yet past.
fn booked_reviews(case: &Case, as_of: NaiveDate) -> Vec<usize> {
    let mut first: BTreeMap<MeetingType, (NaiveDate, usize)> = BTreeMap::new();
    let planned = (case.meetings.iter().enumerate())
        .filter(|(_, m)| m.status == MeetingStatus::Planned && m.date >= as_of);
    for (index, meeting) in planned {
        let entry = first.entry(meeting.kind).or_insert((meeting.date, index));
        if meeting.date < entry.0 {
            *entry = (meeting.date, index);
        }
    }
    first.into_values().map(|(_, index)| index).collect()
}

/// The pack the booked review `meetings[index]` moved from, among the case's sent pack
/// documents: a `pack-<date>` folder for another date, sent after the last held review of
/// its type, with no meeting held or booked on that date, and sent on a day the case file
/// says packs went for this review (its `packs_sent`, or that of a meeting of its type
/// called off on the old date). The latest to go, when more than one did.
fn old_pack<'s>(case: &Case, index: usize, sent: &[&'s SentDocument]) -> Option<OldPack<'s>> {
    let meeting = case.meetings.get(index)?;
    let last_held = (case.meetings.iter())
        .filter(|m| m.kind == meeting.kind && m.status == MeetingStatus::Held)
        .filter(|m| m.date < meeting.date)
        .map(|m| m.date)
        .max();
    let taken = |date: NaiveDate| {
        (case.meetings.iter()).any(|m| m.date == date && m.status != MeetingStatus::Cancelled)
    };
    let mut folders: BTreeMap<NaiveDate, (BTreeSet<NaiveDate>, Vec<&'s str>)> = BTreeMap::new();
    for doc in sent {
        let Some(date) = pack_date(&case.id, &doc.path) else {
            continue;
        };
        if date == meeting.date || taken(date) || last_held.is_some_and(|h| doc.sent <= h) {
            continue;
        }
        let (days, readers) = folders.entry(date).or_default();
        days.insert(doc.sent);
        if !readers.contains(&doc.reader.as_str()) {
            readers.push(&doc.reader);
        }
    }
    let packs_went = |date: NaiveDate| {
        let called_off = (case.meetings.iter()).filter(|m| {
            m.kind == meeting.kind && m.date == date && m.status == MeetingStatus::Cancelled
        });
        std::iter::once(meeting)
            .chain(called_off)
            .filter_map(|m| m.packs_sent)
            .collect::<Vec<_>>()
    };
    (folders.into_iter())
        .filter(|(date, (days, _))| packs_went(*date).iter().any(|d| days.contains(d)))
        .filter_map(|(date, (days, readers))| {
            let went = *days.last()?;
            Some(OldPack {
                date,
                went,
                readers,
            })
        })
        .max_by_key(|p| (p.went, p.date))
}

/// The review date of a pack document's folder (`NM-1003/pack-2026-12-09/mum-form.pdf`).
fn pack_date(case: &str, path: &str) -> Option<NaiveDate> {
    let rest = path.strip_prefix(case)?.strip_prefix("/pack-")?;
    let (date, _) = rest.split_once('/')?;
    date.parse().ok()
}

#[cfg(test)]
mod tests;
