//! Outputs: one module per output format (PDF in its three themes, HTML, Braille, audio, DOCX),
//! behind one small trait, each declaring the outside programs it needs. A document is first
//! drafted (its view built for its reader); its output makes the bytes from the draft.
//!
//! Adding a format is one new file here, one line in [`OUTPUTS`], and its row in
//! `plan::Variant` (its file suffix and which `formats:` ask for it).

mod audio;
mod braille;
mod docx;
mod fillable;
mod html;
mod pdf;

pub(in crate::pipeline) use html::LETTERHEAD;

use std::path::{Path, PathBuf};

use super::JobContext;
use super::document::Making;
use crate::diag::Diagnostic;
use crate::model::service::{AudioFormat, BilingualLayout};
use crate::plan::{Body, Job, Variant};
use crate::render::letterhead::Letterhead;
use crate::typeset::plain::markdown_to_blocks;
use crate::typeset::text_languages::Passage;
use crate::typeset::tools::{Tool, Tools};

/// An output format.
pub(super) trait Output: Sync {
    /// Whether it makes this variant.
    fn makes(&self, variant: Variant) -> bool;

    /// The outside programs it needs, with the service's settings.
    fn needs(&self, _audio: AudioFormat) -> &'static [Tool] {
        &[]
    }

    /// The document's bytes, from its draft.
    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic>;
}

/// Every output format.
static OUTPUTS: &[&dyn Output] = &[
    &pdf::Pdf,
    &html::Html,
    &braille::Braille,
    &audio::Audio,
    &docx::Docx,
    &fillable::FillablePdf,
];

/// The output that makes a variant.
pub(super) fn output_for(variant: Variant) -> &'static dyn Output {
    *OUTPUTS
        .iter()
        .find(|o| o.makes(variant))
        .expect("every variant has an output (tested)")
}

/// The first outside program a variant needs that is missing from this machine.
pub(super) fn missing_tool(variant: Variant, tools: &Tools, audio: AudioFormat) -> Option<Tool> {
    (output_for(variant).needs(audio).iter())
        .find(|tool| tools.path_of(tool).is_none())
        .copied()
}

/// One language's words of a document, as Markdown.
pub(super) struct Written {
    pub lang: String,
    pub markdown: String,
    /// The pictures its Markdown shows (easy read), by their virtual paths.
    pub pictures: Vec<(String, Vec<u8>)>,
}

/// A document drafted for its output: its view, built for its reader, and what its output
/// may draw on.
pub(super) struct Draft<'a> {
    pub job: &'a Job<'a>,
    pub ctx: &'a JobContext<'a>,
    pub photo: Option<&'a (String, &'a Vec<u8>)>,
    pub view: serde_json::Value,
    /// A bilingual letter's view again, its dates in words in the second language.
    pub second_view: Option<serde_json::Value>,
    pub how: Making<'a>,
    /// What a letter around the body prints.
    pub letterhead: Letterhead,
    /// The template and language the document is written in.
    pub wording: crate::plan::Wording,
}

impl Draft<'_> {
    /// The document's title: its kind, in the document's language (both of a bilingual
    /// letter's), and reader (`Record of the meeting: Gemma Turner`).
    pub fn title(&self) -> String {
        let titles: Vec<&str> = (self.wording.parts().iter())
            .map(|p| self.job.kind.title_in(&p.lang))
            .collect();
        format!(
            "{}: {}",
            titles.join(" / "),
            self.job.reader.name(self.job.subject)
        )
    }

    /// The language the document is written in: its reader's when there is a translation.
    pub fn lang(&self) -> &str {
        &self.wording.lang
    }

    /// The letter's Markdown in each of its languages (two in a bilingual letter), the first
    /// opening with the line that says when it is not in its reader's language. A form is
    /// drawn from its data alone: one part, with no Markdown.
    pub fn parts(&self) -> Result<Vec<Written>, Diagnostic> {
        if self.job.kind.body != Body::Letter {
            return Ok(vec![Written {
                lang: self.lang().to_owned(),
                markdown: String::new(),
                pictures: Vec::new(),
            }]);
        }
        let mut parts = Vec::new();
        for part in self.wording.parts() {
            let view = match &self.second_view {
                Some(second) if !parts.is_empty() => second,
                _ => &self.view,
            };
            let body = super::document::words(self.job, &part, self.ctx.renderer, view)?;
            let markdown = if parts.is_empty() {
                self.with_not_translated(body)?
            } else {
                body
            };
            parts.push(self.with_pictures(part, markdown)?);
        }
        Ok(parts)
    }

    /// Where a bilingual letter's second language goes.
    pub fn bilingual_layout(&self) -> BilingualLayout {
        (self.ctx.data.service.service.bilingual.as_ref())
            .map_or_else(Default::default, |b| b.layout)
    }

    /// The body, after the line saying it is not in its reader's language, when it is not.
    fn with_not_translated(&self, body: String) -> Result<String, Diagnostic> {
        let line =
            super::document::not_translated(&self.wording, self.ctx.renderer, &self.letterhead)?;
        Ok(match line {
            Some(line) => format!("{}\n\n{body}", line.trim_end()),
            None => body,
        })
    }

    pub fn render(
        &self,
        template: &str,
        view: &impl serde::Serialize,
    ) -> Result<String, Diagnostic> {
        self.ctx.renderer.render(template, view).map_err(|d| *d)
    }

    /// Where a file kept beside the document goes (`--keep-typst`), with this extension.
    pub fn kept(&self, extension: &str) -> Option<PathBuf> {
        match self.how {
            Making::File { target, keep: true } => Some(target.with_extension(extension)),
            _ => None,
        }
    }

    /// For Braille and audio: the words read out, opening with `formats/header.md` where
    /// print has its letterhead, as blocks, a passage per language; `None` in a rehearsal,
    /// which goes no further.
    pub fn text_blocks(&self) -> Result<Option<Vec<Passage>>, Diagnostic> {
        let parts = self.parts_for_text()?;
        let mut header = self.letterhead.to_data();
        header["title"] = self.job.kind.title_in(self.lang()).into();
        let header_template =
            super::document::template_in(super::TEXT_HEADER, self.lang(), self.ctx.renderer);
        let header = self.render(&header_template, &header)?;
        if let Making::Rehearsal = self.how {
            return Ok(None);
        }
        let passages = (parts.into_iter().enumerate())
            .map(|(i, part)| {
                let markdown = if i == 0 {
                    format!("{header}\n\n{}", part.markdown)
                } else {
                    part.markdown
                };
                Passage::new(&part.lang, markdown_to_blocks(&markdown))
            })
            .collect();
        Ok(Some(passages))
    }

    /// The words of each part, a form's from its text template.
    fn parts_for_text(&self) -> Result<Vec<Written>, Diagnostic> {
        if self.job.kind.body == Body::Letter {
            return self.parts();
        }
        let part = crate::plan::Part {
            template: self.wording.template.clone(),
            lang: self.lang().to_owned(),
        };
        let words = super::document::words(self.job, &part, self.ctx.renderer, &self.view)?;
        let markdown = self.with_not_translated(words)?;
        Ok(vec![self.with_pictures(part, markdown)?])
    }

    /// The images a document embeds, by virtual path: the IRO's photo, and the pictures its
    /// parts show.
    pub fn images(&self, parts: &[Written]) -> Vec<(String, Vec<u8>)> {
        (self.photo.iter())
            .map(|(p, b)| (p.clone(), (*b).clone()))
            .chain(parts.iter().flat_map(|part| part.pictures.iter().cloned()))
            .collect()
    }

    /// One part's words, with the pictures its template names made into their files.
    fn with_pictures(
        &self,
        part: crate::plan::Part,
        markdown: String,
    ) -> Result<Written, Diagnostic> {
        let (markdown, shown) = crate::render::pictures::place(&markdown, &part.lang, self.ctx.pictures)
            .map_err(|problem| {
                Diagnostic::error(problem.to_string())
                    .in_file(std::path::Path::new("templates").join(&part.template))
                    .hint("the pictures are the built-in set (pictures/ in iro) and the service's own pictures/ folder; see templates/README.md")
            })?;
        Ok(Written {
            lang: part.lang,
            markdown,
            pictures: (shown.into_iter())
                .map(|p| (p.path.clone(), p.bytes.clone()))
                .collect(),
        })
    }

    /// An outside program's failure, as a diagnostic on the job.
    pub fn tool_failed(&self, e: impl std::fmt::Display) -> Diagnostic {
        Diagnostic::error(format!("cannot make `{}`: {e}", self.job.path))
            .in_file(format!("templates/{}", self.wording.template))
            .hint("run `iro check`: it says whether liblouis and espeak-ng are installed")
    }

    /// The program found for `tool`, or the failure to say it is missing.
    pub fn program(&self, tool: &Tool) -> Result<&Path, Diagnostic> {
        self.ctx
            .tools
            .path_of(tool)
            .ok_or_else(|| self.tool_failed(format!("no `{}` to make it with", tool.program)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_one_output() {
        for variant in [
            Variant::Standard,
            Variant::LargePrint,
            Variant::EasyRead,
            Variant::Html,
            Variant::Braille,
            Variant::Audio,
            Variant::Docx,
            Variant::FillablePdf,
        ] {
            assert_eq!(OUTPUTS.iter().filter(|o| o.makes(variant)).count(), 1);
        }
        assert!(
            output_for(Variant::Standard)
                .needs(AudioFormat::Mp3)
                .is_empty()
        );
        assert_eq!(output_for(Variant::Audio).needs(AudioFormat::Mp3).len(), 2);
    }
}
