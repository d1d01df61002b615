//! Escaping for the contexts where text meets markup.
//!
//! `escape_markup` makes any string print literally inside Typst markup,
//! `escape_string` makes it a Typst string literal, and `escape_markdown` makes
//! data text print literally inside CommonMark (for the render stage's Tera
//! escape function). These functions are the only way user text may reach
//! generated Typst source; they must never pass a markup-special character
//! through unescaped, and they do no formatting of their own.

/// Escapes `text` so that Typst markup shows it literally.
///
/// Every ASCII punctuation character is backslash-escaped, not only the ones
/// Typst uses today (`# $ * _ ` < > @ [ ] = - + / ~ ' " : .` ...): a
/// backslash before any punctuation prints that character, so escaping all of
/// them also covers line-start markers (`= `, `- `, `+ `, `/ `, `1. `),
/// comments (`//`, `/*`), shorthands (`--`, `...`, `-?`, `~`), smart quotes,
/// automatic links (`https:` breaks at the escaped `:`) and any syntax a later
/// Typst adds. Line breaks become spaces, because a blank line would start a
/// new paragraph; callers emit structural breaks themselves. Other control
/// characters are dropped: they have no printable form.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            // Unicode line and paragraph separators would break lines in
            // Typst; they are whitespace for our purposes.
            '\u{2028}' | '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Returns `text` as a complete Typst string literal, quotes included.
///
/// Only `\` and `"` are special inside a Typst string; control characters are
/// written as escapes so that the literal stays on one line of source.
pub fn escape_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes data text so that CommonMark shows it literally.
///
/// Intended as the escape function of the Tera instance that renders Markdown
/// letters: CommonMark lets a backslash escape any ASCII punctuation, so
/// escaping all of it defeats emphasis, links, images, raw HTML, entities,
/// list and heading markers and code spans. Line breaks in the data become
/// Markdown hard breaks, with leading spaces of the next line dropped so that
/// they cannot start an indented code block.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let text = text.replace("\r\n", "\n");
    for (i, line) in text.split(['\n', '\r']).enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        let line = if i > 0 { line.trim_start() } else { line };
        for c in line.chars() {
            match c {
                c if c.is_ascii_punctuation() => {
                    out.push('\\');
                    out.push(c);
                }
                '\t' => out.push(' '),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each character Typst markup gives a meaning to, alone and at the
    /// start of a line, must come out backslash-escaped.
    #[test]
    fn tripwire_every_markup_special_character() {
        for c in [
            '\\', '#', '$', '*', '_', '`', '<', '>', '@', '[', ']', '=', '-', '+', '/', '~', '\'',
            '"', ':', '.', '(', ')', '{', '}', ';', ',', '!', '?', '%', '&', '|', '^',
        ] {
            let escaped = escape_markup(&c.to_string());
            assert_eq!(escaped, format!("\\{c}"), "character {c:?} not escaped");
        }
    }

    #[test]
    fn line_start_markers_are_escaped() {
        assert_eq!(escape_markup("= x"), "\\= x");
        assert_eq!(escape_markup("- x"), "\\- x");
        assert_eq!(escape_markup("+ x"), "\\+ x");
        assert_eq!(escape_markup("/ term: x"), "\\/ term\\: x");
        assert_eq!(escape_markup("1. x"), "1\\. x");
        assert_eq!(escape_markup("// x"), "\\/\\/ x");
        assert_eq!(escape_markup("/* x */"), "\\/\\* x \\*\\/");
    }

    #[test]
    fn code_and_references_are_escaped() {
        assert_eq!(
            escape_markup("#read(\"/etc/passwd\")"),
            "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)"
        );
        assert_eq!(escape_markup("@x <y>"), "\\@x \\<y\\>");
        assert_eq!(escape_markup("https://a.b"), "https\\:\\/\\/a\\.b");
    }

    #[test]
    fn markup_breaks_become_spaces_and_controls_vanish() {
        assert_eq!(escape_markup("a\n\nb\rc\td"), "a  b c d");
        assert_eq!(escape_markup("a\u{0}b\u{7}"), "ab");
        assert_eq!(escape_markup("a\u{2028}b"), "a b");
    }

    #[test]
    fn non_ascii_text_is_unchanged() {
        for s in ["Zoë Łukasz", "محمد", "שרה", "👋🏽 🧒", "Ünïcödé"] {
            assert_eq!(escape_markup(s), s);
        }
    }

    #[test]
    fn tripwire_string_literal_specials() {
        assert_eq!(escape_string("a"), "\"a\"");
        assert_eq!(escape_string("\\"), "\"\\\\\"");
        assert_eq!(escape_string("\""), "\"\\\"\"");
        assert_eq!(escape_string("\n"), "\"\\n\"");
        assert_eq!(escape_string("\r"), "\"\\r\"");
        assert_eq!(escape_string("\t"), "\"\\t\"");
        assert_eq!(escape_string("\u{1}"), "\"\\u{1}\"");
        assert_eq!(escape_string("\u{2028}"), "\"\\u{2028}\"");
        // Markup characters mean nothing inside a string.
        assert_eq!(escape_string("#[]$*"), "\"#[]$*\"");
        assert_eq!(
            escape_string("\") + read(\"/etc/passwd"),
            "\"\\\") + read(\\\"/etc/passwd\""
        );
    }

    #[test]
    fn tripwire_markdown_specials() {
        for c in [
            '\\', '`', '*', '_', '{', '}', '[', ']', '<', '>', '(', ')', '#', '+', '-', '.', '!',
            '|', '~', '&', '=', ':', '"', '\'',
        ] {
            assert_eq!(escape_markdown(&c.to_string()), format!("\\{c}"));
        }
    }

    #[test]
    fn markdown_lines_become_hard_breaks_without_indent() {
        assert_eq!(escape_markdown("a\n    - b"), "a\\\n\\- b");
        assert_eq!(escape_markdown("a\r\nb"), "a\\\nb");
    }
}
