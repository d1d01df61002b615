//! Templates, layouts and images: the service's own files over the defaults built into iro.
//!
//! A service edits what it wants to change; anything it has not got falls back to the built-in
//! default, so an old service folder keeps working when iro gains a new document.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use walkdir::WalkDir;

use crate::defaults;
use crate::diag::Diagnostic;

/// A template's text and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// The name templates use, relative to `templates/`: `letters/introduction/13-plus.md`.
    pub name: String,
    pub text: String,
}

/// Every template (`templates/**/*.md` and `*.html`), service files first, then built-in
/// defaults.
pub fn load_templates(root: &Path) -> (Vec<TemplateSource>, Vec<Diagnostic>) {
    let mut by_name: BTreeMap<String, String> = defaults::FILES
        .iter()
        .filter_map(|(path, text)| {
            let name = path.strip_prefix("templates/")?;
            (is_template(name) && name != "README.md")
                .then(|| (name.to_owned(), String::from_utf8_lossy(text).into_owned()))
        })
        .collect();
    let mut problems = Vec::new();
    let dir = root.join("templates");
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            // A folder that exists but cannot be read must not silently mean "use defaults".
            Err(e) if dir.exists() => {
                problems.push(
                    Diagnostic::error(format!("cannot read the templates folder: {e}"))
                        .in_file("templates"),
                );
                continue;
            }
            Err(_) => continue,
        };
        let path = entry.path();
        if !entry.file_type().is_file() || !is_template(&path.to_string_lossy()) {
            continue;
        }
        let Ok(rel) = path.strip_prefix(&dir) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        if name == "README.md" {
            continue;
        }
        match super::read_text(path) {
            Ok(text) => {
                by_name.insert(name, text);
            }
            Err(d) => problems.push(d.in_file(Path::new("templates").join(rel))),
        }
    }
    let templates = by_name
        .into_iter()
        .map(|(name, text)| TemplateSource { name, text })
        .collect();
    (templates, problems)
}

fn is_template(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".html")
}

/// A Typst layout (`letter.typ`, `form.typ`) from `templates/layouts/`, or the built-in one.
pub fn load_layout(root: &Path, name: &str) -> Result<String, Box<Diagnostic>> {
    load_template_file(root, &format!("layouts/{name}"))
}

/// A file under `templates/` that is not a Tera template (a layout, a stylesheet), or the
/// built-in one.
pub fn load_template_file(root: &Path, name: &str) -> Result<String, Box<Diagnostic>> {
    let rel = format!("templates/{name}");
    let path = root.join(&rel);
    if path.is_file() {
        return super::read_text(&path).map_err(|d| Box::new(d.in_file(rel)));
    }
    let built_in = defaults::FILES.iter().find(|(p, _)| *p == rel);
    match built_in {
        Some((_, bytes)) => Ok(String::from_utf8_lossy(bytes).into_owned()),
        None => Err(Box::new(
            Diagnostic::error(format!("no file `{name}` in templates/")).in_file(rel),
        )),
    }
}

/// The team's photos, by the virtual path templates use (`/images/a.png`), with a
/// diagnostic for each that cannot be read.
pub fn load_team_images(
    root: &Path,
    service: &crate::model::Service,
) -> (HashMap<String, Vec<u8>>, Vec<Diagnostic>) {
    let mut images = HashMap::new();
    let mut problems = Vec::new();
    for member in &service.team {
        if let Some(photo) = &member.photo {
            match load_image(root, photo) {
                Ok(bytes) => {
                    images.insert(format!("/{}", photo.trim_start_matches('/')), bytes);
                }
                Err(d) => problems.push(*d),
            }
        }
    }
    (images, problems)
}

/// The font files in the service's `fonts/` folder (`.ttf`, `.otf`, `.ttc`, `.otc`), by name;
/// the typesetter searches them before the fonts built into iro. No folder, no fonts.
pub fn load_service_fonts(root: &Path) -> (Vec<Vec<u8>>, Vec<Diagnostic>) {
    let dir = root.join("fonts");
    let mut paths: Vec<std::path::PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => return (Vec::new(), Vec::new()),
    };
    paths.retain(|p| {
        p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str())
        })
    });
    paths.sort();
    let mut fonts = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => fonts.push(bytes),
            Err(e) => problems.push(
                Diagnostic::error(format!("cannot read font `{}`: {e}", path.display()))
                    .in_file(&path),
            ),
        }
    }
    (fonts, problems)
}

/// Largest image iro embeds: a photo for a letter needs far less.
const MAX_IMAGE_BYTES: u64 = 2 * 1024 * 1024;

/// Reads an image named in service.yaml (a path under the service folder).
pub fn load_image(root: &Path, rel: &str) -> Result<Vec<u8>, Box<Diagnostic>> {
    let rel_path = Path::new(rel.trim_start_matches('/'));
    let escapes = rel_path
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)));
    let problem = |message: String| {
        Box::new(
            Diagnostic::error(message)
                .in_file("service.yaml")
                .expected(
                    "a PNG, JPEG or SVG file inside the service folder, such as images/name.png",
                )
                .hint("put the picture in images/ and give its path from the service folder"),
        )
    };
    if escapes {
        return Err(problem(format!(
            "image path `{rel}` leaves the service folder"
        )));
    }
    let path = root.join(rel_path);
    let size = std::fs::metadata(&path)
        .map_err(|e| problem(format!("cannot read image `{rel}`: {e}")))?
        .len();
    if size > MAX_IMAGE_BYTES {
        return Err(problem(format!("image `{rel}` is larger than 2 MB")));
    }
    std::fs::read(&path).map_err(|e| problem(format!("cannot read image `{rel}`: {e}")))
}
