//! Write: the only module that creates output files.
//!
//! Every file is written to a temporary file in the same folder and renamed into place, so a
//! reader (or a build killed half way) sees the old file or the new one, never half of one.

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
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_data()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
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
}
