//! PDF: tagged PDF/UA-1 typeset in-process by Typst (`typeset`), in the standard, large print
//! and easy read themes. A letter's body is its template's Markdown inside the letter layout;
//! a form is drawn by the form layout from its data alone. A bilingual letter has both
//! languages' bodies, one after the other or side by side.

use std::path::Path;

use super::{Draft, Output};
use crate::diag::{Diagnostic, Span};
use crate::model::service::BilingualLayout;
use crate::plan::{Body, Variant};
use crate::typeset::{Document, Second, TypesetError};

pub(super) struct Pdf;

impl Output for Pdf {
    fn makes(&self, variant: Variant) -> bool {
        matches!(
            variant,
            Variant::Standard | Variant::LargePrint | Variant::EasyRead
        )
    }

    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic> {
        typeset(draft, &draft.letterhead.to_data())
    }
}

/// The draft typeset as PDF/UA-1, its layout given `data` as `/data.json`.
pub(super) fn typeset(draft: &Draft, data: &serde_json::Value) -> Result<Vec<u8>, Diagnostic> {
    let job = draft.job;
    let parts = draft.parts()?;
    let second = parts.get(1).map(|part| Second {
        markdown: &part.markdown,
        lang: &part.lang,
        side_by_side: draft.bilingual_layout() == BilingualLayout::SideBySide,
    });
    let images = draft.images(&parts);
    let title = draft.title();
    let doc = Document {
        markdown: &parts[0].markdown,
        theme: job.variant.theme(),
        title: &title,
        lang: draft.lang(),
        layout: draft.ctx.layouts.source(job.kind.body),
        data,
        date: Some(job.date),
        images: &images,
        second,
    };
    if let Some(typ) = draft.kept("typ") {
        let source = draft.ctx.typesetter.typst_source(&doc);
        crate::write::write_atomic(&typ, source.as_bytes())
            .map_err(|e| super::super::document::write_error(&typ, &e))?;
    }
    draft
        .ctx
        .typesetter
        .pdf(&doc)
        .map_err(|e| typeset_error(draft, &e, doc.layout))
}

/// A Typst failure, at the line of the layout when it is the layout's (whichever document
/// met it), or else at the template.
fn typeset_error(draft: &Draft, e: &TypesetError, layout: &str) -> Diagnostic {
    let job = draft.job;
    let in_layout = match e {
        TypesetError::Compile(diags) | TypesetError::Export(diags) => diags
            .iter()
            .find(|d| d.path.as_deref() == Some(crate::typeset::LAYOUT_PATH)),
        _ => None,
    };
    let (file, span) = match in_layout {
        Some(d) => (
            format!(
                "templates/{}",
                super::super::Layouts::file_name(job.kind.body)
            ),
            d.line
                .map(|line| line_span(layout, line, d.column.unwrap_or(1))),
        ),
        None if job.kind.body == Body::Form => (job.template.clone(), None),
        None => (format!("templates/{}", job.template), None),
    };
    Diagnostic::error(format!("cannot typeset `{}`: {e}", job.path))
        .in_file(Path::new(&file))
        .at(span)
        .hint("run again with --keep-typst to see the generated Typst source")
}

/// The span of `line:column` (both from 1) in `text`, to the end of that line.
fn line_span(text: &str, line: usize, column: usize) -> Span {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[line_start.min(text.len())..]
        .lines()
        .next()
        .unwrap_or("");
    let start = line_start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(0, |(i, _)| i);
    Span {
        line,
        column,
        start,
        end: (line_start + line_text.len()).max(start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_and_column_become_a_span_on_that_line() {
        let text = "one\ntwo three\nfour\n";
        let span = line_span(text, 2, 5);
        assert_eq!(&text[span.start..span.end], "three");
        assert_eq!((span.line, span.column), (2, 5));
        // A line past the end is still a span, at the end.
        let end = line_span(text, 9, 1);
        assert!(end.start <= text.len());
    }
}
