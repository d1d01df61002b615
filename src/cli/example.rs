//! `iro example --children N DIR`: a service folder of generated, fictional children, for
//! trying iro at the scale of a real authority, with its SSDA903 tables if asked.

use std::path::PathBuf;

use anyhow::Context;

use super::lock::{Folder, LockArgs, lock_folders};
use super::today;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write (a new service folder).
    dir: PathBuf,
    /// How many children.
    #[arg(long, default_value_t = 2_500)]
    children: usize,
    /// Another seed gives other children.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The day the service is made for (YYYY-MM-DD; today by default): its children's
    /// meetings, ages and reviews are dated from it, so the same command and date make the
    /// same service on any day, and `--as-of` that day finds it as it was made.
    #[arg(long, value_name = "DATE")]
    date: Option<chrono::NaiveDate>,
    /// Also write the SSDA903 tables of these children to DIR/903/, for `iro import-903`.
    #[arg(long = "with-903")]
    with_903: bool,
    #[command(flatten)]
    lock: LockArgs,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let folder = Folder {
        name: "the new service folder",
        path: &args.dir,
        make: true,
        read_only_ok: false,
    };
    let Some(_held) = lock_folders(&[folder], "iro example", &args.lock)? else {
        return Ok(false);
    };
    let example = std::env::current_dir()?;
    let example = if example.join("service.yaml").is_file() && example.join("images").is_dir() {
        example
    } else {
        // The example service built into iro, written out first.
        let tmp = tempfile::tempdir()?;
        for (path, bytes) in crate::defaults::FILES.iter() {
            let file = tmp.path().join(path);
            std::fs::create_dir_all(file.parent().context("a parent folder")?)?;
            std::fs::write(file, bytes)?;
        }
        tmp.keep()
    };
    let made = crate::example::write_generated_service(
        &example,
        &args.dir,
        args.children,
        args.seed,
        args.date.unwrap_or_else(today),
    )
    .with_context(|| format!("cannot write `{}`", args.dir.display()))?;
    eprintln!("iro: {made} in `{}`", args.dir.display());
    if args.with_903 {
        let text = std::fs::read_to_string(example.join("service.yaml"))?;
        let value =
            crate::load::yaml::parse_value(&text).map_err(|d| anyhow::anyhow!(d.message))?;
        let service: crate::model::Service = serde_json::from_value(value)?;
        let cases = crate::example::generate_cases(&service, args.children, args.seed, today());
        let (header, episodes, reviews) = crate::example::ssda903_tables(&cases);
        let dir = args.dir.join("903");
        for (name, text) in [
            ("header.csv", header),
            ("episodes.csv", episodes),
            ("reviews.csv", reviews),
        ] {
            crate::write::write_atomic(&dir.join(name), text.as_bytes())?;
        }
        eprintln!("iro: their SSDA903 tables in `{}`", dir.display());
    }
    Ok(true)
}
