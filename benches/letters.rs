//! Benchmark: introduction letters for 2,500 generated children (issue 3's goals: at most
//! 5 ms per one-page PDF on one core and 4 ms on two, end to end; peak memory under 300 MB; a
//! rebuild with no change under one second).
//!
//! Run with `cargo bench --bench letters`; set RAYON_NUM_THREADS=1 for the one-core figure.

mod common;

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use iro::pipeline::{Options, build};
use iro::plan::Selection;

/// How many children, unless BENCH_CHILDREN says otherwise.
const CHILDREN: usize = 2_500;

fn main() {
    let children: usize = common::children(CHILDREN);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let dir = tempfile::tempdir().expect("temp dir");
    let service_dir = dir.path().join("service");
    iro::example::write_generated_service(root, &service_dir, children, 7, as_of)
        .expect("a generated service");
    let options = Options {
        service: service_dir,
        out: dir.path().join("out"),
        // Introduction letters by default; BENCH_ONLY=all (or a kind) for more.
        selection: Selection {
            date: Some(as_of),
            only: match std::env::var("BENCH_ONLY").as_deref() {
                Ok("all") => None,
                Ok(kind) => Some(kind.to_owned()),
                Err(_) => Some("letters".to_owned()),
            },
            ..Selection::default()
        },
        as_of,
        keep_typst: false,
        progress: None,
        strict: false,
        amend: Default::default(),
    };
    println!("after generating the cases: {}", common::peak_memory());
    let threads = std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into());
    let started = Instant::now();
    let first =
        build(&options).unwrap_or_else(|f| panic!("build failed: {:?}", f.diagnostics.first()));
    let full = started.elapsed();
    let first_peak = common::peak_memory();
    let started = Instant::now();
    let again =
        build(&options).unwrap_or_else(|f| panic!("rebuild failed: {:?}", f.diagnostics.first()));
    let rebuild = started.elapsed();
    println!("peak after the first build: {first_peak}");
    assert_eq!(again.written, 0, "a rebuild with no change writes nothing");
    println!(
        "threads={threads}: {} letters in {:.2} s = {:.2} ms per PDF end to end (load, check, render, typeset, write)",
        first.written,
        full.as_secs_f64(),
        full.as_secs_f64() * 1e3 / first.written.max(1) as f64
    );
    println!(
        "rebuild with no change: {:.0} ms",
        rebuild.as_secs_f64() * 1e3
    );
    println!("peak memory: {}", common::peak_memory());
}
