//! YAML text -> a JSON value plus an index of where every value sits in the text.
//!
//! serde-saphyr parses the value, with budgets that stop alias bombs and runaway nesting. The
//! index comes from a second pass over the parser's events, because serde-saphyr keeps its own
//! path-to-location map private: without it a later check (an unknown IRO, a PN0 for a
//! ten-year-old) could not point at the line it is about.

use std::collections::HashMap;

use serde_json::Value;
use serde_saphyr::granit_parser::{Event, Parser};

use crate::diag::{Diagnostic, Span};

/// Where a value is, and where its key is when it sits in a mapping.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub key: Option<Span>,
    pub value: Span,
}

/// Field path (`meetings[2].date`) -> place in the text. The root is the empty path.
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    places: HashMap<String, Place>,
}

impl SpanIndex {
    /// The place of a value, or of its nearest ancestor that has one.
    pub fn value(&self, path: &str) -> Option<Span> {
        self.nearest(path).map(|p| p.value)
    }

    /// The place of a key (falling back to the value, then to ancestors).
    pub fn key(&self, path: &str) -> Option<Span> {
        self.nearest(path).map(|p| p.key.unwrap_or(p.value))
    }

    /// The byte offset where a value and everything inside it ends (a block mapping's last
    /// nested value), for inserting text after it.
    pub fn end_of(&self, path: &str) -> Option<usize> {
        self.places
            .iter()
            .filter(|(p, _)| {
                p.strip_prefix(path)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            })
            .map(|(_, place)| place.value.end)
            .max()
    }

    /// Whether a value was found at exactly this path.
    pub fn has(&self, path: &str) -> bool {
        self.places.contains_key(path)
    }

    fn nearest(&self, path: &str) -> Option<&Place> {
        let mut path = path;
        loop {
            if let Some(place) = self.places.get(path) {
                return Some(place);
            }
            if path.is_empty() {
                return None;
            }
            path = parent_path(path);
        }
    }
}

/// `a.b[2].c` -> `a.b[2]` -> `a.b` -> `a` -> ``.
pub fn parent_path(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    }
}

/// Joins a key onto a path.
pub fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins an index onto a path.
pub fn join_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// Hard limits. A case file is a few kilobytes; these stop hostile input within milliseconds.
const MAX_DEPTH: usize = 64;
const MAX_EVENTS: usize = 2_000_000;
const MAX_ALIASES: usize = 1_000;
const MAX_NODES: usize = 1_000_000;

/// Parses YAML text into a value and its span index.
pub fn parse(text: &str) -> Result<(Value, SpanIndex), Box<Diagnostic>> {
    Ok((parse_value(text)?, index(text)))
}

/// Parses YAML text into a value, without the span index (built later, only if needed).
pub fn parse_value(text: &str) -> Result<Value, Box<Diagnostic>> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_events: MAX_EVENTS,
            max_aliases: MAX_ALIASES,
            max_documents: 1,
            max_nodes: MAX_NODES,
        },
    };
    let value: Value =
        serde_saphyr::from_str_with_options(text, options).map_err(|e| -> Box<Diagnostic> {
            let span = e.location().map(|l| {
                let (line, column) = (l.line() as usize, l.column() as usize);
                let start = byte_offset(text, line, column);
                Span {
                    line,
                    column,
                    start,
                    end: start + 1,
                }
            });
            let message = e.without_snippet().to_string();
            let first = message.lines().next().unwrap_or("invalid YAML").trim();
            let d = Diagnostic::error(format!(
                "this is not valid YAML: {}",
                first.trim_end_matches('.')
            ))
            .at(span)
            .expected("a YAML mapping of fields, as in the example files");
            // A tab or a pasted character is the usual cause: point at it and name it.
            match span.and_then(|s| odd_on_line(text, s.line)) {
                Some((odd_span, odd)) => d
                    .at(Some(odd_span))
                    .hint(format!("this line holds {}: {}", odd.name, odd.fix)),
                None => {
                    d.hint("check the indentation and quoting on this line and the one above it")
                }
            }
            .into()
        })?;
    Ok(value)
}

/// The first tab, curly quote or non-breaking space on a 1-based line, and where it is.
fn odd_on_line(text: &str, line: usize) -> Option<(Span, crate::diag::OddCharacter)> {
    let start = byte_offset(text, line, 1);
    let content = text[start..].split('\n').next()?;
    let odd = crate::diag::odd_character(content)?;
    let width = content[odd.at..].chars().next().map_or(1, char::len_utf8);
    let span = Span {
        line,
        column: content[..odd.at].chars().count() + 1,
        start: start + odd.at,
        end: start + odd.at + width,
    };
    Some((span, odd))
}

/// Byte offset of a 1-based line and column (columns count characters).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            let within: usize = l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return offset + within;
        }
        offset += l.len();
    }
    text.len()
}

enum Frame {
    Map {
        path: String,
        pending_key: Option<(String, Span)>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

/// Walks the parser's events, recording a place for every value. The value parse above has
/// already succeeded, so a parser error here only ends the index early.
pub fn index(text: &str) -> SpanIndex {
    let mut index = SpanIndex::default();
    let mut stack: Vec<Frame> = Vec::new();
    let chars_to_bytes = CharToByte::new(text);
    let span_of = |s: &serde_saphyr::granit_parser::Span| {
        let start = chars_to_bytes.byte(s.start.index());
        let end = chars_to_bytes.byte(s.end.index()).max(start + 1);
        Span {
            line: s.start.line(),
            column: s.start.col() + 1,
            start,
            end,
        }
    };
    for event in Parser::new_from_str(text) {
        let Ok((event, raw_span)) = event else { break };
        let span = span_of(&raw_span);
        match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map { pending_key, .. }) = stack.last_mut()
                    && pending_key.is_none()
                {
                    *pending_key = Some((value.into_owned(), span));
                    continue;
                }
                record(&mut index, &mut stack, span);
            }
            Event::Alias(..) => {
                record(&mut index, &mut stack, span);
            }
            Event::MappingStart(..) => {
                let path = record(&mut index, &mut stack, span);
                stack.push(Frame::Map {
                    path,
                    pending_key: None,
                });
            }
            Event::SequenceStart(..) => {
                let path = record(&mut index, &mut stack, span);
                stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    index
}

/// Records a value at the current position and returns its path.
fn record(index: &mut SpanIndex, stack: &mut [Frame], span: Span) -> String {
    let (path, key) = match stack.last_mut() {
        None => (String::new(), None),
        Some(Frame::Seq { path, next }) => {
            *next += 1;
            (join_index(path, *next - 1), None)
        }
        Some(Frame::Map { path, pending_key }) => match pending_key.take() {
            Some((key, key_span)) => (join_key(path, &key), Some(key_span)),
            // A complex (non-scalar) key: not used in iro files; index it under its parent.
            None => (path.clone(), None),
        },
    };
    index
        .places
        .entry(path.clone())
        .or_insert(Place { key, value: span });
    path
}

/// The parser counts characters; snippets need bytes. For non-ASCII text the byte offset of
/// every character is listed once, so each lookup is constant time however big the file.
struct CharToByte {
    /// `None` for ASCII text, where characters and bytes coincide.
    offsets: Option<Vec<usize>>,
    len: usize,
}

impl CharToByte {
    fn new(text: &str) -> Self {
        let offsets = (!text.is_ascii()).then(|| text.char_indices().map(|(b, _)| b).collect());
        CharToByte {
            offsets,
            len: text.len(),
        }
    }

    fn byte(&self, chars: usize) -> usize {
        match &self.offsets {
            None => chars.min(self.len),
            Some(offsets) => offsets.get(chars).copied().unwrap_or(self.len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_points_at_keys_and_values() {
        let text = "id: A1\nchild:\n  legal_name: Kai\nmeetings:\n  - date: 2025-02-30\n    decisions:\n      - owner: x\n";
        let (value, index) = parse(text).expect("valid yaml");
        assert_eq!(value["id"], "A1");
        let date = index.value("meetings[0].date").expect("indexed");
        assert_eq!((date.line, date.column), (5, 11));
        assert_eq!(&text[date.start..date.end], "2025-02-30");
        let key = index
            .key("meetings[0].decisions[0].owner")
            .expect("indexed");
        assert_eq!((key.line, key.column), (7, 9));
        // An unknown path falls back to its nearest ancestor.
        let fallback = index
            .value("meetings[0].decisions[0].nope")
            .expect("ancestor");
        assert_eq!(fallback.line, 7);
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for n in 1..20 {
            let prev = (b'a' + (n - 1) as u8 % 26) as char;
            text.push_str(&format!(
                "b{n}: &b{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
                p = if n == 1 {
                    prev.to_string()
                } else {
                    format!("b{}", n - 1)
                }
            ));
        }
        let started = std::time::Instant::now();
        let err = parse(&text).expect_err("an alias bomb must be refused");
        assert!(started.elapsed().as_secs() < 5);
        assert!(err.message.contains("not valid YAML"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&text).is_err());
    }

    #[test]
    fn syntax_error_has_a_location() {
        let err = parse("id: A1\nchild: [unclosed\n").expect_err("invalid");
        let span = err.span.expect("located");
        assert!(span.line >= 2, "{span:?}");
    }
}
