//! Write: the only module that creates output files.
//!
//! Every file is written to a temporary file in the same folder and renamed into place, so a
//! reader (or a build killed half way) sees the old file or the new one, never half of one.
//! A command that writes first locks the folders it writes ([`lock`]), so that two runs of
//! iro never write the same folder at once.

pub mod lock;

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically, creating parent folders. Returns false when the file
/// already held exactly these bytes (and leaves it untouched).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if let Ok(existing) = fs::read(path)
        && existing == bytes
    {
        return Ok(false);
    }
    let dir = parent_of(path);
    fs::create_dir_all(dir)?;
    let mut tmp = temp_file_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_data()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

/// Creates `path` holding `bytes`, in one step, only if there is no such file (else an
/// `AlreadyExists` error): no reader ever sees it half written, and of two runs creating it at
/// once, on one computer or two, exactly one succeeds. Returns the file, open for writing.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<fs::File> {
    let mut tmp = temp_file_in(parent_of(path))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_data()?;
    // A hard link or a no-replace rename: both refuse an existing name, on NFS and SMB too.
    tmp.persist_noclobber(path).map_err(|e| e.error)
}

/// Whether the file at `path` still holds exactly `before`. An edit worked out from `before`
/// must not replace a file that changed since, or it would drop that change.
pub fn unchanged_since(path: &Path, before: &[u8]) -> io::Result<bool> {
    Ok(fs::read(path)? == before)
}

/// The folder a file goes in (`.` for a bare file name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Removes the temporary files a killed build left in the output folder (`.iro-tmp-*`, at
/// any depth). A file being written now belongs to this build, which has not started yet.
pub fn sweep_temp_files(out: &Path) {
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        let is_temp = entry.file_type().is_file()
            && entry.file_name().to_string_lossy().starts_with(".iro-tmp-");
        if is_temp {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes an output file (`path` relative to `out`), then each of its folders left empty, up
/// to `out`. Returns whether the file was there.
pub fn remove_output(out: &Path, path: &str) -> bool {
    let path = out.join(path);
    let removed = fs::remove_file(&path).is_ok();
    for dir in path.ancestors().skip(1) {
        // remove_dir refuses a folder that still holds anything.
        if dir == out || !dir.starts_with(out) || fs::remove_dir(dir).is_err() {
            break;
        }
    }
    removed
}

/// The SHA-256 of some bytes, as lowercase hex (the manifest's and calendar's identifiers).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A temporary file that ends up with the permissions any new file gets (0666 less the umask),
/// not tempfile's private 0600: colleagues on a shared drive must be able to open the letters.
fn temp_file_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".iro-tmp-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_skips_identical_content() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a/b/out.txt");
        assert!(write_atomic(&path, b"one").expect("first write"));
        assert!(!write_atomic(&path, b"one").expect("same bytes"));
        assert!(write_atomic(&path, b"two").expect("new bytes"));
        assert_eq!(fs::read(&path).expect("read back"), b"two");
        let leftovers = fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .count();
        assert_eq!(leftovers, 1, "no temporary files are left behind");
    }

    #[test]
    fn create_new_refuses_an_existing_file_and_leaves_it_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("record.json");
        create_new(&path, b"first").expect("a new file");
        let again = create_new(&path, b"second").expect_err("the file exists");
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).expect("read back"), b"first");
        let names = fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(names, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_told_apart() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("case.yaml");
        fs::write(&path, "id: A\n").expect("write");
        assert!(unchanged_since(&path, b"id: A\n").expect("read"));
        fs::write(&path, "id: A\n# a comment\n").expect("write");
        assert!(!unchanged_since(&path, b"id: A\n").expect("read"));
    }
}

/// `OUT/manifest.json`: every output with its hash and the inputs it came from.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// The iro version that wrote it.
    pub generator: String,
    pub outputs: Vec<ManifestEntry>,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ManifestEntry {
    /// Relative to the output folder.
    pub path: String,
    pub kind: String,
    pub case: String,
    pub audience: crate::plan::Audience,
    pub variant: crate::plan::Variant,
    pub sha256: String,
    pub bytes: u64,
    /// The files it was made from, relative to the service folder.
    pub inputs: Vec<String>,
    /// One hash over the inputs' contents, the document date and the iro version.
    pub inputs_sha256: String,
    /// For a Braille or audio copy, the print document it was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Who it is for: the reader's id (`child`, `mum`); none for a site page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reader: Option<String>,
    /// The date printed on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated: Option<chrono::NaiveDate>,
    /// A hash of what it says (its view and address, not its layout), which `iro send` keeps
    /// so that a later build can tell when a sent document's facts have changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts_sha256: Option<String>,
    /// For an amended copy of a sent document (`iro build --amend`): the archived copy it
    /// replaces (under `sent/`). Later builds keep making it until it is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<String>,
}

impl Manifest {
    /// The manifest of an earlier build, or an empty one.
    pub fn read(out: &Path) -> Manifest {
        fs::read(out.join("manifest.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn get(&self, path: &str) -> Option<&ManifestEntry> {
        self.outputs.iter().find(|e| e.path == path)
    }

    /// The entries to keep when only part of the output is rebuilt.
    pub fn retained(&self, keep: impl Fn(&ManifestEntry) -> bool) -> Manifest {
        Manifest {
            generator: self.generator.clone(),
            outputs: self.outputs.iter().filter(|e| keep(e)).cloned().collect(),
        }
    }

    pub fn insert(&mut self, entry: ManifestEntry) {
        self.outputs.retain(|e| e.path != entry.path);
        self.outputs.push(entry);
    }

    /// Writes the manifest, sorted by path so the same build gives the same bytes.
    pub fn write(mut self, out: &Path) -> io::Result<bool> {
        self.generator = format!("iro {}", env!("CARGO_PKG_VERSION"));
        self.outputs.sort_by(|a, b| a.path.cmp(&b.path));
        let json = serde_json::to_vec_pretty(&self).map_err(io::Error::other)?;
        write_atomic(&out.join("manifest.json"), &json)
    }
}
