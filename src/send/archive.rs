//! The archive of what was sent: `<service>/sent/`, the exact bytes of every document that
//! went out, filed by the day it went (`sent/2026-12-02/NM-1003/introduction-letter.pdf`), and
//! `sent/index.json`, which says of each copy what it was, to whom, how and when.
//!
//! A sent document is a record. Nothing in iro ever rewrites or removes an archived file or
//! an entry of the index: a build leaves a sent document alone (it only says when the facts
//! it was made from have changed), and an amended copy is sent as a new entry that names the
//! one it replaces.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::Method;
use crate::plan::{Audience, Variant};

/// The archive's folder, inside the service folder.
pub const ARCHIVE_DIR: &str = "sent";

/// `sent/index.json`: every document sent, oldest first.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Archive {
    pub documents: Vec<SentDocument>,
}

/// One file that went out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentDocument {
    /// Its path in the output folder when it was sent (`NM-1003/introduction-letter.pdf`).
    pub path: String,
    /// Its copy, relative to `sent/`.
    pub archived: String,
    pub kind: String,
    pub case: String,
    /// Who it went to: the reader's id (`child`, `mum`, `social-worker`).
    pub reader: String,
    /// The reader's name.
    pub reader_name: String,
    pub audience: Audience,
    pub variant: Variant,
    /// The date printed on it.
    pub dated: NaiveDate,
    /// The day it went.
    pub sent: NaiveDate,
    pub method: Method,
    /// Where it went: the postal address's lines, or the email address.
    pub to: Vec<String>,
    /// Who sent it (the user running `iro send`).
    pub sent_by: String,
    pub sha256: String,
    pub bytes: u64,
    /// The hash of what it says (its view and address), to tell when the case has changed
    /// since.
    pub facts_sha256: String,
    /// The archived copy this one replaces, when it is an amended copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<String>,
}

impl Archive {
    /// The index file of the archive of `service`.
    pub fn index_path(service: &Path) -> PathBuf {
        service.join(ARCHIVE_DIR).join("index.json")
    }

    /// The archive's index, or an empty one when nothing was ever sent. An index that cannot
    /// be read is an error, never an empty archive: a build that thought nothing was sent
    /// would make sent documents again.
    pub fn read(service: &Path) -> io::Result<Archive> {
        let path = Archive::index_path(service);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("`{}` is not an archive index: {e}", path.display()),
                )
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Archive::default()),
            Err(e) => Err(e),
        }
    }

    /// Writes the index (atomically).
    pub fn write(&self, service: &Path) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(io::Error::other)?;
        crate::write::write_atomic(&Archive::index_path(service), &json).map(|_| ())
    }

    /// The latest copy sent of each output path.
    pub fn latest(&self) -> HashMap<&str, &SentDocument> {
        let mut out: HashMap<&str, &SentDocument> = HashMap::new();
        for doc in &self.documents {
            out.insert(doc.path.as_str(), doc);
        }
        out
    }

    /// Each (case, kind group, day) iro sent something of (`packs`, `records`): where a case
    /// file's "sent" date is one of these, it is iro's own, and the documents of the group it
    /// did not send are still to go. Worked out once for a whole plan.
    pub fn groups_sent(&self) -> HashSet<(&str, &'static str, NaiveDate)> {
        (self.documents.iter())
            .filter_map(|d| {
                let kind = crate::kinds::document_kind(&d.kind)?;
                Some((d.case.as_str(), kind.group, d.sent))
            })
            .collect()
    }
}

/// Where a copy sent on `day` is filed, relative to `sent/`.
pub fn archived_path(day: NaiveDate, path: &str) -> String {
    format!("{day}/{path}")
}
