//! `iro send`: mark documents as sent. Their exact bytes go into the service's archive
//! (`sent/`), their case files record the sending, and with `--print` the posted ones are
//! merged into one print-ready PDF, with a CSV file of the emailed ones beside it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::lock::{Folder, LockArgs, lock_folders};
use super::{ServiceArgs, report, report_left_out_of, today};
use crate::diag::plural;
use crate::kinds::kind_names;
use crate::model::Method;
use crate::pipeline::outbox::Outgoing;
use crate::pipeline::{Options, outbox};
use crate::plan::{Selection, Variant};
use crate::send::deliver::{Delivery, Sent, deliver};
use crate::send::print::{EmailRow, merge_for_duplex, write_email_csv};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).multiple(true)
    .args(["all", "case", "only", "reader", "paths"])))]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// The output folder the documents were built in.
    #[arg(long, short = 'o', value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Every document made and not yet sent.
    #[arg(long)]
    all: bool,
    /// Only this case (or carer household).
    #[arg(long, value_name = "ID")]
    case: Option<String>,
    /// Only this kind of document (or group).
    #[arg(long, value_name = "KIND", value_parser = clap::builder::PossibleValuesParser::new(kind_names()))]
    only: Option<String>,
    /// Only documents for this reader (`child`, `social-worker`, a person's id); repeatable.
    #[arg(long, value_name = "ID")]
    reader: Vec<String>,
    /// How they went (`post`, `email`, `secure-email`, `by-hand`); without it, each reader's
    /// own way (the README says how it is chosen).
    #[arg(long, value_name = "METHOD")]
    method: Option<Method>,
    /// The day they went (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    date: Option<NaiveDate>,
    /// Plan as on this day (which documents are due), as `iro build --as-of` did.
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Also write the posted documents as one print-ready PDF here, and the emailed ones as a
    /// CSV file beside it (`FILE.emails.csv`).
    #[arg(long, value_name = "FILE.pdf")]
    print: Option<PathBuf>,
    /// Say what would be sent, and send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Only these documents: a file in the output folder, a document's folder, or a case's.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    #[command(flatten)]
    lock: LockArgs,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let folders = [
        Folder {
            name: "the service folder",
            path: &args.service.service,
            make: false,
            read_only_ok: false,
        },
        Folder {
            name: "the output folder",
            path: &args.out,
            make: false,
            read_only_ok: false,
        },
    ];
    let _held = if args.dry_run {
        None
    } else {
        match lock_folders(&folders, "iro send", &args.lock)? {
            Some(held) => Some(held),
            None => return Ok(false),
        }
    };
    let day = args.date.unwrap_or_else(today);
    // Every kind: what is left unsent of a pack or a record decides whether the case file may
    // say it went.
    let every_kind = Selection {
        case: args.case.clone(),
        ..Selection::default()
    };
    let options = Options::to_read(
        args.service.service.clone(),
        args.out.clone(),
        every_kind,
        args.as_of.unwrap_or(day),
    );
    let found = match outbox(&options, args.method) {
        Ok(found) => found,
        Err(failure) => {
            let mut diagnostics = failure.diagnostics;
            report(&failure.loaded, &mut diagnostics, "the service folder");
            return Ok(false);
        }
    };
    let complete = report_left_out_of(&options.service, &found.diagnostics);
    let only = Selection {
        only: args.only.clone(),
        ..Selection::default()
    };
    let wanted = |item: &Outgoing| {
        crate::kinds::document_kind(item.kind).is_some_and(|k| only.wants(k))
            && (args.reader.is_empty() || args.reader.contains(&item.reader))
            && (args.paths.is_empty() || args.paths.iter().any(|p| names(item, p, &args.out)))
    };
    let (chosen, rest): (Vec<Outgoing>, Vec<Outgoing>) =
        found.items.into_iter().partition(|item| wanted(item));
    // What goes in one envelope goes together: a reader's invitation brings their form.
    let envelope = |i: &Outgoing| (i.folder().map(str::to_owned), i.reader.clone());
    let chosen_envelopes: std::collections::HashSet<_> = chosen.iter().map(envelope).collect();
    let (more, rest): (Vec<Outgoing>, Vec<Outgoing>) = rest
        .into_iter()
        .partition(|i| !args.paths.is_empty() && chosen_envelopes.contains(&envelope(i)));
    let chosen: Vec<Outgoing> = chosen.into_iter().chain(more).collect();
    if chosen.is_empty() {
        eprintln!(
            "iro: nothing to send: no document made and not yet sent fits what you asked (see `iro today`)"
        );
        return Ok(false);
    }
    if args.dry_run {
        for item in &chosen {
            match crate::send::deliver::why_not(item, day) {
                None => println!("would send {}", said(item)),
                Some(why) => println!("would not send {}: {why}", said(item)),
            }
        }
        return Ok(complete);
    }
    if let Some(print) = args.print.as_deref().filter(|p| p.exists()) {
        eprintln!(
            "error: `{}` is already there (an earlier print run?); give another file, so that no print run is lost",
            print.display()
        );
        return Ok(false);
    }
    let delivery = deliver(&options.service, &options.out, chosen, &rest, day);
    let printed = match &args.print {
        Some(path) => print_run(path, &options.service, &delivery),
        None => true,
    };
    Ok(tell(&delivery) && complete && printed)
}

/// Whether a path the user gave names this document: one of its files, its folder or case,
/// from the output folder (`NM-1003/...`) or with it (`out/NM-1003/...`, as `iro today` shows).
fn names(item: &Outgoing, wanted: &str, out: &Path) -> bool {
    let given = Path::new(wanted);
    let inside = std::path::absolute(given)
        .ok()
        .zip(std::path::absolute(out).ok())
        .and_then(|(g, o)| g.strip_prefix(o).ok().map(Path::to_path_buf));
    let relative = inside.unwrap_or_else(|| given.to_path_buf());
    let wanted = relative.to_string_lossy().replace('\\', "/");
    let wanted = wanted.trim_end_matches('/');
    item.files.iter().any(|f| {
        f.path == wanted
            || f.path.starts_with(&format!("{wanted}/"))
            || crate::plan::stem_of(wanted) == crate::plan::stem_of(&f.path)
    })
}

/// One document in words: `NM-1003 Introduction letter to Lily-Mae Turner by post`.
fn said(item: &Outgoing) -> String {
    let to = if item.to.is_empty() {
        String::new()
    } else {
        format!(" ({})", item.to.join(", "))
    };
    format!(
        "{} {} to {} {}{to}",
        item.case,
        item.title,
        item.reader_name,
        item.method.how()
    )
}

/// Says what was sent and what was not, and the case files changed. Returns whether all went.
fn tell(delivery: &Delivery) -> bool {
    for sent in &delivery.sent {
        println!("sent {}", said(&sent.item));
    }
    for (file, diff) in &delivery.edits {
        eprintln!("iro: recorded in `{}`:\n{diff}", file.display());
    }
    for not in &delivery.not_sent {
        eprintln!("iro: not sent: {}: {}", said(&not.item), not.reason);
    }
    let mut errors = delivery.errors.clone();
    if !errors.is_empty() {
        report(&crate::load::Loaded::default(), &mut errors, "sending");
    }
    eprintln!(
        "iro: sent {}, archived in `sent/`{}",
        plural(delivery.sent.len(), "document"),
        if delivery.not_sent.is_empty() {
            String::new()
        } else {
            format!("; {} not sent (above)", delivery.not_sent.len())
        }
    );
    delivery.not_sent.is_empty() && delivery.errors.is_empty()
}

/// The print copy of a posted document: the print its reader asked for (large print, easy
/// read), else standard print.
fn print_copy(sent: &Sent) -> Option<&Path> {
    let by = |v: Variant| {
        (sent.item.files.iter().zip(&sent.archived))
            .find(|(f, _)| f.variant == v)
            .map(|(_, a)| a.as_path())
    };
    by(Variant::LargePrint)
        .or_else(|| by(Variant::EasyRead))
        .or_else(|| by(Variant::Standard))
}

/// Writes the print run and the emailed documents' CSV file. Returns whether both were written.
fn print_run(path: &Path, service: &Path, delivery: &Delivery) -> bool {
    let paper: Vec<&Sent> = (delivery.sent.iter())
        .filter(|s| matches!(s.item.method, Method::Post | Method::ByHand))
        .collect();
    let rows = email_rows(service, delivery);
    if paper.is_empty() && rows.is_empty() {
        eprintln!("iro: nothing went by post, by hand or by email: no print run written");
        return true;
    }
    let pdfs: Result<Vec<Vec<u8>>, String> = (paper.iter())
        .filter_map(|s| print_copy(s))
        .map(|p| std::fs::read(service.join(p)).map_err(|e| format!("`{}`: {e}", p.display())))
        .collect();
    // With nothing on paper there is no PDF to write: an empty one is no PDF at all.
    let merged = pdfs.and_then(|pdfs| {
        if pdfs.is_empty() {
            return Ok(false);
        }
        let bytes = merge_for_duplex(&pdfs)?;
        crate::write::write_atomic(path, &bytes)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
    });
    let csv = path.with_extension("emails.csv");
    let written = merged.and_then(|_| write_email_csv(&csv, &rows));
    match written {
        Ok(()) => {
            eprintln!(
                "iro: print run: {} to post or hand over in `{}`; {} to email in `{}`",
                plural(paper.len(), "document"),
                path.display(),
                rows.len(),
                csv.display()
            );
            true
        }
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

/// The emailed documents as rows: one email per reader and folder, with every file attached.
fn email_rows(service: &Path, delivery: &Delivery) -> Vec<EmailRow> {
    let service = std::path::absolute(service).unwrap_or_else(|_| service.to_owned());
    let mut rows: Vec<EmailRow> = Vec::new();
    let mut last_key = None;
    for s in delivery.sent.iter().filter(|s| s.item.method.is_email()) {
        let key = (s.item.folder(), &s.item.reader, &s.item.to);
        let files = s
            .archived
            .iter()
            .map(|a| service.join(a).display().to_string());
        if last_key.as_ref() == Some(&key)
            && let Some(row) = rows.last_mut()
        {
            row.subject = format!("{} and {}", row.subject, s.item.title.to_lowercase());
            row.files.extend(files);
            continue;
        }
        rows.push(EmailRow {
            recipient: s.item.reader_name.clone(),
            email: s.item.to.join(" "),
            method: s.item.method.words().to_owned(),
            subject: format!("{}: {}", s.item.case, s.item.title),
            files: files.collect(),
            case: s.item.case.clone(),
        });
        last_key = Some(key);
    }
    rows
}
