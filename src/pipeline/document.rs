//! One document: its view rendered, typeset as PDF or drawn as HTML, and written.

use std::collections::HashMap;
use std::path::Path;

use super::outputs::{Draft, output_for};
use super::{Inputs, JobContext, Options};
use crate::diag::Diagnostic;
use crate::model::{Service, ServiceData, TeamMember};
use crate::plan::{
    Body, Job, Languages, NOT_TRANSLATED, Part, Variant, Wording, choose_wording, language_name,
    translated, translated_form,
};
use crate::render::Renderer;
use crate::render::context::{Withheld, in_language, reader_address, short_date};
use crate::render::letterhead::Letterhead;
use crate::schedule::DueItem;
use crate::typeset::braille::has_untranslated;
use crate::write::{ManifestEntry, sha256_hex};

/// What a document is made from, worked out before anything is written: who signs it, the
/// photo it shows, its input files and their hash, and the manifest entry it keeps when none
/// of them changed.
pub(super) struct Staged<'a> {
    iro: &'a TeamMember,
    photo: Option<(String, &'a Vec<u8>)>,
    input_files: Vec<String>,
    inputs_sha256: String,
    /// Set when the file on disk is already this document.
    pub unchanged: Option<ManifestEntry>,
}

/// Stages one document.
pub(super) fn stage<'a>(
    job: &Job,
    ctx: &JobContext<'a>,
    inputs: &Inputs,
    previous: &HashMap<&str, &ManifestEntry>,
    options: &Options,
) -> Result<Staged<'a>, Diagnostic> {
    let iro = signer(job, &ctx.data.service)?;
    // Only the images this document's view offers (the IRO's photo) are in its world.
    let photo: Option<(String, &Vec<u8>)> = iro
        .photo
        .as_deref()
        .map(crate::render::context::photo_path)
        .and_then(|p| ctx.images.get(&p).map(|b| (p, b)));
    let wording = wording(job, ctx.data, ctx.renderer);
    let (input_files, mut inputs_sha256) = inputs.of(
        job,
        &wording,
        photo.as_ref().map(|(p, b)| (p.as_str(), b.as_slice())),
    );
    if job.variant.is_text_only() {
        // A new liblouis or espeak-ng may braille or speak the same words differently.
        let key = format!("{inputs_sha256}|{}", ctx.tools.versions);
        inputs_sha256 = sha256_hex(key.as_bytes());
    }
    let target = options.out.join(&job.path);
    let unchanged = previous
        .get(job.path.as_str())
        .filter(|old| {
            !options.keep_typst
                && old.inputs_sha256 == inputs_sha256
                && std::fs::metadata(&target).is_ok_and(|m| m.len() == old.bytes)
        })
        .map(|old| (*old).clone());
    Ok(Staged {
        iro,
        photo,
        input_files,
        inputs_sha256,
        unchanged,
    })
}

/// Who signs a document: the meeting's chair for a record, otherwise the child's (or
/// household's) IRO.
pub(super) fn signer<'a>(job: &Job, service: &'a Service) -> Result<&'a TeamMember, Diagnostic> {
    let iro_id = job
        .record()
        .and_then(|r| r.meeting.chair.as_deref())
        .or(job.subject.iro_id())
        .unwrap_or_default();
    service
        .member(iro_id)
        .ok_or_else(|| Diagnostic::error(format!("unknown IRO `{iro_id}`")))
}

/// A document made (or found unchanged).
pub(super) struct Made {
    pub entry: ManifestEntry,
    /// Whether the file was written (rather than already there).
    pub written: bool,
    /// Something the reader of the build should know about this file.
    pub warning: Option<String>,
}

/// Makes one staged document (unless it is unchanged) and writes it.
pub(super) fn make(
    job: &Job,
    staged: &Staged,
    ctx: &JobContext,
    options: &Options,
) -> Result<Made, Diagnostic> {
    let target = options.out.join(&job.path);
    if let Some(old) = &staged.unchanged {
        let bytes = match job.variant {
            Variant::Braille => std::fs::read(&target).unwrap_or_default(),
            _ => Vec::new(),
        };
        return Ok(Made {
            entry: old.clone(),
            written: false,
            warning: braille_warning(job, &bytes).or_else(|| glyph_warning(job, ctx)),
        });
    }
    let Staged {
        iro,
        photo,
        input_files,
        inputs_sha256,
        ..
    } = staged;
    let how = Making::File {
        target: &target,
        keep: options.keep_typst,
    };
    let (bytes, facts) = document_bytes(job, iro, photo.as_ref(), ctx, how)?;
    let written =
        crate::write::write_atomic(&target, &bytes).map_err(|e| write_error(&target, &e))?;
    let entry = ManifestEntry {
        path: job.path.clone(),
        kind: job.kind.name.to_owned(),
        case: job.subject.id().to_owned(),
        audience: job.audience,
        variant: job.variant,
        sha256: sha256_hex(&bytes),
        bytes: bytes.len() as u64,
        inputs: input_files.clone(),
        inputs_sha256: inputs_sha256.clone(),
        // A Braille or audio file's name is the print copy's with one extension for another.
        source: job.variant.is_text_only().then(|| {
            let stem = job
                .path
                .rsplit_once('.')
                .map_or(job.path.as_str(), |(s, _)| s);
            format!("{stem}{}", Variant::Standard.suffix())
        }),
        reader: Some(job.reader.id().to_owned()),
        dated: Some(job.date),
        facts_sha256: Some(facts),
        amends: ctx.amended.get(&job.path).map(|sent| sent.archived.clone()),
    };
    Ok(Made {
        entry,
        written,
        warning: braille_warning(job, &bytes).or_else(|| glyph_warning(job, ctx)),
    })
}

/// For a PDF with a letter no font can draw, a warning naming the file and the field.
fn glyph_warning(job: &Job, ctx: &JobContext) -> Option<String> {
    let fields = super::glyphs::undrawable_fields(job, ctx.data, ctx.schedules, &ctx.typesetter);
    super::glyphs::build_warning(job, &fields)
}

/// Whether a document is made to be written, or only rehearsed by `iro check`: everything the
/// build does but writing and the outside programs (liblouis, espeak-ng).
#[derive(Clone, Copy)]
pub(super) enum Making<'p> {
    /// To be written at `target`; with `keep`, its Typst (or SSML) is kept beside it.
    File {
        target: &'p Path,
        keep: bool,
    },
    Rehearsal,
}

/// Makes one job's rehearsal: its view, template, letterhead and layout, in memory.
pub(super) fn rehearse(job: &Job, ctx: &JobContext) -> Result<(), Diagnostic> {
    let iro = signer(job, &ctx.data.service)?;
    let photo = iro
        .photo
        .as_deref()
        .map(crate::render::context::photo_path)
        .and_then(|p| ctx.images.get(&p).map(|b| (p, b)));
    document_bytes(job, iro, photo.as_ref(), ctx, Making::Rehearsal).map(|_| ())
}

/// The hash of what a job's document says: its view and the address it is sent to, not how
/// it is laid out. A sent document's facts are compared with this to tell when the case has
/// changed since it went.
pub(super) fn facts(job: &Job, ctx: &JobContext) -> Result<String, Diagnostic> {
    let iro = signer(job, &ctx.data.service)?;
    let withheld = withheld(job, ctx.data);
    let lang = wording(job, ctx.data, ctx.renderer).lang;
    let view = view(job, ctx.data, ctx.schedules, iro, &withheld, &lang)?;
    let letterhead = in_language(&lang, || letterhead(job, ctx, iro, &withheld, None));
    Ok(facts_of(&view, &letterhead))
}

fn facts_of(view: &serde_json::Value, letterhead: &Letterhead) -> String {
    let facts = serde_json::json!({ "view": view, "to": letterhead.recipient_lines });
    sha256_hex(sorted(facts).to_string().as_bytes())
}

/// A value with every object's keys in sorted order, and a record's discussion areas too: a
/// sent document's facts hash must not change with the order of a view's fields or of the
/// areas in the case file (the order they print in is layout, not a fact), and sent documents
/// keep the hashes made when both were always sorted.
fn sorted(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut pairs: Vec<(String, Value)> = map.into_iter().collect();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            let pairs = pairs.into_iter().map(|(key, value)| match value {
                Value::Array(mut areas) if key == "discussion" => {
                    areas.sort_by_key(|area| area["area"].as_str().unwrap_or_default().to_owned());
                    (key, sorted(Value::Array(areas)))
                }
                value => (key, sorted(value)),
            });
            Value::Object(pairs.collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// A document's bytes: its view built for its reader, then made by its output (drawn as
/// HTML, typeset as PDF, brailled or spoken); and the hash of its facts ([`facts`]).
fn document_bytes(
    job: &Job,
    iro: &TeamMember,
    photo: Option<&(String, &Vec<u8>)>,
    ctx: &JobContext,
    how: Making,
) -> Result<(Vec<u8>, String), Diagnostic> {
    // Worked out once: the view and the letterhead's address both hold back what it says.
    let withheld = withheld(job, ctx.data);
    let wording = wording(job, ctx.data, ctx.renderer);
    let view = view(job, ctx.data, ctx.schedules, iro, &withheld, &wording.lang)?;
    let second_view = match &wording.second {
        Some(second) => Some(self::view(
            job,
            ctx.data,
            ctx.schedules,
            iro,
            &withheld,
            &second.lang,
        )?),
        None => None,
    };
    let form = matches!(job.kind.body, Body::Form).then(|| view.clone());
    let letterhead = in_language(&wording.lang, || letterhead(job, ctx, iro, &withheld, form));
    let facts = facts_of(&view, &letterhead);
    let draft = Draft {
        job,
        ctx,
        photo,
        letterhead,
        view,
        second_view,
        how,
        wording,
    };
    Ok((output_for(job.variant).make(&draft)?, facts))
}

/// For a Braille copy with letters liblouis has no Braille for, a warning naming it.
fn braille_warning(job: &Job, bytes: &[u8]) -> Option<String> {
    (job.variant == Variant::Braille && has_untranslated(bytes)).then(|| {
        format!(
            "`{}` has letters with no Unified English Braille (Arabic, Chinese or Cyrillic script, say), which show as liblouis's `\\x` codes; ask a Braille transcriber to check this copy",
            job.path
        )
    })
}

/// A document's words as Markdown, without letterhead or drawing: a letter's template, or a
/// form's text template. Braille, audio and the reading level check read these.
pub(super) fn words(
    job: &Job,
    part: &Part,
    renderer: &Renderer,
    view: &serde_json::Value,
) -> Result<String, Diagnostic> {
    let template = match job.kind.body {
        Body::Form => template_in(FORM_WORDS, &part.lang, renderer),
        _ => part.template.clone(),
    };
    in_language(&part.lang, || renderer.render(&template, view)).map_err(|d| *d)
}

/// The wording a job uses: its reader's language, where the templates have it.
pub(super) fn wording(job: &Job, data: &ServiceData, renderer: &Renderer) -> Wording {
    let translated_form = |name: &str| {
        (data.form_translations.iter())
            .any(|t| translated_form(&t.lang, &format!("forms/{}.yaml", t.form.id)) == name)
    };
    choose_wording(job, &Languages::of(&data.service), |name| {
        renderer.has(name) || translated_form(name)
    })
}

/// A template the document's language may have a copy of (a form's words or page, the header
/// of a Braille or audio copy): `cy/forms/form.html` for `forms/form.html` in Welsh, where the
/// templates have it; the service's own otherwise.
pub(super) fn template_in(name: &str, lang: &str, renderer: &Renderer) -> String {
    let in_language = translated(lang, name);
    if renderer.has(&in_language) {
        in_language
    } else {
        name.to_owned()
    }
}

/// For a document that could not be written in its reader's language, the line that opens
/// it (`languages/not-translated.md`), saying so and how to ask for it.
pub(super) fn not_translated(
    wording: &Wording,
    renderer: &Renderer,
    letterhead: &Letterhead,
) -> Result<Option<String>, Diagnostic> {
    let Some(code) = &wording.missing else {
        return Ok(None);
    };
    let view = serde_json::json!({
        "language": language_name(code),
        "code": code,
        "service_name": letterhead.service_name,
        "phone": letterhead.phone,
        "email": letterhead.email,
    });
    let line = renderer.render(NOT_TRANSLATED, &view).map_err(|d| *d)?;
    Ok(Some(line))
}

/// The template of a form's words, in the service's language.
pub(super) const FORM_WORDS: &str = "forms/form.md";

/// The page a form is drawn as on screen, in the service's language.
pub(super) const FORM_PAGE: &str = "forms/form.html";

/// The folder of what every language's form page includes (its style and script).
pub(super) const FORM_SHARED: &str = "forms/shared/";

/// What every form page includes, whatever its language.
pub(super) const FORM_PAGE_PARTS: [&str; 2] =
    ["forms/shared/style.html", "forms/shared/script.html"];

/// What this job's copy holds back (see `render::withhold`).
pub(super) fn withheld(job: &Job, data: &ServiceData) -> Withheld {
    Withheld::for_copy(
        job.subject,
        &job.reader,
        job.audience,
        job.date,
        &data.service,
        &data.carers,
    )
}

/// The view a document's template (or form layout) sees, built for the job's audience, with
/// every value the copy holds back (`withheld`, from [`withheld`]) scrubbed from it, and its
/// dates in words in `lang`.
pub(super) fn view(
    job: &Job,
    data: &ServiceData,
    schedules: &HashMap<String, Vec<DueItem>>,
    iro: &TeamMember,
    withheld: &Withheld,
    lang: &str,
) -> Result<serde_json::Value, Diagnostic> {
    let items = schedules
        .get(job.subject.id())
        .map(Vec::as_slice)
        .unwrap_or_default();
    let inputs = crate::kinds::ViewInputs {
        data,
        items,
        iro,
        withheld,
    };
    let mut value = in_language(lang, || crate::kinds::kind_of(job.kind).view(job, &inputs))
        .ok_or_else(|| Diagnostic::error(format!("no view for `{}`", job.path)))?;
    withheld.scrub_value(&mut value);
    // One code point per letter where Unicode has one, in every format (see `typeset::nfc`).
    crate::typeset::nfc_value(&mut value);
    Ok(value)
}

/// What the layout prints around the body: the letterhead, or for a form the form itself.
fn letterhead(
    job: &Job,
    ctx: &JobContext,
    iro: &TeamMember,
    withheld: &Withheld,
    form: Option<serde_json::Value>,
) -> Letterhead {
    let service = &ctx.data.service;
    let recipient = reader_address(
        job.subject,
        &job.reader,
        withheld,
        &ctx.data.carers,
        job.date,
    );
    Letterhead {
        email: iro.email.clone(),
        date: Some(short_date(job.date)),
        recipient_lines: Some(recipient),
        reference: Some(crate::render::context::our_reference(job.subject.id())),
        amends: ctx.amended.get(&job.path).map(|sent| {
            format!(
                "Amended: this replaces the copy sent on {}",
                crate::render::context::long_date(sent.sent)
            )
        }),
        form,
        ..Letterhead::from_office(service, service.office(&iro.office))
    }
}

pub(super) fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write `{}`: {e}", path.display()))
        .hint("check the output folder exists, is writable and the disk is not full")
}
