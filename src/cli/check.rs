//! `iro check`: load and validate the service folder, print every problem, write nothing.

use chrono::NaiveDate;

use super::{ServiceArgs, report, today};
use crate::load::load_service_folder;
use crate::validate::validate_service;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// Judge "overdue" and "in the future" as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let mut loaded = load_service_folder(&args.service.service);
    let as_of = args.as_of.unwrap_or_else(today);
    let mut validated = validate_service(&mut loaded, as_of);
    // Templates and layouts are part of the service folder: a broken tag is found here, not
    // at build time, and so is a missing photo: `check` passing means `build` can run.
    let (_, problems) = crate::build::prepare_templates(&args.service.service);
    validated.diagnostics.extend(problems);
    if let Some(data) = &validated.data {
        let (_, problems) =
            crate::load::templates::load_team_images(&args.service.service, &data.service);
        validated.diagnostics.extend(problems);
        validated
            .diagnostics
            .extend(crate::build::formats::missing_tool_warnings(data));
    }
    let ok = report(&loaded, &mut validated.diagnostics, "the service folder");
    if let Some(data) = &validated.data {
        eprintln!(
            "iro: checked {} cases and {} carer households as of {as_of}",
            data.cases.len(),
            data.carers.len()
        );
    }
    Ok(ok)
}
