//! A page of the public information site (`content/<slug>.md`, or `content/<lang>/<slug>.md`
//! in another language): its front matter, and the site's settings in `service.yaml`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The front matter at the top of a content page, between `---` lines.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// The page's title: its heading, browser tab and navigation entry.
    pub title: String,
    /// One or two sentences for lists of pages and search results.
    pub summary: String,
    /// Who the page is mainly for.
    pub audience: PageAudience,
    /// Its place in the navigation, lowest first.
    #[serde(default)]
    pub order: i32,
}

/// Who a site page is mainly for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PageAudience {
    Children,
    Families,
    Carers,
    Professionals,
    Everyone,
}

/// A content page, read and checked.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file name without `.md`: the page's address (`index` is the home page).
    pub slug: String,
    pub meta: PageMeta,
    /// The Markdown + Tera body, with blank lines in place of the front matter so that a
    /// template error's line number is the file's.
    pub body: String,
    /// Its file under the service folder, `content/cy/taking-part.md`: its template's name.
    pub file: String,
    /// The language of a page in `content/<lang>/`; `None` for `content/*.md`, which are in
    /// the service's own `language`.
    pub lang: Option<String>,
}

impl Page {
    /// The page's language, given the service's own.
    pub fn lang_or<'a>(&'a self, own: &'a str) -> &'a str {
        self.lang.as_deref().unwrap_or(own)
    }
}

/// `site:` in `service.yaml`: the public site's settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// The languages the site is made in (ISO 639-1 codes), for example `[en, cy]`. The first
    /// one's pages are at `site/`, each other's at `site/<code>/` (`site/cy/taking-part.html`),
    /// every page with a link to the same page in the others. Pages in the service's own
    /// `language` are `content/*.md`; pages in another are `content/<code>/*.md`, with the
    /// same file names. Leave it out for a site in the service's own language alone.
    #[serde(default)]
    #[schemars(inner(regex(pattern = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")))]
    pub languages: Vec<String>,
}

impl SiteSettings {
    /// The site's languages, the main one first: the service's own language when none are
    /// listed.
    pub fn languages_or(&self, own: &str) -> Vec<String> {
        if self.languages.is_empty() {
            vec![own.to_owned()]
        } else {
            self.languages.clone()
        }
    }
}
