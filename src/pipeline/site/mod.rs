//! The public information site: `content/*.md` (and `content/<lang>/*.md` for each other
//! language of `site.languages`) through Tera (with the service's public details only) and
//! Markdown into HTML pages in `templates/site/page.html`, each also as a large print PDF,
//! with a stylesheet and a sitemap, under `OUT/site/` (`layout` says where each language
//! goes).

mod layout;
mod sitemap;

pub use layout::site_warnings;

use self::layout::{Placed, SiteLayout};
use crate::diag::Diagnostic;
use crate::model::{Page, Service};
use crate::plan::{Audience, Variant};
use crate::render::context::ServiceView;
use crate::render::site::{
    PageInfo, PageView, page_file, site_view, site_words, untranslated_note,
};
use crate::render::{Renderer, TemplateSource};
use crate::typeset::{Document, Theme, Typesetter, escape_markdown, markdown_to_site_html};
use crate::write::sha256_hex;

/// One file of the site, ready to write.
pub struct SiteFile {
    /// Under the output folder: `site/<slug>.html`, `site/cy/<slug>.html`.
    pub path: String,
    pub kind: &'static str,
    pub variant: Variant,
    pub bytes: Vec<u8>,
    pub inputs: Vec<String>,
    /// A hash of what it was made from (the page's rendered Markdown, which holds the content
    /// file and the service details it printed).
    pub made_from: String,
}

/// The content pages as templates (`content/<slug>.md`, `content/cy/<slug>.md`), for one
/// Markdown Tera instance.
pub fn content_templates(pages: &[Page]) -> Vec<TemplateSource> {
    pages
        .iter()
        .map(|p| TemplateSource {
            name: p.file.clone(),
            text: p.body.clone(),
        })
        .collect()
}

/// What the site is made from besides `service.yaml`.
pub struct SiteInputs<'a> {
    pub pages: &'a [Page],
    /// The content pages, compiled.
    pub content: &'a Renderer,
    /// The templates, for `site/page.html`.
    pub templates: &'a Renderer,
    pub stylesheet: &'a str,
    pub letter_layout: &'a str,
}

/// Makes every file of the site, in each of its languages.
pub fn make_site(
    service: &Service,
    inputs: &SiteInputs,
    typesetter: &Typesetter,
) -> Result<Vec<SiteFile>, Vec<Diagnostic>> {
    let layout = SiteLayout::of(service, inputs.pages)?;
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for placed in layout.placed() {
        match make_page(service, inputs, typesetter, &layout, &placed) {
            Ok(made) => files.extend(made),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    files.push(SiteFile {
        path: "site/style.css".to_owned(),
        kind: "site-page",
        variant: Variant::Html,
        bytes: inputs.stylesheet.as_bytes().to_vec(),
        inputs: vec!["templates/site/style.css".to_owned()],
        made_from: sha256_hex(inputs.stylesheet.as_bytes()),
    });
    let map = sitemap::sitemap(&layout);
    files.push(SiteFile {
        path: "site/sitemap.xml".to_owned(),
        kind: "site-page",
        variant: Variant::Html,
        made_from: sha256_hex(map.as_bytes()),
        bytes: map.into_bytes(),
        inputs: vec!["service.yaml".to_owned()],
    });
    Ok(files)
}

/// The HTML page of one language's page and, for its own translation, its large print PDF
/// (a page shown untranslated links to the PDF of the language it is shown in).
fn make_page(
    service: &Service,
    inputs: &SiteInputs,
    typesetter: &Typesetter,
    layout: &SiteLayout,
    placed: &Placed,
) -> Result<Vec<SiteFile>, Diagnostic> {
    let page = placed.page;
    let shown = layout.shown_lang(placed).to_owned();
    let markdown = inputs
        .content
        .render(&page.file, &site_view(service, &shown))
        .map_err(|d| *d)?;
    let view = page_layout_view(service, layout, placed, markdown_to_site_html(&markdown));
    let html = inputs
        .templates
        .render("site/page.html", &view)
        .map_err(|d| *d)?;
    let source = vec![
        "service.yaml".to_owned(),
        page.file.clone(),
        "templates/site/page.html".to_owned(),
    ];
    let folder = layout.folder(placed.lang);
    let made_from = sha256_hex(format!("{}\n{markdown}", placed.lang).as_bytes());
    let mut files = vec![SiteFile {
        path: format!("site/{folder}{}", page_file(placed.slug)),
        kind: "site-page",
        variant: Variant::Html,
        bytes: html.into_bytes(),
        inputs: source.clone(),
        made_from: made_from.clone(),
    }];
    if placed.own {
        let pdf = large_print(service, inputs, typesetter, page, &markdown, &shown)?;
        let mut pdf_inputs = source;
        pdf_inputs[2] = "templates/layouts/letter.typ".to_owned();
        files.push(SiteFile {
            path: format!("site/{folder}{}.large-print.pdf", placed.slug),
            kind: "site-pdf",
            variant: Variant::LargePrint,
            bytes: pdf,
            inputs: pdf_inputs,
            made_from,
        });
    }
    Ok(files)
}

/// What `templates/site/page.html` sees for one language's page.
fn page_layout_view(
    service: &Service,
    layout: &SiteLayout,
    placed: &Placed,
    body: String,
) -> PageView {
    let (words, _) = site_words(placed.lang);
    let shown = layout.shown_lang(placed);
    let page = placed.page;
    PageView {
        site: ServiceView::in_lang(service, placed.lang),
        page: PageInfo {
            title: page.meta.title.clone(),
            summary: page.meta.summary.clone(),
            audience: page.meta.audience,
            slug: placed.slug.to_owned(),
            is_home: placed.slug == "index",
            large_print: format!(
                "{}{}{}.large-print.pdf",
                layout.root(placed.lang),
                layout.folder(shown),
                placed.slug
            ),
        },
        nav: layout.nav(placed.lang, placed.slug, words.home),
        body,
        lang: placed.lang.to_owned(),
        content_lang: (!placed.own).then(|| shown.to_owned()),
        untranslated: (!placed.own).then(|| untranslated_note(placed.lang, shown)),
        words,
        root: layout.root(placed.lang).to_owned(),
        alternates: if placed.own {
            layout.alternates(placed.lang, placed.slug)
        } else {
            Vec::new()
        },
        switch: layout.switch(placed.lang, placed.slug),
        contact_phone: service.offices.first().map(|o| o.phone.clone()),
        accent: service.branding.colour.clone(),
        accent_dark: crate::render::site::darker(&service.branding.colour, 0.7),
    }
}

/// The large print copy: the same words, typeset as a letter without an addressee, in the
/// page's language.
fn large_print(
    service: &Service,
    inputs: &SiteInputs,
    typesetter: &Typesetter,
    page: &Page,
    markdown: &str,
    lang: &str,
) -> Result<Vec<u8>, Diagnostic> {
    let titled = format!("# {}\n\n{markdown}", escape_markdown(&page.meta.title));
    let letterhead = crate::render::context::in_language(lang, || {
        crate::render::letterhead::Letterhead::from_office(service, service.offices.first())
    })
    .to_data();
    typesetter
        .pdf(&Document {
            markdown: &titled,
            theme: Theme::LargePrint,
            title: &page.meta.title,
            lang,
            layout: inputs.letter_layout,
            data: &letterhead,
            date: None,
            images: &[],
            second: None,
        })
        .map_err(|e| {
            Diagnostic::error(format!(
                "cannot typeset the large print `{}`: {e}",
                page.file
            ))
            .in_file(page.file.clone())
        })
}

/// The manifest's audience and a hash of what a site file was made from.
pub fn site_entry(file: &SiteFile) -> crate::write::ManifestEntry {
    crate::write::ManifestEntry {
        path: file.path.clone(),
        kind: file.kind.to_owned(),
        case: String::new(),
        audience: Audience::Public,
        variant: file.variant,
        sha256: sha256_hex(&file.bytes),
        bytes: file.bytes.len() as u64,
        inputs: file.inputs.clone(),
        inputs_sha256: file.made_from.clone(),
        source: None,
        reader: None,
        dated: None,
        facts_sha256: None,
        amends: None,
    }
}
