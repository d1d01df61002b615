//! The sitemap for search engines: every page each language has its own version of, with the
//! service's web address, and each version's alternates (`xhtml:link`), as Google reads
//! them. A page shown untranslated is left out: it is another page's words.

use super::layout::SiteLayout;
use crate::render::site::page_file;

/// `sitemap.xml`.
pub fn sitemap(layout: &SiteLayout) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    ));
    for lang in &layout.langs {
        for slug in &layout.slugs {
            let versions = layout.versions(slug);
            if !versions.contains(&lang.as_str()) {
                continue;
            }
            let file = page_file(slug);
            let url = layout.sitemap_url(lang, &file);
            out.push_str(&format!("  <url>\n    <loc>{}</loc>\n", xml_escape(&url)));
            if versions.len() > 1 {
                let mut links: Vec<(&str, String)> = versions
                    .iter()
                    .map(|v| (*v, layout.sitemap_url(v, &file)))
                    .collect();
                links.push(("x-default", layout.sitemap_url(versions[0], &file)));
                for (hreflang, href) in links {
                    out.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{}\"/>\n",
                        xml_escape(&href)
                    ));
                }
            }
            out.push_str("  </url>\n");
        }
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
