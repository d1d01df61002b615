//! The pipeline: load -> validate -> schedule -> plan (with each kind) -> render -> typeset ->
//! write, run in order by [`build`] (`iro build`); `iro check` runs it up to a rehearsal.
//!
//! Documents are rendered and typeset in parallel. A document whose inputs (case file, service
//! file, template, layout, date, iro version) hash the same as in the last manifest, and whose
//! file is still there, is not made again, so a rebuild with no change is quick and rewrites
//! nothing.

pub mod check;
mod document;
pub mod due;
pub mod formats;
mod glyphs;
mod inputs;
pub mod languages;
pub mod outbox;
mod outputs;
mod parallel;
mod prepare;
pub mod readability;
pub mod rehearse;
pub mod report;
mod sent;
pub mod site;
pub mod today;
mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::kinds::plan_jobs;
use crate::load::pictures::{Pictures, load_pictures};
use crate::load::templates::{load_service_fonts, load_team_images};
use crate::load::{Loaded, load_service_folder};
use crate::model::ServiceData;
use crate::plan::{Job, Selection};
use crate::render::Renderer;
use crate::schedule::{Calendar, DueItem, schedule_carer, schedule_case};
use crate::typeset::Typesetter;
use crate::typeset::tools::Tools;
use inputs::Inputs;
use parallel::in_parallel;
pub use prepare::{Layouts, Prepared, prepare_templates};
pub use sent::Amend;

/// What `iro build` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub service: PathBuf,
    pub out: PathBuf,
    pub selection: Selection,
    /// The day the build runs for: which consultation packs are due, and validation's
    /// "today" (overdue warnings). What documents say never depends on it.
    pub as_of: NaiveDate,
    /// Also write each PDF's generated Typst source beside it.
    pub keep_typst: bool,
    /// Called after each document, for a progress bar.
    pub progress: Option<fn(u64, u64)>,
    /// Make nothing when any file has an error (otherwise case files with errors are left
    /// out and every other child's documents are made).
    pub strict: bool,
    /// Sent documents to make again as amended copies (`--amend`).
    pub amend: Amend,
}

impl Options {
    /// For a command that lists or sends what a build made, and makes nothing itself
    /// (`iro today`, `iro send`): no Typst kept, no progress bar, not strict, nothing amended.
    pub fn to_read(service: PathBuf, out: PathBuf, selection: Selection, as_of: NaiveDate) -> Self {
        Options {
            service,
            out,
            selection,
            as_of,
            keep_typst: false,
            progress: None,
            strict: false,
            amend: Amend::default(),
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    pub planned: usize,
    pub written: usize,
    pub unchanged: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// About Braille and audio: documents asked for in a format whose outside program is
    /// missing, said once per program (every other document was made), and Braille copies
    /// with letters that have no Braille.
    pub format_warnings: Vec<String>,
    /// Documents already sent (archived), left as they went.
    pub sent: usize,
    /// Sent documents whose facts have changed since, each said in a line.
    pub sent_changed: Vec<String>,
    /// Documents the case files say went out before iro archived them: history, not made.
    pub history: usize,
    /// Files of an earlier plan that this build took out of the output folder.
    pub removed: usize,
}

/// Why a build stopped: the diagnostics (bad input) and the loaded files to show them with.
pub struct Failure {
    pub loaded: Loaded,
    pub diagnostics: Vec<Diagnostic>,
}

/// A service folder loaded, validated and prepared: everything documents are made from.
struct Ready {
    data: ServiceData,
    prepared: Prepared,
    images: HashMap<String, Vec<u8>>,
    /// The easy read pictures templates may name.
    pictures: Pictures,
    /// The service's own fonts (`fonts/`), searched before the embedded ones.
    fonts: Vec<Vec<u8>>,
    inputs: Inputs,
    /// Each case's due dates, from validation.
    schedules: HashMap<String, Vec<DueItem>>,
    /// The ids of children whose case files have errors: they keep the documents made before.
    left_out: std::collections::HashSet<String>,
    /// Warnings, and the errors of case files left out (the rest are still made).
    diagnostics: Vec<Diagnostic>,
    /// What was sent (`sent/index.json`).
    archive: crate::send::Archive,
    /// Case (or carer household) id -> the file it came from.
    files: HashMap<String, PathBuf>,
}

/// Loads, validates and prepares the service folder, or says why the build cannot start.
fn ready(options: &Options) -> Result<Ready, Box<Failure>> {
    let mut loaded = load_service_folder(&options.service);
    let validated =
        crate::validate::validate_service(&mut loaded, options.as_of).strict(options.strict);
    let mut diagnostics = validated.diagnostics;
    let (prepared, problems) = prepare_templates(&options.service);
    diagnostics.extend(problems);
    let (Some(data), Some(prepared)) = (validated.data, prepared) else {
        return Err(Box::new(Failure {
            loaded,
            diagnostics,
        }));
    };
    if let Some(id) = &options.selection.case
        && let Some(missing) =
            crate::validate::missing_case(id, &data, &validated.files, &validated.broken)
    {
        diagnostics.push(missing);
        return Err(Box::new(Failure {
            loaded,
            diagnostics,
        }));
    }
    let (images, mut problems) = load_team_images(&options.service, &data.service);
    let (fonts, font_problems) = load_service_fonts(&options.service);
    problems.extend(font_problems);
    let (pictures, picture_problems) = load_pictures(&options.service);
    problems.extend(picture_problems);
    let inputs = Inputs::new(
        &loaded,
        &validated.files,
        &prepared.templates,
        &prepared.layouts,
        &fonts,
        &pictures,
    );
    // The parsed files are not needed past this point; a big service should not carry them.
    drop(loaded);
    if !problems.is_empty() {
        return Err(failure(problems));
    }
    let archive = read_archive(&options.service).map_err(|d| failure(vec![d]))?;
    Ok(Ready {
        data,
        prepared,
        images,
        pictures,
        fonts,
        inputs,
        schedules: validated.schedules,
        left_out: crate::validate::broken_ids(&validated.files, &validated.broken),
        diagnostics,
        archive,
        files: validated.files,
    })
}

/// The archive of what was sent from `service`; one that cannot be read is an error, never an
/// empty archive.
pub(crate) fn read_archive(service: &Path) -> Result<crate::send::Archive, Diagnostic> {
    crate::send::Archive::read(service).map_err(|e| {
        Diagnostic::error(format!("cannot read the archive of sent documents: {e}"))
            .in_file(crate::send::Archive::index_path(service))
            .hint("restore `sent/index.json` from the service folder's backup; iro will not guess what was sent")
    })
}

/// A failure to show without the loaded files (they were let go).
fn failure(diagnostics: Vec<Diagnostic>) -> Box<Failure> {
    Box::new(Failure {
        loaded: Loaded::default(),
        diagnostics,
    })
}

/// Runs the whole pipeline: load and validate, work out the clock once, plan every document
/// due, then make and write them and the manifest.
pub fn build(options: &Options) -> Result<Report, Box<Failure>> {
    let mut ready = ready(options)?;
    let diagnostics = std::mem::take(&mut ready.diagnostics);
    let data = &ready.data;
    let schedules = &ready.schedules;
    let planned = plan_jobs(
        data,
        &options.selection,
        schedules,
        options.as_of,
        &ready.archive,
    );
    // Read once: the amended copies still to go, then what each output was made from.
    let previous = crate::write::Manifest::read(&options.out);
    let amend = options.amend.with_pending(&previous);
    let (sorted, amended) = sent::sort_out(planned, &ready.archive, &amend);
    let jobs = sorted.make;
    let audio = data.service.audio_format;
    let tools = formats::find_tools(&jobs, audio);
    let (jobs, format_warnings) = formats::without_missing_tools(jobs, &tools, audio);
    let ctx = JobContext::of(&ready, tools, amended);
    let report = Report {
        planned: jobs.len(),
        diagnostics,
        format_warnings,
        sent: sorted.frozen.len(),
        sent_changed: sent::changed_since_sent(&sorted.frozen, &ctx),
        history: sorted.history,
        ..Report::default()
    };
    write::write_documents(options, &ctx, &ready, &jobs, previous, report)
}

/// The unsent documents of the selection, and the diagnostics of the check they rest on.
pub struct Outbox {
    pub items: Vec<outbox::Outgoing>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Every document of the selection that is made (or due to be made) and not yet sent, with how
/// and where it goes: `forced` (`iro send --method`), or each reader's own way.
pub fn outbox(
    options: &Options,
    forced: Option<crate::model::Method>,
) -> Result<Outbox, Box<Failure>> {
    let mut ready = ready(options)?;
    let diagnostics = std::mem::take(&mut ready.diagnostics);
    Ok(Outbox {
        items: outbox::outbox_of(options, &ready, forced),
        diagnostics,
    })
}

/// The template that opens every Braille and audio copy, in place of the letterhead.
const TEXT_HEADER: &str = "formats/header.md";

/// How many documents between two evictions of Typst's memo cache.
const EVICT_EVERY: u64 = 16;

/// Everything a job reads, shared across threads.
struct JobContext<'a> {
    data: &'a ServiceData,
    renderer: &'a Renderer,
    layouts: &'a Layouts,
    images: &'a HashMap<String, Vec<u8>>,
    pictures: &'a Pictures,
    typesetter: Typesetter,
    /// Each case's due dates, worked out once however many documents it gets.
    schedules: &'a HashMap<String, Vec<DueItem>>,
    /// The programs Braille and audio are made with.
    tools: Tools,
    /// The sent copy each amended document replaces, by output path.
    amended: HashMap<String, &'a crate::send::SentDocument>,
}

impl<'a> JobContext<'a> {
    /// What the jobs of a service folder made ready read, with the programs found for them and
    /// the sent copies being amended.
    fn of(
        ready: &'a Ready,
        tools: Tools,
        amended: HashMap<String, &'a crate::send::SentDocument>,
    ) -> JobContext<'a> {
        JobContext {
            data: &ready.data,
            renderer: &ready.prepared.renderer,
            layouts: &ready.prepared.layouts,
            images: &ready.images,
            pictures: &ready.pictures,
            typesetter: Typesetter::with_fonts(&ready.fonts),
            schedules: &ready.schedules,
            tools,
            amended,
        }
    }
}

/// A whole service's plan as of a day: each case's due dates (worked out once, however many
/// stages read them) and every document due. `iro check` scores and rehearses from it.
pub struct Planned<'a> {
    pub schedules: HashMap<String, Vec<DueItem>>,
    pub jobs: Vec<Job<'a>>,
}

impl<'a> Planned<'a> {
    /// Plans every document of the service that is due as of `as_of`, from the due dates
    /// validation worked out (`Validated::schedules`) and what was sent (a notice that a
    /// review moved follows up a pack that went).
    pub fn all(
        data: &'a ServiceData,
        schedules: HashMap<String, Vec<DueItem>>,
        as_of: NaiveDate,
        archive: &crate::send::Archive,
    ) -> Planned<'a> {
        let jobs = plan_jobs(data, &Selection::default(), &schedules, as_of, archive);
        Planned { schedules, jobs }
    }
}

/// The statutory clock for every selected case and carer household, worked out afresh (a
/// run takes it from validation instead; benchmarks time it on its own).
pub fn schedules(data: &ServiceData, selection: &Selection) -> HashMap<String, Vec<DueItem>> {
    let calendar = Calendar::of_service(&data.service);
    let t = &data.service.timescales;
    let mut out: HashMap<String, Vec<DueItem>> = data
        .cases
        .par_iter()
        .filter(|c| selection.wants_case(&c.id))
        .map(|c| (c.id.clone(), schedule_case(c, t, &calendar)))
        .collect();
    for h in data.carers.iter().filter(|h| selection.wants_case(&h.id)) {
        out.insert(h.id.clone(), schedule_carer(h, t, &calendar));
    }
    out
}
