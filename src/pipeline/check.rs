//! `iro check` as a library function: the pipeline up to a rehearsal, writing nothing. It
//! loads and validates every file, prepares the templates and layouts, reads the team's
//! images, says which wordings a reader's language has no translation of, scores what
//! children read, rehearses one document of each template and format, and
//! asks for the outside programs someone's formats need. Whatever the build will compile, read
//! or render, the check does once, so a passing check means a succeeding build.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::readability::{Sources, TextScore, score_child_texts, warnings};
use super::rehearse::rehearse_build;
use super::{Planned, prepare_templates};
use crate::diag::Diagnostic;
use crate::load::{Loaded, load_service_folder};
use crate::validate::{Validated, validate_service};

/// What `iro check` was asked to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub service: PathBuf,
    /// The day "overdue" and "in the future" are judged from, and packs are due on.
    pub as_of: NaiveDate,
}

/// What a check found.
pub struct Checked {
    /// The files read, to show diagnostics with.
    pub loaded: Loaded,
    pub validated: Validated,
    /// The reading level of every letter and form a child gets.
    pub scores: Vec<TextScore>,
}

/// Checks a service folder.
pub fn check(options: &CheckOptions) -> Checked {
    let mut loaded = load_service_folder(&options.service);
    let mut validated = validate_service(&mut loaded, options.as_of);
    let (prepared, problems) = prepare_templates(&options.service);
    validated.diagnostics.extend(problems);
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut scores = Vec::new();
    if let Some(data) = &validated.data {
        let schedules = std::mem::take(&mut validated.schedules);
        let archive = super::read_archive(&options.service).unwrap_or_else(|d| {
            found.push(d);
            crate::send::Archive::default()
        });
        let planned = Planned::all(data, schedules, options.as_of, &archive);
        if let Some(prepared) = &prepared {
            found.extend(super::languages::missing_translation_warnings(
                data,
                &prepared.templates,
            ));
            found.extend(super::site::site_warnings(&data.service, &prepared.pages));
            // What children read is scored as it will be printed, after templating.
            let (scored, problems) = score_child_texts(data, &prepared.renderer, &planned);
            found.extend(problems);
            let sources = Sources {
                templates: &prepared.templates,
                loaded: &loaded,
                case_files: &validated.files,
            };
            found.extend(warnings(&scored, &sources));
            scores = scored;
        }
        let (images, mut problems) =
            crate::load::templates::load_team_images(&options.service, &data.service);
        let (fonts, font_problems) = crate::load::templates::load_service_fonts(&options.service);
        problems.extend(font_problems);
        let (pictures, picture_problems) = crate::load::pictures::load_pictures(&options.service);
        problems.extend(picture_problems);
        found.extend(super::glyphs::check_warnings(
            data,
            &planned.jobs,
            &planned.schedules,
            &crate::typeset::Typesetter::with_fonts(&fonts),
        ));
        if let (Some(prepared), true) = (&prepared, problems.is_empty()) {
            let typesetter = crate::typeset::Typesetter::with_fonts(&fonts);
            found.extend(rehearse_build(
                data, prepared, &images, &pictures, &planned, typesetter,
            ));
        }
        found.extend(problems);
        found.extend(super::formats::missing_tool_warnings(data));
    }
    validated.diagnostics.extend(found);
    Checked {
        loaded,
        validated,
        scores,
    }
}
