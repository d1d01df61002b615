//! The files built into the binary: the default templates, layouts, forms and site pages
//! (used when a service folder lacks them) and the starter service that `iro init DIR` writes.
//!
//! `templates/`, `forms/` and `content/` are embedded whole, so a new template is built in by
//! being in the folder; `build.rs` makes cargo rebuild when a file is added there.

use std::sync::LazyLock;

use include_dir::{Dir, include_dir};

static TEMPLATES: Dir = include_dir!("$CARGO_MANIFEST_DIR/templates");
static FORMS: Dir = include_dir!("$CARGO_MANIFEST_DIR/forms");
static CONTENT: Dir = include_dir!("$CARGO_MANIFEST_DIR/content");
/// The easy read pictures: built in, not copied into a new service, whose own `pictures/`
/// folder holds only the pictures it puts in their place.
static PICTURES: Dir = include_dir!("$CARGO_MANIFEST_DIR/pictures");

/// The rest of the starter service: the service file, the IRO's picture, one child and one
/// carer household to copy from.
const STARTER: &[(&str, &[u8])] = &[
    ("service.yaml", include_bytes!("../service.yaml")),
    (
        "images/iro-hokafor.png",
        include_bytes!("../images/iro-hokafor.png"),
    ),
    (
        "cases/NM-1003.yaml",
        include_bytes!("../cases/NM-1003.yaml"),
    ),
    (
        "carers/FC-204.yaml",
        include_bytes!("../carers/FC-204.yaml"),
    ),
];

/// Every built-in file, as (path in a service folder, contents), sorted by path.
pub static FILES: LazyLock<Vec<(String, &'static [u8])>> = LazyLock::new(|| {
    let mut files: Vec<(String, &'static [u8])> = STARTER
        .iter()
        .map(|(path, bytes)| ((*path).to_owned(), *bytes))
        .collect();
    for (folder, dir) in [
        ("templates", &TEMPLATES),
        ("forms", &FORMS),
        ("content", &CONTENT),
    ] {
        collect(folder, dir, &mut files);
    }
    files.sort();
    files
});

/// The built-in easy read pictures and their alt text, by path under `pictures/`.
pub fn pictures() -> Vec<(String, &'static [u8])> {
    let mut files = Vec::new();
    collect("", &PICTURES, &mut files);
    (files.into_iter())
        .map(|(path, bytes)| (path.trim_start_matches('/').to_owned(), bytes))
        .collect()
}

fn collect(folder: &str, dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        out.push((format!("{folder}/{rel}"), file.contents()));
    }
    for sub in dir.dirs() {
        collect(folder, sub, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_form_and_page_of_the_example_is_built_in() {
        let has = |path: &str| FILES.iter().any(|(p, _)| p == path);
        for path in [
            "templates/reminders/social-worker.md",
            "templates/layouts/letter.typ",
            "forms/parent.yaml",
            "forms/carer.yaml",
            "content/index.md",
            "service.yaml",
        ] {
            assert!(has(path), "{path} is not built in");
        }
        let on_disk = walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .count();
        let built_in = FILES
            .iter()
            .filter(|(p, _)| p.starts_with("templates/"))
            .count();
        assert_eq!(built_in, on_disk);
    }
}
