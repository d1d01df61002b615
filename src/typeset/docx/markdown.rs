//! A letter's Markdown into the document's body, event by event: headings in Word's heading
//! styles, lists as numbered or bulleted Word lists, tables as Word tables, the photo as an
//! inline picture (its alt text added when packed). Raw HTML prints as text, as in the HTML
//! writer; links print their text, as in the PDF.

use docx_rs::{BreakType, Paragraph, Pic, Run, Table, TableCell, TableRow, WidthType};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::super::emit::{heading_level, markdown_options};
use super::{BULLETS, Child, NUMBERS, Sheet};

/// The photo's width, as the letter layout sets it (3.2 cm), in EMU.
const PHOTO_WIDTH_EMU: u32 = 1_152_000;

/// Writes `markdown` into the sheet; `images` are the pictures it may show, by path.
pub(super) fn write_markdown(sheet: &mut Sheet, markdown: &str, images: &[(String, Vec<u8>)]) {
    let mut writer = Writer {
        sheet,
        images,
        runs: Vec::new(),
        pending: String::new(),
        pending_style: Look::default(),
        kind: None,
        bold: 0,
        italic: 0,
        strike: 0,
        quote: 0,
        lists: Vec::new(),
        image: None,
        picture: false,
        table: None,
        code_block: false,
    };
    for event in Parser::new_ext(markdown, markdown_options()) {
        writer.event(event);
    }
    writer.flush();
}

/// What the paragraph being written is.
#[derive(Clone, Copy)]
enum Kind {
    Normal,
    Heading(u8),
    /// The first paragraph of a list item: list id and depth.
    Item(usize, usize),
    /// A later paragraph of a list item, indented under it.
    Continued(usize),
    Quote,
    Code,
}

/// How a stretch of text looks.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Look {
    bold: bool,
    italic: bool,
    strike: bool,
}

/// A table as it is read: its rows of cells, each cell's runs, and whether in the head.
#[derive(Default)]
struct TableBuild {
    rows: Vec<Vec<Vec<Run>>>,
    row: Vec<Vec<Run>>,
    head: bool,
}

struct Writer<'s, 'i> {
    sheet: &'s mut Sheet,
    images: &'i [(String, Vec<u8>)],
    runs: Vec<Run>,
    /// Text not yet in a run: pulldown-cmark splits text at every escape (`\*Kai\*`), and
    /// one run per stretch of text keeps the document easy to edit.
    pending: String,
    pending_style: Look,
    kind: Option<Kind>,
    bold: u32,
    italic: u32,
    strike: u32,
    quote: u32,
    /// Each open list's numbering id.
    lists: Vec<usize>,
    /// Inside an image: its path and the alt text so far.
    image: Option<(String, String)>,
    /// The image is an easy read picture, which a Word copy leaves out unless it can embed it.
    picture: bool,
    table: Option<TableBuild>,
    code_block: bool,
}

impl Writer<'_, '_> {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.code_block => self.code_text(&text),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => self.text(&text),
            Event::Code(text) => {
                let run = self.sheet.code_run(&text);
                self.push_run(run);
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push_run(Run::new().add_break(BreakType::TextWrapping)),
            Event::Rule => {
                self.flush();
                let p = self.sheet.paragraph().style("Rule");
                self.sheet.push(p);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.open(None),
            Tag::Heading { level, .. } => self.open(Some(Kind::Heading(heading_level(level)))),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.open(Some(Kind::Code));
                self.code_block = true;
            }
            Tag::List(first) => {
                self.flush();
                let id = match first {
                    Some(n) => self.sheet.list(NUMBERS, n),
                    None => self.sheet.list(BULLETS, 1),
                };
                self.lists.push(id);
            }
            Tag::Item => {
                let id = self.lists.last().copied().unwrap_or(0);
                self.open(Some(Kind::Item(id, self.lists.len().saturating_sub(1))));
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(TableBuild::default());
            }
            Tag::TableHead => self.with_table(|t| t.head = true),
            Tag::TableCell => {
                self.take_runs();
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image = Some((dest_url.to_string(), String::new()));
                self.picture = title.as_ref() == super::super::PICTURE_TITLE;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock | TagEnd::Heading(_) | TagEnd::Item => {
                self.flush()
            }
            TagEnd::CodeBlock => {
                self.flush();
                self.code_block = false;
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::TableCell => {
                let runs = self.take_runs();
                self.with_table(|t| t.row.push(runs));
            }
            TagEnd::TableHead | TagEnd::TableRow => self.with_table(|t| {
                let row = std::mem::take(&mut t.row);
                t.rows.push(row);
                t.head = false;
            }),
            TagEnd::Table => self.end_table(),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Image => self.end_image(),
            _ => {}
        }
    }

    fn with_table(&mut self, f: impl FnOnce(&mut TableBuild)) {
        if let Some(table) = self.table.as_mut() {
            f(table);
        }
    }

    /// Starts a paragraph of `kind`, or of the kind its place calls for. The first paragraph
    /// of a loose list item is the item itself.
    fn open(&mut self, kind: Option<Kind>) {
        let empty = self.runs.is_empty() && self.pending.is_empty();
        if kind.is_none() && empty && matches!(self.kind, Some(Kind::Item(..))) {
            return;
        }
        self.flush();
        self.kind = Some(kind.unwrap_or_else(|| self.context_kind()));
    }

    /// The kind of a plain paragraph here: under a list item, in a quote, or on its own.
    fn context_kind(&self) -> Kind {
        if !self.lists.is_empty() {
            Kind::Continued(self.lists.len() - 1)
        } else if self.quote > 0 {
            Kind::Quote
        } else {
            Kind::Normal
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, alt)) = self.image.as_mut() {
            alt.push_str(text);
            return;
        }
        let look = Look {
            bold: self.bold > 0 || self.table.as_ref().is_some_and(|t| t.head),
            italic: self.italic > 0,
            strike: self.strike > 0,
        };
        if look != self.pending_style {
            self.end_text();
            self.pending_style = look;
        }
        self.pending.push_str(text);
    }

    /// Puts the pending text in a run of its look.
    fn end_text(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        let look = self.pending_style;
        let mut run = self.sheet.run(&text);
        if look.bold {
            run = run.bold();
        }
        if look.italic {
            run = run.italic();
        }
        if look.strike {
            run = run.strike();
        }
        self.runs.push(run);
    }

    fn push_run(&mut self, run: Run) {
        self.end_text();
        self.runs.push(run);
    }

    /// The runs so far, the pending text's among them.
    fn take_runs(&mut self) -> Vec<Run> {
        self.end_text();
        std::mem::take(&mut self.runs)
    }

    /// A code block's text: its lines kept, in a monospaced face.
    fn code_text(&mut self, text: &str) {
        for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
            if i > 0 {
                self.push_run(Run::new().add_break(BreakType::TextWrapping));
            }
            let run = self.sheet.code_run(line);
            self.push_run(run);
        }
    }

    /// Ends the paragraph being written, if it has anything in it. Text outside any block
    /// (an item's words after a list inside it) is a paragraph of the kind its place calls for.
    fn flush(&mut self) {
        self.end_text();
        let kind = self.kind.take().unwrap_or_else(|| self.context_kind());
        if self.table.is_some() || self.runs.is_empty() {
            return;
        }
        let runs = std::mem::take(&mut self.runs);
        let p = match kind {
            Kind::Normal => self.sheet.paragraph(),
            Kind::Heading(level) => {
                let level = level.clamp(1, 6);
                (self.sheet.paragraph())
                    .style(&format!("Heading{level}"))
                    .keep_next(true)
            }
            Kind::Item(id, depth) => self.sheet.item(id, depth),
            Kind::Continued(depth) => {
                let indent = 720 * (depth.min(2) as i32 + 1);
                (self.sheet.paragraph()).indent(Some(indent), None, None, None)
            }
            Kind::Quote => self.sheet.paragraph().style("Quote"),
            Kind::Code => self.sheet.paragraph(),
        };
        let p = runs.into_iter().fold(p, Paragraph::add_run);
        self.sheet.push(p);
    }

    /// A picture the document has, with its alt text; otherwise the alt text, as the PDF
    /// prints an image it does not have.
    fn end_image(&mut self) {
        let Some((dest, alt)) = self.image.take() else {
            return;
        };
        let alt = alt.trim().to_owned();
        let picture = (self.images.iter())
            .find(|(path, _)| *path == dest)
            .and_then(|(_, bytes)| png_size(bytes).map(|size| (bytes, size)));
        match picture {
            Some((bytes, (w, h))) => {
                self.sheet.pictures.push(alt);
                let n = self.sheet.pictures.len();
                let height = u64::from(PHOTO_WIDTH_EMU) * u64::from(h) / u64::from(w.max(1));
                let pic = Pic::new_with_dimensions(bytes.clone(), w, h)
                    .id(format!("rIdImage{n}"))
                    .size(PHOTO_WIDTH_EMU, u32::try_from(height).unwrap_or(u32::MAX));
                self.push_run(Run::new().add_image(pic));
            }
            // An easy read picture drawn as SVG: the point beside it says the same.
            None if std::mem::take(&mut self.picture) => {}
            None => self.text(&alt),
        }
    }

    /// A table: each row's cells, as wide as the widest row, the head's text bold.
    fn end_table(&mut self) {
        let Some(build) = self.table.take() else {
            return;
        };
        let columns = build.rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let width = super::package::TEXT_WIDTH / columns;
        let mut rows = Vec::new();
        for row in build.rows {
            let mut cells: Vec<TableCell> = Vec::new();
            for i in 0..columns {
                let runs = row.get(i).cloned().unwrap_or_default();
                let p = runs
                    .into_iter()
                    .fold(self.sheet.paragraph(), Paragraph::add_run);
                cells.push(
                    TableCell::new()
                        .width(width, WidthType::Dxa)
                        .add_paragraph(p),
                );
            }
            rows.push(TableRow::new(cells));
        }
        let table = Table::new(rows).set_grid(vec![width; columns]);
        self.sheet.children.push(Child::Table(Box::new(table)));
    }
}

/// A PNG's width and height in pixels, from its header; `None` for anything else (docx-rs
/// embeds PNG only, so another picture prints as its alt text).
pub(super) fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) || bytes.get(12..16) != Some(b"IHDR") {
        return None;
    }
    let read = |at: usize| -> Option<u32> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(u32::from_be_bytes(b))
    };
    let (w, h) = (read(16)?, read(20)?);
    (w > 0 && h > 0).then_some((w, h))
}
