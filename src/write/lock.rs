//! The folder lock: one run of iro at a time writes a service folder, or an output folder.
//!
//! Without it two runs that meet lose work: two `iro import-responses` each read a case file,
//! add their answer and write the file back, and the second write drops the first answer; two
//! builds into one `out/` leave a manifest that no longer matches the files. A command that
//! writes takes a [`Lock`] on each folder it writes before it reads anything, and keeps it to
//! the end. Commands that only read never look at it. This module takes a folder and a command
//! name; it prints nothing (the caller says that it waits, or who holds the folder).
//!
//! Two files, because neither alone is enough:
//! - `.iro.lock` carries the operating system's advisory lock (`flock` on Unix, `LockFileEx`
//!   on Windows, through std's `File::try_lock`). The system drops it when the process ends,
//!   however it ends, so a killed run never leaves the folder locked. The file is never
//!   deleted: a run that had opened the deleted file and a run that made a new one could both
//!   hold "the lock".
//! - `.iro.lock.json` says who holds it (user, computer, process, command, since when). It is
//!   created only where there is none, in one step and whole
//!   ([`crate::write::create_new`]), so it still keeps two runs apart on a network drive that
//!   does not pass advisory locks between computers (NFS mounted `nolock`, SMB mounted
//!   `nobrl`). It cannot live inside `.iro.lock`: on Windows no other process may read a file
//!   locked with `LockFileEx`, so a waiting run could not say who holds it.
//!
//! A record whose run has died is taken over: at once when it was left on this computer (a
//! live run there would still hold the system lock), and when it was left on another computer,
//! only after it has gone [`Timing::stale`] without its heartbeat (a live holder rewrites it
//! every [`Timing::beat`]), because the system lock may not reach across the network.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The file that carries the system lock, in the locked folder.
pub const LOCK_FILE: &str = ".iro.lock";

/// The file that says who holds the lock, in the locked folder.
pub const OWNER_FILE: &str = ".iro.lock.json";

/// Whether a file name is one of the lock's own files, which belong to no document.
pub fn is_lock_file(name: &std::ffi::OsStr) -> bool {
    name == LOCK_FILE || name == OWNER_FILE
}

/// Who holds a folder's lock, as `.iro.lock.json` records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub user: String,
    /// The computer's name; empty when the system would not say.
    pub host: String,
    pub pid: u32,
    /// The command that holds it, like `iro build`.
    pub command: String,
    pub since: DateTime<FixedOffset>,
    /// Counts up while the holder runs: the only sign of life another computer can see.
    pub beat: u64,
}

impl Owner {
    fn me(command: &str) -> Owner {
        Owner {
            user: whoami::username().unwrap_or_else(|_| "someone".to_owned()),
            host: whoami::hostname().unwrap_or_default(),
            pid: std::process::id(),
            command: command.to_owned(),
            since: chrono::Local::now().fixed_offset(),
            beat: 0,
        }
    }

    /// Whether this record was written on this computer. A computer without a name is never
    /// taken for this one, so its record is judged by its heartbeat.
    pub fn is_here(&self) -> bool {
        !self.host.is_empty() && whoami::hostname().is_ok_and(|h| h == self.host)
    }

    fn to_json(&self) -> io::Result<Vec<u8>> {
        serde_json::to_vec_pretty(self).map_err(io::Error::other)
    }
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = if self.host.is_empty() {
            "a computer with no name"
        } else {
            &self.host
        };
        write!(
            f,
            "`{}`, run by {} on {host} (process {}) since {}",
            self.command,
            self.user,
            self.pid,
            // In the reader's time zone: the holder may be in another.
            self.since
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
        )
    }
}

/// How often a lock is tried and its heartbeat written.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Between two tries while the folder is held.
    pub poll: Duration,
    /// Between two heartbeats of the holder.
    pub beat: Duration,
    /// How long a record from another computer must stay unchanged to be taken over.
    pub stale: Duration,
}

impl Timing {
    /// Five missed heartbeats: a holder busy typesetting still gets a thread scheduled well
    /// within that, and a waiting run with the default wait of 10 s still takes over in time.
    pub const DEFAULT: Timing = Timing {
        poll: Duration::from_millis(100),
        beat: Duration::from_secs(1),
        stale: Duration::from_secs(5),
    };
}

/// Why a folder could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another run held the folder for the whole wait.
    #[error("`{}` is in use by {}{}", dir.display(), holder_words(holder.as_ref()), waited_words(*waited))]
    Busy {
        dir: PathBuf,
        /// Who holds it, when its record can be read.
        holder: Option<Owner>,
        waited: Duration,
    },
    #[error("cannot lock `{}`", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn holder_words(holder: Option<&Owner>) -> String {
    match holder {
        Some(owner) => owner.to_string(),
        None => format!("another run of iro (its `{OWNER_FILE}` does not say which)"),
    }
}

fn waited_words(waited: Duration) -> String {
    if waited.is_zero() {
        String::new()
    } else {
        let seconds = format!("{:.1}", waited.as_secs_f64());
        format!("; waited {} s for it", seconds.trim_end_matches(".0"))
    }
}

/// A folder locked by this run, until dropped.
#[must_use = "the folder is unlocked as soon as the lock is dropped"]
#[derive(Debug)]
pub struct Lock {
    owner_file: PathBuf,
    me: Owner,
    heartbeat: Option<Heartbeat>,
    took_over: Option<Owner>,
    advisory: bool,
    /// Holds the system lock. Declared last, so it is closed (and the lock let go) only after
    /// `drop` has removed the record: a run let in next never finds a record of a run that
    /// has finished.
    _system: File,
}

#[derive(Debug)]
struct Heartbeat {
    stop: mpsc::Sender<()>,
    thread: JoinHandle<()>,
}

impl Lock {
    /// Locks `dir` for `command` (like `iro build`), waiting up to `wait` while another run
    /// holds it. `on_busy` is called once, with the holder if known, when waiting begins.
    pub fn acquire(
        dir: &Path,
        command: &str,
        wait: Duration,
        on_busy: impl FnOnce(Option<&Owner>),
    ) -> Result<Lock, LockError> {
        Lock::acquire_with(dir, command, wait, Timing::DEFAULT, on_busy)
    }

    /// [`Lock::acquire`] with other timings (tests shorten them).
    pub fn acquire_with(
        dir: &Path,
        command: &str,
        wait: Duration,
        timing: Timing,
        on_busy: impl FnOnce(Option<&Owner>),
    ) -> Result<Lock, LockError> {
        let system = open_lock_file(&dir.join(LOCK_FILE))?;
        let owner_file = dir.join(OWNER_FILE);
        let me = Owner::me(command);
        let started = Instant::now();
        let mut on_busy = Some(on_busy);
        let mut watch = Watch::default();
        let mut advisory = true;
        loop {
            let locked = advisory
                && match system.try_lock() {
                    Ok(()) => true,
                    Err(TryLockError::WouldBlock) => false,
                    // The drive has no advisory locks (NFS without a lock daemon answers
                    // ENOLCK): the record alone keeps runs apart.
                    Err(TryLockError::Error(_)) => {
                        advisory = false;
                        false
                    }
                };
            let holder = if locked || !advisory {
                match claim(&owner_file, &me, locked, &mut watch, timing.stale)? {
                    Claim::Mine(file, took_over) => {
                        let heartbeat = Some(Heartbeat::start(file, me.clone(), timing.beat));
                        return Ok(Lock {
                            owner_file,
                            me,
                            heartbeat,
                            took_over,
                            advisory,
                            _system: system,
                        });
                    }
                    Claim::Held(holder) => {
                        if locked {
                            // Held by a run this computer's lock cannot see: do not keep
                            // this computer's other runs waiting on us meanwhile.
                            let _ = system.unlock();
                        }
                        holder
                    }
                }
            } else {
                read_owner(&owner_file)
            };
            let waited = started.elapsed();
            if waited >= wait {
                return Err(LockError::Busy {
                    dir: dir.to_owned(),
                    holder,
                    waited: wait,
                });
            }
            if let Some(on_busy) = on_busy.take() {
                on_busy(holder.as_ref());
            }
            std::thread::sleep(timing.poll.min(wait - waited));
        }
    }

    /// The record of a run that died holding this folder, which this run replaced.
    pub fn took_over(&self) -> Option<&Owner> {
        self.took_over.as_ref()
    }

    /// False when the folder's drive has no advisory locks, so only the record keeps two
    /// runs apart.
    pub fn advisory(&self) -> bool {
        self.advisory
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(heartbeat) = self.heartbeat.take() {
            drop(heartbeat.stop);
            let _ = heartbeat.thread.join();
        }
        // Only our own record: had another computer judged this run dead and taken over,
        // the record there now is its own.
        let ours = read_owner(&self.owner_file).is_some_and(|o| {
            (o.host.as_str(), o.pid, o.since) == (self.me.host.as_str(), self.me.pid, self.me.since)
        });
        if ours {
            let _ = fs::remove_file(&self.owner_file);
        }
    }
}

/// Opens (or makes) `.iro.lock`. Read-only when a colleague's umask left it unwritable to us:
/// taking an advisory lock needs only a handle to the file.
fn open_lock_file(path: &Path) -> Result<File, LockError> {
    let error = |source| LockError::Io {
        path: path.to_owned(),
        source,
    };
    match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
    {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && path.is_file() => {
            File::open(path).map_err(error)
        }
        result => result.map_err(error),
    }
}

/// The holder's record, if there is one that can be read.
fn read_owner(path: &Path) -> Option<Owner> {
    serde_json::from_slice(&fs::read(path).ok()?).ok()
}

enum Claim {
    /// The record is ours (its open file), replacing the record of a dead run if any.
    Mine(File, Option<Owner>),
    /// Another run's record stands.
    Held(Option<Owner>),
}

/// Makes `.iro.lock.json` ours, taking over a dead run's record. `locked`: this run holds the
/// system lock, so no live run on this computer has a record.
fn claim(
    path: &Path,
    me: &Owner,
    locked: bool,
    watch: &mut Watch,
    stale: Duration,
) -> Result<Claim, LockError> {
    let error = |source| LockError::Io {
        path: path.to_owned(),
        source,
    };
    let json = me.to_json().map_err(error)?;
    let mut took_over = None;
    // Twice at most: once, and once more after removing a dead run's record.
    for _ in 0..2 {
        match crate::write::create_new(path, &json) {
            Ok(file) => return Ok(Claim::Mine(file, took_over)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(error(e)),
        }
        let Ok(bytes) = fs::read(path) else {
            continue; // its run finished meanwhile
        };
        let left: Option<Owner> = serde_json::from_slice(&bytes).ok();
        let dead_here = locked && left.as_ref().is_some_and(Owner::is_here);
        if !dead_here && !watch.unchanged_for(&bytes, stale) {
            return Ok(Claim::Held(left));
        }
        match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(error(e)),
            _ => took_over = left,
        }
    }
    Ok(Claim::Held(read_owner(path)))
}

/// How long a record has stayed the same, byte for byte, while this run waits.
#[derive(Debug, Default)]
struct Watch {
    seen: Option<(Vec<u8>, Instant)>,
}

impl Watch {
    /// Whether `bytes` are what was seen before, unchanged for at least `stale`.
    fn unchanged_for(&mut self, bytes: &[u8], stale: Duration) -> bool {
        match &self.seen {
            Some((seen, since)) if seen == bytes => since.elapsed() >= stale,
            _ => {
                self.seen = Some((bytes.to_vec(), Instant::now()));
                stale.is_zero()
            }
        }
    }
}

impl Heartbeat {
    /// Rewrites the record every `every` with the beat counted up, until stopped.
    fn start(mut file: File, mut me: Owner, every: Duration) -> Heartbeat {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                me.beat += 1;
                // A failed beat only makes another computer take this run for dead sooner.
                let _ = rewrite_in_place(&mut file, &me);
            }
        });
        Heartbeat { stop, thread }
    }
}

/// Rewrites the record through its open file. In place, not by a temporary file renamed over
/// it: an NFS client checks an open file's attributes every time it is opened, so another
/// computer sees the new beat at once, but it may go on resolving a replaced name to the old
/// file for up to a minute. A reader that catches the file half written sees it changed,
/// which is all the beat is for.
fn rewrite_in_place(file: &mut File, me: &Owner) -> io::Result<()> {
    let json = me.to_json()?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&json)?;
    file.set_len(json.len() as u64)?;
    file.sync_data()
}

#[cfg(test)]
mod tests;
