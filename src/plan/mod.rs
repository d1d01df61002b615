//! Plan: which documents are due, for whom, in which formats. Pure: no I/O, no Tera, no Typst.
//!
//! Document kinds are data ([`DOCUMENTS`]), each found by its [`KindId`], never by its place
//! in the list: adding a kind means adding a row and its templates, not a branch in every
//! stage. What a job is about is typed ([`About`]), so no kind reads another's fields.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use crate::model::{Case, Format, ServiceData};
use crate::schedule::DueItem;
use crate::typeset::Theme;

mod packs;
mod readers;
mod records;
pub use packs::Pack;
pub use readers::{Reader, Subject, audience_of, household_readers, invitees};
pub use records::{DisputeNotice, RecordOf, record_template};

/// Who a document is for. Decides what its view may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// The child, in words for their age.
    Child,
    /// A parent or other family member.
    Parent,
    /// Foster carers or residential staff.
    Carer,
    /// Social workers, teachers, health and other professionals.
    Professional,
    /// Anyone: the public web pages.
    Public,
}

/// The wording band for a child's age on the document's date.
pub fn age_band(age: u32) -> &'static str {
    match age {
        0..=7 => "under-8",
        8..=12 => "8-to-12",
        _ => "13-plus",
    }
}

/// How a document's body is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// A Markdown + Tera template per age band (`<templates>/<band>.md`), typeset as a letter.
    Letter,
    /// A consultation form from `forms/`, drawn by the form layouts.
    Form,
    /// A page of the public site from `content/` (made by `build::site`, not by jobs).
    Page,
}

/// Which kind of document a [`DocumentKind`] row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindId {
    IntroductionLetter,
    PackInvitation,
    PackForm,
    Record,
    ReviewLetter,
    DisputeNotice,
    SitePage,
    SitePdf,
}

/// A kind of document iro makes.
#[derive(Debug)]
pub struct DocumentKind {
    pub id: KindId,
    /// The kind's name, in `--only`, output file names and the manifest.
    pub name: &'static str,
    /// The group `--only` also accepts (`letters`, `packs`, `records`...).
    pub group: &'static str,
    /// The PDF title.
    pub title: &'static str,
    /// For letters: the folder under `templates/` holding one template per age band
    /// (`under-8.md`, `8-to-12.md`, `13-plus.md`), `easy-read.md`, and for adult readers
    /// `adult.md` and `adult-easy-read.md`.
    pub templates: &'static str,
    pub body: Body,
}

/// Every kind of document, in build order.
pub const DOCUMENTS: &[DocumentKind] = &[
    DocumentKind {
        id: KindId::IntroductionLetter,
        name: "introduction-letter",
        group: "letters",
        title: "Your Independent Reviewing Officer",
        templates: "letters/introduction",
        body: Body::Letter,
    },
    DocumentKind {
        id: KindId::PackInvitation,
        name: "pack-invitation",
        group: "packs",
        title: "Invitation to a review",
        templates: "packs/invitation",
        body: Body::Letter,
    },
    DocumentKind {
        id: KindId::PackForm,
        name: "pack-form",
        group: "packs",
        title: "Have your say",
        templates: "forms",
        body: Body::Form,
    },
    DocumentKind {
        id: KindId::Record,
        name: "record",
        group: "records",
        title: "Record of the meeting",
        templates: "records",
        body: Body::Letter,
    },
    DocumentKind {
        id: KindId::ReviewLetter,
        name: "review-letter",
        group: "records",
        title: "Your review",
        templates: "letters/after-review",
        body: Body::Letter,
    },
    DocumentKind {
        id: KindId::DisputeNotice,
        name: "dispute-notice",
        group: "disputes",
        title: "Dispute resolution",
        templates: "disputes",
        body: Body::Letter,
    },
    DocumentKind {
        id: KindId::SitePage,
        name: "site-page",
        group: "site",
        title: "",
        templates: "site",
        body: Body::Page,
    },
    DocumentKind {
        id: KindId::SitePdf,
        name: "site-pdf",
        group: "site",
        title: "",
        templates: "site",
        body: Body::Page,
    },
];

/// A kind by name.
pub fn document_kind(name: &str) -> Option<&'static DocumentKind> {
    DOCUMENTS.iter().find(|k| k.name == name)
}

impl DocumentKind {
    /// The row of [`DOCUMENTS`] for `id`.
    pub fn of(id: KindId) -> &'static DocumentKind {
        DOCUMENTS
            .iter()
            .find(|k| k.id == id)
            .expect("every KindId has a row in DOCUMENTS (tested)")
    }
}

/// One output format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    Standard,
    LargePrint,
    EasyRead,
    Html,
    /// Unified English Braille, as a BRF file for an embosser or a Braille display.
    Braille,
    /// The document read aloud, as a WAV file.
    Audio,
}

impl Variant {
    /// The typesetting theme (HTML pages use it for their type size too).
    pub fn theme(self) -> Theme {
        match self {
            Variant::LargePrint => Theme::LargePrint,
            Variant::EasyRead => Theme::EasyRead,
            Variant::Standard | Variant::Html | Variant::Braille | Variant::Audio => {
                Theme::Standard
            }
        }
    }

    /// The file name after the kind: `.pdf`, `.large-print.pdf`, `.html`...
    pub fn suffix(self) -> &'static str {
        match self {
            Variant::Standard => ".pdf",
            Variant::LargePrint => ".large-print.pdf",
            Variant::EasyRead => ".easy-read.pdf",
            Variant::Html => ".html",
            Variant::Braille => ".brf",
            // Or `.mp3`, when the service's `audio_format` says so (see `plan_jobs`).
            Variant::Audio => ".wav",
        }
    }

    /// Whether the variant is made from the document's text alone (Braille, audio), by an
    /// outside program, rather than drawn.
    pub fn is_text_only(self) -> bool {
        matches!(self, Variant::Braille | Variant::Audio)
    }

    /// The variant a preferred format asks for, besides standard print.
    pub fn of_format(format: Format) -> Option<Variant> {
        match format {
            Format::LargePrint => Some(Variant::LargePrint),
            Format::EasyRead => Some(Variant::EasyRead),
            Format::Html => Some(Variant::Html),
            Format::Braille => Some(Variant::Braille),
            Format::Audio => Some(Variant::Audio),
            Format::Standard => None,
        }
    }

    /// The variants a reader's preferred formats ask for. Standard print is always made.
    pub fn for_formats(formats: &[Format]) -> Vec<Variant> {
        let mut out = vec![Variant::Standard];
        for v in formats.iter().filter_map(|f| Variant::of_format(*f)) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}

/// One document to make.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    pub kind: &'static DocumentKind,
    /// The case (or carer household) the document is about.
    pub subject: Subject<'a>,
    pub variant: Variant,
    /// Who reads it, and so what its view may hold.
    pub reader: Reader<'a>,
    pub audience: Audience,
    /// The template's name under `templates/` (a letter), or `forms/<id>.yaml` (a form).
    pub template: String,
    /// Output path relative to the output folder, under `<case>/`.
    pub path: String,
    /// The document's date (printed on it, and the age the wording is chosen by).
    pub date: NaiveDate,
    /// What the document is about, beyond its subject.
    pub about: About<'a>,
}

/// What a document is about, as its kind needs it.
#[derive(Debug, Clone)]
pub enum About<'a> {
    /// The child alone (the introduction letter).
    Child,
    /// The review a consultation pack is for.
    Pack(Pack<'a>),
    /// The meeting a record or letter after a meeting is about.
    Meeting(RecordOf<'a>),
    /// The dispute a notice is about.
    Dispute(DisputeNotice<'a>),
}

impl<'a> Job<'a> {
    /// The meeting a record or the letter after it is about.
    pub fn record(&self) -> Option<&RecordOf<'a>> {
        match &self.about {
            About::Meeting(record) => Some(record),
            _ => None,
        }
    }
}

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only this case id.
    pub case: Option<String>,
    /// Only this kind or group.
    pub only: Option<String>,
    /// Date every document; otherwise each takes its own date from the case.
    pub date: Option<NaiveDate>,
}

impl Selection {
    /// Whether the public site is built: it belongs to no case.
    pub fn wants_site(&self) -> bool {
        self.case.is_none()
            && DOCUMENTS
                .iter()
                .any(|k| k.body == Body::Page && self.wants(k))
    }

    fn wants(&self, kind: &DocumentKind) -> bool {
        self.only
            .as_deref()
            .is_none_or(|o| o == kind.name || o == kind.group)
    }

    /// Whether a document of this kind for this case falls inside the selection (so a build
    /// of the selection replaces it).
    pub fn covers(&self, kind: &str, case: &str) -> bool {
        let kind_ok = DOCUMENTS
            .iter()
            .find(|k| k.name == kind)
            .is_none_or(|k| self.wants(k));
        kind_ok && self.case.as_deref().is_none_or(|c| c == case)
    }
}

/// The names `--only` accepts.
pub fn kind_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = DOCUMENTS.iter().flat_map(|d| [d.name, d.group]).collect();
    names.sort();
    names.dedup();
    names
}

/// Lists every job for a validated service. `schedules` holds each case's due items, and
/// `as_of` is the day the build runs for (which consultation packs are due).
pub fn plan_jobs<'a>(
    data: &'a ServiceData,
    selection: &Selection,
    schedules: &HashMap<String, Vec<DueItem>>,
    as_of: NaiveDate,
) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    let cases = data
        .cases
        .iter()
        .filter(|c| selection.case.as_deref().is_none_or(|id| id == c.id));
    for case in cases {
        let items = schedules
            .get(&case.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if selection.wants(DocumentKind::of(KindId::IntroductionLetter)) {
            introduction_letters(case, selection, &mut jobs);
        }
        // Packs and notices come from the child's IRO; a case without one (imported from the
        // SSDA903 return, say) gets them once the service allocates one.
        let has_iro = case.iro.is_some();
        let pack_kinds = [KindId::PackInvitation, KindId::PackForm].map(DocumentKind::of);
        if has_iro && pack_kinds.iter().any(|k| selection.wants(k)) {
            let prepare = data.service.timescales.consultation_prepare_days;
            for pack in packs::due_packs(case, items, &data.forms, as_of, prepare) {
                packs::pack_jobs(case, &pack, selection, &mut jobs);
            }
        }
        records::case_records(case, items, selection, &mut jobs);
        if has_iro {
            records::dispute_notices(case, items, selection, &mut jobs);
        }
    }
    let households = data
        .carers
        .iter()
        .filter(|h| selection.case.as_deref().is_none_or(|id| id == h.id));
    for household in households {
        let items = schedules
            .get(&household.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        records::household_records(household, items, selection, &mut jobs);
    }
    jobs.retain(|j| selection.wants(j.kind));
    // The service chooses the audio file's kind; every audio job is named for it here.
    let audio = data.service.audio_format.suffix();
    for job in jobs.iter_mut().filter(|j| j.variant == Variant::Audio) {
        if let Some(stem) = job.path.strip_suffix(Variant::Audio.suffix()) {
            job.path = format!("{stem}{audio}");
        }
    }
    jobs
}

/// The introduction letter, for every child with an allocated IRO, dated when it was (or is
/// to be) sent.
fn introduction_letters<'a>(case: &'a Case, selection: &Selection, jobs: &mut Vec<Job<'a>>) {
    let Some(iro) = case.iro.as_ref() else {
        return;
    };
    let date = selection
        .date
        .unwrap_or(iro.introduced.unwrap_or(iro.allocated));
    let kind = DocumentKind::of(KindId::IntroductionLetter);
    for variant in Variant::for_formats(&case.child.formats) {
        jobs.push(Job {
            kind,
            subject: Subject::Case(case),
            variant,
            reader: Reader::Child,
            audience: Audience::Child,
            template: letter_template(kind, &Reader::Child, case, variant, date),
            path: format!("{}/{}{}", case.id, kind.name, variant.suffix()),
            date,
            about: About::Child,
        });
    }
}

/// The template a letter uses: by the child's age band, or the adult wording, and the easy
/// read wording for the easy read variant.
fn letter_template(
    kind: &DocumentKind,
    reader: &Reader,
    case: &Case,
    variant: Variant,
    date: NaiveDate,
) -> String {
    let name = match (reader.is_child(), variant) {
        (true, Variant::EasyRead) => "easy-read",
        (true, _) => age_band(case.age_on(date)),
        (false, Variant::EasyRead) => "adult-easy-read",
        (false, _) => "adult",
    };
    format!("{}/{name}.md", kind.templates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_print_is_always_made_and_formats_add_variants() {
        assert_eq!(Variant::for_formats(&[]), vec![Variant::Standard]);
        assert_eq!(
            Variant::for_formats(&[Format::EasyRead, Format::LargePrint, Format::EasyRead]),
            vec![Variant::Standard, Variant::EasyRead, Variant::LargePrint]
        );
        assert_eq!(
            Variant::for_formats(&[Format::Audio, Format::Braille]),
            vec![Variant::Standard, Variant::Audio, Variant::Braille]
        );
    }

    #[test]
    fn every_kind_has_one_row_and_one_name() {
        for kind in DOCUMENTS {
            assert_eq!(DOCUMENTS.iter().filter(|k| k.id == kind.id).count(), 1);
            assert_eq!(DOCUMENTS.iter().filter(|k| k.name == kind.name).count(), 1);
            assert_eq!(DocumentKind::of(kind.id).name, kind.name);
        }
    }

    #[test]
    fn only_accepts_kinds_and_groups() {
        let s = Selection {
            only: Some("letters".into()),
            ..Selection::default()
        };
        assert!(s.wants(DocumentKind::of(KindId::IntroductionLetter)));
        assert!(!s.wants(document_kind("pack-form").expect("a kind")));
        let s = Selection {
            only: Some("packs".into()),
            ..Selection::default()
        };
        assert!(!s.wants(DocumentKind::of(KindId::IntroductionLetter)));
        assert!(s.wants(document_kind("pack-invitation").expect("a kind")));
    }
}
