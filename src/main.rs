//! The `iro` command: parse arguments, run, and map the outcome to an exit code
//! (0 success, 1 a failure the user must act on, 2 a usage error, from clap).

use std::process::ExitCode;

fn main() -> ExitCode {
    iro::cli::run()
}
