//! Two runs of iro at once (issue 23): a command that writes locks the folders it writes, a
//! second run waits for it or says who holds them, a killed run's lock is taken over, and
//! commands that only read never wait.
//!
//! See: issue 23. Each test starts its runs before it waits on any, so they really meet; and
//! each checks that they did meet (one of them waited), or it would prove nothing.

use std::fs;
use std::path::Path;
use std::process::{Child, Command as Process, Output, Stdio};
use std::time::{Duration, Instant};

use iro::write::lock::{Lock, OWNER_FILE, Owner};
use serde_json::Value;

use crate::build::tree;
use crate::{AS_OF, Fixture, output};

/// Long enough that a run waiting behind another never gives up on a busy machine.
const PATIENT: &str = "120";

/// `iro ARGS... --service DIR`, started and not waited on.
fn start(fx: &Fixture, args: &[&str]) -> Child {
    Process::new(env!("CARGO_BIN_EXE_iro"))
        .args(args)
        .arg("--service")
        .arg(fx.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start iro")
}

/// Waits for a run; asserts it succeeded and returns its stderr.
fn finish(child: Child, what: &str) -> String {
    let Output { status, stderr, .. } = child.wait_with_output().expect("iro ran");
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    assert!(status.success(), "{what} failed:\n{stderr}");
    stderr
}

/// Whether a run said it waited for another.
fn waited(stderr: &str) -> bool {
    stderr.contains("is in use by") && stderr.contains("waiting up to")
}

/// The record of whoever holds `dir`, once there is one written by process `pid`.
fn record_of(dir: &Path, pid: u32) -> Owner {
    let started = Instant::now();
    loop {
        let owner: Option<Owner> = fs::read(dir.join(OWNER_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        match owner {
            Some(owner) if owner.pid == pid => return owner,
            _ if started.elapsed() > Duration::from_secs(60) => {
                panic!("process {pid} never locked `{}`", dir.display())
            }
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// A build long enough to be caught holding its lock: every document of the example service.
fn start_full_build(fx: &Fixture) -> Child {
    let out = fx.file("out");
    start(
        fx,
        &[
            "build",
            "--out",
            out.to_str().expect("utf-8"),
            "--date",
            AS_OF,
            "--as-of",
            AS_OF,
        ],
    )
}

/// A parent's answers file for NM-1003's review on 9 December 2026 (mum and dad are both
/// invited); returns its path.
fn answers(fx: &Fixture, from: &str) -> String {
    let path = fx.file(&format!("{from}.json"));
    fs::write(&path, answers_json(from)).expect("write answers");
    path.to_str().expect("utf-8").to_owned()
}

/// Who answered NM-1003's review, in the order the case file lists them.
fn answered(fx: &Fixture) -> Vec<String> {
    let (case, _) = iro::load::yaml::parse(&fx.read("cases/NM-1003.yaml")).expect("valid yaml");
    case["meetings"][0]["responses"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|r| r["from"].as_str().expect("from").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Without the lock both runs read the case file before either wrote it, each added its own
/// answer to that text, and the second rename put back a file without the first answer: the
/// issue saw that in 10 of 10 tries, and these runs with the lock taken out in 20 of 20.
#[test]
fn r23_two_imports_at_once_keep_both_answers_every_time() {
    let fx = Fixture::example();
    let original = fx.read("cases/NM-1003.yaml");
    let (mum, dad) = (answers(&fx, "mum"), answers(&fx, "dad"));
    let import = |file: &str| {
        let args = ["import-responses", "--yes", "--date", "2026-11-30"];
        start(&fx, &[&args[..], &["--wait", PATIENT, file]].concat())
    };
    let mut met = 0;
    for round in 0..20 {
        fx.write("cases/NM-1003.yaml", &original);
        let (a, b) = (import(&mum), import(&dad));
        let (a, b) = (finish(a, "mum's import"), finish(b, "dad's import"));
        for stderr in [&a, &b] {
            assert!(
                stderr.contains("added 1 answer to"),
                "round {round}: {stderr}"
            );
        }
        let mut who = answered(&fx);
        who.sort();
        assert_eq!(who, ["dad", "mum"], "round {round}:\n{a}\n{b}");
        met += usize::from(waited(&a) || waited(&b));
    }
    assert!(met >= 5, "the two imports met in only {met} of 20 rounds");
}

/// Every manifest entry's sha256 and size are those of its file on disk, and every file is
/// listed.
fn assert_manifest_matches(out: &Path, when: &str) {
    let manifest: Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("a whole manifest");
    let entries = manifest["outputs"].as_array().expect("outputs");
    for entry in entries {
        let path = entry["path"].as_str().expect("path");
        let bytes = fs::read(out.join(path)).expect("a listed file is there");
        assert_eq!(
            entry["sha256"].as_str(),
            Some(iro::write::sha256_hex(&bytes).as_str()),
            "{when}: the manifest's sha256 of {path} is not its file's"
        );
        assert_eq!(entry["bytes"].as_u64(), Some(bytes.len() as u64), "{when}");
    }
    let documents = tree(out).len() - 1; // less manifest.json
    assert_eq!(documents, entries.len(), "{when}: a file is not listed");
}

/// Two builds dated a day apart make different bytes for every letter. Without the lock they
/// replaced each other's letters while each wrote its own manifest, leaving entries whose
/// sha256 was the other build's (the issue: 148 of 351; with the lock taken out, 2 of 5 pairs
/// of these smaller builds). Half the rounds are two copies of the service sharing one output
/// folder, which only the output folder's own lock keeps apart.
#[test]
fn r23_two_builds_into_one_out_leave_a_manifest_that_matches_every_file() {
    let fx = Fixture::example();
    let copy = Fixture::example();
    let out = fx.file("shared-out");
    let out_arg = out.to_str().expect("utf-8");
    let build = |fx: &Fixture, date: &str| {
        let only = ["--only", "introduction-letter", "--wait", PATIENT];
        let args = ["build", "--out", out_arg, "--date", date, "--as-of", AS_OF];
        start(fx, &[&args[..], &only[..]].concat())
    };
    for round in 0..4 {
        let (other, what) = if round % 2 == 0 {
            (&fx, "one service")
        } else {
            (&copy, "two copies")
        };
        let a = build(&fx, "2026-11-25");
        let b = build(other, "2026-11-26");
        let (a, b) = (finish(a, "the first build"), finish(b, "the second build"));
        let when = format!("round {round} ({what})");
        assert!(
            waited(&a) || waited(&b),
            "{when}: the builds did not meet:\n{a}\n{b}"
        );
        assert_manifest_matches(&out, &when);
    }
}

#[test]
fn r23_a_killed_builds_lock_is_taken_over_by_the_next_run() {
    let fx = Fixture::example();
    let mut build = start_full_build(&fx);
    let held = record_of(fx.path(), build.id());
    build.kill().expect("SIGKILL"); // what `kill -9`, or a crash, does
    build.wait().expect("killed");
    // The record stayed behind: only the next run can clear it.
    assert_eq!(record_of(fx.path(), held.pid), held);

    let only = [
        "--only",
        "introduction-letter",
        "--date",
        AS_OF,
        "--as-of",
        AS_OF,
    ];
    let stderr = crate::build::build(
        &fx,
        &fx.file("out"),
        &[&only[..], &["--wait", "0"]].concat(),
    );
    assert!(
        stderr.contains(&format!(
            "took over the lock on the service folder `{}` left by `iro build`",
            fx.path().display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("(process {})", held.pid)),
        "{stderr}"
    );
    assert!(!fx.file(OWNER_FILE).exists(), "the new run left a record");
}

#[test]
fn r23_a_second_run_says_who_holds_the_folder_and_exits_1() {
    let fx = Fixture::example();
    let mut build = start_full_build(&fx);
    let held = record_of(fx.path(), build.id());
    let mum = answers(&fx, "mum");
    let started = Instant::now();
    let (code, _, stderr) = output(&mut fx.iro(&[
        "import-responses",
        "--yes",
        "--date",
        "2026-11-30",
        "--wait",
        "1",
        &mum,
    ]));
    let still_building = build.try_wait().expect("the build").is_none();
    build.kill().expect("stop the build");
    build.wait().expect("stopped");
    assert!(
        still_building,
        "the build ended first; the test proves nothing"
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "it did not wait"
    );
    let since = held.since.with_timezone(&chrono::Local);
    assert!(!held.user.is_empty() && !held.host.is_empty(), "{held:?}");
    for want in [
        format!(
            "error: the service folder `{}` is in use by `iro build`",
            fx.path().display()
        ),
        format!(
            "run by {} on {} (process {})",
            held.user, held.host, held.pid
        ),
        format!("since {}", since.format("%Y-%m-%d %H:%M:%S")),
        "waiting up to 1 s".to_owned(),
        "waited 1 s for it".to_owned(),
        "= hint: run this again when it has finished, or wait longer with `--wait 60`".to_owned(),
    ] {
        assert!(stderr.contains(&want), "`{want}` missing:\n{stderr}");
    }
    assert!(answered(&fx).is_empty(), "the answers were written anyway");
}

/// Held from this process, as a build holds it: the runs below could only succeed by not
/// waiting for it, and the build tried alongside shows that it is really held.
#[test]
fn r23_commands_that_only_read_run_while_a_build_holds_the_lock() {
    let fx = Fixture::example();
    let _held = Lock::acquire(fx.path(), "iro build", Duration::ZERO, |_| {}).expect("free");
    let case_file = fx.read("cases/NM-1003.yaml");
    let mum = answers(&fx, "mum");
    let started = Instant::now();
    for args in [
        &["check", "--as-of", AS_OF][..],
        &["due", "--as-of", AS_OF, "--json"],
        &[
            "import-responses",
            "--dry-run",
            "--date",
            "2026-11-30",
            &mum,
        ],
        &["new", "review", "NM-1003", "--dry-run"],
    ] {
        let (code, _, stderr) = output(&mut fx.iro(args));
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stderr.contains("is in use"), "{args:?} waited: {stderr}");
    }
    // Each took its own time, not the 10 s wait: together they would have taken 40.
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(fx.read("cases/NM-1003.yaml"), case_file, "a dry run wrote");
    let out = fx.file("out");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "build",
        "--out",
        out.to_str().expect("utf-8"),
        "--as-of",
        AS_OF,
        "--wait",
        "0",
    ]));
    assert_eq!(code, 1, "a build ran while the lock was held: {stderr}");
    assert!(stderr.contains("is in use by `iro build`"), "{stderr}");
}

/// The lock keeps iro's own runs apart; someone saving the case file in an editor while iro
/// works is caught by reading it again before writing. The answers file is a named pipe, so
/// iro stops after reading the service folder, until this test has changed the case file.
#[cfg(unix)]
#[test]
fn r23_an_import_refuses_a_case_file_that_changed_since_it_was_read() {
    use std::io::Write;
    let fx = Fixture::example();
    let pipe = fx.file("mum.json");
    let made = Process::new("mkfifo").arg(&pipe).status().expect("mkfifo");
    assert!(made.success());
    let import = start(
        &fx,
        &[
            "import-responses",
            "--yes",
            "--date",
            "2026-11-30",
            pipe.to_str().expect("utf-8"),
        ],
    );
    // Opening the pipe waits for iro to open it, after it has read the case files.
    let mut writer = fs::OpenOptions::new()
        .write(true)
        .open(&pipe)
        .expect("iro opens the answers file");
    let edited = format!(
        "{}# the IRO's note, saved meanwhile\n",
        fx.read("cases/NM-1003.yaml")
    );
    fx.write("cases/NM-1003.yaml", &edited);
    writer
        .write_all(answers_json("mum").as_bytes())
        .expect("send the answers");
    drop(writer);
    let Output { status, stderr, .. } = import.wait_with_output().expect("iro ran");
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`cases/NM-1003.yaml` changed since iro read it"),
        "{stderr}"
    );
    assert_eq!(fx.read("cases/NM-1003.yaml"), edited, "the change was lost");
}

/// A parent's answers for NM-1003's review on 9 December 2026.
fn answers_json(from: &str) -> String {
    serde_json::json!({
        "iro_response": 1,
        "form": "parent",
        "case": "NM-1003",
        "review": "2026-12-09",
        "from": from,
        "answers": { "going-well": format!("{from} says school is going well") },
    })
    .to_string()
}
