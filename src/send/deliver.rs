//! `iro send`: the chosen documents copied into the archive with their hashes, the sending
//! recorded in their case files, and let go from the output folder.
//!
//! The order keeps a record of everything that went, whatever stops it half way: the archived
//! copies first, then the index, then the case files, and only then the output folder.

use std::collections::BTreeMap;
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

/// Sends `items` on `day`: every one that is made and has somewhere to go.
pub fn deliver(service: &Path, out: &Path, items: Vec<Outgoing>, day: NaiveDate) -> Delivery {
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
    for item in items {
        match archive_one(service, out, &item, day, &sender) {
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
    record_in_case_files(service, &mut delivery, day);
    let_go(out, &mut delivery);
    delivery
}

/// Copies one document's files into the archive, or says why it cannot go.
fn archive_one(
    service: &Path,
    out: &Path,
    item: &Outgoing,
    day: NaiveDate,
    sender: &str,
) -> Result<Vec<SentDocument>, String> {
    if let Some(why) = &item.unpostable {
        return Err(why.clone());
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
        let archived = archived_path(day, &file.path);
        let target = service.join(super::ARCHIVE_DIR).join(&archived);
        if std::fs::read(&target).is_ok_and(|old| old != bytes) {
            return Err(format!(
                "a different `{}` was already sent today (`sent/{archived}`); send the new one tomorrow, or ask for help",
                file.path
            ));
        }
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
            amends: None,
        });
    }
    for (target, bytes) in copies {
        write_atomic(&target, &bytes)
            .map_err(|e| format!("cannot archive `{}`: {e}", target.display()))?;
    }
    Ok(documents)
}

/// Fills in each case file's dates sent, once per file. The files are named relative to the
/// service folder, which need not be the working directory.
fn record_in_case_files(service: &Path, delivery: &mut Delivery, day: NaiveDate) {
    let mut by_file: BTreeMap<PathBuf, Vec<DateField>> = BTreeMap::new();
    for sent in &delivery.sent {
        let (Some(file), Some(field)) = (&sent.item.file, sent.item.records) else {
            continue;
        };
        let fields = by_file.entry(file.clone()).or_default();
        for f in date_fields(field) {
            if !fields.contains(&f) {
                fields.push(f);
            }
        }
    }
    for (file, fields) in by_file {
        let on_disk = service.join(&file);
        let result = std::fs::read_to_string(&on_disk)
            .map_err(|e| e.to_string())
            .and_then(|before| {
                let after = fill_dates(&before, &fields, day).map_err(|e| e.to_string())?;
                if after != before {
                    write_atomic(&on_disk, after.as_bytes()).map_err(|e| e.to_string())?;
                    let name = file.display().to_string();
                    delivery
                        .edits
                        .push((file.clone(), crate::edit::diff(&name, &before, &after)));
                }
                Ok(())
            });
        if let Err(e) = result {
            delivery.errors.push(
                Diagnostic::error(format!("could not record the sending in the file: {e}"))
                    .in_file(&file)
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
