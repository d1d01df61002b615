//! iro: the documents an Independent Reviewing Officer service needs, from YAML case files.
//!
//! Data flows one way through one module per stage:
//!
//! ```text
//! load      read the service folder; YAML -> values with source spans
//! validate  values -> typed model, with every problem as a Diagnostic; reading level scores
//! schedule  the statutory clock: every due date, from timescales and the working-day calendar
//! plan      who reads a document, in which formats, and what it is about
//! kinds     each kind of document: who receives it and when, and what each reader may see
//! render    Tera templates + an audience's view -> Markdown
//! typeset   Markdown -> Typst -> PDF in-process; Markdown -> HTML; Markdown -> blocks ->
//!           Braille (liblouis) or speech (espeak-ng), through outside programs
//! write     atomic writes, the manifest, and the lock on the folders a command writes
//! send      what went out: the archive of sent documents, the case files' dates sent, the
//!           print run and the emailed list
//! ```
//!
//! `pipeline` runs the stages in order (`pipeline::build`), and for `iro check` rehearses them
//! and renders what children read to score it; `pipeline::outbox` and `pipeline::today` list
//! what is made and not yet sent, for `iro send` and `iro today`; `import` brings answers returned on consultation forms
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

pub mod cli;
pub mod defaults;
pub mod diag;
pub mod edit;
pub mod example;
pub mod import;
pub mod kinds;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod report;
pub mod schedule;
pub mod send;
pub mod typeset;
pub mod validate;
pub mod write;
