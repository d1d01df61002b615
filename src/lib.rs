//! iro: the documents an Independent Reviewing Officer service needs, from YAML case files.
//!
//! Data flows one way through one module per stage:
//!
//! ```text
//! load      read the service folder; YAML -> values with source spans
//! validate  values -> typed model, with every problem as a Diagnostic; reading level scores
//! schedule  the statutory clock: every due date, from timescales and the working-day calendar
//! plan      which documents are due, for whom, in which formats
//! render    Tera templates + an audience's view -> Markdown
//! typeset   Markdown -> Typst -> PDF in-process; Markdown -> HTML; Markdown -> blocks ->
//!           Braille (liblouis) or speech (espeak-ng), through outside programs
//! write     atomic writes, the manifest, and the lock on the folders a command writes
//! ```
//!
//! `build` runs the stages in order (and `build::readability` renders what children read for
//! `iro check` to score); `import` brings answers returned on consultation forms
//! back into the case files. `model` holds the domain types; `diag` the diagnostics
//! every stage reports in; `cli` the `iro` command.

// A `Diagnostic` is large, but it is made only on the error path, where its size costs
// nothing measurable; boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

/// Typesetting allocates and frees many small objects across threads: with mimalloc a batch
/// of letters took about 7% less time on one core, and less peak memory, than with the system
/// allocator (`cargo bench --bench letters`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod build;
pub mod cli;
pub mod defaults;
pub mod diag;
pub mod edit;
pub mod example;
pub mod import;
pub mod load;
pub mod model;
pub mod plan;
pub mod render;
pub mod report;
pub mod schedule;
pub mod typeset;
pub mod validate;
pub mod write;
