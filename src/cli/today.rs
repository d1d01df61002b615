//! `iro today`: the day's work in one list (`pipeline::today`), as text or JSON.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{ServiceArgs, report, report_left_out_of, today};
use crate::pipeline::Options;
use crate::pipeline::outbox::Outgoing;
use crate::pipeline::today::{Today, when};
use crate::plan::Selection;
use crate::render::context::long_date;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// The output folder documents are built in.
    #[arg(long, short = 'o', value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Only this IRO's children (their id in service.yaml).
    #[arg(long, value_name = "ID")]
    iro: Option<String>,
    /// The day to list for (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<bool> {
    let options = Options::to_read(
        args.service.service.clone(),
        args.out.clone(),
        Selection::default(),
        args.as_of.unwrap_or_else(today),
    );
    let list = match crate::pipeline::today::today(&options, args.iro.as_deref()) {
        Ok(list) => list,
        Err(failure) => {
            let mut diagnostics = failure.diagnostics;
            report(&failure.loaded, &mut diagnostics, "the service folder");
            return Ok(false);
        }
    };
    let complete = report_left_out_of(&options.service, &list.diagnostics);
    let text = if args.json {
        serde_json::to_string_pretty(&list)? + "\n"
    } else {
        words(&list, &options.out)
    };
    // A closed pipe (`iro today | head`) is the reader's choice, not an error.
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(complete)
}

/// The list as text: a heading per section, a line per item, an indented line per detail.
fn words(list: &Today, out: &std::path::Path) -> String {
    let mut s = format!("Today is {}.\n", long_date(list.as_of));
    let (ready, rest): (Vec<&Outgoing>, Vec<&Outgoing>) = (list.send.iter())
        .filter(|i| i.unpostable.is_none())
        .partition(|i| i.is_made());
    let unpostable: Vec<&Outgoing> = list
        .send
        .iter()
        .filter(|i| i.unpostable.is_some())
        .collect();
    section(&mut s, "To send", &envelopes(&ready), |s, e| {
        sending(s, e, list.as_of, out);
    });
    section(
        &mut s,
        "To make first (run `iro build`)",
        &envelopes(&rest),
        |s, e| {
            sending(s, e, list.as_of, out);
        },
    );
    section(
        &mut s,
        "Cannot be posted",
        &envelopes(&unpostable),
        |s, e| {
            let i = e.first;
            s.push_str(&format!(
                "  {} {}: {} for {}\n    {}\n",
                i.case,
                i.about,
                e.titles.join(" and "),
                i.reader_name,
                i.unpostable.as_deref().unwrap_or_default()
            ));
        },
    );
    let untranslated: Vec<&Outgoing> = (list.send.iter())
        .filter(|i| i.translation_needed.is_some())
        .collect();
    section(&mut s, "Translation needed", &untranslated, |s, i| {
        let Some(need) = &i.translation_needed else {
            return;
        };
        s.push_str(&format!(
            "  {} {}: {} for {}, in English: no {} yet ({})\n",
            i.case,
            i.about,
            i.title,
            i.reader_name,
            need.name,
            need.templates
                .iter()
                .map(|t| format!("templates/{t}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    });
    let chase: Vec<_> = list.chase.iter().collect();
    section(&mut s, "To chase", &chase, |s, c| {
        s.push_str(&format!(
            "  {} {}{}: {} from {}, due back {} ({})\n",
            c.case,
            c.about,
            iro_words(&c.iro),
            c.what,
            c.from,
            long_date(c.due),
            when(c.due, list.as_of)
        ));
        if !c.contact.is_empty() {
            s.push_str(&format!("    {}\n", c.contact.join(", ")));
        }
    });
    let book: Vec<_> = list.book.iter().collect();
    section(&mut s, "To book", &book, |s, b| {
        s.push_str(&format!(
            "  {} {}{}: {} due by {} ({}): no {} yet; held that day, its packs go by {}\n",
            b.case,
            b.about,
            iro_words(&b.iro),
            b.what,
            long_date(b.due),
            when(b.due, list.as_of),
            or_list(&b.missing),
            long_date(b.packs_by)
        ));
    });
    s
}

fn section<T>(s: &mut String, title: &str, items: &[T], mut line: impl FnMut(&mut String, &T)) {
    // What is only sometimes there is said only when it is.
    let always = ["To send", "To chase", "To book"];
    if items.is_empty() && !always.contains(&title) {
        return;
    }
    s.push_str(&format!("\n{title}: {}\n", items.len()));
    for item in items {
        line(s, item);
    }
}

fn iro_words(iro: &Option<String>) -> String {
    iro.as_ref()
        .map_or_else(String::new, |n| format!(" (IRO {n})"))
}

/// What goes to one reader together: their documents of one folder (a pack's invitation and
/// form), in one envelope or one email.
struct Envelope<'a> {
    first: &'a Outgoing,
    titles: Vec<&'static str>,
    files: Vec<&'a str>,
    send_by: Option<NaiveDate>,
}

fn envelopes<'a>(items: &[&'a Outgoing]) -> Vec<Envelope<'a>> {
    let key = |i: &'a Outgoing| (i.folder(), &i.reader, i.method, &i.to);
    let mut out: Vec<Envelope> = Vec::new();
    for item in items {
        let files = item.files.iter().map(|f| f.path.as_str());
        match out.last_mut() {
            Some(e) if key(e.first) == key(item) => {
                e.titles.push(item.title);
                e.files.extend(files);
                e.send_by = e.send_by.min(item.send_by).or(e.send_by).or(item.send_by);
            }
            _ => out.push(Envelope {
                first: item,
                titles: vec![item.title],
                files: files.collect(),
                send_by: item.send_by,
            }),
        }
    }
    out
}

/// One envelope or email to send: who it is about and for, when it must go, and where, how
/// and which files.
fn sending(s: &mut String, e: &Envelope, as_of: NaiveDate, out: &std::path::Path) {
    let i = e.first;
    let due = e.send_by.map_or_else(String::new, |d| {
        format!(", send by {} ({})", long_date(d), when(d, as_of))
    });
    s.push_str(&format!(
        "  {} {}{}: {} to {}{due}\n",
        i.case,
        i.about,
        iro_words(&i.iro),
        and_list(&e.titles),
        i.reader_name
    ));
    s.push_str(&format!(
        "    by {}: {}\n",
        i.method.words(),
        i.to.join(", ")
    ));
    let files: Vec<String> = (e.files.iter())
        .map(|f| out.join(f).display().to_string())
        .collect();
    s.push_str(&format!("    {}\n", files.join("  ")));
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    joined(items, "and")
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[&str]) -> String {
    joined(items, "or")
}

fn joined(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}
