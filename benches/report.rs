//! Benchmark: the annual report for a service of 2,500 generated children (issue 7's goal:
//! under 2 seconds), end to end as `iro report` runs it: load, check, the clock, the figures
//! for the year and the year before, the PDFs, the web page and the CSV files.
//! Run with `cargo bench --bench report`.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iro::plan::Selection;
use iro::report::Period;

const CHILDREN: usize = 2_500;
const RUNS: usize = 5;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let dir = tempfile::tempdir().expect("temp dir");
    let made = iro::example::write_generated_service(root, dir.path(), CHILDREN, 42, as_of)
        .expect("a generated service");
    println!("{made}");
    let period = Period::financial_year("2025-26").expect("a year");
    let mut times: Vec<Duration> = Vec::new();
    let mut figures_only: Vec<Duration> = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut loaded = iro::load::load_service_folder(dir.path());
        let validated = iro::validate::validate_service(&mut loaded, as_of);
        let data = validated.data.expect("generated cases are valid");
        let (prepared, _) = iro::pipeline::prepare_templates(dir.path());
        let prepared = prepared.expect("templates");
        let schedules = iro::pipeline::schedules(&data, &Selection::default());
        let counted = Instant::now();
        let figures = iro::report::figures(&data, &schedules, period);
        figures_only.push(counted.elapsed());
        let files = iro::pipeline::report::make_report(
            &data,
            &schedules,
            period,
            &prepared.renderer,
            &prepared.layouts.letter,
            Default::default(),
        )
        .expect("a report");
        for (name, bytes) in &files {
            iro::write::write_atomic(&dir.path().join("report").join(name), bytes).expect("write");
        }
        times.push(started.elapsed());
        assert!(
            figures.reviews.len() > 1_000,
            "{} reviews",
            figures.reviews.len()
        );
    }
    times.sort();
    figures_only.sort();
    println!(
        "iro report --year 2025-26 over {CHILDREN} children: median {:.0} ms, best {:.0} ms, worst {:.0} ms (the figures alone: {:.1} ms)",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
        figures_only[RUNS / 2].as_secs_f64() * 1e3,
    );
}
