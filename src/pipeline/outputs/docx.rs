//! DOCX: a Word copy of a letter, record, notice or form (`typeset::docx`), from the same
//! draft as the PDF: the letter's Markdown in each of its languages, or the form's view, and
//! the same letterhead, so that it says what the print copy says to the same reader.

use super::{Draft, Output};
use crate::diag::Diagnostic;
use crate::plan::{Body, Variant};
use crate::typeset::docx::{DocxBody, DocxDocument, docx_bytes};

pub(super) struct Docx;

impl Output for Docx {
    fn makes(&self, variant: Variant) -> bool {
        variant == Variant::Docx
    }

    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic> {
        let job = draft.job;
        let written = draft.parts()?;
        let parts: Vec<(&str, &str)> = (written.iter())
            .map(|p| (p.lang.as_str(), p.markdown.as_str()))
            .collect();
        let body = match job.kind.body {
            Body::Form => DocxBody::Form,
            _ => DocxBody::Letter(&parts),
        };
        let images = draft.images(&written);
        let title = draft.title();
        let doc = DocxDocument {
            title: &title,
            lang: draft.lang(),
            data: &draft.letterhead.to_data(),
            body,
            date: Some(job.date),
            images: &images,
        };
        docx_bytes(&doc).map_err(|e| {
            Diagnostic::error(format!("cannot make `{}`: {e}", job.path))
                .in_file(format!("templates/{}", draft.wording.template))
        })
    }
}
