//! Pictures for easy read documents: iro's built-in set (`pictures/` in the repository, built
//! in), with the service's own `pictures/` folder over it.
//!
//! A picture is named by its file's stem: `hello` is `pictures/hello.svg`, and a service's
//! `pictures/hello.png` replaces it in every template. A set of the service's own sits in a
//! folder (`pictures/photosymbols/hello.png`) and is named with it (`photosymbols/hello`).
//! `pictures.yaml`, in `pictures/` or in a set's folder, gives each picture's alt text by
//! language.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use walkdir::WalkDir;

use crate::diag::Diagnostic;

/// The picture files iro embeds.
const EXTENSIONS: [&str; 4] = ["svg", "png", "jpg", "jpeg"];

/// Largest picture iro embeds: an easy read picture is drawn about 2.5 cm wide.
const MAX_PICTURE_BYTES: usize = 1024 * 1024;

/// One picture: where documents find it, its bytes, and its alt text by language.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The virtual path documents embed it from: `/pictures/hello.svg`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub alt: BTreeMap<String, String>,
}

/// Every picture a template may name, by name (`hello`, `photosymbols/hello`).
#[derive(Debug, Clone, Default)]
pub struct Pictures {
    by_name: BTreeMap<String, Picture>,
    /// One hash of every picture and its alt text, for the inputs of documents that show any.
    pub sha256: String,
}

impl Pictures {
    pub fn get(&self, name: &str) -> Option<&Picture> {
        self.by_name.get(name)
    }

    /// Every name, for a message about one that is not there.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }
}

/// The built-in pictures with the service's over them, and a diagnostic for each file that
/// cannot be used.
pub fn load_pictures(root: &Path) -> (Pictures, Vec<Diagnostic>) {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    // Alt text files in the order they apply: the built-in one, then the service's.
    let mut alt_files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |rel: String, bytes: Vec<u8>, files: &mut BTreeMap<String, Vec<u8>>| {
        if is_alt_file(&rel) {
            alt_files.push((rel, bytes));
        } else if let Some(name) = picture_name(&rel) {
            // A picture replaces the one of its name before it, whatever its kind of file.
            files.retain(|other, _| picture_name(other).as_deref() != Some(name.as_str()));
            files.insert(rel, bytes);
        }
    };
    for (rel, bytes) in crate::defaults::pictures() {
        add(rel, bytes.to_vec(), &mut files);
    }
    let built_in: Vec<String> = files.keys().cloned().collect();
    let mut problems = Vec::new();
    for (rel, read) in service_files(&root.join("pictures")) {
        match read {
            Ok(bytes) if bytes.len() > MAX_PICTURE_BYTES && is_picture(&rel) => problems.push(
                Diagnostic::error(format!(
                    "picture `pictures/{rel}` is {} KB; iro embeds pictures up to {} KB",
                    bytes.len() / 1024,
                    MAX_PICTURE_BYTES / 1024
                ))
                .in_file(root.join("pictures").join(&rel))
                .hint("save it smaller: an easy read picture is printed about 2.5 cm wide"),
            ),
            Ok(bytes) => {
                // Two of the service's own files with one name: which one is meant?
                let name = picture_name(&rel);
                let twin = (files.keys()).find(|other| {
                    !built_in.contains(other) && picture_name(other) == name && name.is_some()
                });
                if let Some(twin) = twin {
                    problems.push(
                        Diagnostic::error(format!(
                            "`pictures/{twin}` and `pictures/{rel}` are both the picture `{}`",
                            name.unwrap_or_default()
                        ))
                        .in_file(root.join("pictures").join(&rel))
                        .hint("keep one of them"),
                    );
                }
                add(rel, bytes, &mut files);
            }
            Err(e) => problems.push(
                Diagnostic::error(format!("cannot read `pictures/{rel}`: {e}"))
                    .in_file(root.join("pictures").join(&rel)),
            ),
        }
    }
    let mut alt: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (rel, bytes) in &alt_files {
        match alt_texts(bytes) {
            Ok(texts) => {
                let set = rel.strip_suffix("pictures.yaml").unwrap_or_default();
                for (name, by_lang) in texts {
                    alt.entry(format!("{set}{name}"))
                        .or_default()
                        .extend(by_lang);
                }
            }
            Err(message) => problems.push(
                Diagnostic::error(format!("cannot read `pictures/{rel}`: {message}"))
                    .in_file(root.join("pictures").join(rel))
                    .expected("for each picture, `NAME:` and under it `alt: {en: ..., cy: ...}`"),
            ),
        }
    }
    let mut hash = format!("{alt:?}");
    let by_name = (files.into_iter())
        .filter_map(|(rel, bytes)| {
            let name = picture_name(&rel)?;
            hash.push_str(&format!("|{rel}|{}", crate::write::sha256_hex(&bytes)));
            let picture = Picture {
                path: format!("/pictures/{rel}"),
                bytes,
                alt: alt.get(&name).cloned().unwrap_or_default(),
            };
            Some((name, picture))
        })
        .collect();
    let pictures = Pictures {
        by_name,
        sha256: crate::write::sha256_hex(hash.as_bytes()),
    };
    (pictures, problems)
}

/// The files under the service's `pictures/` folder, by path relative to it, each read.
fn service_files(dir: &Path) -> Vec<(String, std::io::Result<Vec<u8>>)> {
    let entries = WalkDir::new(dir).sort_by_file_name().into_iter().flatten();
    (entries.filter(|e| e.file_type().is_file()))
        .filter_map(|entry| {
            let rel = entry.path().strip_prefix(dir).ok()?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            Some((rel, std::fs::read(entry.path())))
        })
        .collect()
}

fn is_picture(rel: &str) -> bool {
    picture_name(rel).is_some()
}

fn is_alt_file(rel: &str) -> bool {
    rel == "pictures.yaml" || rel.ends_with("/pictures.yaml")
}

/// A picture file's name as templates give it: its path without the extension.
fn picture_name(rel: &str) -> Option<String> {
    let (stem, extension) = rel.rsplit_once('.')?;
    EXTENSIONS
        .contains(&extension.to_ascii_lowercase().as_str())
        .then(|| stem.to_owned())
}

/// A `pictures.yaml`'s alt texts: picture name -> language -> text.
fn alt_texts(bytes: &[u8]) -> Result<BTreeMap<String, BTreeMap<String, String>>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
    let (value, _) = crate::load::yaml::parse(text).map_err(|d| d.message.clone())?;
    let Value::Object(pictures) = value else {
        return Err("it is not a map of picture names".to_owned());
    };
    let mut out = BTreeMap::new();
    for (name, picture) in pictures {
        let Some(Value::Object(alt)) = picture.get("alt") else {
            return Err(format!("`{name}` has no `alt:` map"));
        };
        let by_lang = (alt.iter())
            .filter_map(|(lang, text)| Some((lang.clone(), text.as_str()?.trim().to_owned())))
            .collect();
        out.insert(name, by_lang);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_picture_has_english_and_welsh_alt_text() {
        let (pictures, problems) = load_pictures(Path::new("/nonexistent"));
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<&str> = pictures.names().collect();
        assert!(names.len() >= 19, "{names:?}");
        for name in names {
            let picture = pictures.get(name).unwrap();
            assert!(picture.bytes.starts_with(b"<svg"), "{name}");
            for lang in ["en", "cy"] {
                assert!(
                    picture.alt.get(lang).is_some_and(|a| !a.is_empty()),
                    "{name} has no {lang} alt text"
                );
            }
        }
    }

    #[test]
    fn a_service_picture_replaces_the_built_in_one_of_its_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pictures/council")).unwrap();
        std::fs::write(dir.path().join("pictures/phone.png"), b"\x89PNG own").unwrap();
        std::fs::write(
            dir.path().join("pictures/council/home.png"),
            b"\x89PNG home",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("pictures/council/pictures.yaml"),
            "home:\n  alt: {en: A house}\n",
        )
        .unwrap();
        let (pictures, problems) = load_pictures(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        let phone = pictures.get("phone").unwrap();
        assert_eq!(phone.path, "/pictures/phone.png");
        assert_eq!(phone.bytes, b"\x89PNG own");
        // Its alt text is still the built-in one's, unless the service gives its own.
        assert_eq!(phone.alt["en"], "A telephone");
        let home = pictures.get("council/home").unwrap();
        assert_eq!(home.alt["en"], "A house");
        assert!(pictures.get("phone").is_some() && pictures.get("council/phone").is_none());
    }
}
