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
    /// The new service's name, for example `Holme Valley Independent Reviewing Service`:
    /// written into service.yaml, from which every letter and page takes it.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The local authority, for example `Holme Valley Council`.
    #[arg(long, value_name = "NAME")]
    authority: Option<String>,
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
        let text = if *path == "service.yaml" {
            named(text, &args).into()
        } else {
            std::borrow::Cow::Borrowed(*text)
        };
        crate::write::write_atomic(&target, &text)
            .with_context(|| format!("failed to write `{}`", target.display()))?;
    }
    eprintln!(
        "iro: wrote a new service folder in `{}`: edit service.yaml, add one file per child to cases/, then run `iro check --service {}`",
        dir.display(),
        dir.display()
    );
    Ok(true)
}

/// The built-in service.yaml with the new service's name and authority in its `service:`
/// block, as YAML single-quoted strings (so any name is written as it is), the rest and its
/// comments as they are.
fn named(text: &[u8], args: &Args) -> Vec<u8> {
    let text = String::from_utf8_lossy(text);
    let mut out = String::with_capacity(text.len());
    let mut in_service = false;
    for line in text.split_inclusive('\n') {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            in_service = line.starts_with("service:");
        }
        let value = |key: &str, new: &Option<String>| {
            (in_service && line.starts_with(&format!("  {key}: ")))
                .then_some(new.as_ref())
                .flatten()
                .map(|v| format!("  {key}: '{}'\n", v.replace('\'', "''")))
        };
        match value("name", &args.name).or_else(|| value("authority", &args.authority)) {
            Some(replaced) => out.push_str(&replaced),
            None => out.push_str(line),
        }
    }
    out.into_bytes()
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
