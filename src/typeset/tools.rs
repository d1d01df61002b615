//! The programs Braille and audio are made with: liblouis's `lou_translate` and `espeak-ng`.
//!
//! They are run as programs rather than linked, so that iro builds and makes every other
//! format on a machine without them; a missing one is found once, before a build starts,
//! and reported with the package that provides it. Text goes in on standard input and the
//! result comes back on standard output: nothing is written to disk and nothing from the
//! data is ever passed as an argument.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// An outside program one format needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tool {
    /// The program's name on `PATH`.
    pub program: &'static str,
    /// What it makes, in words (`Braille`, `audio`).
    pub makes: &'static str,
    /// The Debian package it comes in.
    pub package: &'static str,
    /// Arguments for a quick run that proves it works (a table or voice may be missing).
    probe: &'static [&'static str],
    /// What the quick run reads.
    probe_input: &'static [u8],
}

/// The Unified English Braille grade 2 table, from Debian's `liblouis-data`.
pub const UEB_TABLE: &str = "en-ueb-g2.ctb";

/// The British English voice of espeak-ng.
pub const VOICE: &str = "en-gb";

pub const LIBLOUIS: Tool = Tool {
    program: "lou_translate",
    makes: "Braille",
    package: "liblouis-bin",
    probe: &["--forward", UEB_TABLE],
    probe_input: b"a\n",
};

pub const ESPEAK: Tool = Tool {
    program: "espeak-ng",
    makes: "audio",
    package: "espeak-ng",
    probe: &["-v", VOICE, "--stdin", "--stdout"],
    probe_input: b"a\n",
};

pub const LAME: Tool = Tool {
    program: "lame",
    makes: "MP3 audio",
    package: "lame",
    probe: &["--version"],
    probe_input: b"",
};

/// How long one document may take in an outside program before it is stopped.
const TIME_LIMIT: Duration = Duration::from_secs(120);

impl Tool {
    /// The program on `PATH`, if it is there and works.
    pub fn find(&self) -> Option<PathBuf> {
        let path = find_on_path(self.program)?;
        run(&path, self.probe, self.probe_input).ok().map(|_| path)
    }

    /// What to tell a user who has asked for this tool's format without it.
    pub fn missing_hint(&self) -> String {
        format!(
            "install it with `sudo apt install {}` (Debian and Ubuntu); every other format is made as usual",
            self.package
        )
    }
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Why an outside program could not make what was asked of it.
#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("cannot start `{program}`: {source}")]
    Start {
        program: String,
        source: std::io::Error,
    },
    #[error("cannot talk to `{program}`")]
    Pipes { program: String },
    #[error("`{program}` took longer than {seconds} s and was stopped")]
    TimedOut { program: String, seconds: u64 },
    #[error("cannot wait for `{program}`: {source}")]
    Wait {
        program: String,
        source: std::io::Error,
    },
    #[error("cannot send text to `{program}`: {source}")]
    Send {
        program: String,
        source: std::io::Error,
    },
    #[error("cannot read `{program}`'s output: {source}")]
    Read {
        program: String,
        source: std::io::Error,
    },
    #[error("`{program}` failed ({status}): {said}")]
    Failed {
        program: String,
        status: std::process::ExitStatus,
        /// What it wrote to standard error.
        said: String,
    },
    /// It ran, but what it made is not what iro expects (a WAV without its header, say).
    #[error("`{program}` made {problem}")]
    BadOutput { program: String, problem: String },
}

/// Runs a program with `input` on standard input and returns its standard output. Fails with
/// its standard error when it exits unsuccessfully, and stops it after [`TIME_LIMIT`].
pub fn run(program: &Path, args: &[&str], input: &[u8]) -> Result<Vec<u8>, ToolError> {
    let name = || program.display().to_string();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| ToolError::Start {
            program: name(),
            source,
        })?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(ToolError::Pipes { program: name() });
    };
    // Each stream on its own thread, so a program that writes before it has read all its
    // input never waits on us while we wait on it.
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).map(|_| bytes)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ToolError::TimedOut {
                    program: name(),
                    seconds: TIME_LIMIT.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(source) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ToolError::Wait {
                    program: name(),
                    source,
                });
            }
        }
    };
    let lost = |what: &str| ToolError::Read {
        program: name(),
        source: std::io::Error::other(format!("the {what} thread stopped")),
    };
    let written = writer.join().map_err(|_| lost("input"))?;
    let stdout = out
        .join()
        .map_err(|_| lost("output"))?
        .map_err(|source| ToolError::Read {
            program: name(),
            source,
        })?;
    let stderr = err.join().ok().and_then(Result::ok).unwrap_or_default();
    if !status.success() {
        return Err(ToolError::Failed {
            program: name(),
            status,
            said: String::from_utf8_lossy(&stderr).trim().to_owned(),
        });
    }
    // A program that succeeded without reading all its input (`--version`) closed the pipe
    // early; that is no failure.
    match written {
        Err(source) if source.kind() != std::io::ErrorKind::BrokenPipe => Err(ToolError::Send {
            program: name(),
            source,
        }),
        _ => Ok(stdout),
    }
}

/// The outside programs found on this machine, looked for once per run.
#[derive(Debug, Clone, Default)]
pub struct Tools {
    pub liblouis: Option<PathBuf>,
    pub espeak: Option<PathBuf>,
    /// Only looked for when the service makes MP3 audio.
    pub lame: Option<PathBuf>,
    /// The found programs' versions, one line each: part of what a Braille or audio copy is
    /// made from, so a new liblouis makes the copies again.
    pub versions: String,
}

impl Tools {
    /// Where this machine has `tool`, if it does.
    pub fn path_of(&self, tool: &Tool) -> Option<&Path> {
        let found = match tool.program {
            p if p == LIBLOUIS.program => &self.liblouis,
            p if p == ESPEAK.program => &self.espeak,
            p if p == LAME.program => &self.lame,
            _ => &None,
        };
        found.as_deref()
    }

    /// Looks for every tool; for `lame` only when `mp3` is asked for.
    pub fn find(mp3: bool) -> Tools {
        let mut tools = Tools {
            liblouis: LIBLOUIS.find(),
            espeak: ESPEAK.find(),
            lame: if mp3 { LAME.find() } else { None },
            versions: String::new(),
        };
        for program in [&tools.liblouis, &tools.espeak, &tools.lame]
            .into_iter()
            .flatten()
        {
            let said = run(program, &["--version"], b"").unwrap_or_default();
            let said = String::from_utf8_lossy(&said);
            tools
                .versions
                .push_str(said.lines().next().unwrap_or_default());
            tools.versions.push('\n');
        }
        tools
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn input_goes_in_and_output_comes_back_whatever_its_size() {
        let text = "line\n".repeat(200_000);
        let out = run(Path::new("/bin/sh"), &["-c", "cat"], text.as_bytes()).expect("cat");
        assert_eq!(out, text.as_bytes());
    }

    /// A program that succeeds without reading its input (as `lame --version` does) closes
    /// the pipe before iro has written: a success, however the race falls.
    #[test]
    fn a_program_that_ignores_its_input_still_succeeds() {
        let input = vec![b'a'; 1 << 20];
        for _ in 0..20 {
            let out = run(Path::new("/bin/sh"), &["-c", "echo ok"], &input).expect("success");
            assert_eq!(out, b"ok\n");
        }
    }

    #[test]
    fn a_failure_says_what_the_program_said() {
        let e = run(
            Path::new("/bin/sh"),
            &["-c", "echo bad table >&2; exit 3"],
            b"",
        )
        .expect_err("a failure");
        assert!(
            matches!(&e, ToolError::Failed { said, .. } if said == "bad table"),
            "{e}"
        );
        assert!(e.to_string().contains("bad table"), "{e}");
        assert!(run(Path::new("/no/such/program"), &[], b"").is_err());
    }
}
