//! Build: the whole pipeline, load -> validate -> schedule -> plan -> render -> typeset -> write.
//!
//! Documents are rendered and typeset in parallel. A document whose inputs (case file, service
//! file, template, layout, date, iro version) hash the same as in the last manifest, and whose
//! file is still there, is not made again, so a rebuild with no change is quick and rewrites
//! nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::load::templates::{load_layout, load_team_images, load_templates};
use crate::load::{Loaded, load_service_folder};
use crate::model::ServiceData;
use crate::plan::{Job, Selection, Variant, plan_jobs};
use crate::render::Renderer;
use crate::render::context::{introduction_view, recipient_lines, short_date};
use crate::schedule::{Calendar, DueItem, schedule_case};
use crate::typeset::{Document, Typesetter, html_page, markdown_to_html};
use crate::write::{Manifest, ManifestEntry, sha256_hex};

/// What `iro build` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub service: PathBuf,
    pub out: PathBuf,
    pub selection: Selection,
    /// Validation's "today" (overdue warnings); documents never read the clock.
    pub as_of: NaiveDate,
    /// Also write each PDF's generated Typst source beside it.
    pub keep_typst: bool,
    /// Called after each document, for a progress bar.
    pub progress: Option<fn(u64, u64)>,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    pub planned: usize,
    pub written: usize,
    pub unchanged: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a build stopped: the diagnostics (bad input) and the loaded files to show them with.
pub struct Failure {
    pub loaded: Loaded,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the whole pipeline.
pub fn build(options: &Options) -> Result<Report, Box<Failure>> {
    let mut loaded = load_service_folder(&options.service);
    let validated = crate::validate::validate_service(&mut loaded, options.as_of);
    let mut diagnostics = validated.diagnostics;
    let (templates, problems) = load_templates(&options.service);
    diagnostics.extend(problems);
    let renderer = Renderer::new(&templates).map_err(|e| diagnostics.extend(e));
    let layout = load_layout(&options.service).map_err(|d| diagnostics.push(*d));
    let (Some(data), Ok(renderer), Ok(layout)) = (validated.data, renderer, layout) else {
        return Err(Box::new(Failure {
            loaded,
            diagnostics,
        }));
    };
    let fail = |diagnostics| {
        Box::new(Failure {
            loaded: Loaded::default(),
            diagnostics,
        })
    };
    let inputs = Inputs::new(&loaded, &validated.files, &templates, &layout);
    // The parsed files are not needed past this point; a big service should not carry them.
    drop(loaded);
    let (images, problems) = load_team_images(&options.service, &data.service);
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let jobs = plan_jobs(&data, &options.selection);
    let previous = Manifest::read(&options.out);
    let previous_by_path: HashMap<&str, &ManifestEntry> = previous
        .outputs
        .iter()
        .map(|e| (e.path.as_str(), e))
        .collect();
    let ctx = JobContext {
        data: &data,
        renderer: &renderer,
        layout: &layout,
        images: &images,
        typesetter: Typesetter::new(),
        schedules: schedules(&data, &jobs),
    };
    let total = jobs.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let results: Vec<Result<(ManifestEntry, bool), Diagnostic>> = pool().install(|| {
        jobs.par_iter()
            .map(|job| {
                let result = make(job, &ctx, &inputs, &previous_by_path, options);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if let Some(progress) = options.progress {
                    progress(n, total);
                }
                // Typst memoises every layout; without eviction a batch grows without bound.
                if n.is_multiple_of(32) {
                    crate::typeset::evict_cache(2);
                }
                result
            })
            .collect()
    });
    let mut report = Report {
        planned: jobs.len(),
        diagnostics,
        ..Report::default()
    };
    let mut manifest = previous.retained(|e| !options.selection.covers(&e.kind, &e.case));
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((entry, written)) => {
                if written {
                    report.written += 1;
                } else {
                    report.unchanged += 1;
                }
                manifest.insert(entry);
            }
            Err(d) => errors.push(d),
        }
    }
    manifest.write(&options.out).map_err(|e| {
        fail(vec![
            Diagnostic::error(format!("cannot write `manifest.json`: {e}"))
                .in_file(options.out.join("manifest.json")),
        ])
    })?;
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    Ok(report)
}

/// A rayon pool whose threads have room for Typst's deep recursion.
fn pool() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .stack_size(32 * 1024 * 1024)
        .build()
        .expect("a thread pool can be built")
}

/// Everything a job reads, shared across threads.
struct JobContext<'a> {
    data: &'a ServiceData,
    renderer: &'a Renderer,
    layout: &'a str,
    images: &'a HashMap<String, Vec<u8>>,
    typesetter: Typesetter,
    /// Each case's due dates, worked out once however many documents it gets.
    schedules: HashMap<String, Vec<DueItem>>,
}

/// The statutory clock for every case that has a job.
fn schedules(data: &ServiceData, jobs: &[Job]) -> HashMap<String, Vec<DueItem>> {
    let calendar = Calendar::new(data.service.bank_holidays.iter().copied());
    let mut cases: Vec<&crate::model::Case> = jobs.iter().map(|j| j.case).collect();
    cases.dedup_by(|a, b| a.id == b.id);
    cases
        .par_iter()
        .map(|c| {
            (
                c.id.clone(),
                schedule_case(c, &data.service.timescales, &calendar),
            )
        })
        .collect()
}

/// Hashes of the input files, so a job can tell whether it changed.
struct Inputs {
    service: String,
    layout: String,
    cases: HashMap<String, (String, String)>,
    templates: HashMap<String, String>,
}

impl Inputs {
    fn new(
        loaded: &Loaded,
        files: &HashMap<String, PathBuf>,
        templates: &[crate::render::TemplateSource],
        layout: &str,
    ) -> Self {
        let cases = files
            .iter()
            .filter_map(|(id, path)| {
                let text = loaded.text_of(path)?;
                Some((
                    id.clone(),
                    (path.display().to_string(), sha256_hex(text.as_bytes())),
                ))
            })
            .collect();
        Inputs {
            service: loaded
                .service
                .as_ref()
                .map(|s| sha256_hex(s.text.as_bytes()))
                .unwrap_or_default(),
            layout: sha256_hex(layout.as_bytes()),
            cases,
            templates: templates
                .iter()
                .map(|t| (t.name.clone(), sha256_hex(t.text.as_bytes())))
                .collect(),
        }
    }

    /// The input files of a job and one hash over all of them.
    fn of(&self, job: &Job, photo: Option<(&str, &[u8])>) -> (Vec<String>, String) {
        let (case_path, case_hash) = self.cases.get(&job.case.id).cloned().unwrap_or_default();
        let template_hash = self
            .templates
            .get(&job.template)
            .cloned()
            .unwrap_or_default();
        let mut files = vec![
            "service.yaml".to_owned(),
            case_path,
            format!("templates/{}", job.template),
            "templates/layouts/letter.typ".to_owned(),
        ];
        let photo_hash = photo.map(|(path, bytes)| {
            files.push(path.trim_start_matches('/').to_owned());
            sha256_hex(bytes)
        });
        let key = format!(
            "{}|{}|{case_hash}|{template_hash}|{photo_hash:?}|{}|{}|{:?}",
            env!("CARGO_PKG_VERSION"),
            self.service,
            self.layout,
            job.date,
            job.variant
        );
        (files, sha256_hex(key.as_bytes()))
    }
}

/// Makes one document (or finds it unchanged) and writes it.
fn make(
    job: &Job,
    ctx: &JobContext,
    inputs: &Inputs,
    previous: &HashMap<&str, &ManifestEntry>,
    options: &Options,
) -> Result<(ManifestEntry, bool), Diagnostic> {
    let service = &ctx.data.service;
    let case = job.case;
    let iro_id = case.iro.as_ref().map(|i| i.id.as_str()).unwrap_or_default();
    let iro = service
        .member(iro_id)
        .ok_or_else(|| Diagnostic::error(format!("unknown IRO `{iro_id}`")))?;
    // Only the images this document's view offers (the IRO's photo) are in its world.
    let photo: Option<(String, &Vec<u8>)> = iro
        .photo
        .as_deref()
        .map(crate::render::context::photo_path)
        .and_then(|p| ctx.images.get(&p).map(|b| (p, b)));
    let (input_files, inputs_sha256) =
        inputs.of(job, photo.as_ref().map(|(p, b)| (p.as_str(), b.as_slice())));
    let target = options.out.join(&job.path);
    if let Some(old) = previous.get(job.path.as_str())
        && !options.keep_typst
        && old.inputs_sha256 == inputs_sha256
        && std::fs::metadata(&target).is_ok_and(|m| m.len() == old.bytes)
    {
        return Ok(((*old).clone(), false));
    }
    let items = ctx
        .schedules
        .get(&case.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let view = introduction_view(case, iro, service, items, job.date);
    let markdown = ctx.renderer.render(&job.template, &view).map_err(|d| *d)?;
    let title = format!("{}: {}", job.kind.title, case.preferred_name());
    let lang = service.service.language.as_str();
    let bytes = if job.variant == Variant::Html {
        html_page(
            &inline_images(&markdown_to_html(&markdown), photo.as_ref()),
            &title,
            lang,
            job.variant.theme(),
        )
        .into_bytes()
    } else {
        let office = service.office(&iro.office);
        let data = serde_json::json!({
            "service_name": service.service.name,
            "address_lines": office.map(|o| crate::render::context::address_lines(&o.address)),
            "phone": office.map(|o| o.phone.clone()),
            "email": iro.email,
            "date": short_date(job.date),
            "recipient_lines": recipient_lines(case, job.kind.audience, job.date),
            "reference": format!("Our ref: {}", case.id),
            "accent": service.branding.colour,
            "today": job.date.to_string(),
        });
        let images: Vec<(String, Vec<u8>)> = photo
            .iter()
            .map(|(p, b)| (p.clone(), (*b).clone()))
            .collect();
        let doc = Document {
            markdown: &markdown,
            theme: job.variant.theme(),
            title: &title,
            lang,
            layout: ctx.layout,
            data: &data,
            images: &images,
        };
        if options.keep_typst {
            let source = ctx.typesetter.typst_source(&doc);
            let typ = target.with_extension("typ");
            crate::write::write_atomic(&typ, source.as_bytes())
                .map_err(|e| write_error(&typ, &e))?;
        }
        ctx.typesetter.pdf(&doc).map_err(|e| {
            let message = e.to_string();
            // A problem in the layout is the layout's, whichever letter met it.
            let file = if message.contains("/layout.typ") {
                "templates/layouts/letter.typ".to_owned()
            } else {
                format!("templates/{}", job.template)
            };
            Diagnostic::error(format!("cannot typeset `{}`: {message}", job.path))
                .in_file(file)
                .hint("run again with --keep-typst to see the generated Typst source")
        })?
    };
    let written =
        crate::write::write_atomic(&target, &bytes).map_err(|e| write_error(&target, &e))?;
    let entry = ManifestEntry {
        path: job.path.clone(),
        kind: job.kind.name.to_owned(),
        case: case.id.clone(),
        audience: job.kind.audience,
        variant: job.variant,
        sha256: sha256_hex(&bytes),
        bytes: bytes.len() as u64,
        inputs: input_files,
        inputs_sha256,
    };
    Ok((entry, written))
}

/// A standalone HTML page must show its photo offline, from any folder: the image goes into
/// the page as a data URI.
fn inline_images(html: &str, photo: Option<&(String, &Vec<u8>)>) -> String {
    let Some((path, bytes)) = photo else {
        return html.to_owned();
    };
    let mime = if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        "image/jpeg"
    } else {
        "image/svg+xml"
    };
    let uri = format!("data:{mime};base64,{}", data_encoding::BASE64.encode(bytes));
    html.replace(&format!("src=\"{path}\""), &format!("src=\"{uri}\""))
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write `{}`: {e}", path.display()))
        .hint("check the output folder exists, is writable and the disk is not full")
}
