//! Tap to call, tap to write: UK phone numbers and email addresses in a letter's text become
//! `tel:` and `mailto:` links on its web page, as a reader on a phone expects.
//!
//! Works on pulldown-cmark's events, so only text is touched (never a tag, an attribute or
//! text already inside a link), and every link's text stays exactly the words it replaces.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use regex::Regex;

/// A UK number as letters write it: `01632 960111`, `07700 900111`, `0800 123 4567`, with or
/// without spaces (10 or 11 digits from a leading 0).
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b0\d{2,4}(?: ?\d){6,8}\b").expect("a valid pattern"));

/// An email address, as `validate` accepts them.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("a valid pattern")
});

/// The `tel:` address of a UK phone number: `tel:+441632960111`; `None` when it is not one
/// (not 10 or 11 digits starting with 0).
pub fn tel_uri(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = digits.strip_prefix('0')?;
    (matches!(digits.len(), 10 | 11) && phone.trim_start().starts_with('0'))
        .then(|| format!("tel:+44{national}"))
}

/// The events with the phone numbers and emails in their text linked. Adjacent text events
/// are joined first: pulldown-cmark splits text where the Markdown escaped a character, which
/// would cut an address in two.
pub fn link_contacts(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut in_link = 0usize;
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) if in_link == 0 => text.push_str(&t),
            other => {
                flush(&mut out, &mut text);
                match &other {
                    Event::Start(Tag::Link { .. }) => in_link += 1,
                    Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
                    _ => {}
                }
                out.push(other);
            }
        }
    }
    flush(&mut out, &mut text);
    out
}

/// Pushes `text` as text and links, and empties it.
fn flush(out: &mut Vec<Event<'_>>, text: &mut String) {
    if text.is_empty() {
        return;
    }
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for m in EMAIL.find_iter(text) {
        found.push((m.start(), m.end(), format!("mailto:{}", m.as_str())));
    }
    for m in PHONE.find_iter(text) {
        let inside_email = found.iter().any(|(s, e, _)| m.start() < *e && *s < m.end());
        if let (false, Some(uri)) = (inside_email, tel_uri(m.as_str())) {
            found.push((m.start(), m.end(), uri));
        }
    }
    found.sort_by_key(|f| f.0);
    let mut at = 0;
    for (start, end, uri) in found {
        if start > at {
            out.push(Event::Text(CowStr::from(text[at..start].to_owned())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(uri),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(text[start..end].to_owned())));
        out.push(Event::End(TagEnd::Link));
        at = end;
    }
    if at < text.len() {
        out.push(Event::Text(CowStr::from(text[at..].to_owned())));
    }
    text.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        let events: Vec<Event> = pulldown_cmark::Parser::new(markdown).collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, link_contacts(events).into_iter());
        out
    }

    #[test]
    fn numbers_and_addresses_become_links_and_nothing_else_does() {
        let page =
            html("Phone **01632 960111** or text 07700900111, email helen\\.okafor@example.org.");
        assert!(
            page.contains("<a href=\"tel:+441632960111\">01632 960111</a>"),
            "{page}"
        );
        assert!(
            page.contains("<a href=\"tel:+447700900111\">07700900111</a>"),
            "{page}"
        );
        assert!(
            page.contains(
                "<a href=\"mailto:helen.okafor@example.org\">helen.okafor@example.org</a>."
            ),
            "{page}"
        );
        // A date, a year and a reference are not phone numbers.
        let page = html("On 25 November 2026, ref NM-1001, room 2026.");
        assert!(!page.contains("<a"), "{page}");
        // Text already in a link is left as it is.
        let page = html("[call 01632 960111](https://example.org)");
        assert_eq!(page.matches("<a").count(), 1, "{page}");
        assert_eq!(
            tel_uri("01632 960111").as_deref(),
            Some("tel:+441632960111")
        );
        assert_eq!(tel_uri("12345"), None);
    }
}
