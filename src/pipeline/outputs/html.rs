//! HTML: a letter as a standalone page with no scripts (the IRO's photo inline, so it works
//! from any folder), and a form as the offline page that saves its answers.

use super::{Draft, Output, Written};
use crate::diag::Diagnostic;
use crate::model::service::BilingualLayout;
use crate::plan::{Body, Variant};
use crate::typeset::{bilingual_body, html_page, inline_image, markdown_to_html};

pub(super) struct Html;

impl Output for Html {
    fn makes(&self, variant: Variant) -> bool {
        variant == Variant::Html
    }

    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic> {
        if draft.job.kind.body == Body::Form {
            return Ok(draft.render("forms/form.html", &draft.view)?.into_bytes());
        }
        let body = bilingual_html(&draft.parts()?, draft.bilingual_layout());
        let body = match draft.photo {
            Some((path, bytes)) => inline_image(&body, path, bytes),
            None => body,
        };
        let page = html_page(
            &body,
            &draft.title(),
            draft.lang(),
            draft.job.variant.theme(),
        );
        Ok(page.into_bytes())
    }
}

/// The body's HTML: a bilingual letter's two languages each in a section of its own.
fn bilingual_html(parts: &[Written], layout: BilingualLayout) -> String {
    if let [only] = parts {
        return markdown_to_html(&only.markdown);
    }
    let parts: Vec<(&str, &str)> = (parts.iter())
        .map(|p| (p.lang.as_str(), p.markdown.as_str()))
        .collect();
    bilingual_body(&parts, layout == BilingualLayout::SideBySide)
}
