//! What each document is made from, hashed, so that a rebuild makes again only what changed.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::{Layouts, TEXT_HEADER, document};
use crate::load::Loaded;
use crate::plan::{Body, Job, Variant, Wording};
use crate::write::sha256_hex;

/// Hashes of the input files, so a job can tell whether it changed.
pub(super) struct Inputs {
    service: String,
    /// The service's own fonts (`fonts/`), all together: a new font can change any PDF.
    fonts: String,
    cases: HashMap<String, (String, String)>,
    /// Templates (`letters/...md`), layouts (`layouts/letter.typ`) and forms
    /// (`forms/<id>.yaml`), by the name a job uses.
    files: HashMap<String, String>,
}

impl Inputs {
    pub(super) fn new(
        loaded: &Loaded,
        files: &HashMap<String, PathBuf>,
        templates: &[crate::render::TemplateSource],
        layouts: &Layouts,
        fonts: &[Vec<u8>],
        pictures: &crate::load::pictures::Pictures,
    ) -> Self {
        let texts: HashMap<&std::path::Path, &str> = loaded
            .cases
            .iter()
            .chain(&loaded.carers)
            .map(|s| (s.path.as_path(), s.text.as_str()))
            .collect();
        let cases = files
            .par_iter()
            .filter_map(|(id, path)| {
                let text = texts.get(path.as_path())?;
                Some((
                    id.clone(),
                    (path.display().to_string(), sha256_hex(text.as_bytes())),
                ))
            })
            .collect();
        // A template that names pictures is made again when one of them changes.
        let mut hashes: HashMap<String, String> = templates
            .iter()
            .map(|t| {
                let hash = if crate::render::pictures::may_name_pictures(&t.text) {
                    sha256_hex(format!("{}|{}", t.text, pictures.sha256).as_bytes())
                } else {
                    sha256_hex(t.text.as_bytes())
                };
                (t.name.clone(), hash)
            })
            .collect();
        for body in [Body::Letter, Body::Form] {
            let name = Layouts::file_name(body).to_owned();
            hashes.insert(name, sha256_hex(layouts.source(body).as_bytes()));
        }
        for form in loaded.forms.iter().chain(&loaded.form_translations) {
            let name = form.path.to_string_lossy().replace('\\', "/");
            hashes.insert(name, sha256_hex(form.text.as_bytes()));
        }
        let font_hashes: Vec<String> = fonts.iter().map(|f| sha256_hex(f)).collect();
        Inputs {
            fonts: sha256_hex(font_hashes.concat().as_bytes()),
            service: loaded
                .service
                .as_ref()
                .map(|s| sha256_hex(s.text.as_bytes()))
                .unwrap_or_default(),
            cases,
            files: hashes,
        }
    }

    /// The input files of a job and one hash over all of them.
    pub(super) fn of(
        &self,
        job: &Job,
        wording: &Wording,
        photo: Option<(&str, &[u8])>,
    ) -> (Vec<String>, String) {
        let (case_path, case_hash) = self
            .cases
            .get(job.subject.id())
            .cloned()
            .unwrap_or_default();
        // A form's page is drawn by the HTML form template, its print by the form layout.
        // Braille and audio are made from the words alone: a form's words come from its text
        // template, and both open with the header in place of a letterhead.
        let drawn_by: &[&str] = match (job.kind.body, job.variant) {
            (Body::Form, Variant::Html) => &[
                document::FORM_PAGE,
                document::FORM_PAGE_PARTS[0],
                document::FORM_PAGE_PARTS[1],
            ],
            (Body::Letter, Variant::Html) => &[super::outputs::LETTERHEAD],
            (Body::Form, v) if v.is_text_only() => &[document::FORM_WORDS, TEXT_HEADER],
            (_, v) if v.is_text_only() => &[TEXT_HEADER],
            // A Word copy is drawn by `typeset::docx` itself, from the words and the form.
            (_, Variant::Docx) => &[],
            (body, _) => &[Layouts::file_name(body)],
        };
        // The template in the reader's language, or the English one and the line that says
        // it is not translated yet.
        let mut names: Vec<String> = wording.parts().into_iter().map(|p| p.template).collect();
        if wording.missing.is_some() {
            names.push(crate::plan::NOT_TRANSLATED.to_owned());
        }
        // A document in another language is drawn by that language's form page and words, or
        // opens with its Braille and audio header, where the templates have them (see
        // `document::template_in`).
        names.extend(drawn_by.iter().map(|n| {
            let in_language = crate::plan::translated(&wording.lang, n);
            if self.files.contains_key(&in_language) {
                in_language
            } else {
                (*n).to_owned()
            }
        }));
        let mut files = vec!["service.yaml".to_owned(), case_path];
        let mut key = format!(
            "{}|{}|{}|{case_hash}|{}|{}|{:?}|{}",
            env!("CARGO_PKG_VERSION"),
            self.service,
            self.fonts,
            job.path,
            job.date,
            job.variant,
            wording.template,
        );
        key.push_str(&format!(
            "|{}|{:?}|{:?}",
            wording.lang, wording.missing, wording.second
        ));
        for name in names {
            let hash = self
                .files
                .get(&name)
                .map(String::as_str)
                .unwrap_or_default();
            key.push_str(&format!("|{hash}"));
            // Forms sit in their own folder; everything else is under templates/.
            files.push(if name.starts_with("forms/") && name.ends_with(".yaml") {
                name
            } else {
                format!("templates/{name}")
            });
        }
        if let Some((path, bytes)) = photo {
            files.push(path.trim_start_matches('/').to_owned());
            key.push_str(&format!("|{}", sha256_hex(bytes)));
        }
        (files, sha256_hex(key.as_bytes()))
    }
}
