//! The public site's pages: `content/*.md`, each with YAML front matter between `---` lines.
//!
//! Pages in another language than the service's are in `content/<lang>/`, with the same file
//! names. A service folder without `content/` uses the pages built into iro (English, and
//! Welsh in `content/cy/`). The front matter is checked like every other YAML file (schema,
//! every problem at once, file and line).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::Source;
use crate::diag::Diagnostic;
use crate::model::{Page, PageMeta};
use crate::validate::FileKind;

/// Every page, sorted by its `order` then slug, with a diagnostic for each bad one: the
/// service's own pages in `content/*.md` and each other language's in `content/<lang>/*.md`.
pub fn load_pages(root: &Path) -> (Vec<Page>, Vec<Diagnostic>) {
    let dir = root.join("content");
    let mut problems = Vec::new();
    let files = if dir.is_dir() {
        read_content_folder(&dir, &mut problems)
    } else {
        built_in_pages()
    };
    let mut pages = Vec::new();
    for (rel, lang, text) in files {
        match read_page(&rel, &text) {
            Ok(page) => pages.push(Page { lang, ..page }),
            Err(found) => problems.extend(found),
        }
    }
    pages.sort_by(|a, b| (a.meta.order, &a.slug, &a.lang).cmp(&(b.meta.order, &b.slug, &b.lang)));
    (pages, problems)
}

/// A page file read: its path under the service folder, its language folder, its text.
type PageFile = (PathBuf, Option<String>, String);

/// `content/*.md` and `content/<lang>/*.md`; a folder that is no language code is said.
fn read_content_folder(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PageFile> {
    let mut files = Vec::new();
    for entry in WalkDir::new(dir)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(
                    Diagnostic::error(format!("cannot read the content folder: {e}"))
                        .in_file("content"),
                );
                continue;
            }
        };
        let rel = Path::new("content").join(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        let lang = (entry.depth() == 2)
            .then(|| rel.parent().and_then(|p| p.file_name()))
            .flatten()
            .map(|f| f.to_string_lossy().into_owned());
        if entry.file_type().is_dir() {
            let name = entry.file_name().to_string_lossy();
            if !is_language_code(&name) {
                problems.push(
                    Diagnostic::warning(format!(
                        "`content/{name}/` is not a language's folder, so its pages are not used"
                    ))
                    .in_file(&rel)
                    .hint("a folder of pages in another language is named by its code, for example `content/cy/`"),
                );
            }
            continue;
        }
        let path = entry.path();
        let in_language = lang.as_deref().is_none_or(is_language_code);
        if !entry.file_type().is_file()
            || path.extension().is_none_or(|e| e != "md")
            || !in_language
        {
            continue;
        }
        match super::read_text(path) {
            Ok(text) => files.push((rel, lang, text)),
            Err(d) => problems.push(d.in_file(rel)),
        }
    }
    files
}

/// The pages built into iro: English in `content/`, Welsh in `content/cy/`.
fn built_in_pages() -> Vec<PageFile> {
    crate::defaults::FILES
        .iter()
        .filter(|(p, _)| p.starts_with("content/") && p.ends_with(".md"))
        .map(|(p, bytes)| {
            let rel = PathBuf::from(p);
            let lang = match rel.parent().and_then(|d| d.file_name()) {
                Some(folder) if folder != "content" => folder.to_string_lossy().into_owned(),
                _ => "en".to_owned(),
            };
            (rel, Some(lang), String::from_utf8_lossy(bytes).into_owned())
        })
        .collect()
}

/// A language code as `site.languages` takes one: `cy`, `pl`, `pt-BR`.
pub fn is_language_code(name: &str) -> bool {
    let mut parts = name.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Splits and checks one page.
pub fn read_page(rel: &Path, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let slug = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bad_slug = slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if bad_slug {
        return Err(vec![
            Diagnostic::error(format!("`{slug}` cannot be a page's address"))
                .in_file(rel)
                .expected("a file name of lowercase letters, digits and `-`, ending `.md`")
                .hint("rename the file, for example `taking-part.md`"),
        ]);
    }
    let Some((front, body, front_lines)) = split_front_matter(text) else {
        return Err(vec![
            Diagnostic::error("this page has no front matter")
                .in_file(rel)
                .expected("a first line `---`, then `title:`, `summary:`, `audience:`, `order:`, then `---`")
                .hint("copy the top lines of another page in content/ and change them"),
        ]);
    };
    // A blank first line stands in for the opening `---`, so line numbers are the file's.
    let front = format!("\n{front}");
    let value = super::yaml::parse_value(&front).map_err(|d| vec![d.in_file(rel)])?;
    let source = Source::new(rel.to_owned(), front, value);
    let problems = crate::validate::schema::check_structure(&source, FileKind::PageMeta);
    if !problems.is_empty() {
        return Err(problems);
    }
    let meta: PageMeta = serde_json::from_value(source.value.clone()).map_err(|e| {
        vec![Diagnostic::error(format!("this page's front matter is not valid: {e}")).in_file(rel)]
    })?;
    Ok(Page {
        slug,
        meta,
        body: format!("{}{body}", "\n".repeat(front_lines)),
        file: rel.to_string_lossy().replace('\\', "/"),
        lang: None,
    })
}

/// (front matter, body, lines taken by the front matter and its two `---` lines).
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((front, body, front.lines().count() + 2));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_body_lines_keep_their_numbers() {
        let text = "---\ntitle: T\nsummary: S\naudience: everyone\norder: 3\n---\n## Hello\n";
        let page = read_page(Path::new("content/a-page.md"), text).expect("a page");
        assert_eq!(page.slug, "a-page");
        assert_eq!(page.meta.order, 3);
        assert_eq!(page.body.lines().position(|l| l == "## Hello"), Some(6));
    }

    #[test]
    fn a_language_folder_is_named_by_its_code() {
        for code in ["cy", "pl", "pt-BR", "yue"] {
            assert!(is_language_code(code), "{code}");
        }
        for not in ["", "c", "Welsh", "CY", "images", "pt-", "en_GB"] {
            assert!(!is_language_code(not), "{not}");
        }
    }

    #[test]
    fn a_bad_field_is_reported_with_its_line() {
        let text = "---\ntitle: T\nsummary: S\naudience: everybody\n---\nbody\n";
        let problems = read_page(Path::new("content/x.md"), text).expect_err("bad audience");
        assert_eq!(problems[0].span.map(|s| s.line), Some(4), "{problems:?}");
        let none = read_page(Path::new("content/x.md"), "no front matter").expect_err("none");
        assert!(none[0].message.contains("front matter"));
    }
}
