//! Markdown to HTML: body fragments and standalone accessible pages.
//!
//! Uses pulldown-cmark's HTML writer but first turns raw HTML into text (so
//! it is escaped, never passed through), drops links with unsafe schemes and
//! images that would load from elsewhere. Pages are self-contained: inline
//! CSS, no scripts, no fonts or anything else fetched from the network.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::Theme;
use super::direction::is_right_to_left;
use super::emit::{is_safe_url, markdown_options};

/// Converts Markdown to an HTML body fragment. All text is escaped; raw HTML
/// in the Markdown shows as text.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, safe_events(markdown, false).into_iter());
    out
}

/// A letter's body as [`markdown_to_html`] makes it, with its phone numbers and email
/// addresses as `tel:` and `mailto:` links.
pub fn letter_to_html(markdown: &str) -> String {
    let events = super::contact_links::link_contacts(safe_events(markdown, false));
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    // An easy read picture (titled so by `render::pictures`) is set beside its point by its
    // class; the title would only show as a tooltip. Data cannot make this attribute: its
    // quotes are escaped.
    out.replace(
        &format!(" title=\"{}\"", super::PICTURE_TITLE),
        " class=\"picture\"",
    )
}

/// Converts a web page's Markdown to HTML as [`markdown_to_html`] does, and also: links to
/// other pages (`other.md`, `other.md#part`) point at their HTML (`other.html#part`), and
/// every heading gets an `id` from its text (`## The clocks` -> `the-clocks`), so that links
/// to a part of a page work.
pub fn markdown_to_site_html(markdown: &str) -> String {
    let events = safe_events(markdown, true);
    let mut out_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut used: Vec<String> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) => {
                let text: String = events[i + 1..]
                    .iter()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let mut id = heading_id(&text);
                let base = id.clone();
                let mut n = 1;
                while used.contains(&id) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                used.push(id.clone());
                out_events.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(id.into()),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => out_events.push(Event::Start(Tag::Link {
                link_type: *link_type,
                dest_url: page_link(dest_url).into(),
                title: title.clone(),
                id: id.clone(),
            })),
            event => out_events.push(event.clone()),
        }
        i += 1;
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, out_events.into_iter());
    out
}

/// A heading's anchor: lowercase letters and digits, words joined by `-`.
pub fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for word in text
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word);
    }
    if id.is_empty() {
        "section".to_owned()
    } else {
        id
    }
}

/// `other.md#part` -> `other.html#part`; anything else unchanged.
fn page_link(url: &str) -> String {
    let (path, anchor) = url
        .split_once('#')
        .map_or((url, None), |(p, a)| (p, Some(a)));
    let is_page = !path.contains(':') && !path.starts_with('/') && path.ends_with(".md");
    if !is_page {
        return url.to_owned();
    }
    let page = format!("{}.html", path.trim_end_matches(".md"));
    match anchor {
        Some(a) => format!("{page}#{a}"),
        None => page,
    }
}

/// The Markdown's events with raw HTML made text, unsafe links and remote images dropped.
/// `local_links` keeps links to other files beside the page (a site's pages).
fn safe_events(markdown: &str, local_links: bool) -> Vec<Event<'_>> {
    // Which opened links/images were dropped, so their end tags go too.
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, markdown_options()).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        // An HTML block is a paragraph of escaped text once its HTML is text.
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            // pulldown-cmark adds `mailto:` to e-mail autolinks itself.
            let keep = if link_type == LinkType::Email {
                is_safe_url(&format!("mailto:{dest_url}"))
            } else {
                is_safe_url(&dest_url) || (local_links && is_local_path(&dest_url))
            };
            links.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(event),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = is_local_path(&dest_url);
            images.push(keep);
            keep.then_some(Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Image) => images.pop().unwrap_or(false).then_some(event),
        event => Some(event),
    });
    events.collect()
}

/// A standalone page must show its images offline, from any folder: the image at `path`
/// (a PNG, JPEG or SVG) goes into the page as a data URI.
pub fn inline_image(html: &str, path: &str, bytes: &[u8]) -> String {
    let mime = if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        "image/jpeg"
    } else {
        "image/svg+xml"
    };
    let uri = format!("data:{mime};base64,{}", data_encoding::BASE64.encode(bytes));
    html.replace(&format!("src=\"{path}\""), &format!("src=\"{uri}\""))
}

/// An image source that stays on the reader's machine: a path with no
/// scheme and no host.
fn is_local_path(url: &str) -> bool {
    let url = url.trim();
    !url.is_empty()
        && !url.starts_with("//")
        && !url.starts_with('\\')
        && !url
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .contains(':')
}

/// Escapes text for HTML (and XML) element content and attribute values.
pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const BASE_CSS: &str = "\
:root{color-scheme:light;--ink:#1b1b1b;--link:#1a4e8a;--rule:#767676}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--ink);font-family:\"Atkinson Hyperlegible\",Verdana,Arial,sans-serif;font-size:1.0625rem;line-height:1.6}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .6em}
h1{font-size:1.6em}h2{font-size:1.3em}h3{font-size:1.1em}
p,ul,ol,blockquote,table{margin:0 0 1em}
a{color:var(--link)}
a:focus{outline:3px solid #fd0;outline-offset:2px}
img{max-width:100%;height:auto}
table{border-collapse:collapse}
th,td{border:1px solid var(--rule);padding:.4em .6em;text-align:start}
blockquote{border-inline-start:4px solid var(--rule);margin-inline:0;padding-inline-start:1em}
hr{border:0;border-top:1px solid var(--rule);margin:2em 0}
code{font-family:ui-monospace,monospace;font-size:.95em}
.letterhead{margin:0 0 2rem;padding-bottom:.75rem}
.letterhead p,.letterhead ul{margin:0 0 .5rem}
.letterhead ul{list-style:none;padding:0}
.bilingual>section+section{border-top:1px solid var(--rule);margin-top:2em;padding-top:1em}
main:has(.side-by-side){max-width:68rem}
img.picture{width:3.5rem;height:3.5rem}
p:has(>img.picture:only-child){float:inline-start;clear:inline-start;margin:0 1rem .5rem 0}
h1,h2,h3,h4{clear:both}
@media (min-width:52rem){.side-by-side{display:grid;grid-template-columns:1fr 1fr;gap:2.5rem}.side-by-side>section+section{border-top:0;margin-top:0;padding-top:0}}
";

/// Large print: 18pt-equivalent text, no italics, no justified text.
const LARGE_PRINT_CSS: &str = "\
body{font-size:1.5rem;line-height:1.5}
main{max-width:46rem}
em,i{font-style:normal;font-weight:bold}
";

/// Easy read: big text, wide spacing, short lines, room for pictures.
const EASY_READ_CSS: &str = "\
body{font-size:1.375rem;line-height:1.8}
main{max-width:34rem;padding-inline-start:5rem}
p:has(>img.picture:only-child){margin-inline-start:-5rem;width:4rem}
p,li{margin-bottom:1.2em}
em,i{font-style:normal;font-weight:bold}
";

/// A bilingual body: each `(lang, markdown)` part in a `section` of its own `lang` and `dir`,
/// one after the other, or side by side on a screen wide enough for two columns (one after
/// the other on a phone, where two columns would be too narrow to read).
pub fn bilingual_body(parts: &[(&str, &str)], side_by_side: bool) -> String {
    let sections: String = (parts.iter())
        .map(|(lang, markdown)| {
            let dir = if is_right_to_left(lang) { "rtl" } else { "ltr" };
            format!(
                "<section lang=\"{lang}\" dir=\"{dir}\">\n{}</section>\n",
                letter_to_html(markdown),
                lang = escape_html(lang.trim()),
            )
        })
        .collect();
    let class = if side_by_side {
        "bilingual side-by-side"
    } else {
        "bilingual"
    };
    format!("<div class=\"{class}\">\n{sections}</div>\n")
}

/// Wraps an HTML fragment in a complete, standalone HTML5 page: language and
/// direction set, a title, a skip-free single `main` landmark, inline CSS for
/// the theme, and nothing loaded from the network.
pub fn html_page(body_html: &str, title: &str, lang: &str, theme: Theme) -> String {
    let lang = lang.trim();
    let dir = if is_right_to_left(lang) { "rtl" } else { "ltr" };
    let theme_css = match theme {
        Theme::Standard => "",
        Theme::LargePrint => LARGE_PRINT_CSS,
        Theme::EasyRead => EASY_READ_CSS,
    };
    format!(
        "<!DOCTYPE html>\n\
         <html lang=\"{lang}\" dir=\"{dir}\">\n\
         <head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n\
         <style>\n{BASE_CSS}{theme_css}</style>\n\
         </head>\n\
         <body class=\"theme-{theme}\">\n\
         <main>\n{body_html}</main>\n\
         </body>\n\
         </html>\n",
        lang = escape_html(lang),
        title = escape_html(title.trim()),
        theme = theme.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped() {
        let html = markdown_to_html("<script>alert(1)</script>\n\nHi <b onclick=x>there</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("Hi &lt;b onclick=x&gt;there&lt;/b&gt;"),
            "{html}"
        );
    }

    #[test]
    fn structure_is_kept() {
        let html = markdown_to_html("# Title\n\n*a* **b**\n\n- x\n- y\n\n| h |\n|---|\n| c |\n");
        for needle in [
            "<h1>Title</h1>",
            "<em>a</em>",
            "<strong>b</strong>",
            "<li>x</li>",
            "<th>h</th>",
            "<td>c</td>",
        ] {
            assert!(html.contains(needle), "{needle} missing in {html}");
        }
    }

    #[test]
    fn unsafe_links_and_remote_images_become_text() {
        let html = markdown_to_html(
            "[a](javascript:alert(1)) [b](https://ok.example) ![c](https://x.example/t.png) \
             ![d](/images/d.png) <e@example.org>",
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(
            html.contains("<a href=\"https://ok.example\">b</a>"),
            "{html}"
        );
        assert!(!html.contains("x.example"), "{html}");
        assert!(html.contains(" c "), "{html}");
        assert!(
            html.contains("<img src=\"/images/d.png\" alt=\"d\""),
            "{html}"
        );
        assert!(html.contains("href=\"mailto:e@example.org\""), "{html}");
    }

    #[test]
    fn page_is_standalone_and_accessible() {
        let page = html_page("<p>x</p>\n", "Review <&>", "ar", Theme::LargePrint);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(page.contains("<title>Review &lt;&amp;&gt;</title>"));
        assert!(page.contains("<main>\n<p>x</p>\n</main>"));
        assert!(page.contains("font-size:1.5rem"), "large print must be big");
        assert!(
            page.contains("font-style:normal"),
            "large print has no italics"
        );
        for banned in ["<script", "http://", "https://", "@import", "url("] {
            assert!(!page.contains(banned), "{banned} in page");
        }
        let page = html_page("", "t", "\"><x", Theme::Standard);
        assert!(page.contains("lang=\"&quot;&gt;&lt;x\" dir=\"ltr\""));
        assert!(!page.contains("font-size:1.5rem"));
    }
}
