//! `iro init DIR`: write a new, working service folder from the defaults built into iro.

use std::path::PathBuf;

use anyhow::{Context as _, bail};

use crate::defaults::FILES;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create. It must not exist, or be empty.
    dir: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let dir = &args.dir;
    if dir.exists()
        && dir
            .read_dir()
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "`{}` already exists and is not empty; choose a new folder",
            dir.display()
        );
    }
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
