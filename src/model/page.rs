//! A page of the public information site (`content/<slug>.md`): its front matter.

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
}
