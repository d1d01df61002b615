//! The public information site: `content/*.md` through Tera (with the service's public
//! details only) and Markdown into HTML pages in `templates/site/page.html`, each also as a
//! large print PDF, with a stylesheet and a sitemap, under `OUT/site/`.

use crate::diag::Diagnostic;
use crate::model::{Page, Service};
use crate::plan::{Audience, Variant};
use crate::render::site::{page_file, page_view, site_view};
use crate::render::{Renderer, TemplateSource};
use crate::typeset::{Document, Theme, Typesetter, escape_markdown, markdown_to_site_html};
use crate::write::sha256_hex;

/// One file of the site, ready to write.
pub struct SiteFile {
    /// Under the output folder: `site/<slug>.html`.
    pub path: String,
    pub kind: &'static str,
    pub variant: Variant,
    pub bytes: Vec<u8>,
    pub inputs: Vec<String>,
    /// A hash of what it was made from (the page's rendered Markdown, which holds the content
    /// file and the service details it printed).
    pub made_from: String,
}

/// The content pages as templates (`content/<slug>.md`), for one Markdown Tera instance.
pub fn content_templates(pages: &[Page]) -> Vec<TemplateSource> {
    pages
        .iter()
        .map(|p| TemplateSource {
            name: format!("content/{}.md", p.slug),
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

/// Makes every file of the site.
pub fn make_site(
    service: &Service,
    inputs: &SiteInputs,
    typesetter: &Typesetter,
) -> Result<Vec<SiteFile>, Vec<Diagnostic>> {
    let data = site_view(service);
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for page in inputs.pages {
        match make_page(service, inputs, typesetter, &data, page) {
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
    files.push(SiteFile {
        path: "site/sitemap.xml".to_owned(),
        kind: "site-page",
        variant: Variant::Html,
        bytes: sitemap(service, inputs.pages).into_bytes(),
        inputs: vec!["service.yaml".to_owned()],
        made_from: sha256_hex(sitemap(service, inputs.pages).as_bytes()),
    });
    Ok(files)
}

fn make_page(
    service: &Service,
    inputs: &SiteInputs,
    typesetter: &Typesetter,
    data: &crate::render::site::SiteView,
    page: &Page,
) -> Result<Vec<SiteFile>, Diagnostic> {
    let name = format!("content/{}.md", page.slug);
    let markdown = inputs.content.render(&name, data).map_err(|d| *d)?;
    let body = markdown_to_site_html(&markdown);
    let view = page_view(service, inputs.pages, page, body);
    let html = inputs
        .templates
        .render("site/page.html", &view)
        .map_err(|d| *d)?;
    let source = vec![
        "service.yaml".to_owned(),
        name.clone(),
        "templates/site/page.html".to_owned(),
    ];
    // The large print copy: the same words, typeset as a letter without an addressee.
    let titled = format!("# {}\n\n{markdown}", escape_markdown(&page.meta.title));
    let letterhead =
        crate::render::letterhead::Letterhead::from_office(service, service.offices.first())
            .to_data();
    let pdf = typesetter
        .pdf(&Document {
            markdown: &titled,
            theme: Theme::LargePrint,
            title: &page.meta.title,
            lang: &service.service.language,
            layout: inputs.letter_layout,
            data: &letterhead,
            date: None,
            images: &[],
            second: None,
        })
        .map_err(|e| {
            Diagnostic::error(format!(
                "cannot typeset the large print `{}`: {e}",
                page.slug
            ))
            .in_file(name.clone())
        })?;
    let made_from = sha256_hex(markdown.as_bytes());
    let mut pdf_inputs = source.clone();
    pdf_inputs[2] = "templates/layouts/letter.typ".to_owned();
    Ok(vec![
        SiteFile {
            path: format!("site/{}", page_file(&page.slug)),
            kind: "site-page",
            variant: Variant::Html,
            bytes: html.into_bytes(),
            inputs: source,
            made_from: made_from.clone(),
        },
        SiteFile {
            path: format!("site/{}.large-print.pdf", page.slug),
            kind: "site-pdf",
            variant: Variant::LargePrint,
            bytes: pdf,
            inputs: pdf_inputs,
            made_from,
        },
    ])
}

/// A sitemap for search engines, with the service's web address.
fn sitemap(service: &Service, pages: &[Page]) -> String {
    let base = service
        .service
        .website
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let url = format!("{base}/{}", page_file(&page.slug));
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&url)));
    }
    out.push_str("</urlset>\n");
    out
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
