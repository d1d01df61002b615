//! Integration tests: the real `iro` binary on copies of the example service.
//!
//! Each module is one feature. [`Fixture`] copies the repository's example service (or a part
//! of it) into a temporary folder, so a test can break a file and see what `iro` says.

mod bilingual;
mod build;
mod check;
mod docx;
mod due;
mod errors;
mod faults;
mod fillable;
mod formats;
mod history;
mod hostile;
mod import903;
mod journey;
mod layout;
mod leaks;
mod locking;
mod mistakes;
mod moved;
mod packs;
mod partial;
mod pictures;
mod postal;
mod properties;
mod readability;
mod records;
mod rehearsal;
mod report;
mod rtl;
mod scripts;
mod send;
mod site;
mod snapshots;
mod welsh;
mod welsh_forms;
mod wording;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A temporary copy of the example service folder.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// Copies service.yaml, cases/ and carers/ from the repository root.
    pub fn example() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for name in [
            "service.yaml",
            "cases",
            "carers",
            "templates",
            "forms",
            "content",
            "images",
        ] {
            copy(&root.join(name), &dir.path().join(name));
        }
        Fixture { dir }
    }

    /// The example service as if iro had sent nothing yet and the case files said nothing
    /// was sent: every introduction letter and record is still to send, so a build makes them
    /// all (the example's own files record them as sent, which makes them history).
    pub fn example_unsent() -> Fixture {
        let fixture = Fixture::example();
        for folder in ["cases", "carers"] {
            for entry in std::fs::read_dir(fixture.path().join(folder)).expect("folder") {
                let path = entry.expect("entry").path();
                let text = std::fs::read_to_string(&path).expect("read");
                let kept: String = text
                    .lines()
                    .filter(|l| {
                        let key = l.trim_start();
                        ![
                            "introduced:",
                            "record_sent:",
                            "decisions_sent:",
                            "packs_sent:",
                        ]
                        .iter()
                        .any(|k| key.starts_with(k))
                    })
                    .map(|l| format!("{l}\n"))
                    .collect();
                std::fs::write(&path, kept).expect("write");
            }
        }
        fixture
    }

    /// An empty folder, for a test to write its own service into.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.file(rel)).expect("fixture file")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.file(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write fixture file");
    }

    /// Replaces the first occurrence of `from` in a file; panics if absent so a test never
    /// silently checks an unchanged file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "`{from}` not found in {rel}");
        self.write(rel, text.replacen(from, to, 1));
    }

    /// `iro ARGS... --service DIR`.
    pub fn iro(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("iro").expect("iro binary");
        cmd.args(args).arg("--service").arg(self.path());
        cmd.env("NO_COLOR", "1");
        cmd
    }
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).expect("mkdir");
        for entry in fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else if from.is_file() {
        fs::copy(from, to).expect("copy");
    }
}

/// The date the example service is checked as of in tests, so results do not change with
/// the calendar.
pub const AS_OF: &str = "2026-11-25";

/// Runs a command and returns (exit code, stdout, stderr).
/// A Python 3 that can import `module`: Debian's own first, where apt installs `package`
/// (scripts/test-deps does). A missing one fails the test, which must not pass by skipping.
pub fn python_with(module: &str, package: &str) -> &'static str {
    ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|python| {
            std::process::Command::new(python)
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .unwrap_or_else(|| {
            panic!("{module} is not installed: run scripts/test-deps (apt-get install {package})")
        })
}

pub fn output(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run iro");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
