//! `iro init DIR`: write a new, working service folder from the defaults built into iro.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::lock::{Folder, LockArgs, lock_folders};
use crate::defaults::FILES;
use crate::write::lock::is_lock_file;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create. It must not exist, or be empty.
    dir: PathBuf,
    #[command(flatten)]
    lock: LockArgs,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let dir = &args.dir;
    refuse_if_not_empty(dir)?;
    let folder = Folder {
        name: "the new service folder",
        path: dir,
        make: true,
        read_only_ok: false,
    };
    let Some(_held) = lock_folders(&[folder], "iro init", &args.lock)? else {
        return Ok(false);
    };
    // Again, now that it is locked: another `iro init` may have filled it meanwhile.
    refuse_if_not_empty(dir)?;
    for (path, text) in FILES.iter() {
        let target = dir.join(path);
        crate::write::write_atomic(&target, text)
            .with_context(|| format!("failed to write `{}`", target.display()))?;
    }
    eprintln!(
        "iro: wrote a new service folder in `{}`: edit service.yaml, add one file per child to cases/, then run `iro check --service {}`",
        dir.display(),
        dir.display()
    );
    Ok(true)
}

/// A folder that holds anything but a lock is never written into.
fn refuse_if_not_empty(dir: &Path) -> anyhow::Result<()> {
    let used = dir.exists()
        && dir.read_dir().map_or(true, |mut entries| {
            entries.any(|e| e.map_or(true, |e| !is_lock_file(&e.file_name())))
        });
    if used {
        bail!(
            "`{}` already exists and is not empty; choose a new folder",
            dir.display()
        );
    }
    Ok(())
}
