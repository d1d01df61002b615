//! What `iro check` says about each common mistake, as snapshots (insta), over small fixture
//! folders: `tests/fixtures/errors/<case>/` holds only the files of the mistake, laid over a
//! service folder made of the example's `service.yaml` and images. A change to any message
//! shows as a diff to review (`cargo insta review`, or `INSTA_UPDATE=always` to accept).
//! See: issue 14.

use std::fs;
use std::path::Path;

use crate::{AS_OF, Fixture, output};

/// The example's service file and images, with no case, carer or template of its own (the
/// built-in templates, forms and pages are used).
fn base() -> Fixture {
    let fx = Fixture::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fx.write(
        "service.yaml",
        fs::read(root.join("service.yaml")).expect("service.yaml"),
    );
    fx.write(
        "images/iro-hokafor.png",
        fs::read(root.join("images/iro-hokafor.png")).expect("the photo"),
    );
    fx
}

/// Lays every file under `from` over the fixture.
fn overlay(fx: &Fixture, from: &Path, rel: &Path) {
    for entry in fs::read_dir(from.join(rel)).expect("fixture folder") {
        let entry = entry.expect("entry");
        let rel = rel.join(entry.file_name());
        if entry.path().is_dir() {
            overlay(fx, from, &rel);
        } else {
            fx.write(
                &rel.to_string_lossy(),
                fs::read(entry.path()).expect("fixture file"),
            );
        }
    }
}

#[test]
fn r14_every_common_mistake_has_a_message_that_names_its_place_and_fix() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    let mut names: Vec<String> = fs::read_dir(&fixtures)
        .expect("tests/fixtures/errors")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 20, "only {} error fixtures", names.len());
    for name in &names {
        let fx = base();
        overlay(&fx, &fixtures.join(name), Path::new(""));
        let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
        let root = fx.path().to_string_lossy().into_owned();
        let said = stderr.replace(&root, "[SERVICE]");
        assert_eq!(code, 1, "{name}: a mistake must fail the check\n{said}");
        assert!(said.contains("error"), "{name}: {said}");
        insta::assert_snapshot!(name.as_str(), said);
    }
}
