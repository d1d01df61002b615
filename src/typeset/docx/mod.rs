//! DOCX: a letter, record, notice or form as a Word document, for readers who edit what they
//! are sent (tracked changes) or read it in Word.
//!
//! Takes what the PDF is made from: a letter's Markdown (each language's, for a bilingual
//! letter), the letterhead data the layouts read (`data.json`), or a form's view, and the
//! image bytes. Returns the bytes of the `.docx` package, written by the `docx-rs` crate:
//! Word's own heading styles (Heading 1, 2, 3...), real lists (numbering definitions), tables,
//! the letterhead at the top, a footer with the page number (PAGE and NUMPAGES fields), the
//! language on the styles and on every run of a second language, and alt text on every picture.
//!
//! Text reaches the document only as runs of literal text, from pulldown-cmark's text events
//! (Markdown read with the options the PDF and HTML writers use) or from the view's strings,
//! so data such as `*Kai*`, `<script>` or `#read("x")` prints as written. Like the rest of
//! `typeset`, it reads no files and no clock: the same input gives the same bytes.

mod form;
mod markdown;
mod package;

use chrono::NaiveDate;
use docx_rs::{
    AbstractNumbering, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Run, RunFonts, SpecialIndentType, Start, Table,
};

use super::direction::is_right_to_left;

/// One document to make.
pub struct DocxDocument<'a> {
    /// The document's title (its kind and reader), in the package's properties.
    pub title: &'a str,
    /// The document's language (`en`, `cy`, `en-GB`...).
    pub lang: &'a str,
    /// The letterhead data the layouts read (`render::letterhead::Letterhead::to_data`); for a
    /// form, its `form` holds the form's view.
    pub data: &'a serde_json::Value,
    pub body: DocxBody<'a>,
    /// The document's date: the package's created and modified dates.
    pub date: Option<NaiveDate>,
    /// The images the Markdown may show, by path (the IRO's photo).
    pub images: &'a [(String, Vec<u8>)],
}

/// What the body is made from.
pub enum DocxBody<'a> {
    /// A letter's Markdown, one part per language: `(lang, markdown)`, the first in the
    /// document's language.
    Letter(&'a [(&'a str, &'a str)]),
    /// A form, drawn from the view in the data's `form`, as the print layout draws it.
    Form,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot write the DOCX package: {0}")]
    Pack(String),
}

/// Makes the `.docx` package's bytes.
pub fn docx_bytes(doc: &DocxDocument) -> Result<Vec<u8>, DocxError> {
    let mut sheet = Sheet::new(doc.lang);
    let words = Words::of(doc.lang);
    match &doc.body {
        DocxBody::Letter(parts) => {
            package::letterhead(&mut sheet, doc.data);
            for (i, (lang, markdown)) in parts.iter().enumerate() {
                sheet.set_part(i, lang);
                markdown::write_markdown(&mut sheet, markdown, doc.images);
            }
            sheet.set_part(0, doc.lang);
        }
        DocxBody::Form => {
            let form = doc.data.get("form").unwrap_or(&serde_json::Value::Null);
            form::write_form(&mut sheet, form, &words);
        }
    }
    package::pack(sheet, doc, &words)
}

/// A block of the body.
enum Child {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// Abstract numbering definitions: bullets, numbers, and the boxes a form's choices are
/// ticked in.
const BULLETS: usize = 1;
const NUMBERS: usize = 2;
const BOXES: usize = 3;

/// The body as it is built, and the counters that keep its ids the same from run to run
/// (docx-rs numbers paragraphs from a per-thread counter, which would make the bytes depend
/// on which thread made the document before).
struct Sheet {
    children: Vec<Child>,
    next_paragraph: u32,
    numberings: Vec<Numbering>,
    /// The alt text of each picture, in order.
    pictures: Vec<String>,
    /// The document's language as Word spells it (`en-GB`).
    lang: String,
    /// Each other language a part is in, by its character style's id.
    other_langs: Vec<(String, String)>,
    /// The character style of the part being written, when it is not in the document's
    /// language.
    run_style: Option<String>,
    /// The part being written is right to left.
    rtl: bool,
}

impl Sheet {
    fn new(lang: &str) -> Sheet {
        Sheet {
            children: Vec::new(),
            next_paragraph: 0,
            numberings: Vec::new(),
            pictures: Vec::new(),
            lang: word_lang(lang),
            other_langs: Vec::new(),
            run_style: None,
            rtl: is_right_to_left(lang),
        }
    }

    /// Starts part `i` of a letter, in `lang`: runs of a language other than the document's
    /// take a character style that carries it.
    fn set_part(&mut self, i: usize, lang: &str) {
        self.rtl = is_right_to_left(lang);
        let tag = word_lang(lang);
        if i == 0 || tag == self.lang {
            self.run_style = None;
            return;
        }
        let id = format!("IroLang{}", self.other_langs.len() + 1);
        self.other_langs.push((id.clone(), tag));
        self.run_style = Some(id);
    }

    /// A new paragraph with the next id, right to left in a right-to-left part.
    fn paragraph(&mut self) -> Paragraph {
        self.next_paragraph += 1;
        let p = Paragraph::new().id(format!("{:08X}", self.next_paragraph));
        if self.rtl {
            let property = p.property.clone().bidi(true);
            Paragraph { property, ..p }
        } else {
            p
        }
    }

    /// A paragraph of one run of plain text.
    fn text_paragraph(&mut self, text: &str) -> Paragraph {
        let run = self.run(text);
        self.paragraph().add_run(run)
    }

    /// A run of literal text, in the part's language.
    fn run(&self, text: &str) -> Run {
        let run = Run::new().add_text(xml_safe(text));
        match &self.run_style {
            Some(style) => run.style(style),
            None => run,
        }
    }

    /// A run in a monospaced face (Markdown code).
    fn code_run(&self, text: &str) -> Run {
        self.run(text)
            .fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"))
    }

    fn push(&mut self, p: Paragraph) {
        self.children.push(Child::Paragraph(Box::new(p)));
    }

    /// A new list: its own numbering instance, so a numbered list starts at its first number
    /// however many lists came before.
    fn list(&mut self, kind: usize, start: u64) -> usize {
        let id = self.numberings.len() + 1;
        let mut numbering = Numbering::new(id, kind);
        if kind == NUMBERS {
            let start = usize::try_from(start).unwrap_or(1);
            numbering = numbering.add_override(docx_rs::LevelOverride::new(0).start(start));
        }
        self.numberings.push(numbering);
        id
    }

    /// A paragraph that is an item of list `id` at depth `level` (0 outermost).
    fn item(&mut self, id: usize, level: usize) -> Paragraph {
        self.paragraph()
            .style("ListParagraph")
            .numbering(NumberingId::new(id), IndentLevel::new(level.min(2)))
    }
}

/// The abstract numbering definitions every document has.
fn abstract_numberings() -> Vec<AbstractNumbering> {
    let level = |i: usize, format: &str, text: &str| {
        let indent = 720 * (i as i32 + 1);
        Level::new(
            i,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(indent),
            Some(SpecialIndentType::Hanging(360)),
            None,
            None,
        )
    };
    let (mut bullets, mut numbers, mut boxes) = (
        AbstractNumbering::new(BULLETS),
        AbstractNumbering::new(NUMBERS),
        AbstractNumbering::new(BOXES),
    );
    for (i, bullet) in ["•", "◦", "▪"].into_iter().enumerate() {
        bullets = bullets.add_level(level(i, "bullet", bullet));
        numbers = numbers.add_level(level(i, "decimal", &format!("%{}.", i + 1)));
        boxes = boxes.add_level(level(i, "bullet", "☐"));
    }
    vec![bullets, numbers, boxes]
}

/// A language tag as Word expects it: a region for the service's own languages (`en` is
/// `en-GB`, `cy` is `cy-GB`), any other tag as written.
fn word_lang(lang: &str) -> String {
    let lang = lang.trim();
    match lang {
        "" | "en" => "en-GB".to_owned(),
        "cy" => "cy-GB".to_owned(),
        _ => lang.replace('_', "-"),
    }
}

/// Text that XML 1.0 can hold: the control characters it cannot are replaced by U+FFFD, as a
/// letter no font can draw prints in the PDF, so that Word never refuses the file.
fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// The few words the document adds itself (the footer, a form's labels), in its language;
/// the same words as the print layouts (`layouts/letter.typ`, `layouts/form.typ`).
struct Words {
    page: &'static str,
    of: &'static str,
    name: &'static str,
    about: &'static str,
    known_as: &'static str,
    at: &'static str,
    where_: &'static str,
    when: &'static str,
    send_back: &'static str,
    send_to: &'static str,
    questions: &'static str,
    phone: &'static str,
    email: &'static str,
    anyone_else: &'static str,
    title: &'static str,
}

impl Words {
    fn of(lang: &str) -> Words {
        let primary = lang.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("cy") {
            return Words {
                page: "Tudalen",
                of: "o",
                name: "Enw",
                about: "Am",
                known_as: "a elwir yn",
                at: "am",
                where_: "Ble",
                when: "Pryd",
                send_back: "Anfonwch hon yn ôl erbyn",
                send_to: "Anfonwch hi at",
                questions: "Cwestiynau?",
                phone: "Ffôn",
                email: "E-bost",
                anyone_else: "Unrhyw un arall",
                title: "Dweud eich dweud",
            };
        }
        Words {
            page: "Page",
            of: "of",
            name: "Name",
            about: "About",
            known_as: "known as",
            at: "at",
            where_: "Where",
            when: "When",
            send_back: "Please send this back by",
            send_to: "Send it to",
            questions: "Questions?",
            phone: "Phone",
            email: "Email",
            anyone_else: "Anyone else",
            title: "Have your say",
        }
    }
}

#[cfg(test)]
mod tests;
