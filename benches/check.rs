//! Benchmark: load and validate a service of 2,500 generated children (issue 2's goal: under
//! one second), then the reading level check of every text a child reads (issue 10). Run with
//! `cargo bench --bench check`; prints the figures.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iro::load::load_service_folder;
use iro::validate::validate_service;

const CHILDREN: usize = 2_500;
const RUNS: usize = 7;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let dir = tempfile::tempdir().expect("temp dir");
    let made = iro::example::write_generated_service(root, dir.path(), CHILDREN, 42, as_of)
        .expect("a generated service");
    println!("{made}");

    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut loaded = load_service_folder(dir.path());
        let validated = validate_service(&mut loaded, as_of);
        times.push(started.elapsed());
        let errors = validated
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count();
        assert_eq!(
            errors,
            0,
            "generated cases must be valid: {:?}",
            validated.diagnostics.first()
        );
        assert_eq!(validated.data.expect("valid").cases.len(), CHILDREN);
    }
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "load + validate {CHILDREN} cases: median {:.0} ms, best {:.0} ms, worst {:.0} ms ({:.0} us per case)",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e6 / CHILDREN as f64
    );

    // `iro check` also scores every text a child reads (issue 10): every letter and form
    // rendered for every child, then counted.
    let mut loaded = load_service_folder(dir.path());
    let data = validate_service(&mut loaded, as_of).data.expect("valid");
    let (prepared, problems) = iro::pipeline::prepare_templates(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    let renderer = &prepared.expect("templates").renderer;
    let mut times: Vec<Duration> = Vec::new();
    let mut texts = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let schedules = iro::pipeline::schedules(&data, &Default::default());
        let planned = iro::pipeline::Planned::all(&data, schedules, as_of, &Default::default());
        let (scores, problems) =
            iro::pipeline::readability::score_child_texts(&data, renderer, &planned);
        times.push(started.elapsed());
        assert!(problems.is_empty(), "{problems:?}");
        texts = scores.len();
    }
    times.sort();
    println!(
        "reading level of {texts} child texts: median {:.0} ms, best {:.0} ms, worst {:.0} ms",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
    );
    println!("peak memory: {}", common::peak_memory());
}
