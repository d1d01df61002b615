//! The public information site (issue 6): every internal link and anchor resolves, nothing
//! from a case file reaches it, each page has a large print PDF, and bad pages are reported.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use crate::build::{build, pdf_text, squash, word_heights};
use crate::{Fixture, output};

fn site(fx: &Fixture) -> std::path::PathBuf {
    let out = fx.file("out");
    build(fx, &out, &["--only", "site", "--as-of", crate::AS_OF]);
    out.join("site")
}

/// Every value of `attr="..."` in an HTML text.
fn attributes(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let fx = Fixture::example();
    let dir = site(&fx);
    let pages: BTreeMap<String, String> = fs::read_dir(&dir)
        .expect("site folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).expect("page"))
        })
        .collect();
    assert!(pages.len() >= 14, "only {} pages", pages.len());
    let mut checked = 0;
    for (name, html) in &pages {
        let ids: BTreeSet<String> = attributes(html, "id").into_iter().collect();
        for href in attributes(html, "href") {
            if href.contains(':') {
                assert!(
                    href.starts_with("mailto:") || href.starts_with("tel:"),
                    "{name}: external link {href}"
                );
                continue;
            }
            let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
            let target_ids: BTreeSet<String> = if file.is_empty() {
                ids.clone()
            } else {
                assert!(dir.join(file).is_file(), "{name}: broken link {href}");
                pages
                    .get(file)
                    .map(|t| attributes(t, "id").into_iter().collect())
                    .unwrap_or_default()
            };
            if !anchor.is_empty() {
                assert!(target_ids.contains(anchor), "{name}: no anchor {href}");
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    let sitemap = fs::read_to_string(dir.join("sitemap.xml")).expect("sitemap");
    for name in pages.keys() {
        assert!(
            sitemap.contains(&format!("/{name}</loc>")),
            "{name} not in the sitemap"
        );
    }
}

/// Every string in a case file worth finding: names, addresses, phones, emails, words.
fn case_strings(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::String(s) if s.len() >= 6 && s.contains(' ') || s.contains('@') => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| case_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| case_strings(v, out)),
        _ => {}
    }
}

#[test]
fn the_site_holds_nothing_from_any_case_file() {
    let fx = Fixture::example();
    let dir = site(&fx);
    let mut secrets = BTreeSet::new();
    for entry in fs::read_dir(fx.file("cases")).expect("cases") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("case");
        let (value, _) = iro::load::yaml::parse(&text).expect("yaml");
        case_strings(&value, &mut secrets);
    }
    // What service.yaml says is public (an advocacy number a case also gives), and plain
    // lowercase words (`team manager`) are no one's secret.
    let public = fx.read("service.yaml");
    secrets.retain(|s| {
        !public.contains(s.as_str()) && s.chars().any(|c| !c.is_lowercase() && !c.is_whitespace())
    });
    assert!(secrets.len() > 200, "only {} strings", secrets.len());
    let mut site_text = String::new();
    for entry in fs::read_dir(&dir).expect("site") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            site_text.push_str(&squash(&pdf_text(&path)));
        } else {
            site_text.push_str(&fs::read_to_string(&path).expect("text"));
        }
    }
    let leaked: Vec<&String> = secrets
        .iter()
        .filter(|s| site_text.contains(squash(s).as_str()))
        .collect();
    assert!(
        leaked.is_empty(),
        "case text on the public site: {leaked:?}"
    );
}

#[test]
fn each_page_has_a_large_print_pdf_and_the_contact_page_lists_the_team() {
    let fx = Fixture::example();
    let dir = site(&fx);
    let heights = word_heights(&dir.join("contact-us.large-print.pdf"));
    assert!(heights.len() > 40);
    assert!(
        heights.iter().all(|(h, _)| *h >= 16.0 - 0.01),
        "words under 16pt"
    );
    let contact = fs::read_to_string(dir.join("contact-us.html")).expect("contact page");
    for want in [
        "Helen Okafor",
        "Moorgate House",
        "Eastfield Family Hub",
        "01632 960100",
    ] {
        assert!(
            contact.contains(want),
            "`{want}` missing from the contact page"
        );
    }
    let pdf = squash(&pdf_text(&dir.join("contact-us.large-print.pdf")));
    assert!(pdf.contains("Helen Okafor"), "{pdf}");
}

#[test]
fn a_broken_page_is_reported_with_its_file_and_line() {
    let fx = Fixture::example();
    fx.edit(
        "content/for-carers.md",
        "audience: carers",
        "audience: cats",
    );
    fx.write("content/Bad Name.md", "no front matter here");
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/for-carers.md:"), "{stderr}");
    assert!(stderr.contains("`audience`"), "{stderr}");
    assert!(stderr.contains("Bad Name"), "{stderr}");
}

#[test]
fn values_in_pages_are_escaped_and_raw_html_prints_as_text() {
    let fx = Fixture::example();
    fx.edit(
        "service.yaml",
        "name: Northmoor Independent Reviewing Service",
        "name: Northmoor <script>alert(1)</script> *IRO* Service",
    );
    fx.write(
        "content/zz-test.md",
        "---\ntitle: Test <b>page</b>\nsummary: S\naudience: everyone\norder: 99\n---\n## A part\n\n{{ service.name }}\n\n<img src=x onerror=alert(1)>\n\n[next](index.md#nothing-here)\n",
    );
    let dir = site(&fx);
    let html = fs::read_to_string(dir.join("zz-test.html")).expect("page");
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; *IRO*"),
        "{html}"
    );
    assert!(html.contains("Test &lt;b&gt;page&lt;/b&gt;"), "{html}");
    assert!(html.contains("<h2 id=\"a-part\">"), "{html}");
    assert!(html.contains("href=\"index.html#nothing-here\""), "{html}");
}
