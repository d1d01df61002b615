//! The reading level check: every letter and form a child gets, rendered for that child as
//! `iro build` would print it, scored against the target for the child's age band
//! (`readability:` in service.yaml).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::document::{signer, view, withheld, wording, words};
use crate::diag::{Diagnostic, Span, plural};
use crate::load::Loaded;
use crate::load::templates::TemplateSource;
use crate::model::ServiceData;
use crate::plan::{Audience, Body, Job, Variant, age_band};
use crate::render::Renderer;
use crate::typeset::plain::markdown_to_blocks;
use crate::validate::readability::{Score, score};

/// One child's copy of one document, scored.
#[derive(Debug, Clone, Serialize)]
pub struct TextScore {
    pub case: String,
    /// The kind of document (`introduction-letter`, `pack-form`...).
    pub document: &'static str,
    /// The file its words come from, relative to the service folder.
    pub file: String,
    pub variant: Variant,
    /// The child's age on the document's date, and so its wording band.
    pub age: u32,
    pub band: &'static str,
    pub target: f64,
    pub score: Score,
    /// The language of the words scored: English where the document has English words.
    pub lang: String,
}

impl TextScore {
    /// Whether Flesch reading ease applies: its formula is built on English words and
    /// syllables, and says nothing of Welsh or Polish. Sentence length is checked in any
    /// language.
    pub fn ease_applies(&self) -> bool {
        crate::plan::primary_language(&self.lang) == "en"
    }

    pub fn meets_target(&self) -> bool {
        self.easy_enough() && self.score.long_sentences.is_empty()
    }

    /// Whether the reading ease meets the target, or does not apply.
    pub fn easy_enough(&self) -> bool {
        !self.ease_applies() || self.score.ease >= self.target
    }
}

/// Scores every child-facing text of the planned service.
/// Documents that cannot be rendered are errors, as they would fail the build.
pub fn score_child_texts(
    data: &ServiceData,
    renderer: &Renderer,
    planned: &super::Planned,
) -> (Vec<TextScore>, Vec<Diagnostic>) {
    let (schedules, jobs) = (&planned.schedules, &planned.jobs);
    // Large print, HTML, Braille and audio carry the standard copy's words.
    let read_by_child = |job: &&Job| {
        job.audience == Audience::Child
            && matches!(job.variant, Variant::Standard | Variant::EasyRead)
            && job.kind.body != Body::Page
    };
    let limits = &data.service.readability;
    let results: Vec<Result<TextScore, Diagnostic>> = jobs
        .iter()
        .filter(read_by_child)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|job| {
            let iro = signer(job, &data.service)?;
            let wording = wording(job, data, renderer);
            let view = view(
                job,
                data,
                schedules,
                iro,
                &withheld(job, data),
                &wording.lang,
            )?;
            let part = scored_part(&wording);
            let markdown = words(job, &part, renderer, &view)?;
            let age = job.subject.case().map_or(0, |c| c.age_on(job.date));
            let band = age_band(age);
            let easy_read = job.variant == Variant::EasyRead;
            let max_words = easy_read.then_some(limits.easy_read_sentence_words);
            Ok(TextScore {
                case: job.subject.id().to_owned(),
                document: job.kind.name,
                file: words_file(job),
                variant: job.variant,
                age,
                band,
                target: limits.target(band),
                score: score(&markdown_to_blocks(&markdown), max_words),
                lang: part.lang,
            })
        })
        .collect();
    let mut scores = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(s) => scores.push(s),
            Err(d) => problems.push(d),
        }
    }
    (scores, problems)
}

/// The words of a document that are scored: its English ones, which Flesch reading ease
/// can score (a bilingual letter's English half), or else its only ones.
fn scored_part(wording: &crate::plan::Wording) -> crate::plan::Part {
    let parts = wording.parts();
    (parts.iter())
        .find(|p| crate::plan::primary_language(&p.lang) == "en")
        .unwrap_or(&parts[0])
        .clone()
}

/// The file a document's words are written in: its template, or for a form the form itself.
fn words_file(job: &Job) -> String {
    match job.kind.body {
        Body::Form => job.template.clone(),
        _ => format!("templates/{}", job.template),
    }
}

/// One warning per file and version below its target, naming the children whose copies are,
/// the lowest score and the hardest sentence, at its line when it can be found; and one per
/// easy read file with sentences over the word limit.
pub fn warnings(scores: &[TextScore], sources: &Sources) -> Vec<Diagnostic> {
    let mut groups: Vec<(&str, Variant, Vec<&TextScore>)> = Vec::new();
    for s in scores.iter().filter(|s| !s.meets_target()) {
        match groups
            .iter_mut()
            .find(|(f, v, _)| *f == s.file && *v == s.variant)
        {
            Some((_, _, list)) => list.push(s),
            None => groups.push((&s.file, s.variant, vec![s])),
        }
    }
    let mut out = Vec::new();
    for (file, variant, below) in groups {
        let cases = case_list(&below);
        if let Some(worst) = below
            .iter()
            .filter(|s| !s.easy_enough())
            .min_by(|a, b| a.score.ease.total_cmp(&b.score.ease))
        {
            let hardest = worst.score.hardest.clone().unwrap_or_default();
            out.push(
                Diagnostic::warning(format!(
                    "{} for {} ({}) is harder to read than the target for {}: Flesch reading ease {:.0}, target at least {:.0}",
                    describe(worst.document, variant),
                    cases,
                    worst.band,
                    worst.band,
                    worst.score.ease,
                    worst.target
                ))
                .place(sources.find(file, &worst.case, &hardest))
                .hint(format!(
                    "the hardest sentence is \"{hardest}\"; shorter sentences and shorter words raise the score (targets are under `readability:` in service.yaml; `iro check --readability` lists every score)"
                )),
            );
        }
        if let Some(long) = below.iter().find(|s| !s.score.long_sentences.is_empty()) {
            let sentence = &long.score.long_sentences[0];
            out.push(
                Diagnostic::warning(format!(
                    "{} for {} has {} longer than the easy read limit",
                    describe(long.document, variant),
                    cases,
                    plural(long.score.long_sentences.len(), "sentence"),
                ))
                .place(sources.find(file, &long.case, sentence))
                .hint(format!(
                    "\"{sentence}\" has {} words; split it (the limit is `easy_read_sentence_words` under `readability:` in service.yaml)",
                    sentence.split_whitespace().count()
                )),
            );
        }
    }
    out
}

fn describe(document: &str, variant: Variant) -> String {
    let name = document.replace('-', " ");
    match variant {
        Variant::EasyRead => format!("the easy read {name}"),
        _ => format!("the {name}"),
    }
}

/// `NM-1001, NM-1002 and 3 more`.
fn case_list(scores: &[&TextScore]) -> String {
    let mut ids: Vec<&str> = scores.iter().map(|s| s.case.as_str()).collect();
    ids.dedup();
    let shown = ids.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    match ids.len() {
        n if n > 3 => format!("{shown} and {} more", n - 3),
        _ => shown,
    }
}

/// The texts a sentence may have come from: templates, and the service, case and form files
/// whose values fill them in.
pub struct Sources<'a> {
    pub templates: &'a [TemplateSource],
    pub loaded: &'a Loaded,
    /// Case id -> its file, relative to the service folder.
    pub case_files: &'a HashMap<String, PathBuf>,
}

impl Sources<'_> {
    /// The file and place a sentence is written: the document's own words file first, then
    /// the case file and service.yaml (an IRO's `about:`, say). The words file when it is in
    /// none of them.
    fn find(&self, file: &str, case: &str, sentence: &str) -> (String, Option<Span>) {
        let template = file
            .strip_prefix("templates/")
            .and_then(|n| self.templates.iter().find(|t| t.name == n))
            .map(|t| (file.to_owned(), t.text.as_str()));
        let in_loaded = |path: &Path| {
            self.loaded
                .text_of(path)
                .map(|text| (path.to_string_lossy().into_owned(), text))
        };
        let candidates = template
            .into_iter()
            .chain(in_loaded(Path::new(file)))
            .chain(self.case_files.get(case).and_then(|p| in_loaded(p)))
            .chain(in_loaded(Path::new("service.yaml")));
        for (path, text) in candidates {
            if let Some(span) = locate(text, sentence) {
                return (path, Some(span));
            }
        }
        (file.to_owned(), None)
    }
}

/// Where a rendered sentence is written in its template: the longest run of its first words
/// found there (names and dates are filled in later, so the whole sentence rarely is).
pub fn locate(text: &str, sentence: &str) -> Option<Span> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    (2..=words.len().min(8)).rev().find_map(|n| {
        let start = text.find(&words[..n].join(" "))?;
        let line = text[..start].matches('\n').count() + 1;
        let column = start - text[..start].rfind('\n').map_or(0, |i| i + 1) + 1;
        Some(Span {
            line,
            column,
            start,
            end: start + words[..n].join(" ").len(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_found_by_its_first_words() {
        let template = "# Hello {{ name }}\n\nMy name is {{ iro.name }}. You can call me.\n";
        let span = locate(template, "My name is Sam Jones.").expect("found");
        assert_eq!((span.line, span.column), (3, 1));
        let span = locate(template, "You can call me.").expect("found");
        assert_eq!((span.line, span.column), (3, 28));
        assert!(locate(template, "Nothing like it").is_none());
    }
}
