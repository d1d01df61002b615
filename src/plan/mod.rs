//! Plan: the pieces every kind of document plans with: who reads it ([`Reader`], [`Audience`]),
//! in which formats ([`Variant`]), what it is about ([`About`]), and the [`Job`] that says all
//! of that. Which documents are due is each kind's own (`crate::kinds`). Pure: no I/O, no
//! Tera, no Typst.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Case, Format};
use crate::typeset::Theme;

mod booking;
mod history;
mod language;
mod packs;
mod post;
mod readers;
mod records;
pub use booking::{Missing, ToBook, to_book};
pub use history::{documents_start, is_history, is_history_item, is_introduced};
pub use language::{
    Languages, NOT_TRANSLATED, Part, Wording, choose_wording, language_name, primary_language,
    same_language, translated, translated_form,
};
pub use packs::{Moved, Pack, booked_pack, due_packs};
pub use post::{PostalAddress, Unpostable, child_postal_name, postal_address};
pub use readers::{Reader, Subject, audience_of, household_readers, invitees};
pub use records::{
    DisputeNotice, RecordOf, dispute_notices, record_folder, record_of, record_template, recorded,
};

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

/// A kind of document iro makes.
#[derive(Debug)]
pub struct DocumentKind {
    /// The kind's name, in `--only`, output file names and the manifest.
    pub name: &'static str,
    /// The group `--only` also accepts (`letters`, `packs`, `records`...).
    pub group: &'static str,
    /// The PDF title.
    pub title: &'static str,
    /// The title in other languages, by language code: the PDF's title and the opening line
    /// of a Braille or audio copy in that language.
    pub titles: &'static [(&'static str, &'static str)],
    /// For letters: the folder under `templates/` holding one template per age band
    /// (`under-8.md`, `8-to-12.md`, `13-plus.md`), `easy-read.md`, and for adult readers
    /// `adult.md` and `adult-easy-read.md`.
    pub templates: &'static str,
    pub body: Body,
}

impl DocumentKind {
    /// The title in `lang`, or the English one.
    pub fn title_in(&self, lang: &str) -> &'static str {
        let code = primary_language(lang);
        (self.titles.iter())
            .find(|(c, _)| *c == code)
            .map_or(self.title, |(_, t)| t)
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
    /// A Word document (`typeset::docx`), with the same words as the print copy.
    Docx,
    /// A consultation form to fill in on screen: the print form with form fields over its
    /// boxes (`typeset::fields`). Forms only.
    FillablePdf,
}

impl Variant {
    /// The typesetting theme (HTML pages use it for their type size too).
    pub fn theme(self) -> Theme {
        match self {
            Variant::LargePrint => Theme::LargePrint,
            Variant::EasyRead => Theme::EasyRead,
            Variant::Standard
            | Variant::Html
            | Variant::Braille
            | Variant::Audio
            | Variant::Docx
            | Variant::FillablePdf => Theme::Standard,
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
            Variant::Docx => ".docx",
            Variant::FillablePdf => ".fillable.pdf",
        }
    }

    /// Whether the variant is made from the document's text alone (Braille, audio), by an
    /// outside program, rather than drawn.
    pub fn is_text_only(self) -> bool {
        matches!(self, Variant::Braille | Variant::Audio)
    }

    /// The variant whose wording this one uses for a reader asking for `formats`: an easy
    /// read reader's web page is in easy read words too; every other variant its own.
    pub fn worded_as(self, formats: &[Format]) -> Variant {
        if self == Variant::Html && formats.contains(&Format::EasyRead) {
            Variant::EasyRead
        } else {
            self
        }
    }

    /// Whether the variant can be made in a language: print and HTML in any, Braille where
    /// liblouis has a table iro uses for it, audio where espeak-ng has a voice.
    pub fn can_be_in(self, lang: &str) -> bool {
        use crate::typeset::text_languages::{braille_table, voice};
        match self {
            Variant::Braille => braille_table(lang).is_some(),
            Variant::Audio => voice(lang).is_some(),
            _ => true,
        }
    }

    /// The variant a preferred format asks for, besides standard print.
    pub fn of_format(format: Format) -> Option<Variant> {
        match format {
            Format::LargePrint => Some(Variant::LargePrint),
            Format::EasyRead => Some(Variant::EasyRead),
            Format::Html => Some(Variant::Html),
            Format::Braille => Some(Variant::Braille),
            Format::Audio => Some(Variant::Audio),
            Format::Docx => Some(Variant::Docx),
            Format::FillablePdf => Some(Variant::FillablePdf),
            Format::Standard => None,
        }
    }

    /// The variants of a letter, record or notice a reader's preferred formats ask for.
    /// Standard print is always made; a fillable copy is a form's alone.
    pub fn for_formats(formats: &[Format]) -> Vec<Variant> {
        let mut out = Variant::for_form(formats);
        out.retain(|v| *v != Variant::FillablePdf);
        out
    }

    /// The variants of a consultation form a reader's preferred formats ask for.
    pub fn for_form(formats: &[Format]) -> Vec<Variant> {
        let mut out = vec![Variant::Standard];
        for v in formats.iter().filter_map(|f| Variant::of_format(*f)) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}

/// A document's path without its variant's suffix (`NM-1003/introduction-letter` for
/// `NM-1003/introduction-letter.large-print.pdf`): what the copies of one document share.
pub fn stem_of(path: &str) -> &str {
    const SUFFIXES: [&str; 9] = [
        ".large-print.pdf",
        ".easy-read.pdf",
        ".fillable.pdf",
        ".pdf",
        ".html",
        ".brf",
        ".wav",
        ".mp3",
        ".docx",
    ];
    SUFFIXES
        .iter()
        .find_map(|s| path.strip_suffix(s))
        .unwrap_or(path)
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
    /// A booked review that moved after its packs went.
    Moved(Moved<'a>),
}

impl<'a> Job<'a> {
    /// The day the case file says this document went out, whoever sent it: the introduction
    /// letter's `introduced`, a pack's `packs_sent`, a record's (and the letter after it)
    /// `record_sent`. A dispute notice goes with its stage, and a notice that a review moved
    /// is the archive's alone, so the file says nothing of either.
    pub fn sent_per_case_file(&self) -> Option<NaiveDate> {
        match &self.about {
            About::Child => self.subject.case()?.iro.as_ref()?.introduced,
            About::Pack(pack) => pack.meeting.packs_sent,
            About::Meeting(record) => record.meeting.record_sent,
            About::Dispute(_) | About::Moved(_) => None,
        }
    }

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
    /// Date every document this day; otherwise each is dated the day the build runs for.
    pub date: Option<NaiveDate>,
}

impl Selection {
    /// Whether `--only` asks for this kind.
    pub fn wants(&self, kind: &DocumentKind) -> bool {
        self.only
            .as_deref()
            .is_none_or(|o| o == kind.name || o == kind.group)
    }

    /// Whether a document of this kind (`None` when no kind has its name) for this case falls
    /// inside the selection, so that a build of the selection replaces it.
    pub fn covers(&self, kind: Option<&DocumentKind>, case: &str) -> bool {
        kind.is_none_or(|k| self.wants(k)) && self.wants_case(case)
    }

    /// Whether this case or household is selected.
    pub fn wants_case(&self, id: &str) -> bool {
        self.case.as_deref().is_none_or(|c| c == id)
    }
}

/// The template a letter uses: by the child's age band, or the adult wording, and the easy
/// read wording for the easy read variant.
pub fn letter_template(
    kind: &DocumentKind,
    reader: &Reader,
    case: &Case,
    variant: Variant,
    date: NaiveDate,
) -> String {
    let variant = variant.worded_as(&reader.formats(Subject::Case(case)));
    let name = match (reader.is_child(), variant) {
        (true, Variant::EasyRead) => "easy-read",
        (true, _) => age_band(case.age_on(date)),
        (false, Variant::EasyRead) => "adult-easy-read",
        (false, _) => "adult",
    };
    format!("{}/{name}.md", kind.templates)
}

/// What [`push_variants`] makes a job of each variant from.
pub struct Copies<'a> {
    pub kind: &'static DocumentKind,
    pub subject: Subject<'a>,
    pub reader: Reader<'a>,
    /// The template of every variant.
    pub template: String,
    /// The template of the easy read variant, when its wording is its own.
    pub easy_read: Option<String>,
    /// The path without the variant's suffix.
    pub stem: String,
    pub date: NaiveDate,
    pub about: About<'a>,
}

/// Pushes one job per variant the reader needs.
pub fn push_variants<'a>(jobs: &mut Vec<Job<'a>>, copy: Copies<'a>) {
    let formats = copy.reader.formats(copy.subject);
    for variant in Variant::for_formats(&formats) {
        let template = match (&copy.easy_read, variant.worded_as(&formats)) {
            (Some(easy), Variant::EasyRead) => easy.clone(),
            _ => copy.template.clone(),
        };
        jobs.push(Job {
            kind: copy.kind,
            subject: copy.subject,
            variant,
            reader: copy.reader.clone(),
            audience: copy.reader.audience(),
            template,
            path: format!("{}{}", copy.stem, variant.suffix()),
            date: copy.date,
            about: copy.about.clone(),
        });
    }
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
}
