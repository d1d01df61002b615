//! HTML: a letter as a standalone page with no scripts (the IRO's photo inline, so it works
//! from any folder), opening with its letterhead (`formats/letterhead.html`) and with its
//! phone numbers and emails as links; and a form as the offline page that saves its answers.
//! An easy read reader's page has the easy read wording and type.

use super::{Draft, Output, Written};
use crate::diag::Diagnostic;
use crate::model::service::BilingualLayout;
use crate::plan::{Body, Variant};
use crate::typeset::{Theme, bilingual_body, html_page, inline_image, letter_to_html, tel_uri};

pub(super) struct Html;

impl Output for Html {
    fn makes(&self, variant: Variant) -> bool {
        variant == Variant::Html
    }

    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic> {
        if draft.job.kind.body == Body::Form {
            use super::super::document::{FORM_PAGE, template_in};
            let page = template_in(FORM_PAGE, draft.lang(), draft.ctx.renderer);
            return Ok(draft.render(&page, &draft.view)?.into_bytes());
        }
        let parts = draft.parts()?;
        let mut body = bilingual_html(&parts, draft.bilingual_layout());
        let pictures = (parts.iter()).flat_map(|part| part.pictures.iter().map(|(p, b)| (p, b)));
        for (path, bytes) in draft
            .photo
            .map(|(p, b)| (p, *b))
            .into_iter()
            .chain(pictures)
        {
            body = inline_image(&body, path, bytes);
        }
        let body = format!("{}{body}", letterhead(draft)?);
        let page = html_page(&body, &draft.title(), draft.lang(), theme(draft));
        Ok(page.into_bytes())
    }
}

/// The page's letterhead, from `formats/letterhead.html` (in the letter's language where the
/// templates have a copy), with a `tel:` address for the phone and its labels in the letter's
/// language.
fn letterhead(draft: &Draft) -> Result<String, Diagnostic> {
    use super::super::document::template_in;
    let mut data = draft.letterhead.to_data();
    data["phone_link"] = (draft.letterhead.phone.as_deref()).and_then(tel_uri).into();
    let terms = crate::render::context::terms::Terms::of(draft.lang());
    data["phone_label"] = terms.phone().into();
    data["email_label"] = terms.email().into();
    let template = template_in(LETTERHEAD, draft.lang(), draft.ctx.renderer);
    draft.render(&template, &data)
}

/// The template of a web page letter's letterhead.
pub(in crate::pipeline) const LETTERHEAD: &str = "formats/letterhead.html";

/// Easy read type for a reader who asks for easy read (the wording they get, see
/// `Variant::worded_as`); the standard page otherwise.
fn theme(draft: &Draft) -> Theme {
    let formats = draft.job.reader.formats(draft.job.subject);
    draft.job.variant.worded_as(&formats).theme()
}

/// The body's HTML: a bilingual letter's two languages each in a section of its own.
fn bilingual_html(parts: &[Written], layout: BilingualLayout) -> String {
    if let [only] = parts {
        return letter_to_html(&only.markdown);
    }
    let parts: Vec<(&str, &str)> = (parts.iter())
        .map(|p| (p.lang.as_str(), p.markdown.as_str()))
        .collect();
    bilingual_body(&parts, layout == BilingualLayout::SideBySide)
}
