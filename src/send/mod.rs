//! Send: the stage after write. A document that goes out (`iro send`) is copied, byte for byte,
//! into the service's archive ([`archive`]), the case file records the sending, and the copy in
//! the output folder is let go: from then on it is a record, which no build changes.

pub mod archive;

pub use archive::{ARCHIVE_DIR, Archive, SentDocument, archived_path};
pub mod deliver;
pub mod print;
pub mod recipients;
