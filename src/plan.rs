//! Plan: which documents are due, for whom, in which formats. Pure: no I/O, no Tera, no Typst.
//!
//! Document kinds are data ([`DOCUMENTS`]): adding a kind means adding a row and its templates,
//! not a branch in every stage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Case, Format, ServiceData};
use crate::typeset::Theme;

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

impl Audience {
    /// Whether this audience may see a placement address marked confidential.
    pub fn may_see_confidential_address(self) -> bool {
        matches!(
            self,
            Audience::Child | Audience::Carer | Audience::Professional
        )
    }
}

/// The wording band for a child's age on the document's date.
pub fn age_band(age: u32) -> &'static str {
    match age {
        0..=7 => "under-8",
        8..=12 => "8-to-12",
        _ => "13-plus",
    }
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
    pub audience: Audience,
    /// The folder under `templates/` holding one template per age band and `easy-read.md`.
    pub templates: &'static str,
}

/// Every kind of document, in build order.
pub const DOCUMENTS: &[DocumentKind] = &[DocumentKind {
    name: "introduction-letter",
    group: "letters",
    title: "Your Independent Reviewing Officer",
    audience: Audience::Child,
    templates: "letters/introduction",
}];

/// One output format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    Standard,
    LargePrint,
    EasyRead,
    Html,
}

impl Variant {
    /// The typesetting theme (HTML pages use it for their type size too).
    pub fn theme(self) -> Theme {
        match self {
            Variant::LargePrint => Theme::LargePrint,
            Variant::EasyRead => Theme::EasyRead,
            Variant::Standard | Variant::Html => Theme::Standard,
        }
    }

    /// The file name after the kind: `.pdf`, `.large-print.pdf`, `.html`...
    pub fn suffix(self) -> &'static str {
        match self {
            Variant::Standard => ".pdf",
            Variant::LargePrint => ".large-print.pdf",
            Variant::EasyRead => ".easy-read.pdf",
            Variant::Html => ".html",
        }
    }

    /// The variants a reader's preferred formats ask for. Standard print is always made.
    pub fn for_formats(formats: &[Format]) -> Vec<Variant> {
        let mut out = vec![Variant::Standard];
        for f in formats {
            let v = match f {
                Format::LargePrint => Variant::LargePrint,
                Format::EasyRead => Variant::EasyRead,
                Format::Html => Variant::Html,
                // Braille and audio are made from the standard text; see the README.
                Format::Standard | Format::Braille | Format::Audio => continue,
            };
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
    pub case: &'a Case,
    pub variant: Variant,
    /// The template's name under `templates/`.
    pub template: String,
    /// Output path relative to the output folder: `<case>/<kind><suffix>`.
    pub path: String,
    /// The document's date (printed on it, and the age the wording is chosen by).
    pub date: NaiveDate,
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

/// Lists every job for a validated service.
pub fn plan_jobs<'a>(data: &'a ServiceData, selection: &Selection) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    for kind in DOCUMENTS.iter().filter(|k| selection.wants(k)) {
        for case in &data.cases {
            if selection.case.as_deref().is_some_and(|id| id != case.id) {
                continue;
            }
            let Some(date) = document_date(kind, case, selection) else {
                continue;
            };
            for variant in Variant::for_formats(&case.child.formats) {
                let template = match variant {
                    Variant::EasyRead => format!("{}/easy-read.md", kind.templates),
                    _ => format!("{}/{}.md", kind.templates, age_band(case.age_on(date))),
                };
                jobs.push(Job {
                    kind,
                    case,
                    variant,
                    template,
                    path: format!("{}/{}{}", case.id, kind.name, variant.suffix()),
                    date,
                });
            }
        }
    }
    jobs
}

/// The date a document bears, or `None` when the case does not get this document.
fn document_date(kind: &DocumentKind, case: &Case, selection: &Selection) -> Option<NaiveDate> {
    match kind.name {
        // Every child with an allocated IRO gets one, dated when it was (or is to be) sent.
        "introduction-letter" => {
            let iro = case.iro.as_ref()?;
            Some(
                selection
                    .date
                    .unwrap_or(iro.introduced.unwrap_or(iro.allocated)),
            )
        }
        _ => selection.date,
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
    }

    #[test]
    fn only_accepts_kinds_and_groups() {
        let s = Selection {
            only: Some("letters".into()),
            ..Selection::default()
        };
        assert!(s.wants(&DOCUMENTS[0]));
        let s = Selection {
            only: Some("records".into()),
            ..Selection::default()
        };
        assert!(!s.wants(&DOCUMENTS[0]));
    }
}
