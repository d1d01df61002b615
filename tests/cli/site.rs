//! The public information site (issue 6), in English and Welsh (issue 17): every internal
//! link and anchor resolves in both, each page's `hreflang` alternates point at each other
//! and are in the sitemap, the layout speaks the page's language, nothing from a case file
//! reaches it, each page has a large print PDF, and bad pages are reported.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::build::{build, pdf_text, squash, tree, word_heights};
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

/// Every HTML page of a built site, by its path under `site/` (`cy/index.html`).
fn html_pages(dir: &Path) -> BTreeMap<String, String> {
    tree(dir)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("utf-8 page")))
        .collect()
}

/// `href` followed from the page at `from` (both under `site/`): `../index.html` from
/// `cy/a.html` is `index.html`.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: {href} leaves the site");
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

#[test]
fn every_internal_link_and_anchor_resolves_in_both_languages() {
    let fx = Fixture::example();
    let dir = site(&fx);
    let pages = html_pages(&dir);
    let welsh = pages.keys().filter(|p| p.starts_with("cy/")).count();
    assert!(welsh >= 14, "only {welsh} Welsh pages");
    assert!(pages.len() >= 28, "only {} pages", pages.len());
    let mut checked = 0;
    let mut anchors = 0;
    for (name, html) in &pages {
        let ids: BTreeSet<String> = attributes(html, "id").into_iter().collect();
        for href in attributes(html, "href") {
            // The alternates give the page's address on the web: a page of this site.
            let (from, href) = match href.strip_prefix(BASE) {
                Some(path) => ("", path.to_owned()),
                None => (name.as_str(), href),
            };
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
                let target = resolve(from, file);
                assert!(dir.join(&target).is_file(), "{name}: broken link {href}");
                pages
                    .get(&target)
                    .map(|t| attributes(t, "id").into_iter().collect())
                    .unwrap_or_default()
            };
            if !anchor.is_empty() {
                assert!(target_ids.contains(anchor), "{name}: no anchor {href}");
                anchors += 1;
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");
    assert!(anchors >= 10, "only {anchors} anchors checked");
}

/// `(hreflang, href)` of every `<link rel="alternate">` of a page.
fn alternates(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\"")
        .skip(1)
        .map(|tag| {
            let tag = &tag[..tag.find('>').expect("tag end")];
            let get = |a: &str| attributes(tag, a).pop().expect("attribute");
            (get("hreflang"), get("href"))
        })
        .collect()
}

const BASE: &str = "https://iro.northmoor.example.org/";

#[test]
fn hreflang_pairs_point_at_each_other_and_every_page_is_in_the_sitemap_with_them() {
    let fx = Fixture::example();
    let dir = site(&fx);
    let pages = html_pages(&dir);
    let sitemap = fs::read_to_string(dir.join("sitemap.xml")).expect("sitemap");
    for (name, html) in &pages {
        let lang = if name.starts_with("cy/") { "cy" } else { "en" };
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{name}: lang"
        );
        let found = alternates(html);
        let file = name.trim_start_matches("cy/");
        let want = vec![
            ("en".to_owned(), format!("{BASE}{file}")),
            ("cy".to_owned(), format!("{BASE}cy/{file}")),
            ("x-default".to_owned(), format!("{BASE}{file}")),
        ];
        assert_eq!(found, want, "{name}: alternates");
        // Each alternate is a page that lists this one back.
        for (_, href) in &found {
            let target = href.strip_prefix(BASE).expect("on the site");
            assert_eq!(
                alternates(&pages[target]),
                want,
                "{target} does not point back"
            );
        }
        let entry = sitemap
            .split("<url>")
            .find(|u| u.contains(&format!("<loc>{BASE}{name}</loc>")))
            .unwrap_or_else(|| panic!("{name} not in the sitemap"));
        for (hreflang, href) in &want {
            let link =
                format!("<xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{href}\"/>");
            assert!(entry.contains(&link), "{name}: sitemap lacks {link}");
        }
    }
    assert_eq!(sitemap.matches("<url>").count(), pages.len());
}

#[test]
fn each_page_links_to_itself_in_the_other_language_and_the_layout_speaks_its_language() {
    let fx = Fixture::example();
    let dir = site(&fx);
    let pages = html_pages(&dir);
    for (name, html) in &pages {
        let (switch, words, not) = match name.strip_prefix("cy/") {
            Some(file) => (
                format!("<a href=\"../{file}\" lang=\"en\" hreflang=\"en\">English</a>"),
                [
                    "Neidio i&#39;r prif gynnwys",
                    "Cysylltu â ni",
                    "Datganiad hygyrchedd",
                    "Rhan o Cyngor Bwrdeistref Northmoor",
                    "print bras (PDF)",
                    "href=\"../style.css\"",
                ],
                [
                    "Skip to main content",
                    "Contact us<",
                    "Accessibility statement",
                    "Part of",
                    "large print",
                    "Breadcrumb",
                ],
            ),
            None => (
                format!("<a href=\"cy/{name}\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>"),
                [
                    "Skip to main content",
                    "Contact us",
                    "Accessibility statement",
                    "Part of Northmoor",
                    "large print (PDF)",
                    "href=\"style.css\"",
                ],
                [
                    "Neidio",
                    "Cysylltu",
                    "Hafan",
                    "Rhan o",
                    "print bras",
                    "Briwsion",
                ],
            ),
        };
        assert!(html.contains(&switch), "{name}: no switch {switch}");
        for want in words {
            assert!(html.contains(want), "{name}: `{want}` missing");
        }
        for unwanted in not {
            assert!(
                !html.contains(unwanted),
                "{name}: `{unwanted}` in the wrong language"
            );
        }
    }
}

#[test]
fn the_welsh_pages_are_in_welsh_with_the_team_and_their_large_print_is_tagged_cy() {
    let fx = Fixture::example();
    let dir = site(&fx);
    let contact = fs::read_to_string(dir.join("cy/contact-us.html")).expect("Welsh contact page");
    for want in [
        "<h1>Cysylltu â ni</h1>",
        "Helen Okafor",
        "Swyddog Adolygu Annibynnol",
        "Moorgate House",
        "Eastfield Family Hub",
        "01632 960100",
        "id=\"cwynion\"",
    ] {
        assert!(
            contact.contains(want),
            "`{want}` missing from the Welsh contact page"
        );
    }
    assert!(
        !contact.contains("Independent Reviewing Officer"),
        "an English role"
    );
    let children = fs::read_to_string(dir.join("cy/taking-part.html")).expect("page");
    assert!(
        children.contains("<h2 id=\"eiriolwyr\">Eiriolwyr</h2>"),
        "{children}"
    );
    let pdf = dir.join("cy/contact-us.large-print.pdf");
    assert_eq!(crate::welsh::pdf_language(&pdf), "cy");
    assert_eq!(
        crate::welsh::pdf_language(&dir.join("contact-us.large-print.pdf")),
        "en"
    );
    let text = squash(&pdf_text(&pdf));
    assert!(
        text.contains("Cysylltu â ni") && text.contains("Helen Okafor"),
        "{text}"
    );
    assert!(
        word_heights(&pdf).iter().all(|(h, _)| *h >= 16.0 - 0.01),
        "words under 16pt"
    );
}

#[test]
fn a_page_not_yet_in_welsh_is_shown_in_english_saying_so_and_check_warns() {
    let fx = Fixture::example();
    fs::remove_file(fx.file("content/cy/for-carers.md")).expect("remove");
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("no Welsh (`cy`) version of 1 page in `content/cy/`: `for-carers.md`"),
        "{stderr}"
    );
    let dir = site(&fx);
    let page = fs::read_to_string(dir.join("cy/for-carers.html")).expect("shown in English");
    assert!(page.contains("<html lang=\"cy\">"), "{page}");
    assert!(
        page.contains("Nid yw&#39;r dudalen hon ar gael yn Gymraeg eto"),
        "{page}"
    );
    assert!(
        page.contains("<div lang=\"en\">\n    <h1>Information for carers</h1>"),
        "{page}"
    );
    assert!(
        page.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{page}"
    );
    assert!(
        page.contains("href=\"../for-carers.large-print.pdf\""),
        "{page}"
    );
    assert!(
        alternates(&page).is_empty(),
        "an untranslated page is no alternate"
    );
    assert!(!dir.join("cy/for-carers.large-print.pdf").exists());
    let english = fs::read_to_string(dir.join("for-carers.html")).expect("page");
    assert!(alternates(&english).is_empty(), "{english}");
    let nav = fs::read_to_string(dir.join("cy/index.html")).expect("page");
    assert!(
        nav.contains("<a href=\"for-carers.html\" lang=\"en\">Information for carers</a>"),
        "{nav}"
    );
    let sitemap = fs::read_to_string(dir.join("sitemap.xml")).expect("sitemap");
    assert!(!sitemap.contains("cy/for-carers.html"), "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://iro.northmoor.example.org/for-carers.html</loc>\n  </url>"),
        "{sitemap}"
    );
}

#[test]
fn a_site_language_with_no_pages_is_an_error_with_the_fix() {
    let fx = Fixture::example();
    fx.edit(
        "service.yaml",
        "languages: [en, cy]",
        "languages: [en, cy, pl]",
    );
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: `site.languages`: Polish (`pl`) has no pages in `content/pl/`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("take `pl` out of `site.languages`"),
        "{stderr}"
    );
    let out = fx.file("out");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "build",
        "--out",
        out.to_str().expect("utf-8"),
        "--only",
        "site",
        "--as-of",
        crate::AS_OF,
    ]));
    assert_eq!(code, 1, "{stderr}");
    // Welsh pages the site does not list are said, not made.
    fx.edit("service.yaml", "languages: [en, cy, pl]", "languages: [en]");
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "`site.languages`: `content/cy/` holds Welsh (`cy`) pages, but `cy` is not listed"
        ),
        "{stderr}"
    );
    let dir = site(&fx);
    assert!(!dir.join("cy").exists());
    let home = fs::read_to_string(dir.join("index.html")).expect("page");
    assert!(
        !home.contains("Cymraeg") && !home.contains("hreflang"),
        "{home}"
    );
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
    let files = tree(&dir);
    assert!(files.keys().any(|f| f.starts_with("cy/")), "no Welsh pages");
    for (name, bytes) in files {
        if name.ends_with(".pdf") {
            site_text.push_str(&squash(&pdf_text(&dir.join(&name))));
        } else {
            site_text.push_str(&String::from_utf8(bytes).expect("text"));
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
    // The rehearsal makes the Welsh pages too: a tag naming what no page can see is found.
    fx.edit(
        "content/cy/contact-us.md",
        "- Ffôn: **{{ office.phone }}**",
        "- Ffôn: **{{ office.fax }}**",
    );
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/for-carers.md:"), "{stderr}");
    assert!(stderr.contains("`audience`"), "{stderr}");
    assert!(stderr.contains("Bad Name"), "{stderr}");
    assert!(stderr.contains("content/cy/contact-us.md:"), "{stderr}");
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

/// A new service starts as itself (issue 18): `iro init --name --authority` writes them into
/// service.yaml, and no page of its site, in either language, names the example service.
#[test]
fn r18_a_new_service_from_iro_init_names_itself_everywhere() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("holme");
    let (code, _, stderr) = output(
        assert_cmd::Command::cargo_bin("iro")
            .expect("iro")
            .arg("init")
            .arg(&dir)
            .args(["--name", "Holme Valley Independent Reviewing Service"])
            .args(["--authority", "Holme Valley Council"]),
    );
    assert_eq!(code, 0, "{stderr}");
    let yaml = fs::read_to_string(dir.join("service.yaml")).expect("service.yaml");
    assert!(
        yaml.contains("  name: 'Holme Valley Independent Reviewing Service'\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  authority: 'Holme Valley Council'\n"),
        "{yaml}"
    );
    let service = dir.to_str().expect("utf-8");
    let (_, _, stderr) = output(assert_cmd::Command::cargo_bin("iro").expect("iro").args([
        "check",
        "--as-of",
        crate::AS_OF,
        "--service",
        service,
    ]));
    assert!(!stderr.contains("still names"), "{stderr}");
    let out = tmp.path().join("out");
    let (code, _, stderr) = output(
        assert_cmd::Command::cargo_bin("iro")
            .expect("iro")
            .args([
                "build",
                "--only",
                "site",
                "--as-of",
                crate::AS_OF,
                "--service",
                service,
            ])
            .arg("--out")
            .arg(&out),
    );
    assert_eq!(code, 0, "{stderr}");
    let pages = html_pages(&out.join("site"));
    assert!(pages.len() >= 28, "{} pages", pages.len());
    // The pages name the service by its own names. (Its offices, team, advocacy and
    // complaints contacts are still the example's in service.yaml until it writes its own.)
    for (name, html) in &pages {
        assert!(
            !html.contains("Northmoor Independent Reviewing Service"),
            "{name}"
        );
    }
    assert!(
        !pages["index.html"].contains("Northmoor"),
        "{}",
        pages["index.html"]
    );
    for entry in tree(&dir.join("content")) {
        let text = String::from_utf8(entry.1).expect("utf-8");
        assert!(
            !text.contains("Northmoor"),
            "content/{} names Northmoor",
            entry.0
        );
    }
    assert!(pages["index.html"].contains("Holme Valley Independent Reviewing Service"));
    assert!(pages["contact-us.html"].contains("any of our offices"));
}

/// A renamed service whose pages still say "Northmoor" is warned about, page by page; the
/// site takes its colour from `branding.colour`, and a colour too light for the white header
/// text is a warning.
#[test]
fn r18_check_warns_of_the_example_name_and_a_light_colour_and_the_site_takes_the_colour() {
    let fx = Fixture::example();
    fx.edit(
        "service.yaml",
        "name: Northmoor Independent Reviewing Service",
        "name: Holme Valley Independent Reviewing Service",
    );
    fx.edit(
        "service.yaml",
        "authority: Northmoor Borough Council",
        "authority: Holme Valley Council",
    );
    fx.write(
        "content/zz-old.md",
        "---\ntitle: Old page\nsummary: S\naudience: everyone\norder: 99\n---\nWelcome to Northmoor.\n",
    );
    fx.edit(
        "service.yaml",
        "branding:\n  colour: \"#1d5c63\"",
        "branding:\n  colour: \"#7a1f5c\"",
    );
    let (_, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    let warning = (stderr.lines())
        .find(|l| l.contains("still names Northmoor"))
        .unwrap_or_else(|| panic!("no warning:\n{stderr}"));
    assert!(
        warning.contains("content/zz-old.md") && warning.contains("line 7"),
        "{warning}"
    );
    assert!(!stderr.contains("too light"), "{stderr}");
    let dir = site(&fx);
    let home = fs::read_to_string(dir.join("index.html")).expect("home");
    assert!(
        home.contains("--accent: #7a1f5c; --accent-dark: #551640;"),
        "{home}"
    );
    fx.edit("service.yaml", "colour: \"#7a1f5c\"", "colour: \"#ffcc00\"");
    let (_, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert!(
        stderr.contains("`branding.colour: \"#ffcc00\"` is too light"),
        "{stderr}"
    );
}
