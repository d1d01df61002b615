//! Views for the public site. Built from `service.yaml` alone: the functions here take no case,
//! carer or form, so nothing about a child can reach a public page.

use serde::Serialize;

use super::context::{ServiceView, address_lines};
use crate::model::{Contact, Page, PageAudience, Service, Timescales};

#[derive(Debug, Serialize)]
pub struct MemberView {
    pub name: String,
    pub role: &'static str,
    pub pronouns: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SiteOfficeView {
    pub name: String,
    pub address: Vec<String>,
    pub phone: String,
    pub email: Option<String>,
    pub hours: Option<String>,
    /// The people based at this office.
    pub team: Vec<MemberView>,
}

/// What a content page's Tera tags may print: the service's public details.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub service: ServiceView,
    pub offices: Vec<SiteOfficeView>,
    pub advocacy: Contact,
    pub complaints: Contact,
    pub timescales: Timescales,
}

/// The public view of the service.
pub fn site_view(service: &Service) -> SiteView {
    SiteView {
        service: ServiceView::of(service),
        offices: service
            .offices
            .iter()
            .map(|o| SiteOfficeView {
                name: o.name.clone(),
                address: address_lines(&o.address),
                phone: o.phone.clone(),
                email: o.email.clone(),
                hours: o.hours.clone(),
                team: service
                    .team
                    .iter()
                    .filter(|m| m.office == o.id)
                    .map(|m| MemberView {
                        name: m.name.clone(),
                        role: m.role.words(),
                        pronouns: m.pronouns.clone(),
                        phone: m.phone.clone(),
                        email: m.email.clone(),
                    })
                    .collect(),
            })
            .collect(),
        advocacy: service.advocacy.clone(),
        complaints: service.complaints.clone(),
        timescales: service.timescales.clone(),
    }
}

#[derive(Debug, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct PageInfo {
    pub title: String,
    pub summary: String,
    pub audience: PageAudience,
    pub slug: String,
    pub is_home: bool,
    /// The large print PDF of this page, beside it.
    pub large_print: String,
}

/// What the page layout (`templates/site/page.html`) sees.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub site: ServiceView,
    pub page: PageInfo,
    pub nav: Vec<NavItem>,
    /// The page's body as HTML, made from its Markdown with every text escaped.
    pub body: String,
    pub lang: String,
    pub contact_phone: Option<String>,
}

/// The file a page is written to.
pub fn page_file(slug: &str) -> String {
    format!("{slug}.html")
}

/// The view for one page, with the navigation of them all.
pub fn page_view(service: &Service, pages: &[Page], page: &Page, body: String) -> PageView {
    PageView {
        site: ServiceView::of(service),
        page: PageInfo {
            title: page.meta.title.clone(),
            summary: page.meta.summary.clone(),
            audience: page.meta.audience,
            slug: page.slug.clone(),
            is_home: page.slug == "index",
            large_print: format!("{}.large-print.pdf", page.slug),
        },
        nav: pages
            .iter()
            .map(|p| NavItem {
                title: if p.slug == "index" {
                    "Home".to_owned()
                } else {
                    p.meta.title.clone()
                },
                href: page_file(&p.slug),
                current: p.slug == page.slug,
            })
            .collect(),
        body,
        lang: service.service.language.clone(),
        contact_phone: service.offices.first().map(|o| o.phone.clone()),
    }
}
