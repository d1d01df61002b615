//! Typesetting: Markdown letters to tagged PDF (in-process Typst), HTML and DOCX, and to
//! Braille (BRF, through liblouis) and audio (WAV, through espeak-ng).
//!
//! Takes Markdown text, a Typst layout, letterhead data as JSON and image
//! bytes; returns PDF bytes or HTML text. The generated `main.typ` holds only
//! escaped markup from `emit` plus constant code; data reaches Typst as the
//! virtual file `/data.json`. This module knows nothing of cases, YAML, Tera
//! or output paths, and must not read files or the clock. Braille and audio run outside
//! programs (see `tools`), text in and bytes out, no files.

pub mod braille;
mod contact_links;
mod direction;
pub mod docx;
mod emit;
mod escape;
pub mod fields;
mod fonts;
mod html;
mod nfc;
pub mod plain;
pub mod speech;
#[cfg(test)]
mod tests;
pub mod text_languages;
pub mod tools;
mod world;

use std::fmt;

use serde::{Deserialize, Serialize};
use typst::LibraryExt;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use contact_links::tel_uri;
pub use direction::is_right_to_left;
pub use emit::{PICTURE_TITLE, markdown_options, markdown_to_typst, markdown_to_typst_with};
pub use escape::{escape_markdown, escape_markup, escape_string};
pub use fonts::REPLACEMENT;
pub use html::{
    bilingual_body, heading_id, html_page, inline_image, letter_to_html, markdown_to_html,
    markdown_to_site_html,
};
pub use nfc::{nfc, nfc_value};
/// The virtual path the layout is served at; a Typst problem here is the layout's.
pub use world::LAYOUT_PATH;
use world::LetterWorld;

/// The built-in letter layout; a service may replace it with its own copy.
pub const DEFAULT_LAYOUT: &str = include_str!("../../templates/layouts/letter.typ");

/// The visual variants of one letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// 11.5pt, for most readers.
    Standard,
    /// 18pt body, no italics, for readers with low vision.
    LargePrint,
    /// 16pt, wide spacing, short lines and room for pictures.
    EasyRead,
}

impl Theme {
    /// Every theme, in a stable order.
    pub const ALL: [Theme; 3] = [Theme::Standard, Theme::LargePrint, Theme::EasyRead];

    /// The theme's name as the layout and serde spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Standard => "standard",
            Theme::LargePrint => "large-print",
            Theme::EasyRead => "easy-read",
        }
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One letter to typeset.
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// The body, Markdown produced by Tera (may contain hostile data text).
    pub markdown: &'a str,
    pub theme: Theme,
    /// The PDF document title (required for PDF/UA).
    pub title: &'a str,
    /// BCP 47 language tag such as `en`, `en-GB`, `pl`, `ar`.
    pub lang: &'a str,
    /// Source of the Typst layout, e.g. [`DEFAULT_LAYOUT`].
    pub layout: &'a str,
    /// Letterhead data, served to Typst as `/data.json`.
    pub data: &'a serde_json::Value,
    /// The document's date: Typst's `datetime.today()` and the PDF's creation date. Without
    /// it neither exists, so the same inputs give the same bytes on any day.
    pub date: Option<chrono::NaiveDate>,
    /// Virtual files such as `("/images/iro-jane.png", bytes)`.
    pub images: &'a [(String, Vec<u8>)],
    /// A bilingual letter's second language, after the first or beside it.
    pub second: Option<Second<'a>>,
}

/// The second language of a bilingual document: the same letter again, in `lang`.
#[derive(Clone, Copy, Debug)]
pub struct Second<'a> {
    pub markdown: &'a str,
    pub lang: &'a str,
    /// In a column to the right of the first language's, rather than after it from a new
    /// page.
    pub side_by_side: bool,
}

/// One problem Typst reported, located in the generated source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypstDiagnostic {
    /// Virtual path of the file, e.g. `/main.typ` or `/layout.typ`.
    pub path: Option<String>,
    /// 1-based line and column in that file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hints: Vec<String>,
}

impl fmt::Display for TypstDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line, self.column) {
            (Some(path), Some(line), Some(column)) => write!(f, "{path}:{line}:{column}: ")?,
            (Some(path), _, _) => write!(f, "{path}: ")?,
            _ => {}
        }
        f.write_str(&self.message)?;
        for hint in &self.hints {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

fn list(diagnostics: &[TypstDiagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| format!("  {d}")).collect();
    lines.join("\n")
}

/// Why a letter could not be typeset.
#[derive(thiserror::Error, Debug)]
pub enum TypesetError {
    #[error("the letter has no title, which PDF/UA requires")]
    MissingTitle,
    #[error("`{0}` is not a language tag iro understands (use one like `en` or `en-GB`)")]
    Language(String),
    #[error("typst could not compile the letter\n{}", list(.0))]
    Compile(Vec<TypstDiagnostic>),
    #[error("typst could not export the letter as PDF/UA-1\n{}", list(.0))]
    Export(Vec<TypstDiagnostic>),
}

/// Fonts, font book and standard library, built once and shared by every
/// compilation (it is `Send + Sync`, so rayon threads can borrow it).
pub struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Show rules drawing precomposed letters the main face lacks whole (see `fonts`).
    rules: String,
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    /// Loads the embedded fonts and Typst's standard library.
    pub fn new() -> Typesetter {
        Self::with_fonts(&[])
    }

    /// Loads a service's own fonts (each a font file's bytes), searched before the embedded
    /// ones, and Typst's standard library.
    pub fn with_fonts(own: &[Vec<u8>]) -> Typesetter {
        let fonts = fonts::load_fonts(own);
        Typesetter {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            rules: fonts::composed_letter_rules(&fonts),
            fonts,
        }
    }

    /// The letters of `text` no font can draw, each once, in order.
    pub fn undrawable(&self, text: &str) -> Vec<char> {
        let mut found: Vec<char> = Vec::new();
        for c in nfc(text).chars() {
            if !fonts::drawable(&self.fonts, c) && !found.contains(&c) {
                found.push(c);
            }
        }
        found
    }

    /// `text` as it reaches Typst: in NFC, each letter no font can draw replaced by
    /// [`REPLACEMENT`], so the document is still made (PDF/UA forbids a missing glyph).
    fn printable<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let text = nfc(text);
        if text.chars().all(|c| fonts::drawable(&self.fonts, c)) {
            return text;
        }
        let swap = |c: char| {
            if fonts::drawable(&self.fonts, c) {
                c
            } else {
                REPLACEMENT
            }
        };
        std::borrow::Cow::Owned(text.chars().map(swap).collect())
    }

    fn printable_value(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => {
                if let std::borrow::Cow::Owned(p) = self.printable(s) {
                    *s = p;
                }
            }
            serde_json::Value::Array(items) => {
                items.iter_mut().for_each(|v| self.printable_value(v));
            }
            serde_json::Value::Object(map) => {
                map.values_mut().for_each(|v| self.printable_value(v));
            }
            _ => {}
        }
    }

    /// Typesets `doc` as a tagged PDF/UA-1 file. Same input, same bytes.
    pub fn pdf(&self, doc: &Document) -> Result<Vec<u8>, TypesetError> {
        let (world, document) = self.compile(doc)?;
        let options = PdfOptions {
            timestamp: typst_date(doc.date).map(Timestamp::new_utc),
            standards: PdfStandards::new(&[PdfStandard::Ua_1])
                .expect("PDF/UA-1 alone is a valid standard set"),
            tagged: true,
            ident: Smart::Auto,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options)
            .map_err(|diags| TypesetError::Export(map_diagnostics(&world, &diags)))
    }

    /// Compiles `doc` to laid-out pages (for PDF export and for tests that
    /// inspect the frames).
    fn compile<'a>(
        &'a self,
        doc: &Document,
    ) -> Result<(LetterWorld<'a>, PagedDocument), TypesetError> {
        if doc.title.trim().is_empty() {
            return Err(TypesetError::MissingTitle);
        }
        if parse_lang(doc.lang).is_none() {
            return Err(TypesetError::Language(doc.lang.to_owned()));
        }
        let mut data = doc.data.clone();
        self.printable_value(&mut data);
        let world = LetterWorld::new(
            &self.library,
            &self.book,
            &self.fonts,
            self.typst_source(doc),
            doc.layout,
            &data,
            doc.images,
            typst_date(doc.date),
        );
        // Warnings (e.g. a font fallback) do not stop a letter, but a layout that never settles
        // does: Typst gives up after five attempts, and its pages may be wrong.
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let document =
            output.map_err(|diags| TypesetError::Compile(map_diagnostics(&world, &diags)))?;
        let unsettled: Vec<SourceDiagnostic> = warnings
            .iter()
            .filter(|w| w.message.contains("did not converge"))
            .cloned()
            .collect();
        if !unsettled.is_empty() {
            return Err(TypesetError::Compile(map_diagnostics(&world, &unsettled)));
        }
        Ok((world, document))
    }

    /// The generated `main.typ` for `doc` (for `--keep-typst` and snapshots).
    pub fn typst_source(&self, doc: &Document) -> String {
        let first = self.body_typst(doc, doc.markdown);
        let text_args = text_args(doc.lang);
        // Set after the layout's show rule, so that only the body runs right to left: the
        // letterhead keeps the envelope window's address block and the sender's column.
        let direction = if is_right_to_left(doc.lang) {
            "#set text(dir: rtl)\n"
        } else {
            ""
        };
        let body = match &doc.second {
            None => format!("{direction}\n{first}"),
            Some(second) => self.bilingual_typst(doc, &first, second),
        };
        let theme = escape_string(doc.theme.as_str());
        format!(
            "// Generated by iro from Markdown; every text run below is escaped.\n\
             #import {layout}: letter\n\
             {beside}\
             #set document(title: {title})\n\
             #set text({text_args})\n\
             {rules}\
             #show: letter.with(theme: {theme})\n\
             {body}",
            layout = escape_string(world::LAYOUT_PATH),
            beside = beside_definition(doc, &body, &theme),
            title = escape_string(&self.printable(doc.title.trim())),
            rules = self.rules,
        )
    }

    /// A body's Markdown as Typst markup.
    fn body_typst(&self, doc: &Document, markdown: &str) -> String {
        let has_image = |path: &str| doc.images.iter().any(|(p, _)| p == path);
        emit::markdown_to_typst_with(&self.printable(markdown), &has_image)
    }

    /// Both languages' bodies, each in a `text` of its own language and direction: one after
    /// the other, the second from a new page, or side by side in two columns (a grid row
    /// breaks across pages, and is read cell by cell, so a screen reader reads each language
    /// whole).
    fn bilingual_typst(&self, doc: &Document, first: &str, second: &Second) -> String {
        let in_lang = |lang: &str, body: &str| {
            let dir = if is_right_to_left(lang) {
                "dir: rtl"
            } else {
                "dir: ltr"
            };
            let args = [text_args(lang), dir.to_owned()];
            let args: Vec<&String> = args.iter().filter(|a| !a.is_empty()).collect();
            let args: Vec<&str> = args.iter().map(|a| a.as_str()).collect();
            format!("text({})[\n{body}\n]", args.join(", "))
        };
        let first = in_lang(doc.lang, first);
        let second = in_lang(second.lang, &self.body_typst(doc, second.markdown));
        if doc.second.is_some_and(|s| s.side_by_side) {
            format!("\n#grid(columns: (1fr, 1fr), column-gutter: 1.5em,\n{first},\n{second},\n)\n")
        } else {
            // A column break, not a page break: layouts put the body in a container (the easy
            // read gutter's `pad`), where a page break is not allowed; on a page of one
            // column it starts the next page all the same.
            format!("\n#{first}\n#colbreak(weak: true)\n#{second}\n")
        }
    }
}

/// Where the body shows easy read pictures: the layout's `beside` for its theme, or, for a
/// service's own layout that has none, the picture in a column of its own.
fn beside_definition(doc: &Document, body: &str, theme: &str) -> String {
    if !emit::uses_beside(body) {
        String::new()
    } else if doc.layout.contains("#let beside(") {
        format!(
            "#import {}: beside\n#let beside = beside.with(theme: {theme})\n",
            escape_string(world::LAYOUT_PATH)
        )
    } else {
        "#let beside(picture, point) = grid(columns: (2cm, 1fr), column-gutter: 0.6cm, picture, point)\n"
            .to_owned()
    }
}

/// `text`'s arguments for a language tag: `lang: "cy"`, with its region when it has one.
fn text_args(tag: &str) -> String {
    let mut args = String::new();
    if let Some((lang, region)) = parse_lang(tag) {
        args.push_str(&format!("lang: {}", escape_string(&lang)));
        if let Some(region) = region {
            args.push_str(&format!(", region: {}", escape_string(&region)));
        }
    }
    args
}

/// Drops Typst's memoized results older than `max_age` compilations; call
/// between batches so long runs do not grow without bound.
pub fn evict_cache(max_age: usize) {
    typst::comemo::evict(max_age);
}

/// Splits a BCP 47 tag into Typst's `lang` (2-3 letters) and optional
/// `region` (2 letters); `None` if Typst would reject it.
fn parse_lang(tag: &str) -> Option<(String, Option<String>)> {
    let mut parts = tag.trim().split(['-', '_']);
    let lang = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // Script subtags (`sr-Latn-RS`) are skipped; Typst has no field for them.
    let region = parts
        .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(|p| p.to_ascii_uppercase());
    Some((lang, region))
}

/// A document's date as Typst's.
fn typst_date(date: Option<chrono::NaiveDate>) -> Option<Datetime> {
    use chrono::Datelike;
    let date = date?;
    Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
}

/// Maps Typst diagnostics to messages with file, line and column.
fn map_diagnostics(world: &LetterWorld, diags: &[SourceDiagnostic]) -> Vec<TypstDiagnostic> {
    diags
        .iter()
        .map(|diag| {
            let id = diag.span.id();
            let position = id.and_then(|id| {
                let range = world.range(diag.span)?;
                let source = if id == world.main() {
                    world.main_source().clone()
                } else {
                    world.source(id).ok()?
                };
                let (line, column) = source.lines().byte_to_line_column(range.start)?;
                Some((line + 1, column + 1))
            });
            TypstDiagnostic {
                path: id.map(|id| id.vpath().get_with_slash().to_owned()),
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                message: diag.message.to_string(),
                hints: diag.hints.iter().map(|hint| hint.v.to_string()).collect(),
            }
        })
        .collect()
}
