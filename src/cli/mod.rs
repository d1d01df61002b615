//! Command-line interface: clap types, and one module per subcommand.
//!
//! clap types stop here; each command converts its arguments into library calls and prints.
//! Commands return `Ok(Outcome)`; `anyhow` errors are environment failures (exit 1).

mod build;
mod check;
mod due;
mod example;
mod import;
mod import903;
mod init;
mod lock;
mod new;
mod report;
mod schema;
mod send;
mod today;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand};

use crate::diag::{self, Diagnostic};
use crate::load::Loaded;

/// iro makes the documents an Independent Reviewing Officer service needs, from YAML case files.
#[derive(Debug, Parser)]
#[command(name = "iro", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Make every document that is due, in every format its reader needs.
    Build(build::Args),
    /// Write a new service folder from the built-in defaults.
    Init(init::Args),
    /// Check the service folder: every problem at once, with file, line and a hint.
    Check(check::Args),
    /// List what is due and overdue across the service, soonest first.
    Due(due::Args),
    /// Add a new entry to a case file, prefilled from what the case already holds.
    #[command(subcommand)]
    New(new::What),
    /// Make case files from the service's SSDA903 return (header, episodes, reviews).
    #[command(name = "import-903")]
    Import903(import903::Args),
    /// Write a service folder of generated, fictional children (for trying iro at scale).
    Example(example::Args),
    /// Write the IRO annual report for a year or any period: PDF, web page and CSV files.
    Report(report::Args),
    /// Add answers returned on consultation forms to their reviews in the case files.
    ImportResponses(import::Args),
    /// The day's work in one list: what to send, to chase and to book.
    Today(today::Args),
    /// Mark documents as sent: archive them as they went, record it in the case files, and
    /// make the day's print run.
    Send(send::Args),
    /// Print the JSON Schema of a case file (or of service.yaml, a carer file, a form or an answers file).
    Schema(schema::Args),
    /// Print a shell completion script.
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
}

/// Options shared by commands that read a service folder.
#[derive(Debug, clap::Args)]
struct ServiceArgs {
    /// The service folder (holding service.yaml, cases/, carers/).
    #[arg(long, short = 's', value_name = "DIR", default_value = ".")]
    service: PathBuf,
}

/// Parses arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Init(args) => init::run(args),
        Command::Check(args) => check::run(args),
        Command::Due(args) => due::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Send(args) => send::run(args),
        Command::Today(args) => today::run(args),
        Command::ImportResponses(args) => import::run(args),
        Command::New(what) => new::run(what),
        Command::Report(args) => report::run(args),
        Command::Import903(args) => import903::run(args),
        Command::Example(args) => example::run(args),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "iro", &mut std::io::stdout());
            Ok(true)
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("caused by: {cause}");
            }
            ExitCode::from(1)
        }
    }
}

/// Today's date, for commands whose answer depends on it (`--as-of` overrides).
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// As [`report_left_out`], for a run that let go of the files it read: their text is read
/// again to show the errors with.
fn report_left_out_of(service: &std::path::Path, diagnostics: &[Diagnostic]) -> bool {
    let files = (diagnostics.iter())
        .filter(|d| d.is_error())
        .filter_map(|d| d.file.as_deref());
    report_left_out(&Loaded::texts(service, files), diagnostics)
}

/// Prints the errors of the case files a run left out (it went on without them), before
/// anything else the run says, then which files they were. Returns whether none was left out.
fn report_left_out(loaded: &Loaded, diagnostics: &[Diagnostic]) -> bool {
    let mut errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if errors.is_empty() {
        return true;
    }
    diag::sort(&mut errors);
    errors.dedup();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in &errors {
        let source = d.file.as_deref().and_then(|f| loaded.text_of(f));
        eprintln!("{}", d.render(source, color));
    }
    let mut files: Vec<&std::path::Path> =
        errors.iter().filter_map(|d| d.file.as_deref()).collect();
    files.dedup();
    let left_out: Vec<String> = (files.iter())
        .filter(|f| crate::validate::is_case_file(f))
        .map(|f| format!("`{}`", f.display()))
        .collect();
    eprintln!(
        "iro: {} in {}; left out {} ({}) and did the rest (pass --strict to do nothing while any file has an error)",
        diag::plural(errors.len(), "error"),
        diag::plural(files.len(), "file"),
        diag::plural(left_out.len(), "case file"),
        left_out.join(", ")
    );
    false
}

/// Prints diagnostics to stderr with snippets, then a one-line summary. Returns whether there
/// were no errors.
fn report(loaded: &Loaded, diagnostics: &mut Vec<Diagnostic>, what: &str) -> bool {
    diag::sort(diagnostics);
    // The same template error is met once per document that uses the template.
    diagnostics.dedup();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diagnostics.iter() {
        let source = d.file.as_deref().and_then(|f| loaded.text_of(f));
        eprintln!("{}", d.render(source, color));
    }
    let (errors, warnings) = diag::tally(diagnostics);
    if errors > 0 {
        eprintln!(
            "iro: {} and {} in {what}",
            diag::plural(errors, "error"),
            diag::plural(warnings, "warning")
        );
    } else if warnings > 0 {
        eprintln!(
            "iro: {what} is valid, with {}",
            diag::plural(warnings, "warning")
        );
    }
    errors == 0
}
