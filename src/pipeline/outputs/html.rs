//! HTML: a letter as a standalone page with no scripts (the IRO's photo inline, so it works
//! from any folder), and a form as the offline page that saves its answers.

use super::{Draft, Output};
use crate::diag::Diagnostic;
use crate::plan::{Body, Variant};
use crate::typeset::{html_page, inline_image, markdown_to_html};

pub(super) struct Html;

impl Output for Html {
    fn makes(&self, variant: Variant) -> bool {
        variant == Variant::Html
    }

    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic> {
        if draft.job.kind.body == Body::Form {
            use super::super::document::{FORM_PAGE, form_template};
            let page = form_template(FORM_PAGE, &draft.wording, draft.ctx.renderer);
            return Ok(draft.render(&page, &draft.view)?.into_bytes());
        }
        let body = markdown_to_html(&draft.markdown()?);
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
