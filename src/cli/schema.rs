//! `iro schema`: print the JSON Schema that case files (and the other files) follow.

use crate::validate::FileKind;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Which {
    Case,
    Service,
    Carer,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which file's schema to print.
    #[arg(value_enum, default_value = "case")]
    which: Which,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let kind = match args.which {
        Which::Case => FileKind::Case,
        Which::Service => FileKind::Service,
        Which::Carer => FileKind::CarerHousehold,
    };
    println!("{}", serde_json::to_string_pretty(kind.schema())?);
    Ok(true)
}
