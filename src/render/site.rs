//! Views for the public site. Built from `service.yaml` alone: the functions here take no case,
//! carer or form, so nothing about a child can reach a public page. The layout's own words
//! (skip link, navigation, footer) are here in each language iro has them in.

use serde::Serialize;

use super::context::{ServiceView, address_lines};
use crate::model::{Contact, PageAudience, Service, TeamRole, Timescales};

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

/// The public view of the service, for pages in `lang`.
pub fn site_view(service: &Service, lang: &str) -> SiteView {
    SiteView {
        service: ServiceView::in_lang(service, lang),
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
                        role: role_words(m.role, lang),
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

/// A team member's role in words, in Welsh on a Welsh page.
fn role_words(role: TeamRole, lang: &str) -> &'static str {
    if !is_welsh(lang) {
        return role.words();
    }
    match role {
        TeamRole::Iro => "Swyddog Adolygu Annibynnol",
        TeamRole::CpChair => "cadeirydd cynadleddau amddiffyn plant",
        TeamRole::Manager => "rheolwr y gwasanaeth SAA",
        TeamRole::BusinessSupport => "cymorth busnes",
    }
}

fn is_welsh(lang: &str) -> bool {
    crate::plan::primary_language(lang) == "cy"
}

#[derive(Debug, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub current: bool,
    /// The title's language when it is not the page's (a page not yet translated).
    pub lang: Option<String>,
}

/// A link to the same page in another language, or a version for `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    /// `cy`, or `x-default` for the version a search engine shows anyone else.
    pub lang: String,
    /// The language's own name for itself (`Cymraeg`), for the switch.
    pub name: String,
    pub href: String,
}

/// The layout's own words, in one language.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SiteWords {
    pub skip: &'static str,
    pub main_nav: &'static str,
    pub languages: &'static str,
    pub breadcrumb: &'static str,
    pub home: &'static str,
    pub part_of: &'static str,
    pub large_print: &'static str,
    pub other_formats: &'static str,
    pub phone: &'static str,
    pub contact_us: &'static str,
    pub accessibility: &'static str,
    pub alternative_formats: &'static str,
}

const ENGLISH: SiteWords = SiteWords {
    skip: "Skip to main content",
    main_nav: "Main",
    languages: "Language",
    breadcrumb: "Breadcrumb",
    home: "Home",
    part_of: "Part of",
    large_print: "This page in large print (PDF)",
    other_formats: "For other formats, see",
    phone: "Phone",
    contact_us: "Contact us",
    accessibility: "Accessibility statement",
    alternative_formats: "Alternative formats",
};

/// Written for the project, not by a Welsh speaker: to be checked before a service uses it.
const WELSH: SiteWords = SiteWords {
    skip: "Neidio i'r prif gynnwys",
    main_nav: "Prif ddewislen",
    languages: "Iaith",
    breadcrumb: "Briwsion bara",
    home: "Hafan",
    part_of: "Rhan o",
    large_print: "Y dudalen hon mewn print bras (PDF)",
    other_formats: "Am fformatau eraill, gweler",
    phone: "Ffôn",
    contact_us: "Cysylltu â ni",
    accessibility: "Datganiad hygyrchedd",
    alternative_formats: "Fformatau amgen",
};

/// The layout's words in `lang`, and whether iro has them in it (English when not).
pub fn site_words(lang: &str) -> (SiteWords, bool) {
    match crate::plan::primary_language(lang).as_str() {
        "cy" => (WELSH, true),
        "en" => (ENGLISH, true),
        _ => (ENGLISH, false),
    }
}

/// A language's name for itself, for the switch: `Cymraeg`, `English`.
pub fn language_endonym(lang: &str) -> String {
    match crate::plan::primary_language(lang).as_str() {
        "cy" => "Cymraeg".to_owned(),
        "en" => "English".to_owned(),
        _ => crate::plan::language_name(lang),
    }
}

/// The line above a page shown in `shown` on the `lang` site for want of a translation, in
/// `lang`.
pub fn untranslated_note(lang: &str, shown: &str) -> String {
    if is_welsh(lang) {
        let name = match crate::plan::primary_language(shown).as_str() {
            "en" => "Saesneg".to_owned(),
            _ => crate::plan::language_name(shown),
        };
        format!("Nid yw'r dudalen hon ar gael yn Gymraeg eto, felly dyma hi yn {name}.")
    } else {
        format!(
            "This page is not yet available in {}, so here it is in {}.",
            crate::plan::language_name(lang),
            crate::plan::language_name(shown)
        )
    }
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
    /// The page's language: its `<html lang>` and the layout's words.
    pub lang: String,
    /// The language of the title and body when it is not the page's (shown untranslated).
    pub content_lang: Option<String>,
    /// The line saying so, in the page's language.
    pub untranslated: Option<String>,
    pub words: SiteWords,
    /// From this page to the site's root folder: `` or `../`.
    pub root: String,
    /// Every language's version of this page, and `x-default`; none for an untranslated one.
    pub alternates: Vec<LanguageLink>,
    /// The same page in each other language of the site.
    pub switch: Vec<LanguageLink>,
    pub contact_phone: Option<String>,
    /// The house colour (`branding.colour`), and a darker shade of it for hovered links.
    pub accent: String,
    pub accent_dark: String,
}

/// One channel of `#rrggbb` (`at` 1, 3 or 5), 0 to 255.
pub fn channel(colour: &str, at: usize) -> u8 {
    u8::from_str_radix(colour.get(at..at + 2).unwrap_or("00"), 16).unwrap_or(0)
}

/// `#rrggbb` made darker by `share` (0.7 keeps 70% of each channel), for hovered links.
pub fn darker(colour: &str, share: f64) -> String {
    let dark = |at| (f64::from(channel(colour, at)) * share).round() as u8;
    format!("#{:02x}{:02x}{:02x}", dark(1), dark(3), dark(5))
}

/// The contrast ratio of `#rrggbb` against white, by WCAG 2's relative luminance: white
/// text on the site's header needs at least 4.5.
pub fn contrast_with_white(colour: &str) -> f64 {
    let linear = |at| {
        let c = f64::from(channel(colour, at)) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(1) + 0.7152 * linear(3) + 0.0722 * linear(5);
    1.05 / (luminance + 0.05)
}

/// The file a page is written to.
pub fn page_file(slug: &str) -> String {
    format!("{slug}.html")
}
