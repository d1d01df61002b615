//! `iro schema`: print the JSON Schema that case files (and the other files) follow.

use crate::validate::FileKind;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Which {
    Case,
    Service,
    Carer,
    /// A consultation form in `forms/`.
    Form,
    /// The answers file a form saves, read by `iro import-responses`.
    Response,
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
        Which::Form => FileKind::Form,
        Which::Response => FileKind::ReturnedAnswers,
    };
    println!("{}", serde_json::to_string_pretty(kind.schema())?);
    Ok(true)
}
