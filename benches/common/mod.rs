//! What the benchmarks share. (A folder, so that cargo does not take it for a benchmark.)

// Each benchmark uses only some of these.
#![allow(dead_code)]

/// How many generated children to run with: BENCH_CHILDREN, or `default`.
pub fn children(default: usize) -> usize {
    std::env::var("BENCH_CHILDREN")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The process's peak resident memory so far (Linux), or `unknown`.
pub fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}
