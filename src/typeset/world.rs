//! The in-memory Typst `World` a letter compiles in, and the embedded fonts.
//!
//! A `LetterWorld` serves exactly four kinds of file: the generated
//! `/main.typ`, the layout `/layout.typ`, the letterhead data `/data.json`
//! and the images the caller passed. It must never touch the file system,
//! packages, system fonts, the network or the clock: anything else is
//! `NotFound`, `AccessDenied` or a package error, and `today()` is the date
//! the caller fixed (or none), so the same inputs give the same bytes.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

/// Path of the generated main source.
pub(crate) const MAIN_PATH: &str = "/main.typ";
/// Path under which the layout is served; main.typ imports it.
pub const LAYOUT_PATH: &str = "/layout.typ";
/// Path of the letterhead data the layout reads with `json(..)`.
pub(crate) const DATA_PATH: &str = "/data.json";

/// Interns a project-rooted path. Our paths are constants or were checked by
/// `project_file_id`, so failure is an invariant violation.
fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("constant virtual paths are valid"),
    )
    .intern()
}

/// File id for a caller-supplied image path, or `None` if it is not a valid
/// absolute virtual path.
fn project_file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// One compilation's world: borrowed shared parts plus this letter's files.
pub(crate) struct LetterWorld<'a> {
    library: &'a LazyHash<Library>,
    book: &'a LazyHash<FontBook>,
    fonts: &'a [Font],
    main: Source,
    layout: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl<'a> LetterWorld<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        library: &'a LazyHash<Library>,
        book: &'a LazyHash<FontBook>,
        fonts: &'a [Font],
        main: String,
        layout: &str,
        data: &serde_json::Value,
        images: &[(String, Vec<u8>)],
        today: Option<Datetime>,
    ) -> Self {
        let mut files = HashMap::new();
        // serde_json writes maps in key order, so the bytes are deterministic.
        let data = serde_json::to_vec(data).unwrap_or_else(|_| b"{}".to_vec());
        files.insert(file_id(DATA_PATH), Bytes::new(data));
        for (path, bytes) in images {
            if let Some(id) = project_file_id(path) {
                files.insert(id, Bytes::new(bytes.clone()));
            }
        }
        LetterWorld {
            library,
            book,
            fonts,
            main: Source::new(file_id(MAIN_PATH), main),
            layout: Source::new(file_id(LAYOUT_PATH), layout.to_owned()),
            files,
            today,
        }
    }

    /// The generated main source, for mapping diagnostics to lines.
    pub(crate) fn main_source(&self) -> &Source {
        &self.main
    }

    fn not_found(id: FileId) -> FileError {
        match id.root() {
            VirtualRoot::Package(spec) => FileError::Package(PackageError::NotFound(spec.clone())),
            VirtualRoot::Project => {
                FileError::NotFound(id.vpath().get_with_slash().to_owned().into())
            }
        }
    }
}

impl World for LetterWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.layout.id() {
            Ok(self.layout.clone())
        } else if self.files.contains_key(&id) {
            // Data and images may be read, never imported as code.
            Err(FileError::AccessDenied)
        } else {
            Err(Self::not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_owned()))
        } else if id == self.layout.id() {
            Ok(Bytes::from_string(self.layout.text().to_owned()))
        } else {
            self.files
                .get(&id)
                .cloned()
                .ok_or_else(|| Self::not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::LibraryExt;

    fn with_world(check: impl FnOnce(&LetterWorld)) {
        let library = LazyHash::new(Library::default());
        let fonts = super::super::fonts::load_fonts(&[]);
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let images = vec![("/images/a.png".to_owned(), vec![1, 2, 3])];
        let world = LetterWorld::new(
            &library,
            &book,
            &fonts,
            "main".into(),
            "layout",
            &serde_json::json!({"b": 1, "a": 2}),
            &images,
            Datetime::from_ymd(2026, 1, 2),
        );
        check(&world);
    }

    #[test]
    fn serves_only_its_own_files() {
        with_world(|world| {
            assert_eq!(
                world.source(world.main()).map(|s| s.text().to_owned()),
                Ok("main".into())
            );
            let layout = file_id(LAYOUT_PATH);
            assert_eq!(
                world.source(layout).map(|s| s.text().to_owned()),
                Ok("layout".into())
            );
            assert_eq!(
                world.file(file_id(DATA_PATH)).map(|b| b.to_vec()),
                // As the letterhead's fields were given: JSON objects keep their order.
                Ok(br#"{"b":1,"a":2}"#.to_vec())
            );
            assert_eq!(
                world.file(file_id("/images/a.png")).map(|b| b.to_vec()),
                Ok(vec![1, 2, 3])
            );
            assert!(matches!(
                world.source(file_id(DATA_PATH)),
                Err(FileError::AccessDenied)
            ));
            for path in ["/etc/passwd", "/images/b.png", "/../main.typ"] {
                let Some(id) = project_file_id(path) else {
                    continue;
                };
                assert!(
                    matches!(world.file(id), Err(FileError::NotFound(_))),
                    "{path}"
                );
                assert!(world.source(id).is_err(), "{path}");
            }
        });
    }

    #[test]
    fn packages_are_refused() {
        with_world(|world| {
            let spec = "@preview/example:0.1.0"
                .parse()
                .expect("valid package spec");
            let id = RootedPath::new(
                VirtualRoot::Package(spec),
                VirtualPath::new("/lib.typ").expect("valid path"),
            )
            .intern();
            assert!(matches!(world.source(id), Err(FileError::Package(_))));
            assert!(matches!(world.file(id), Err(FileError::Package(_))));
        });
    }

    #[test]
    fn today_is_fixed_and_fonts_cover_every_family() {
        with_world(|world| {
            assert_eq!(world.today(None), Datetime::from_ymd(2026, 1, 2));
            let families: Vec<&str> = world.book().families().map(|(name, _)| name).collect();
            for family in [
                "Atkinson Hyperlegible",
                "Noto Sans",
                "Noto Sans Arabic",
                "Noto Sans Hebrew",
                "Noto Emoji",
            ] {
                assert!(
                    families.contains(&family),
                    "{family} missing from {families:?}"
                );
            }
            // Noto Sans CJK SC is one face holding Chinese, Japanese and Korean.
            assert!(families.contains(&"Noto Sans CJK SC"), "{families:?}");
        });
    }
}
