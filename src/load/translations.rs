//! Forms' translations: `forms/<lang>/<id>.yaml` in the service folder, then iro's built-in
//! ones. A built-in translation is used only for a form the service keeps as iro ships it: a
//! service that rewords its own form words its translation too.

use std::path::{Path, PathBuf};

use super::{Loaded, Source, built_in_source, read_and_parse, yaml_files};

/// Whether a folder's name is a language's code (`cy`, `pl`, `pt-BR`), so that `forms/backup/`
/// is not read as a language.
fn is_language_folder(name: &str) -> bool {
    let mut parts = name.split('-');
    let primary = parts.next().unwrap_or_default();
    let region_ok =
        parts.all(|p| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase()) && region_ok
}

/// Reads the service folder's translations, then adds the built-in ones it has no copy of.
pub(super) fn load_form_translations(root: &Path, loaded: &mut Loaded) {
    let dir = root.join("forms");
    let mut folders: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|name| is_language_folder(name))
        .collect();
    folders.sort();
    for folder in folders {
        let files = yaml_files(root, &format!("forms/{folder}"), &mut loaded.diagnostics);
        for rel in files {
            match read_and_parse(root, &rel) {
                Ok(source) => loaded.form_translations.push(source),
                Err((diag, text)) => loaded.record_failure(*diag, text),
            }
        }
    }
    let built_in = built_in_translations(&loaded.forms);
    for source in built_in {
        let stem = |p: &Path| p.file_stem().map(|s| s.to_os_string());
        let lang = |p: &Path| p.parent().map(Path::to_path_buf);
        let has_own = loaded
            .form_translations
            .iter()
            .any(|t| stem(&t.path) == stem(&source.path) && lang(&t.path) == lang(&source.path));
        if !has_own {
            loaded.form_translations.push(source);
        }
    }
}

/// The built-in translations of the forms in `forms` that are word for word iro's own.
fn built_in_translations(forms: &[Source]) -> Vec<Source> {
    let files = &crate::defaults::FILES;
    let unchanged = |id: &str| {
        let path = PathBuf::from(format!("forms/{id}.yaml"));
        let own = forms.iter().find(|f| f.path == path);
        let shipped = files.iter().find(|(p, _)| Path::new(p) == path);
        match (own, shipped) {
            (Some(own), Some((p, bytes))) => {
                built_in_source(p, bytes).is_some_and(|s| s.value == own.value)
            }
            _ => false,
        }
    };
    files
        .iter()
        .filter_map(|(path, bytes)| {
            let mut parts = path.split('/');
            let (Some("forms"), Some(_lang), Some(file), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            let id = file.strip_suffix(".yaml")?;
            if !unchanged(id) {
                return None;
            }
            built_in_source(path, bytes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_folders_are_told_from_others() {
        for name in ["cy", "pl", "pt-BR", "zh-Hant"] {
            assert!(is_language_folder(name), "{name}");
        }
        for name in ["old-forms", "Welsh", "backup", "c", ""] {
            assert!(!is_language_folder(name), "{name}");
        }
    }
}
