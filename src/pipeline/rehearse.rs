//! The rehearsal `iro check` runs so that a passing check means a succeeding build: one
//! document of every template, layout and theme the build would use, made in memory from a
//! real job of the service (its view, template, letterhead and layout, typeset to PDF or
//! drawn as HTML), and nothing written.
//!
//! The public site is made whole, in memory, as the build makes it. A layout with a syntax
//! error, or a template or page that names a field no view has, is an error of `iro check` here, at its file and line, rather than the failure of every document in
//! `iro build`. Braille and audio copies are rehearsed up to their words and header; the
//! outside programs themselves are `iro check`'s missing-tool warnings.

use std::collections::{HashMap, HashSet};

use super::{JobContext, Planned, Prepared, document, in_parallel};
use crate::diag::Diagnostic;
use crate::model::ServiceData;
use crate::plan::Job;
use crate::typeset::Typesetter;
use crate::typeset::tools::Tools;

/// Rehearses one job of each template and variant of the planned build; returns every
/// problem met. `images` are the team's photos, `pictures` the easy read pictures, and
/// `typesetter` holds the service's fonts, as the build reads them.
pub fn rehearse_build(
    data: &ServiceData,
    prepared: &Prepared,
    images: &HashMap<String, Vec<u8>>,
    pictures: &crate::load::pictures::Pictures,
    planned: &Planned,
    typesetter: Typesetter,
) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    let picked: Vec<&Job> = planned
        .jobs
        .iter()
        .filter(|job| {
            let wording = super::document::wording(job, data, &prepared.renderer);
            seen.insert((wording.template, wording.missing.is_some(), job.variant))
        })
        .collect();
    let ctx = JobContext {
        data,
        renderer: &prepared.renderer,
        layouts: &prepared.layouts,
        images,
        pictures,
        typesetter,
        schedules: &planned.schedules,
        tools: Tools::default(),
        amended: HashMap::new(),
    };
    let mut said = HashSet::new();
    let mut problems: Vec<Diagnostic> = in_parallel(&picked, |job| document::rehearse(job, &ctx))
        .into_iter()
        .filter_map(Result::err)
        // One broken layout or template fails every document it makes; say it once.
        .filter(|d| said.insert((d.file.clone(), d.span.map(|s| (s.line, s.column)))))
        .collect();
    // The public site is made whole, in memory: its pages belong to no case, so no job.
    let site = prepared.site();
    // Its large print pages use the letter layout: a broken one is already said, once.
    let letter_layout = std::path::Path::new("templates/layouts/letter.typ");
    let layout_broken = problems
        .iter()
        .any(|d| d.file.as_deref() == Some(letter_layout));
    if !layout_broken
        && let Err(found) = super::site::make_site(&data.service, &site, &ctx.typesetter)
    {
        problems.extend(found);
    }
    problems
}
