//! `--wait` and the folder locks of the commands that write ([`crate::write::lock`]): take
//! them before reading anything, say when iro waits or takes over a dead run's lock, and say
//! who holds a folder when the wait runs out. Commands that only read never come here.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};

use crate::diag::Diagnostic;
use crate::write::lock::{Lock, LockError, OWNER_FILE, Owner, Timing};

/// `--wait SECONDS`, for every command that writes.
#[derive(Debug, Clone, clap::Args)]
pub struct LockArgs {
    /// How long to wait, in seconds, while another run of iro writes the same folder, before
    /// giving up.
    #[arg(long, value_name = "SECONDS", env = "IRO_WAIT", default_value_t = 10)]
    wait: u64,
}

/// A folder a command writes.
pub struct Folder<'a> {
    /// What it is, in messages: "the service folder".
    pub name: &'static str,
    pub path: &'a Path,
    /// Made when missing (an output folder). A missing service folder is not locked: the
    /// command says it is missing in its own words.
    pub make: bool,
    /// Build only reads the service folder: on a read-only share it cannot be locked, and
    /// nobody can change it there either.
    pub read_only_ok: bool,
}

/// The locks a command holds until it ends.
#[must_use = "the folders are unlocked as soon as this is dropped"]
pub struct Held {
    _locks: Vec<Lock>,
}

/// Locks each folder in turn (the same folder once), for `command`. `None` when another run
/// held one past the wait: that has been said, and the command should exit 1.
pub fn lock_folders(
    folders: &[Folder],
    command: &str,
    args: &LockArgs,
) -> anyhow::Result<Option<Held>> {
    let wait = Duration::from_secs(args.wait);
    let mut locks = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for folder in folders {
        if folder.make {
            std::fs::create_dir_all(folder.path).with_context(|| {
                format!("cannot write {} `{}`", folder.name, folder.path.display())
            })?;
        } else if !folder.path.is_dir() {
            continue;
        }
        let same = std::fs::canonicalize(folder.path)
            .with_context(|| format!("cannot find {} `{}`", folder.name, folder.path.display()))?;
        if seen.contains(&same) {
            continue;
        }
        seen.push(same);
        // Named in full in messages: "`.` is in use" says little to a colleague.
        let dir = std::path::absolute(folder.path)?;
        let on_busy = |holder: Option<&Owner>| {
            let who = holder.map_or_else(|| "another run of iro".to_owned(), Owner::to_string);
            eprintln!(
                "iro: {} `{}` is in use by {who}; waiting up to {} s",
                folder.name,
                dir.display(),
                args.wait
            );
        };
        match Lock::acquire(&dir, command, wait, on_busy) {
            Ok(lock) => {
                say_how_it_was_taken(folder.name, &dir, &lock);
                locks.push(lock);
            }
            Err(busy @ LockError::Busy { .. }) => {
                print_busy(folder.name, &busy, args.wait);
                return Ok(None);
            }
            Err(LockError::Io { source, .. })
                if folder.read_only_ok
                    && matches!(
                        source.kind(),
                        std::io::ErrorKind::ReadOnlyFilesystem
                            | std::io::ErrorKind::PermissionDenied
                    ) =>
            {
                eprintln!(
                    "iro: note: {} `{}` is read-only, so it is not locked; no one can change it while iro reads it either",
                    folder.name,
                    dir.display()
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Some(Held { _locks: locks }))
}

fn say_how_it_was_taken(name: &str, dir: &Path, lock: &Lock) {
    if let Some(dead) = lock.took_over() {
        eprintln!(
            "iro: took over the lock on {name} `{}` left by {dead}, which did not finish",
            dir.display()
        );
    }
    if !lock.advisory() {
        eprintln!(
            "iro: note: the drive holding {name} `{}` has no file locks; `{OWNER_FILE}` alone keeps two runs apart there (see the README)",
            dir.display()
        );
    }
}

/// Who holds the folder, and what to do, as iro prints every error.
fn print_busy(name: &str, busy: &LockError, wait: u64) {
    let LockError::Busy { holder, .. } = busy else {
        return;
    };
    let mut hint = format!(
        "run this again when it has finished, or wait longer with `--wait {}`; `iro check` and `iro due` work meanwhile",
        (wait * 6).max(60)
    );
    if holder.as_ref().is_some_and(|h| !h.is_here()) {
        hint.push_str(&format!(
            ". If that run has stopped, iro takes over its lock once it has had no heartbeat for {} s",
            Timing::DEFAULT.stale.as_secs()
        ));
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let d = Diagnostic::error(format!("{name} {busy}")).hint(hint);
    eprint!("{}", d.render(None, color));
}

/// Refuses to write `rel` (relative to `service`) when it no longer holds `before`, the text
/// an edit was worked out from: writing would drop whatever changed it.
pub fn ensure_unchanged(
    service: &Path,
    rel: &Path,
    before: &str,
    command: &str,
) -> anyhow::Result<()> {
    let unchanged = crate::write::unchanged_since(&service.join(rel), before.as_bytes())
        .with_context(|| format!("cannot read `{}` again", rel.display()))?;
    if !unchanged {
        bail!(
            "`{}` changed since iro read it (saved by someone, or by a run of iro the lock did not stop); nothing was written: run `{command}` again to work from the new file",
            rel.display()
        );
    }
    Ok(())
}
