//! Braille and audio need outside programs (liblouis; espeak-ng, and lame for MP3). When one
//! is missing, the documents it would make are left out, every other format is made, and the
//! user is told once per program, with how to install it.

use super::outputs::missing_tool;
use crate::diag::{Diagnostic, plural};
use crate::model::ServiceData;
use crate::model::service::AudioFormat;
use crate::plan::{Job, Variant};
use crate::typeset::tools::{Tool, Tools};

/// Looks for the programs a build's jobs need, and only when some job needs one.
pub fn find_tools(jobs: &[Job], audio: AudioFormat) -> Tools {
    if jobs.iter().any(|j| j.variant.is_text_only()) {
        Tools::find(audio == AudioFormat::Mp3)
    } else {
        Tools::default()
    }
}

/// Drops the jobs whose outside program is not on this machine, saying once per program how
/// many documents that leaves out.
pub fn without_missing_tools<'a>(
    jobs: Vec<Job<'a>>,
    tools: &Tools,
    audio: AudioFormat,
) -> (Vec<Job<'a>>, Vec<String>) {
    let mut not_found: Vec<(Tool, usize)> = Vec::new();
    let jobs = jobs
        .into_iter()
        .filter(|job| match missing_tool(job.variant, tools, audio) {
            Some(tool) => {
                count(&mut not_found, tool);
                false
            }
            None => true,
        })
        .collect();
    let said = not_found
        .into_iter()
        .map(|(tool, n)| {
            format!(
                "{} not made: `{}` is not installed; {}",
                plural(n, &format!("{} document", tool.makes)),
                tool.program,
                tool.missing_hint()
            )
        })
        .collect();
    (jobs, said)
}

/// For `iro check`: a warning for each outside program that someone's preferred formats need
/// and this machine lacks, once, however many people asked.
pub fn missing_tool_warnings(data: &ServiceData) -> Vec<Diagnostic> {
    let asked: Vec<Variant> = data
        .cases
        .iter()
        .flat_map(|c| {
            c.child
                .formats
                .iter()
                .chain(c.people.iter().flat_map(|p| &p.formats))
        })
        .chain(
            data.carers
                .iter()
                .flat_map(|h| h.carers.iter().flat_map(|c| &c.formats)),
        )
        .filter_map(|f| Variant::of_format(*f))
        .filter(|v| v.is_text_only())
        .collect();
    if asked.is_empty() {
        return Vec::new();
    }
    let audio = data.service.audio_format;
    let tools = Tools::find(audio == AudioFormat::Mp3);
    let mut not_found: Vec<(Tool, usize)> = Vec::new();
    for variant in asked {
        if let Some(tool) = missing_tool(variant, &tools, audio) {
            count(&mut not_found, tool);
        }
    }
    not_found
        .into_iter()
        .map(|(tool, n)| {
            Diagnostic::warning(format!(
                "{n} {} asked for {}, but `{}` is not installed, so `iro build` cannot make it",
                if n == 1 { "person has" } else { "people have" },
                tool.makes,
                tool.program
            ))
            .hint(tool.missing_hint())
        })
        .collect()
}

fn count(missing: &mut Vec<(Tool, usize)>, tool: Tool) {
    match missing.iter_mut().find(|(t, _)| *t == tool) {
        Some((_, n)) => *n += 1,
        None => missing.push((tool, 1)),
    }
}
