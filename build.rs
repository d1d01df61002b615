//! Rebuilds iro when a built-in template, form or site page is added or changed: they are
//! embedded whole (`src/defaults.rs`), and a new file in a folder is not otherwise noticed.

fn main() {
    for folder in ["templates", "forms", "content", "pictures"] {
        println!("cargo:rerun-if-changed={folder}");
    }
}
