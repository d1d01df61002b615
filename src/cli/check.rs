//! `iro check`: load and validate the service folder, print every problem, write nothing.

use chrono::NaiveDate;

use super::{ServiceArgs, report, today};
use crate::diag::plural;
use crate::load::load_service_folder;
use crate::pipeline::Planned;
use crate::pipeline::readability::{Sources, TextScore, score_child_texts, warnings};
use crate::pipeline::rehearse::rehearse_build;
use crate::validate::validate_service;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// Judge "overdue" and "in the future" as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Also print the reading level of every letter and form a child gets, as a table.
    #[arg(long)]
    readability: bool,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let mut loaded = load_service_folder(&args.service.service);
    let as_of = args.as_of.unwrap_or_else(today);
    let mut validated = validate_service(&mut loaded, as_of);
    // Templates and layouts are part of the service folder: a broken tag is found here, not
    // at build time, and so is a missing photo: `check` passing means `build` can run.
    let (prepared, problems) = crate::pipeline::prepare_templates(&args.service.service);
    validated.diagnostics.extend(problems);
    let mut scores = Vec::new();
    let planned = validated
        .data
        .as_ref()
        .map(|data| Planned::all(data, as_of));
    if let (Some(data), Some(prepared), Some(planned)) = (&validated.data, &prepared, &planned) {
        // What children read is scored as it will be printed, after templating.
        let (scored, problems) = score_child_texts(data, &prepared.renderer, planned);
        validated.diagnostics.extend(problems);
        let sources = Sources {
            templates: &prepared.templates,
            loaded: &loaded,
            case_files: &validated.files,
        };
        validated.diagnostics.extend(warnings(&scored, &sources));
        scores = scored;
    }
    if let Some(data) = &validated.data {
        let (images, problems) =
            crate::load::templates::load_team_images(&args.service.service, &data.service);
        // Whatever the build will compile, read or render, the check does once.
        if let (Some(prepared), Some(planned), true) = (&prepared, &planned, problems.is_empty()) {
            let rehearsal = rehearse_build(data, prepared, &images, planned);
            validated.diagnostics.extend(rehearsal);
        }
        validated.diagnostics.extend(problems);
        validated
            .diagnostics
            .extend(crate::pipeline::formats::missing_tool_warnings(data));
    }
    if args.readability {
        print_scores(&scores);
    }
    let ok = report(&loaded, &mut validated.diagnostics, "the service folder");
    if let Some(data) = &validated.data {
        let broken = match validated.broken.len() {
            0 => String::new(),
            n => format!(" ({n} with errors, which `build`, `due` and `report` leave out)"),
        };
        eprintln!(
            "iro: checked {} cases{broken} and {} carer households as of {as_of}",
            data.cases.len() + validated.broken.len(),
            data.carers.len()
        );
    }
    Ok(ok)
}

/// The reading level table, on standard output.
fn print_scores(scores: &[TextScore]) {
    println!(
        "{:<10} {:<20} {:<9} {:>3} {:<8} {:>5} {:>9} {:>5} {:>6}  result",
        "case", "document", "version", "age", "band", "words", "sentences", "ease", "target"
    );
    for s in scores {
        let version = match s.variant {
            crate::plan::Variant::EasyRead => "easy-read",
            _ => "standard",
        };
        let result = match (s.score.ease >= s.target, s.score.long_sentences.len()) {
            (true, 0) => "ok".to_owned(),
            (false, 0) => "too hard".to_owned(),
            (true, n) => plural(n, "long sentence"),
            (false, n) => format!("too hard, {n} long"),
        };
        println!(
            "{:<10} {:<20} {:<9} {:>3} {:<8} {:>5} {:>9} {:>5.1} {:>6.0}  {result}",
            s.case,
            s.document,
            version,
            s.age,
            s.band,
            s.score.words,
            s.score.sentences,
            s.score.ease,
            s.target
        );
    }
    let below = scores.iter().filter(|s| !s.meets_target()).count();
    println!("{} texts scored, {} below target", scores.len(), below);
}
