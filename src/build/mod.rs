//! Build: the whole pipeline, load -> validate -> schedule -> plan -> render -> typeset -> write.
//!
//! Documents are rendered and typeset in parallel. A document whose inputs (case file, service
//! file, template, layout, date, iro version) hash the same as in the last manifest, and whose
//! file is still there, is not made again, so a rebuild with no change is quick and rewrites
//! nothing.

mod document;
pub mod formats;
pub mod readability;
pub mod report;
pub mod site;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::load::templates::{load_layout, load_team_images, load_templates};
use crate::load::{Loaded, load_service_folder};
use crate::model::ServiceData;
use crate::plan::{Body, Job, Selection, Variant, plan_jobs};
use crate::render::Renderer;
use crate::schedule::{Calendar, DueItem, schedule_carer, schedule_case};
use crate::typeset::Typesetter;
use crate::typeset::tools::Tools;
use crate::write::{Manifest, ManifestEntry, sha256_hex};
use document::make;

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
}

/// Why a build stopped: the diagnostics (bad input) and the loaded files to show them with.
pub struct Failure {
    pub loaded: Loaded,
    pub diagnostics: Vec<Diagnostic>,
}

/// The Typst layouts, by the body they draw.
pub struct Layouts {
    pub letter: String,
    pub form: String,
}

impl Layouts {
    /// The template name of the layout a PDF of this body uses (`layouts/letter.typ`).
    fn file_name(body: Body) -> &'static str {
        match body {
            Body::Letter | Body::Page => "layouts/letter.typ",
            Body::Form => "layouts/form.typ",
        }
    }

    fn source(&self, body: Body) -> &str {
        match body {
            Body::Letter | Body::Page => &self.letter,
            Body::Form => &self.form,
        }
    }
}

/// Templates compiled and layouts read: everything a service folder holds besides its YAML.
pub struct Prepared {
    pub renderer: Renderer,
    pub layouts: Layouts,
    pub templates: Vec<crate::render::TemplateSource>,
    /// The public site's pages, compiled, and its stylesheet.
    pub pages: Vec<crate::model::Page>,
    pub content: Renderer,
    pub stylesheet: String,
}

/// Reads and compiles the templates and layouts, with every problem found. `check` runs it
/// too, so that passing `check` means `build` can run.
pub fn prepare_templates(service: &std::path::Path) -> (Option<Prepared>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (templates, problems) = load_templates(service);
    diagnostics.extend(problems);
    let renderer = Renderer::new(&templates)
        .map_err(|e| diagnostics.extend(e))
        .ok();
    let mut layout = |name| {
        load_layout(service, name)
            .map_err(|d| diagnostics.push(*d))
            .ok()
    };
    let (letter, form) = (layout("letter.typ"), layout("form.typ"));
    let stylesheet = crate::load::templates::load_template_file(service, "site/style.css")
        .map_err(|d| diagnostics.push(*d))
        .ok();
    let (pages, problems) = crate::load::content::load_pages(service);
    diagnostics.extend(problems);
    let content = Renderer::new(&site::content_templates(&pages))
        .map_err(|e| diagnostics.extend(e))
        .ok();
    let prepared = match (renderer, letter, form, content, stylesheet) {
        (Some(renderer), Some(letter), Some(form), Some(content), Some(stylesheet)) => {
            Some(Prepared {
                renderer,
                layouts: Layouts { letter, form },
                templates,
                pages,
                content,
                stylesheet,
            })
        }
        _ => None,
    };
    (prepared, diagnostics)
}

/// Runs the whole pipeline.
pub fn build(options: &Options) -> Result<Report, Box<Failure>> {
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
    let fail = |diagnostics| {
        Box::new(Failure {
            loaded: Loaded::default(),
            diagnostics,
        })
    };
    let Prepared {
        renderer,
        layouts,
        templates,
        ..
    } = &prepared;
    let inputs = Inputs::new(&loaded, &validated.files, templates, layouts);
    // The parsed files are not needed past this point; a big service should not carry them.
    drop(loaded);
    let (images, problems) = load_team_images(&options.service, &data.service);
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let schedules = schedules(&data, &options.selection);
    let jobs = plan_jobs(&data, &options.selection, &schedules, options.as_of);
    let audio = data.service.audio_format;
    let tools = formats::find_tools(&jobs, audio);
    let (jobs, format_warnings) = formats::without_missing_tools(jobs, &tools, audio);
    let previous = Manifest::read(&options.out);
    let previous_by_path: HashMap<&str, &ManifestEntry> = previous
        .outputs
        .iter()
        .map(|e| (e.path.as_str(), e))
        .collect();
    let ctx = JobContext {
        data: &data,
        renderer,
        layouts,
        images: &images,
        typesetter: Typesetter::new(),
        schedules,
        tools,
    };
    // Work out first what each document is made from and whether it changed, and make the
    // site in memory, so that the manifest on disk can stop listing every file this build may
    // replace before any is replaced: a build killed half way leaves a manifest whose every
    // entry still describes its file.
    let staged: Vec<Result<document::Staged, Diagnostic>> = jobs
        .par_iter()
        .map(|job| document::stage(job, &ctx, &inputs, &previous_by_path, options))
        .collect();
    let mut errors = Vec::new();
    let site_files = if options.selection.wants_site() {
        let site = site::SiteInputs {
            pages: &prepared.pages,
            content: &prepared.content,
            templates: renderer,
            stylesheet: &prepared.stylesheet,
            letter_layout: &layouts.letter,
        };
        site::make_site(&data.service, &site, &ctx.typesetter).unwrap_or_else(|problems| {
            errors.extend(problems);
            Vec::new()
        })
    } else {
        Vec::new()
    };
    let replaced: std::collections::HashSet<&str> = jobs
        .iter()
        .zip(&staged)
        .filter(|(_, s)| s.as_ref().is_ok_and(|s| s.unchanged.is_none()))
        .map(|(job, _)| job.path.as_str())
        .chain(
            site_files
                .iter()
                .filter(|f| {
                    std::fs::read(options.out.join(&f.path)).ok().as_deref() != Some(&f.bytes[..])
                })
                .map(|f| f.path.as_str()),
        )
        .collect();
    if !replaced.is_empty() && options.out.join("manifest.json").is_file() {
        previous
            .retained(|e| !replaced.contains(e.path.as_str()))
            .write(&options.out)
            .map_err(|e| {
                fail(vec![
                    Diagnostic::error(format!("cannot write `manifest.json`: {e}"))
                        .in_file(options.out.join("manifest.json"))
                        .hint(
                            "check the output folder exists, is writable and the disk is not full",
                        ),
                ])
            })?;
    }
    crate::write::sweep_temp_files(&options.out);
    let total = jobs.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let work: Vec<(&Job, &Result<document::Staged, Diagnostic>)> =
        jobs.iter().zip(&staged).collect();
    let results = in_parallel(&work, |(job, staged)| {
        let result = match staged {
            Ok(staged) => make(job, staged, &ctx, options),
            Err(d) => Err(d.clone()),
        };
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(progress) = options.progress {
            progress(n, total);
        }
        // Typst memoises every layout; without eviction a batch grows without bound.
        if n.is_multiple_of(EVICT_EVERY) {
            crate::typeset::evict_cache(2);
        }
        result
    });
    let mut report = Report {
        planned: jobs.len() + site_files.len(),
        diagnostics,
        format_warnings,
        ..Report::default()
    };
    // A child left out for errors in their file keeps the documents made for them before.
    let left_out = crate::validate::broken_ids(&validated.files, &validated.broken);
    let mut manifest = previous
        .retained(|e| !options.selection.covers(&e.kind, &e.case) || left_out.contains(&e.case));
    for file in site_files {
        let target = options.out.join(&file.path);
        match crate::write::write_atomic(&target, &file.bytes) {
            Ok(true) => report.written += 1,
            Ok(false) => report.unchanged += 1,
            Err(e) => errors.push(document::write_error(&target, &e)),
        }
        manifest.insert(site::site_entry(&file));
    }
    for result in results {
        match result {
            Ok(made) => {
                if made.written {
                    report.written += 1;
                } else {
                    report.unchanged += 1;
                }
                report.format_warnings.extend(made.warning);
                manifest.insert(made.entry);
            }
            Err(d) => errors.push(d),
        }
    }
    // Written even when documents failed, so that it lists what is on disk; its own failure is
    // reported with theirs.
    if let Err(e) = manifest.write(&options.out) {
        errors.push(document::write_error(
            &options.out.join("manifest.json"),
            &e,
        ));
    }
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    Ok(report)
}

/// The template that opens every Braille and audio copy, in place of the letterhead.
const TEXT_HEADER: &str = "formats/header.md";

/// How many documents between two evictions of Typst's memo cache.
const EVICT_EVERY: u64 = 16;

/// Runs `make` over every job on worker threads, one per core (`RAYON_NUM_THREADS` to say
/// otherwise). Results come back in job order.
///
/// Plain threads, not a rayon pool: Typst lays out pages with rayon, and a rayon worker that
/// waits for Typst's pages may steal another whole document and nest it on its own stack, so
/// a large batch overflowed the stack. Workers outside the pool only ever wait, never steal.
fn in_parallel<T: Sync, R: Send>(items: &[T], make: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = rayon::current_num_threads().clamp(1, items.len().max(1));
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    // Typst recurses deeply on nested layouts.
                    .stack_size(32 * 1024 * 1024)
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(item) = items.get(i) else { break };
                            done.push((i, make(item)));
                        }
                        done
                    })
                    .expect("a worker thread can be started")
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a build worker does not panic"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Everything a job reads, shared across threads.
struct JobContext<'a> {
    data: &'a ServiceData,
    renderer: &'a Renderer,
    layouts: &'a Layouts,
    images: &'a HashMap<String, Vec<u8>>,
    typesetter: Typesetter,
    /// Each case's due dates, worked out once however many documents it gets.
    schedules: HashMap<String, Vec<DueItem>>,
    /// The programs Braille and audio are made with.
    tools: Tools,
}

/// The statutory clock for every selected case and carer household.
pub fn schedules(data: &ServiceData, selection: &Selection) -> HashMap<String, Vec<DueItem>> {
    let calendar = Calendar::of_service(&data.service);
    let t = &data.service.timescales;
    let wanted = |id: &str| selection.case.as_deref().is_none_or(|c| c == id);
    let mut out: HashMap<String, Vec<DueItem>> = data
        .cases
        .par_iter()
        .filter(|c| wanted(&c.id))
        .map(|c| (c.id.clone(), schedule_case(c, t, &calendar)))
        .collect();
    for h in data.carers.iter().filter(|h| wanted(&h.id)) {
        out.insert(h.id.clone(), schedule_carer(h, t, &calendar));
    }
    out
}

/// Hashes of the input files, so a job can tell whether it changed.
struct Inputs {
    service: String,
    cases: HashMap<String, (String, String)>,
    /// Templates (`letters/...md`), layouts (`layouts/letter.typ`) and forms
    /// (`forms/<id>.yaml`), by the name a job uses.
    files: HashMap<String, String>,
}

impl Inputs {
    fn new(
        loaded: &Loaded,
        files: &HashMap<String, PathBuf>,
        templates: &[crate::render::TemplateSource],
        layouts: &Layouts,
    ) -> Self {
        let texts: HashMap<&std::path::Path, &str> = loaded
            .cases
            .iter()
            .chain(&loaded.carers)
            .map(|s| (s.path.as_path(), s.text.as_str()))
            .collect();
        let cases = files
            .par_iter()
            .filter_map(|(id, path)| {
                let text = texts.get(path.as_path())?;
                Some((
                    id.clone(),
                    (path.display().to_string(), sha256_hex(text.as_bytes())),
                ))
            })
            .collect();
        let mut hashes: HashMap<String, String> = templates
            .iter()
            .map(|t| (t.name.clone(), sha256_hex(t.text.as_bytes())))
            .collect();
        for body in [Body::Letter, Body::Form] {
            let name = Layouts::file_name(body).to_owned();
            hashes.insert(name, sha256_hex(layouts.source(body).as_bytes()));
        }
        for form in &loaded.forms {
            let name = form.path.to_string_lossy().replace('\\', "/");
            hashes.insert(name, sha256_hex(form.text.as_bytes()));
        }
        Inputs {
            service: loaded
                .service
                .as_ref()
                .map(|s| sha256_hex(s.text.as_bytes()))
                .unwrap_or_default(),
            cases,
            files: hashes,
        }
    }

    /// The input files of a job and one hash over all of them.
    fn of(&self, job: &Job, photo: Option<(&str, &[u8])>) -> (Vec<String>, String) {
        let (case_path, case_hash) = self
            .cases
            .get(job.subject.id())
            .cloned()
            .unwrap_or_default();
        // A form's page is drawn by the HTML form template, its print by the form layout.
        // Braille and audio are made from the words alone: a form's words come from its text
        // template, and both open with the header in place of a letterhead.
        let drawn_by: &[&str] = match (job.kind.body, job.variant) {
            (Body::Form, Variant::Html) => &["forms/form.html"],
            (Body::Letter, Variant::Html) => &[],
            (Body::Form, v) if v.is_text_only() => &[document::FORM_WORDS, TEXT_HEADER],
            (_, v) if v.is_text_only() => &[TEXT_HEADER],
            (body, _) => &[Layouts::file_name(body)],
        };
        let mut names = vec![job.template.clone()];
        names.extend(drawn_by.iter().map(|n| (*n).to_owned()));
        let mut files = vec!["service.yaml".to_owned(), case_path];
        let mut key = format!(
            "{}|{}|{case_hash}|{}|{}|{:?}|{}",
            env!("CARGO_PKG_VERSION"),
            self.service,
            job.path,
            job.date,
            job.variant,
            job.template,
        );
        for name in names {
            let hash = self
                .files
                .get(&name)
                .map(String::as_str)
                .unwrap_or_default();
            key.push_str(&format!("|{hash}"));
            // Forms sit in their own folder; everything else is under templates/.
            files.push(if name.starts_with("forms/") && name.ends_with(".yaml") {
                name
            } else {
                format!("templates/{name}")
            });
        }
        if let Some((path, bytes)) = photo {
            files.push(path.trim_start_matches('/').to_owned());
            key.push_str(&format!("|{}", sha256_hex(bytes)));
        }
        (files, sha256_hex(key.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_done_in_parallel_comes_back_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = in_parallel(&items, |n| n * 2);
        assert_eq!(out, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(in_parallel(&Vec::<u32>::new(), |n| *n).is_empty());
    }

    /// The outer workers are not rayon threads, so work that Typst hands to rayon (pages) can
    /// never make a worker pick up another whole document on top of its own stack.
    #[test]
    fn build_workers_are_outside_the_rayon_pool() {
        let items = [(); 4];
        let inside = in_parallel(&items, |_| rayon::current_thread_index());
        assert!(inside.iter().all(Option::is_none), "{inside:?}");
    }
}
