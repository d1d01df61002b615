//! `iro send`: the chosen documents copied into the archive with their hashes, the sending
//! recorded in their case files, and let go from the output folder.
//!
//! The order keeps a record of everything that went, whatever stops it half way: the archived
//! copies first, then the index, then the case files, and only then the output folder.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::archive::{Archive, SentDocument, archived_path};
use crate::diag::Diagnostic;
use crate::edit::{DateField, fill_dates};
use crate::pipeline::outbox::{Outgoing, SentField};
use crate::write::{Manifest, sha256_hex, write_atomic};

/// One document that went, and the files it went as.
#[derive(Debug, Clone)]
pub struct Sent {
    pub item: Outgoing,
    /// Each copy's archived path, relative to the service folder.
    pub archived: Vec<PathBuf>,
}

/// Why a chosen document was not sent.
#[derive(Debug, Clone)]
pub struct NotSent {
    pub item: Outgoing,
    pub reason: String,
}

/// What sending did.
#[derive(Debug, Default)]
pub struct Delivery {
    pub sent: Vec<Sent>,
    pub not_sent: Vec<NotSent>,
    /// Each case file changed, with the change as a diff.
    pub edits: Vec<(PathBuf, String)>,
    /// Problems writing (the archive, a case file, the output folder).
    pub errors: Vec<Diagnostic>,
}

/// Sends `items` on `day`: every one that is made and has somewhere to go. `unsent` is what
/// else is still to go: a case file says a pack or a record went only once all of it has.
pub fn deliver(
    service: &Path,
    out: &Path,
    items: Vec<Outgoing>,
    unsent: &[Outgoing],
    day: NaiveDate,
) -> Delivery {
    let mut delivery = Delivery::default();
    let mut archive = match Archive::read(service) {
        Ok(a) => a,
        Err(e) => {
            delivery.errors.push(
                Diagnostic::error(format!("cannot read the archive: {e}"))
                    .in_file(Archive::index_path(service)),
            );
            return delivery;
        }
    };
    let sender = whoami::username().unwrap_or_else(|_| "unknown".to_owned());
    // What each path went as before this run: a copy sent again replaces it.
    let before: HashMap<String, String> = (archive.latest().into_iter())
        .map(|(path, d)| (path.to_owned(), d.archived.clone()))
        .collect();
    let amends = |path: &str| before.get(path).cloned();
    for item in items {
        match archive_one(service, out, &item, day, &sender, &amends) {
            Ok(documents) => {
                let archived = documents
                    .iter()
                    .map(|d| Path::new(super::ARCHIVE_DIR).join(&d.archived))
                    .collect();
                archive.documents.extend(documents);
                delivery.sent.push(Sent { item, archived });
            }
            Err(reason) => delivery.not_sent.push(NotSent { item, reason }),
        }
    }
    if delivery.sent.is_empty() {
        return delivery;
    }
    if let Err(e) = archive.write(service) {
        delivery.errors.push(
            Diagnostic::error(format!("cannot write the archive's index: {e}"))
                .in_file(Archive::index_path(service))
                .hint("the copies are in `sent/`; free some space and send again"),
        );
        return delivery;
    }
    let still_to_go: std::collections::HashSet<(PathBuf, SentField)> = (unsent.iter())
        .chain(delivery.not_sent.iter().map(|n| &n.item))
        .filter_map(|i| Some((i.file.clone()?, i.records?)))
        .collect();
    record_in_case_files(&mut delivery, service, &still_to_go, day);
    let_go(out, &mut delivery);
    delivery
}

/// Why a document cannot go on `day`, before anything is read: no address (or email) for the
/// way chosen, not made (or made before the case changed), or dated after that day.
pub fn why_not(item: &Outgoing, day: NaiveDate) -> Option<String> {
    if let Some(why) = &item.unpostable {
        return Some(why.clone());
    }
    if let Some(file) = item.files.iter().find(|f| f.entry.is_none()) {
        return Some(format!(
            "`{}` is not made, or the case has changed since it was: run `iro build` first",
            file.path
        ));
    }
    (item.dated > day).then(|| {
        format!(
            "it is dated {}, after {}: a document cannot go before its date",
            crate::render::context::long_date(item.dated),
            crate::render::context::long_date(day)
        )
    })
}

/// Copies one document's files into the archive, or says why it cannot go.
fn archive_one(
    service: &Path,
    out: &Path,
    item: &Outgoing,
    day: NaiveDate,
    sender: &str,
    amends: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<SentDocument>, String> {
    if let Some(why) = why_not(item, day) {
        return Err(why);
    }
    let mut documents = Vec::new();
    let mut copies = Vec::new();
    for file in &item.files {
        let entry = file.entry.as_ref().ok_or_else(|| {
            format!(
                "`{}` is not made, or the case has changed since it was: run `iro build` first",
                file.path
            )
        })?;
        let bytes = std::fs::read(out.join(&file.path))
            .map_err(|e| format!("cannot read `{}`: {e}", file.path))?;
        if sha256_hex(&bytes) != entry.sha256 {
            return Err(format!(
                "`{}` has changed since iro made it: run `iro build` to make it again",
                file.path
            ));
        }
        let (archived, target) = free_place(service, day, &file.path, &bytes);
        copies.push((target, bytes));
        documents.push(SentDocument {
            path: file.path.clone(),
            archived,
            kind: item.kind.to_owned(),
            case: item.case.clone(),
            reader: item.reader.clone(),
            reader_name: item.reader_name.clone(),
            audience: entry.audience,
            variant: file.variant,
            dated: entry.dated.unwrap_or(item.dated),
            sent: day,
            method: item.method,
            to: item.to.clone(),
            sent_by: sender.to_owned(),
            sha256: entry.sha256.clone(),
            bytes: entry.bytes,
            facts_sha256: entry.facts_sha256.clone().unwrap_or_default(),
            // A path sent before goes again only as an amended copy (`iro build --amend`).
            amends: amends(&file.path),
        });
    }
    for (target, bytes) in copies {
        write_atomic(&target, &bytes)
            .map_err(|e| format!("cannot archive `{}`: {e}", target.display()))?;
    }
    Ok(documents)
}

/// Where a copy sent on `day` is filed: `sent/<day>/<path>`, or when a different copy of the
/// same path went that day (an amended one), `<stem>.2<suffix>`, `.3`... Never over another.
fn free_place(service: &Path, day: NaiveDate, path: &str, bytes: &[u8]) -> (String, PathBuf) {
    let stem = crate::plan::stem_of(path);
    let suffix = &path[stem.len()..];
    (1..)
        .map(|n| match n {
            1 => archived_path(day, path),
            n => archived_path(day, &format!("{stem}.{n}{suffix}")),
        })
        .map(|archived| {
            let target = service.join(super::ARCHIVE_DIR).join(&archived);
            (archived, target)
        })
        .find(|(_, target)| std::fs::read(target).map_or(true, |old| old == bytes))
        .expect("some name is free")
}

/// Fills in each case file's dates sent, once per file.
fn record_in_case_files(
    delivery: &mut Delivery,
    service: &Path,
    still_to_go: &std::collections::HashSet<(PathBuf, SentField)>,
    day: NaiveDate,
) {
    let mut by_file: BTreeMap<PathBuf, Vec<DateField>> = BTreeMap::new();
    for sent in &delivery.sent {
        let (Some(file), Some(field)) = (&sent.item.file, sent.item.records) else {
            continue;
        };
        if still_to_go.contains(&(file.clone(), field)) {
            continue;
        }
        let fields = by_file.entry(file.clone()).or_default();
        for f in date_fields(field) {
            if !fields.contains(&f) {
                fields.push(f);
            }
        }
    }
    for (name, fields) in by_file {
        // Named from the service folder, as messages give it.
        let file = service.join(&name);
        let result = std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|before| {
                let after = fill_dates(&before, &fields, day).map_err(|e| e.to_string())?;
                if after != before {
                    write_atomic(&file, after.as_bytes()).map_err(|e| e.to_string())?;
                    let shown = name.display().to_string();
                    delivery
                        .edits
                        .push((name.clone(), crate::edit::diff(&shown, &before, &after)));
                }
                Ok(())
            });
        if let Err(e) = result {
            delivery.errors.push(
                Diagnostic::error(format!("could not record the sending in the file: {e}"))
                    .in_file(&name)
                    .hint("the documents are archived in `sent/`; add the dates sent by hand"),
            );
        }
    }
}

/// The case file fields a sending fills in.
fn date_fields(field: SentField) -> Vec<DateField> {
    let at = |parent: String, key, sibling| DateField {
        parent,
        key,
        sibling,
    };
    match field {
        SentField::Introduced => vec![at("iro".into(), "introduced", "allocated")],
        SentField::PacksSent(i) => vec![at(format!("meetings[{i}]"), "packs_sent", "date")],
        SentField::RecordSent { meeting, household } => {
            let list = if household { "reviews" } else { "meetings" };
            let parent = format!("{list}[{meeting}]");
            vec![
                at(parent.clone(), "decisions_sent", "date"),
                at(parent, "record_sent", "date"),
            ]
        }
    }
}

/// Takes the sent files out of the output folder and its manifest: they are in the archive.
fn let_go(out: &Path, delivery: &mut Delivery) {
    let gone: std::collections::HashSet<&str> = (delivery.sent.iter())
        .flat_map(|s| s.item.files.iter().map(|f| f.path.as_str()))
        .collect();
    let manifest = Manifest::read(out).retained(|e| !gone.contains(e.path.as_str()));
    if let Err(e) = manifest.write(out) {
        delivery.errors.push(
            Diagnostic::error(format!("cannot write `manifest.json`: {e}"))
                .in_file(out.join("manifest.json")),
        );
        return;
    }
    for path in gone {
        crate::write::remove_output(out, path);
    }
}
