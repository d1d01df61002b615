//! The build's last stage: each document made (or found unchanged) and written, the public
//! site with them, and the manifest, so that the manifest on disk always describes the files.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::document::{self, make};
use super::site::{self, SiteFile};
use super::{EVICT_EVERY, Failure, JobContext, Options, Ready, Report, failure, in_parallel};
use crate::diag::Diagnostic;
use crate::plan::Job;
use crate::write::{Manifest, ManifestEntry};

/// Makes and writes every job's document and the site, then the manifest, over `previous`
/// (the manifest on disk when the build began).
pub(super) fn write_documents(
    options: &Options,
    ctx: &JobContext,
    ready: &Ready,
    jobs: &[Job],
    previous: Manifest,
    mut report: Report,
) -> Result<Report, Box<Failure>> {
    let previous_by_path: HashMap<&str, &ManifestEntry> = previous
        .outputs
        .iter()
        .map(|e| (e.path.as_str(), e))
        .collect();
    // Work out first what each document is made from and whether it changed, and make the
    // site in memory, so that the manifest on disk can stop listing every file this build may
    // replace before any is replaced: a build killed half way leaves a manifest whose every
    // entry still describes its file.
    let staged: Vec<Result<document::Staged, Diagnostic>> = jobs
        .par_iter()
        .map(|job| document::stage(job, ctx, &ready.inputs, &previous_by_path, options))
        .collect();
    let mut errors = Vec::new();
    let site_files = make_site(options, ctx, ready, &mut errors);
    report.planned += site_files.len();
    forget_what_will_be_replaced(options, &previous, jobs, &staged, &site_files)?;
    crate::write::sweep_temp_files(&options.out);
    let results = make_all(options, ctx, jobs, &staged);
    // A child left out for errors in their file keeps the documents made for them before.
    let covered = |e: &ManifestEntry| {
        let kind = crate::kinds::document_kind(&e.kind);
        options.selection.covers(kind, &e.case) && !ready.left_out.contains(&e.case)
    };
    let mut manifest = previous.retained(|e| !covered(e));
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
    report.removed = remove_stale(options, &previous, &manifest, &covered);
    // Written even when documents failed, so that it lists what is on disk; its own failure is
    // reported with theirs.
    if let Err(e) = manifest.write(&options.out) {
        errors.push(document::write_error(
            &options.out.join("manifest.json"),
            &e,
        ));
    }
    if !errors.is_empty() {
        return Err(failure(errors));
    }
    Ok(report)
}

/// The public site, made in memory when the selection wants it.
fn make_site(
    options: &Options,
    ctx: &JobContext,
    ready: &Ready,
    errors: &mut Vec<Diagnostic>,
) -> Vec<SiteFile> {
    if !crate::kinds::wants_site(&options.selection) {
        return Vec::new();
    }
    let prepared = &ready.prepared;
    let site = prepared.site();
    site::make_site(&ready.data.service, &site, &ctx.typesetter).unwrap_or_else(|problems| {
        errors.extend(problems);
        Vec::new()
    })
}

/// Takes out of the manifest on disk every file this build will replace, before any is.
fn forget_what_will_be_replaced(
    options: &Options,
    previous: &Manifest,
    jobs: &[Job],
    staged: &[Result<document::Staged, Diagnostic>],
    site_files: &[SiteFile],
) -> Result<(), Box<Failure>> {
    let changed_site = site_files
        .iter()
        .filter(|f| std::fs::read(options.out.join(&f.path)).ok().as_deref() != Some(&f.bytes[..]));
    let replaced: HashSet<&str> = jobs
        .iter()
        .zip(staged)
        .filter(|(_, s)| s.as_ref().is_ok_and(|s| s.unchanged.is_none()))
        .map(|(job, _)| job.path.as_str())
        .chain(changed_site.map(|f| f.path.as_str()))
        .collect();
    if replaced.is_empty() || !options.out.join("manifest.json").is_file() {
        return Ok(());
    }
    previous
        .retained(|e| !replaced.contains(e.path.as_str()))
        .write(&options.out)
        .map_err(|e| {
            failure(vec![
                Diagnostic::error(format!("cannot write `manifest.json`: {e}"))
                    .in_file(options.out.join("manifest.json"))
                    .hint("check the output folder exists, is writable and the disk is not full"),
            ])
        })
        .map(|_| ())
}

/// Makes every staged document on worker threads, reporting progress.
fn make_all(
    options: &Options,
    ctx: &JobContext,
    jobs: &[Job],
    staged: &[Result<document::Staged, Diagnostic>],
) -> Vec<Result<document::Made, Diagnostic>> {
    let total = jobs.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let work: Vec<(&Job, &Result<document::Staged, Diagnostic>)> =
        jobs.iter().zip(staged).collect();
    in_parallel(&work, |(job, staged)| {
        let result = match staged {
            Ok(staged) => make(job, staged, ctx, options),
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
    })
}

/// Removes the files of an earlier plan that this build no longer makes (a pack for a review
/// that moved, a record's copies once sent), so that the output folder holds exactly what the
/// manifest lists; then any folder left empty. Sent documents are in the archive already.
/// Returns how many files went.
fn remove_stale(
    options: &Options,
    previous: &Manifest,
    manifest: &Manifest,
    covered: &dyn Fn(&ManifestEntry) -> bool,
) -> usize {
    let kept: HashSet<&str> = manifest.outputs.iter().map(|e| e.path.as_str()).collect();
    let mut removed = 0;
    for entry in previous.outputs.iter().filter(|e| covered(e)) {
        if kept.contains(entry.path.as_str()) {
            continue;
        }
        if crate::write::remove_output(&options.out, &entry.path) {
            removed += 1;
        }
    }
    removed
}
