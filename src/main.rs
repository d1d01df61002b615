//! The `iro` command: parse arguments, run, and map the outcome to an exit code
//! (0 success, 1 a failure the user must act on, 2 a usage error, from clap).

use std::process::ExitCode;

fn main() -> ExitCode {
    reset_sigpipe();
    iro::cli::run()
}

/// Rust ignores SIGPIPE, so printing to a closed pipe (`iro due | head`) is an error, which
/// `println!` turns into a panic. A command-line tool should stop quietly instead, as `cat`
/// and ripgrep do: the reader has read all they wanted.
fn reset_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default, before any other thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
