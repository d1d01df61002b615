//! Where each language's pages go and how they link: the first of `site.languages` at `site/`,
//! each other at `site/<lang>/`, the same file name in every language (so the switch and the
//! `hreflang` alternates are the same name in another folder). A page one language lacks is
//! shown there from the first language that has it, with the layout in the page's language
//! and a line saying so: every link of that language's pages keeps working, and the reader
//! stays in their language's navigation. Such a page is no alternate and is not in the sitemap.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::model::{Page, Service};
use crate::plan::{language_name, primary_language, same_language};
use crate::render::site::{LanguageLink, NavItem, language_endonym, page_file};

/// The site's languages and which page each has.
pub struct SiteLayout<'a> {
    /// The main language first.
    pub langs: Vec<String>,
    /// Every page's address, in navigation order.
    pub slugs: Vec<&'a str>,
    own: BTreeMap<(usize, &'a str), &'a Page>,
    /// The web address, without a final `/`; empty when `service.yaml` gives none.
    base: String,
}

/// One page of one language: what it shows and whether that is its own translation.
pub struct Placed<'a> {
    pub lang: &'a str,
    pub slug: &'a str,
    pub page: &'a Page,
    pub own: bool,
}

impl<'a> SiteLayout<'a> {
    /// The layout, or an error for a language listed twice or with no pages.
    pub fn of(service: &Service, pages: &'a [Page]) -> Result<Self, Vec<Diagnostic>> {
        let own_lang = &service.service.language;
        let langs = service.site.languages_or(own_lang);
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        for lang in &langs {
            if !seen.insert(primary_language(lang)) {
                problems.push(
                    Diagnostic::error(format!("`{lang}` is listed twice"))
                        .in_file("service.yaml")
                        .field("site.languages")
                        .hint("list each language once, the main one first"),
                );
            }
        }
        let mut own = BTreeMap::new();
        let mut slugs = Vec::new();
        for page in pages {
            let lang = page.lang_or(own_lang);
            let Some(i) = langs.iter().position(|l| same_language(l, lang)) else {
                continue;
            };
            if !slugs.contains(&page.slug.as_str()) {
                slugs.push(page.slug.as_str());
            }
            own.insert((i, page.slug.as_str()), page);
        }
        // The service's own language may have no pages yet (an empty site, as ever); another
        // listed with none is a mistake.
        for (i, lang) in langs.iter().enumerate() {
            if !same_language(lang, own_lang) && !own.keys().any(|(l, _)| *l == i) {
                problems.push(no_pages(lang, own_lang));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let base = service.service.website.as_deref().unwrap_or("");
        Ok(SiteLayout {
            langs,
            slugs,
            own,
            base: base.trim_end_matches('/').to_owned(),
        })
    }

    /// Every page of every language, each language's in navigation order.
    pub fn placed(&self) -> Vec<Placed<'_>> {
        let mut out = Vec::new();
        for (i, lang) in self.langs.iter().enumerate() {
            for slug in &self.slugs {
                let (page, own) = match self.own.get(&(i, *slug)) {
                    Some(page) => (*page, true),
                    None => (self.fallback(slug), false),
                };
                out.push(Placed {
                    lang,
                    slug,
                    page,
                    own,
                });
            }
        }
        out
    }

    /// The page of the first language that has it.
    fn fallback(&self, slug: &str) -> &'a Page {
        (0..self.langs.len())
            .find_map(|i| self.own.get(&(i, slug)).copied())
            .expect("every slug comes from a page")
    }

    fn index(&self, lang: &str) -> usize {
        self.langs
            .iter()
            .position(|l| l == lang)
            .expect("a site language")
    }

    /// A language's folder under `site/`: `` for the main one, `cy/`.
    pub fn folder(&self, lang: &str) -> String {
        if self.index(lang) == 0 {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// From a page of `lang` up to `site/`.
    pub fn root(&self, lang: &str) -> &'static str {
        if self.index(lang) == 0 { "" } else { "../" }
    }

    /// A link from a page in `from` to a file of `to`'s pages.
    fn href(&self, from: &str, to: &str, file: &str) -> String {
        format!("{}{}{file}", self.root(from), self.folder(to))
    }

    /// The page's address on the web, or relative to `from` when there is no web address.
    fn url(&self, from: &str, to: &str, file: &str) -> String {
        if self.base.is_empty() {
            self.href(from, to, file)
        } else {
            self.sitemap_url(to, file)
        }
    }

    /// The address the sitemap gives a page.
    pub fn sitemap_url(&self, lang: &str, file: &str) -> String {
        format!("{}/{}{file}", self.base, self.folder(lang))
    }

    /// Which languages have their own version of a page.
    pub fn versions(&self, slug: &str) -> Vec<&str> {
        (0..self.langs.len())
            .filter(|i| self.own.contains_key(&(*i, slug)))
            .map(|i| self.langs[i].as_str())
            .collect()
    }

    /// `<link rel="alternate">` for every version of a page, and `x-default` for the main
    /// language's (or the first there is); none for a page in one language alone. `from` is
    /// the page they are written in.
    pub fn alternates(&self, from: &str, slug: &str) -> Vec<LanguageLink> {
        let file = page_file(slug);
        let versions = self.versions(slug);
        if versions.len() < 2 {
            return Vec::new();
        }
        let mut links: Vec<LanguageLink> = versions
            .iter()
            .map(|lang| LanguageLink {
                lang: (*lang).to_owned(),
                name: language_endonym(lang),
                href: self.url(from, lang, &file),
            })
            .collect();
        links.push(LanguageLink {
            lang: "x-default".to_owned(),
            name: String::new(),
            href: self.url(from, versions[0], &file),
        });
        links
    }

    /// The same page in each other language, for the switch.
    pub fn switch(&self, from: &str, slug: &str) -> Vec<LanguageLink> {
        let file = page_file(slug);
        self.langs
            .iter()
            .filter(|l| *l != from)
            .map(|lang| LanguageLink {
                lang: lang.clone(),
                name: language_endonym(lang),
                href: self.href(from, lang, &file),
            })
            .collect()
    }

    /// The navigation of `lang`'s pages, each titled in its own words.
    pub fn nav(&self, lang: &str, current: &str, home: &str) -> Vec<NavItem> {
        self.placed()
            .into_iter()
            .filter(|p| p.lang == lang)
            .map(|p| NavItem {
                title: if p.slug == "index" {
                    home.to_owned()
                } else {
                    p.page.meta.title.clone()
                },
                href: page_file(p.slug),
                current: p.slug == current,
                lang: (!p.own && p.slug != "index").then(|| self.shown_lang(&p).to_owned()),
            })
            .collect()
    }

    /// The language a placed page is written in.
    pub fn shown_lang<'b>(&'b self, placed: &Placed<'b>) -> &'b str {
        if placed.own {
            return placed.lang;
        }
        (0..self.langs.len())
            .find(|i| self.own.contains_key(&(*i, placed.slug)))
            .map_or(placed.lang, |i| self.langs[i].as_str())
    }
}

/// `Welsh (`cy`)`, `English (`en`)`; the code alone for a language iro has no name for.
fn named(lang: &str) -> String {
    let name = if primary_language(lang) == "en" {
        "English".to_owned()
    } else {
        language_name(lang)
    };
    if name == lang {
        format!("`{lang}`")
    } else {
        format!("{name} (`{lang}`)")
    }
}

/// The folder a language's pages are in.
fn content_folder(lang: &str, own: &str) -> String {
    if same_language(lang, own) {
        "content/".to_owned()
    } else {
        format!("content/{lang}/")
    }
}

fn no_pages(lang: &str, own: &str) -> Diagnostic {
    let folder = content_folder(lang, own);
    Diagnostic::error(format!(
        "{} has no pages in `{folder}`",
        named(lang)
    ))
    .in_file("service.yaml")
    .field("site.languages")
    .hint(format!(
        "write its pages in `{folder}`, with the same file names as the others (`iro init DIR` writes iro's own English and Welsh pages to start from), or take `{lang}` out of `site.languages`"
    ))
}

/// The example service's name, which a new service's pages should not carry.
const EXAMPLE: &str = "Northmoor";

/// A page that still names the example service, when the service is another: one warning per
/// page, at the first line that does.
fn names_the_example(service: &Service, pages: &[Page]) -> Vec<Diagnostic> {
    if service.service.name.contains(EXAMPLE) || service.service.authority.contains(EXAMPLE) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for page in pages {
        let title = page.meta.title.contains(EXAMPLE);
        let line = page.body.lines().position(|l| l.contains(EXAMPLE));
        if title || line.is_some() {
            let at = line.map_or(String::new(), |n| format!(" (line {})", n + 1));
            found.push(
                Diagnostic::warning(format!(
                    "`{}` still names {EXAMPLE}, the example service{at}",
                    page.file
                ))
                .in_file(&page.file)
                .hint(format!(
                    "write it for {}: `{{{{ service.name }}}}` and `{{{{ service.authority }}}}` print the service's own names",
                    service.service.name
                )),
            );
        }
    }
    found
}

/// White text on the site's header in `branding.colour` must be readable: at least 4.5 to 1
/// (WCAG 2.2, 1.4.3).
fn header_contrast(service: &Service) -> Option<Diagnostic> {
    let colour = &service.branding.colour;
    let ratio = crate::render::site::contrast_with_white(colour);
    (ratio < 4.5).then(|| {
        Diagnostic::warning(format!(
            "`branding.colour: \"{colour}\"` is too light for the site's white header text: contrast {ratio:.1} to 1, at least 4.5 needed"
        ))
        .in_file("service.yaml")
        .field("branding.colour")
        .hint("choose a darker shade of the colour; the letters and forms use it for rules and headings too")
    })
}

/// What `iro check` says about the site's languages besides errors: a page one language
/// lacks (it is shown in another), a folder of pages in a language the site does not list,
/// and a language whose layout words iro does not have.
pub fn site_warnings(service: &Service, pages: &[Page]) -> Vec<Diagnostic> {
    let Ok(layout) = SiteLayout::of(service, pages) else {
        return Vec::new();
    };
    let own = &service.service.language;
    let mut found = names_the_example(service, pages);
    found.extend(header_contrast(service));
    for lang in &layout.langs {
        let missing: Vec<String> = layout
            .placed()
            .iter()
            .filter(|p| p.lang == lang && !p.own)
            .map(|p| format!("`{}.md`", p.slug))
            .collect();
        if !missing.is_empty() {
            found.push(untranslated(lang, own, &missing));
        }
        if !crate::render::site::site_words(lang).1 {
            found.push(
                Diagnostic::warning(format!(
                    "iro has no {} words for the site's layout (the skip link, navigation and footer), so the `{lang}` pages have them in English",
                    named(lang)
                ))
                .in_file("templates/site/page.html")
                .hint("to write them, change `templates/site/page.html`, for example with `{% if lang == \"..\" %}`"),
            );
        }
    }
    let unlisted: BTreeSet<&str> = pages
        .iter()
        .filter_map(|p| p.lang.as_deref())
        .filter(|l| !same_language(l, own) && !layout.langs.iter().any(|s| same_language(s, l)))
        .collect();
    for lang in unlisted {
        found.push(
            Diagnostic::warning(format!(
                "`content/{lang}/` holds {} pages, but `{lang}` is not listed, so they are not on the site",
                named(lang)
            ))
            .in_file("service.yaml")
            .field("site.languages")
            .hint(format!("add `{lang}` to `site.languages`, for example `site: {{ languages: [{}, {lang}] }}`", layout.langs.join(", "))),
        );
    }
    found
}

fn untranslated(lang: &str, own: &str, missing: &[String]) -> Diagnostic {
    let folder = content_folder(lang, own);
    Diagnostic::warning(format!(
        "no {} version of {} in `{folder}`: {}; the `{lang}` site shows them in another language, with a line saying so",
        named(lang),
        crate::diag::plural(missing.len(), "page"),
        missing.join(", ")
    ))
    .in_file(folder.trim_end_matches('/').to_owned())
    .hint(format!(
        "translate each into a file of the same name in `{folder}`"
    ))
}
