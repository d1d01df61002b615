//! The folder lock within one process: two opens of `.iro.lock` are two holders to the
//! system, as two runs of iro are.

use super::*;

/// Short enough that the tests take a second, not the minutes of the real timings.
const QUICK: Timing = Timing {
    poll: Duration::from_millis(10),
    beat: Duration::from_millis(20),
    stale: Duration::from_millis(200),
};

fn lock(dir: &Path, wait_ms: u64) -> Result<Lock, LockError> {
    Lock::acquire_with(
        dir,
        "iro test",
        Duration::from_millis(wait_ms),
        QUICK,
        |_| {},
    )
}

fn record(dir: &Path) -> Owner {
    read_owner(&dir.join(OWNER_FILE)).expect("a readable record")
}

/// A record as another computer, or a run that died, would leave it.
fn left_by(host: &str, pid: u32) -> Owner {
    Owner {
        user: "clerk".to_owned(),
        host: host.to_owned(),
        pid,
        command: "iro build".to_owned(),
        since: chrono::Local::now().fixed_offset(),
        beat: 0,
    }
}

fn write_record(dir: &Path, owner: &Owner) {
    fs::write(dir.join(OWNER_FILE), owner.to_json().expect("json")).expect("write record");
}

#[test]
fn a_second_run_waits_then_is_told_who_holds_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = lock(dir.path(), 0).expect("a free folder");
    assert_eq!(record(dir.path()).pid, std::process::id());
    let mut told = None;
    let started = Instant::now();
    let busy = Lock::acquire_with(
        dir.path(),
        "iro other",
        Duration::from_millis(150),
        QUICK,
        |holder| told = holder.cloned(),
    )
    .expect_err("the folder is held");
    assert!(started.elapsed() >= Duration::from_millis(150), "it waited");
    let LockError::Busy { holder, .. } = &busy else {
        panic!("not busy: {busy}");
    };
    assert_eq!(
        holder.as_ref().map(|o| o.command.as_str()),
        Some("iro test")
    );
    assert_eq!(told.map(|o| o.pid), Some(std::process::id()));
    let message = busy.to_string();
    for want in [
        "`iro test`",
        "run by ",
        &format!("(process {})", std::process::id()),
        " since 2",
        "; waited 0.",
    ] {
        assert!(message.contains(want), "`{want}` missing: {message}");
    }
    drop(first);
    assert!(!dir.path().join(OWNER_FILE).exists(), "the record is gone");
    assert!(dir.path().join(LOCK_FILE).exists(), "the lock file stays");
    let _again = lock(dir.path(), 0).expect("free again");
}

#[test]
fn a_waiting_run_gets_the_folder_when_the_holder_finishes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = lock(dir.path(), 0).expect("a free folder");
    let path = dir.path().to_owned();
    let second = std::thread::spawn(move || lock(&path, 5_000).map(|l| l.took_over().cloned()));
    std::thread::sleep(Duration::from_millis(100));
    drop(first);
    let took_over = second.join().expect("no panic").expect("got it");
    assert_eq!(
        took_over, None,
        "a finished run leaves nothing to take over"
    );
}

#[test]
fn a_record_left_on_this_computer_is_taken_over_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let me = Owner::me("iro test");
    assert!(!me.host.is_empty(), "this computer has a name");
    let dead = left_by(&me.host, 999_999);
    write_record(dir.path(), &dead);
    let lock = lock(dir.path(), 0).expect("the dead run's lock is taken over");
    assert_eq!(lock.took_over(), Some(&dead));
    assert_eq!(record(dir.path()).pid, std::process::id());
}

#[test]
fn a_record_from_another_computer_with_a_heartbeat_holds_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut remote = left_by("elsewhere", 42);
    write_record(dir.path(), &remote);
    // The other computer's run, alive: its lock does not reach here, but its beat does.
    let path = dir.path().to_owned();
    let (stop, stopped) = mpsc::channel::<()>();
    let beating = std::thread::spawn(move || {
        let mut file = OpenOptions::new()
            .write(true)
            .open(path.join(OWNER_FILE))
            .expect("the record");
        while let Err(mpsc::RecvTimeoutError::Timeout) =
            stopped.recv_timeout(Duration::from_millis(20))
        {
            remote.beat += 1;
            rewrite_in_place(&mut file, &remote).expect("beat");
        }
    });
    let busy = lock(dir.path(), 600).expect_err("a live holder on another computer");
    drop(stop);
    beating.join().expect("no panic");
    let LockError::Busy { holder, .. } = &busy else {
        panic!("not busy: {busy}");
    };
    assert_eq!(holder.as_ref().map(|o| o.host.as_str()), Some("elsewhere"));
    assert!(
        busy.to_string().contains("on elsewhere (process 42)"),
        "{busy}"
    );
}

#[test]
fn a_silent_record_from_another_computer_is_taken_over_after_a_while() {
    let dir = tempfile::tempdir().expect("temp dir");
    let remote = left_by("elsewhere", 42);
    write_record(dir.path(), &remote);
    let started = Instant::now();
    let lock = lock(dir.path(), 5_000).expect("taken over");
    assert!(started.elapsed() >= QUICK.stale, "not before it went stale");
    assert_eq!(lock.took_over(), Some(&remote));
}

#[test]
fn the_holder_beats_and_its_record_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let held = lock(dir.path(), 0).expect("a free folder");
    let first = record(dir.path());
    assert_eq!(first.command, "iro test");
    assert!(first.is_here());
    std::thread::sleep(QUICK.beat * 5);
    let later = record(dir.path());
    assert!(later.beat > first.beat, "no heartbeat: {later:?}");
    assert_eq!((later.pid, later.since), (first.pid, first.since));
    drop(held);
}

#[test]
fn a_record_replaced_by_another_computer_is_not_removed_by_the_old_holder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let held = lock(dir.path(), 0).expect("a free folder");
    // Another computer judged this run dead and took over: removed the record, made its own.
    let remote = left_by("elsewhere", 42);
    fs::remove_file(dir.path().join(OWNER_FILE)).expect("remove");
    write_record(dir.path(), &remote);
    std::thread::sleep(QUICK.beat * 3);
    drop(held);
    assert_eq!(record(dir.path()), remote);
}
