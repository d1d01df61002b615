//! What a service folder holds besides its YAML, read and compiled once: the templates, the
//! Typst layouts, the site's pages and stylesheet. `iro check` prepares them too, so a broken
//! tag is found before any document is made.

use crate::diag::Diagnostic;
use crate::load::templates::{load_layout, load_templates};
use crate::plan::Body;
use crate::render::Renderer;

/// The Typst layouts, by the body they draw.
pub struct Layouts {
    pub letter: String,
    pub form: String,
}

impl Layouts {
    /// The template name of the layout a PDF of this body uses (`layouts/letter.typ`).
    pub(super) fn file_name(body: Body) -> &'static str {
        match body {
            Body::Letter | Body::Page => "layouts/letter.typ",
            Body::Form => "layouts/form.typ",
        }
    }

    pub(super) fn source(&self, body: Body) -> &str {
        match body {
            Body::Letter | Body::Page => &self.letter,
            Body::Form => &self.form,
        }
    }
}

/// Templates compiled and layouts read: everything a service folder holds besides its YAML.
pub struct Prepared {
    pub renderer: Renderer,
    pub layouts: Layouts,
    pub templates: Vec<crate::render::TemplateSource>,
    /// The public site's pages, compiled, and its stylesheet.
    pub pages: Vec<crate::model::Page>,
    pub content: Renderer,
    pub stylesheet: String,
}

/// Reads and compiles the templates and layouts, with every problem found. `check` runs it
/// too, so that passing `check` means `build` can run.
pub fn prepare_templates(service: &std::path::Path) -> (Option<Prepared>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (templates, problems) = load_templates(service);
    diagnostics.extend(problems);
    let renderer = Renderer::new(&templates)
        .map_err(|e| diagnostics.extend(e))
        .ok();
    let mut layout = |name| {
        load_layout(service, name)
            .map_err(|d| diagnostics.push(*d))
            .ok()
    };
    let (letter, form) = (layout("letter.typ"), layout("form.typ"));
    let stylesheet = crate::load::templates::load_template_file(service, "site/style.css")
        .map_err(|d| diagnostics.push(*d))
        .ok();
    let (pages, problems) = crate::load::content::load_pages(service);
    diagnostics.extend(problems);
    let content = Renderer::new(&super::site::content_templates(&pages))
        .map_err(|e| diagnostics.extend(e))
        .ok();
    let prepared = match (renderer, letter, form, content, stylesheet) {
        (Some(renderer), Some(letter), Some(form), Some(content), Some(stylesheet)) => {
            Some(Prepared {
                renderer,
                layouts: Layouts { letter, form },
                templates,
                pages,
                content,
                stylesheet,
            })
        }
        _ => None,
    };
    (prepared, diagnostics)
}

impl Prepared {
    /// What the public site is made from.
    pub(super) fn site(&self) -> super::site::SiteInputs<'_> {
        super::site::SiteInputs {
            pages: &self.pages,
            content: &self.content,
            templates: &self.renderer,
            stylesheet: &self.stylesheet,
            letter_layout: &self.layouts.letter,
        }
    }
}
