//! Benchmark: Braille, audio and Word copies (issues 10 and 19). Builds the introduction
//! letters of generated children in print only, then with every child asking for Braille,
//! audio, both, and DOCX, and prints what each extra copy costs per letter, with the size of
//! each file. Needs liblouis and espeak-ng (scripts/test-deps).
//!
//! Run with `cargo bench --bench formats` (BENCH_CHILDREN=N for another size than 200).

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use iro::pipeline::{Options, build};
use iro::plan::Selection;

const CHILDREN: usize = 200;

fn main() {
    let children: usize = common::children(CHILDREN);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let dir = tempfile::tempdir().expect("temp dir");
    let service = dir.path().join("service");
    iro::example::write_generated_service(root, &service, children, 7, as_of)
        .expect("a generated service");
    let print = run(&service, &dir.path().join("print"), as_of);
    let mut results = vec![("print only", print)];
    for formats in ["[braille]", "[audio]", "[braille, audio]", "[docx]"] {
        ask_for(&service, formats);
        let out = dir.path().join(formats.replace(['[', ']', ',', ' '], ""));
        results.push((formats, run(&service, &out, as_of)));
    }
    // The same again with the recordings as MP3 (needs lame).
    let yaml = service.join("service.yaml");
    let text = std::fs::read_to_string(&yaml).expect("service.yaml");
    std::fs::write(
        &yaml,
        text.replace("audio_format: wav", "audio_format: mp3"),
    )
    .expect("write");
    ask_for(&service, "[audio]");
    results.push((
        "[audio] as mp3",
        run(&service, &dir.path().join("mp3"), as_of),
    ));
    let (_, (base_secs, letters)) = results[0];
    for (formats, (secs, documents)) in &results {
        let extra = (secs - base_secs).max(0.0) * 1e3 / letters as f64;
        println!(
            "{formats:<16} {documents:>5} documents in {secs:>6.2} s; {extra:>6.1} ms more per letter than print only"
        );
    }
    let sizes = |folder: &str, suffix: &str| {
        let files: Vec<u64> = walk(&dir.path().join(folder))
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .collect();
        files.iter().sum::<u64>() / files.len().max(1) as u64
    };
    println!(
        "mean size: BRF {} KB, WAV {} KB, MP3 {} KB, DOCX {} KB",
        sizes("brailleaudio", ".brf") / 1024,
        sizes("brailleaudio", ".wav") / 1024,
        sizes("mp3", ".mp3") / 1024,
        sizes("docx", ".docx") / 1024
    );
    println!("peak memory: {}", common::peak_memory());
}

/// Builds the letters into `out`; returns (seconds, documents made).
fn run(service: &Path, out: &Path, as_of: NaiveDate) -> (f64, usize) {
    let options = Options {
        service: service.to_owned(),
        out: out.to_owned(),
        selection: Selection {
            date: Some(as_of),
            only: Some("letters".to_owned()),
            ..Selection::default()
        },
        as_of,
        keep_typst: false,
        progress: None,
        strict: false,
        amend: Default::default(),
    };
    let started = Instant::now();
    let report =
        build(&options).unwrap_or_else(|f| panic!("build failed: {:?}", f.diagnostics.first()));
    assert!(
        report.format_warnings.is_empty(),
        "install liblouis-bin and espeak-ng: {:?}",
        report.format_warnings
    );
    (started.elapsed().as_secs_f64(), report.written)
}

/// Every child asks for these formats.
fn ask_for(service: &Path, formats: &str) {
    for path in walk(&service.join("cases")) {
        let text = std::fs::read_to_string(&path).expect("case file");
        // The child's own `formats:` is the first in the file, under `child:`.
        let (head, tail) = text.split_once("\n  formats: ").expect("child formats");
        let (_, rest) = tail.split_once('\n').expect("line end");
        std::fs::write(&path, format!("{head}\n  formats: {formats}\n{rest}")).expect("write");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}
