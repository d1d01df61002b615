//! Diagnostics: problems in the user's files, with where they are and how to fix them.
//!
//! A [`Diagnostic`] is the user's fault (a bad case file, a template error); environment failures
//! are errors of their own. Every stage collects diagnostics instead of stopping at the first, and
//! the command prints them all at once, each as a miette snippet headed `file:line:column`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Bad data: the run fails with exit code 1.
    Error,
    /// A practice standard not met: reported, but the run succeeds.
    Warning,
}

/// A place in a source file: 1-based line, 1-based column, and the byte range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
}

/// One problem, with everything needed to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, lowercase, naming the value in backticks.
    pub message: String,
    /// The file, relative to the service folder.
    pub file: Option<PathBuf>,
    pub span: Option<Span>,
    /// The field path inside the file, like `meetings[2].decisions[0].owner`.
    pub field: Option<String>,
    /// What the file should have held.
    pub expected: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            file: None,
            span: None,
            field: None,
            expected: None,
            hint: None,
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the file and the place in it.
    pub fn place(self, (file, span): (impl Into<PathBuf>, Option<Span>)) -> Self {
        self.in_file(file).at(span)
    }

    pub fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        self.field = (!field.is_empty()).then_some(field);
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> String {
        match (&self.file, &self.span) {
            (Some(file), Some(span)) => {
                format!("{}:{}:{}", file.display(), span.line, span.column)
            }
            (Some(file), None) => file.display().to_string(),
            (None, _) => String::new(),
        }
    }

    /// Renders the diagnostic for a terminal: a header line naming file, line, column and field,
    /// then a miette snippet of the source when `source` is given.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let mut out = String::new();
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = write!(out, "{level}: ");
        if let Some(field) = &self.field {
            let _ = write!(out, "`{field}`: ");
        }
        let _ = writeln!(out, "{}", self.message);
        let location = self.location();
        if !location.is_empty() {
            let _ = writeln!(out, "  --> {location}");
        }
        if let (Some(source), Some(span), Some(file)) = (source, self.span, &self.file) {
            out.push_str(&snippet(self, source, span, file, color));
        }
        if let Some(expected) = &self.expected {
            let _ = writeln!(out, "  = expected: {expected}");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {hint}");
        }
        out
    }
}

/// The miette snippet: the lines around the span, with the span underlined and labelled.
fn snippet(diag: &Diagnostic, source: &str, span: Span, file: &Path, color: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
    let start = span.start.min(source.len());
    let len = span.end.saturating_sub(start).min(source.len() - start);
    let label = diag
        .expected
        .as_deref()
        .map(|e| format!("expected {e}"))
        .unwrap_or_else(|| "here".to_owned());
    let report = MietteDiagnostic::new(String::new()).with_labels([LabeledSpan::new(
        Some(label),
        start,
        len.max(1),
    )]);
    let named = miette::NamedSource::new(file.display().to_string(), source.to_owned());
    let report = miette::Report::new(report).with_source_code(named);
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        return String::new();
    }
    // The handler prints the (empty) message line first; the header above already says it.
    out.lines()
        .skip_while(|l| !l.contains('╭') && !l.contains(",-"))
        .map(|l| format!("  {l}\n"))
        .collect()
}

/// `1 warning`, `2 warnings`: a count and its word, in the plural when it is not one.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A character that looks like ordinary text but is not what YAML or iro expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OddCharacter {
    /// Byte offset in the text searched.
    pub at: usize,
    pub name: &'static str,
    pub fix: &'static str,
}

/// The first curly quote, tab or non-breaking space in `text`.
pub fn odd_character(text: &str) -> Option<OddCharacter> {
    text.char_indices().find_map(|(at, c)| {
        let (name, fix) = match c {
            '\u{201c}' | '\u{201d}' => (
                "a curly double quote (from Word)",
                "type a straight quote `\"` or remove it",
            ),
            '\u{2018}' | '\u{2019}' => (
                "a curly single quote (from Word)",
                "type a straight quote `'` or remove it",
            ),
            '\t' => ("a tab", "indent with spaces, never tabs"),
            '\u{a0}' => (
                "a non-breaking space",
                "delete it and type an ordinary space",
            ),
            _ => return None,
        };
        Some(OddCharacter { at, name, fix })
    })
}

/// Counts errors and warnings.
pub fn tally(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

/// Sorts diagnostics by file, then position, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let pos = |d: &Diagnostic| d.span.map(|s| (s.line, s.column)).unwrap_or((0, 0));
        (&a.file, pos(a), a.severity, &a.message).cmp(&(&b.file, pos(b), b.severity, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r16_odd_characters_are_named_where_they_are() {
        let odd = odd_character("status: \u{201c}held\u{201d}").expect("found");
        assert_eq!((odd.at, odd.name), (8, "a curly double quote (from Word)"));
        assert_eq!(
            odd_character("a\tb").map(|o| (o.at, o.name)),
            Some((1, "a tab"))
        );
        let nbsp = odd_character("2021-06-14\u{a0}").expect("found");
        assert_eq!((nbsp.at, nbsp.name), (10, "a non-breaking space"));
        assert_eq!(odd_character("O'Brien"), None);
    }
}
