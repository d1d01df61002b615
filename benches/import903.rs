//! Benchmark: a service of 2,500 children from its SSDA903 return (issue 8's goals: import
//! under 2 s; a full build at least 250 one-page PDFs a second on two cores; peak memory under
//! 500 MB). Imports the return into an empty folder, then again over the service's own case
//! files (as a service re-imports each year), checks it, and builds every document.
//! Run with `cargo bench --bench import903`.

mod common;

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use iro::pipeline::{Options, build};
use iro::plan::Selection;

const CHILDREN: usize = 2_500;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let dir = tempfile::tempdir().expect("temp dir");
    let service = dir.path().join("service");
    let made = iro::example::write_generated_service(root, &service, CHILDREN, 42, as_of)
        .expect("a generated service");
    let text = std::fs::read_to_string(root.join("service.yaml")).expect("service.yaml");
    let value = iro::load::yaml::parse_value(&text).expect("service.yaml parses");
    let model: iro::model::Service = serde_json::from_value(value).expect("valid");
    let cases = iro::example::generate_cases(&model, CHILDREN, 42, as_of);
    let (header, episodes, reviews) = iro::example::ssda903_tables(&cases);
    println!(
        "{made}; the return: {:.1} MB",
        (header.len() + episodes.len() + reviews.len()) as f64 / 1e6
    );

    let started = Instant::now();
    let imported = iro::import::ssda903::import(&header, &episodes, &reviews, as_of.into());
    let fresh = dir.path().join("fresh/cases");
    iro::import::write_imported(&imported.cases, &fresh).expect("written");
    let import_time = started.elapsed();
    assert!(
        imported.rejected.is_empty(),
        "{:?}",
        imported.rejected.first()
    );
    assert_eq!(imported.cases.len(), CHILDREN);
    println!(
        "import-903 into an empty folder: {} children, {} episodes, {} reviews in {:.0} ms",
        imported.cases.len(),
        imported.episodes,
        imported.reviews,
        import_time.as_secs_f64() * 1e3
    );

    let started = Instant::now();
    let written =
        iro::import::write_imported(&imported.cases, &service.join("cases")).expect("merged");
    println!(
        "import-903 again over the service's own case files: {} merged ({} written anew) in {:.0} ms",
        written.updated,
        written.rewritten.len(),
        started.elapsed().as_secs_f64() * 1e3
    );

    let started = Instant::now();
    let mut loaded = iro::load::load_service_folder(&service);
    let validated = iro::validate::validate_service(&mut loaded, as_of);
    let errors = validated
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .count();
    assert_eq!(
        errors,
        0,
        "{:?}",
        validated.diagnostics.iter().find(|d| d.is_error())
    );
    println!("check: {:.0} ms", started.elapsed().as_secs_f64() * 1e3);
    drop(validated);
    drop(loaded);

    let out = dir.path().join("out");
    let options = Options {
        service: service.clone(),
        out: out.clone(),
        selection: Selection {
            date: Some(as_of),
            ..Selection::default()
        },
        as_of,
        keep_typst: false,
        progress: None,
        strict: false,
        amend: Default::default(),
    };
    let started = Instant::now();
    let report = build(&options).map_err(|f| f.diagnostics).expect("a build");
    let seconds = started.elapsed().as_secs_f64();
    let pages = count_pages(&out);
    println!(
        "full build: {} documents, {pages} PDF pages in {seconds:.1} s = {:.0} documents/s, {:.0} pages/s",
        report.planned,
        report.planned as f64 / seconds,
        pages as f64 / seconds,
    );
    println!("peak memory: {}", common::peak_memory());
}

/// Pages in every PDF under `dir` (each page object is `/Type/Page`).
fn count_pages(dir: &Path) -> usize {
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "pdf") {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            pages += bytes
                .windows(11)
                .filter(|w| w.starts_with(b"/Type/Page") && w[10] != b's')
                .count();
        }
    }
    pages
}
