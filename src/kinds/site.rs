//! The public site's pages and their large print PDFs: made by `build::site` from `content/`,
//! not planned as jobs (they belong to no case), but kinds for `--only` and the manifest.

use super::{Kind, Planning, ViewInputs};
use crate::plan::{Body, DocumentKind, Job};

pub struct Page;
pub struct PagePdf;

static PAGE: DocumentKind = DocumentKind {
    name: "site-page",
    group: "site",
    title: "",
    titles: &[],
    templates: "site",
    body: Body::Page,
};

static PAGE_PDF: DocumentKind = DocumentKind {
    name: "site-pdf",
    group: "site",
    title: "",
    titles: &[],
    templates: "site",
    body: Body::Page,
};

impl Kind for Page {
    fn info(&self) -> &'static DocumentKind {
        &PAGE
    }

    fn plan<'a>(&self, _: &Planning<'a, '_>, _: &mut Vec<Job<'a>>) {}

    fn view(&self, _: &Job, _: &ViewInputs) -> Option<serde_json::Value> {
        None
    }
}

impl Kind for PagePdf {
    fn info(&self) -> &'static DocumentKind {
        &PAGE_PDF
    }

    fn plan<'a>(&self, _: &Planning<'a, '_>, _: &mut Vec<Job<'a>>) {}

    fn view(&self, _: &Job, _: &ViewInputs) -> Option<serde_json::Value> {
        None
    }
}
