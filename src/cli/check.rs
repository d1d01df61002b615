//! `iro check`: check the service folder (`pipeline::check`) and print every problem.

use chrono::NaiveDate;

use super::{ServiceArgs, report, today};
use crate::diag::plural;
use crate::pipeline::check::{CheckOptions, Checked, check};
use crate::pipeline::readability::TextScore;

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
    let as_of = args.as_of.unwrap_or_else(today);
    let Checked {
        loaded,
        mut validated,
        scores,
    } = check(&CheckOptions {
        service: args.service.service.clone(),
        as_of,
    });
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
        let mut result = match (s.easy_enough(), s.score.long_sentences.len()) {
            (true, 0) => "ok".to_owned(),
            (false, 0) => "too hard".to_owned(),
            (true, n) => plural(n, "long sentence"),
            (false, n) => format!("too hard, {n} long"),
        };
        let (ease, target) = if s.ease_applies() {
            (format!("{:.1}", s.score.ease), format!("{:.0}", s.target))
        } else {
            let language = crate::plan::language_name(&s.lang);
            result.push_str(&format!(
                " (in {language}: no reading ease, which is for English; easy read sentence length still checked; have a {language} speaker read it)"
            ));
            ("-".to_owned(), "-".to_owned())
        };
        println!(
            "{:<10} {:<20} {:<9} {:>3} {:<8} {:>5} {:>9} {:>5} {:>6}  {result}",
            s.case,
            s.document,
            version,
            s.age,
            s.band,
            s.score.words,
            s.score.sentences,
            ease,
            target
        );
    }
    let below = scores.iter().filter(|s| !s.meets_target()).count();
    let unscored = scores.iter().filter(|s| !s.ease_applies()).count();
    let unscored = match unscored {
        0 => String::new(),
        n => format!(
            "; {} in other languages not given a reading ease",
            plural(n, "text")
        ),
    };
    println!(
        "{} texts scored, {} below target{unscored}",
        scores.len(),
        below
    );
}
