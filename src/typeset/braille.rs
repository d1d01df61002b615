//! Braille: blocks to a BRF file, 40 cells by 25 lines, in Unified English Braille grade 2
//! or, for Welsh, Welsh grade 2.
//!
//! liblouis translates the words (contractions, capitals, numbers; see [`tools::LIBLOUIS`]);
//! this file lays the cells out on the page, because `lou_translate` translates line by line
//! and does no formatting, and liblouisutdml's formatter needs XML and its own configuration
//! files. The layout follows the usual Braille formats rules: a main heading centred with a
//! blank line either side, lesser headings at cell 5 and cell 7, paragraphs starting at cell 3
//! with runover lines at cell 1, list items at cell 1 with runovers at cell 3 (two cells
//! further in per level of nesting), and tables in linear form, a row at a time, each cell
//! after its column heading, since a 40-cell line holds no real table. A heading never ends a
//! page. The last line of every page carries only the Braille page number, at the right.

use std::path::Path;

use super::plain::{Block, table_lines};
use super::text_languages::{Passage, braille_table};
use super::tools::{self, ToolError, UEB_TABLE};

/// Cells on a line.
pub const CELLS_PER_LINE: usize = 40;
/// Lines on a page, counting the page-number line.
pub const LINES_PER_PAGE: usize = 25;
/// Lines of text on a page.
const TEXT_LINES: usize = LINES_PER_PAGE - 1;
/// The deepest a line is indented.
const MAX_INDENT: usize = CELLS_PER_LINE / 2;

/// Translates passages with liblouis (`lou_translate` at `program`), each with its language's
/// table ([`braille_table`]; Unified English Braille for a language with none), and lays them
/// out as one BRF: Braille ASCII, lines ending CR LF, every page ending with a form feed.
pub fn blocks_to_brf(passages: &[Passage], program: &Path) -> Result<Vec<u8>, ToolError> {
    let mut translated = Vec::new();
    for passage in passages {
        let table = braille_table(&passage.lang).unwrap_or(UEB_TABLE);
        translated.extend(translate(&pieces(&passage.blocks), program, table)?);
    }
    let translated: Vec<(Shape, &str)> = translated.iter().map(|(s, c)| (*s, c.as_str())).collect();
    Ok(lay_out(&translated).into_bytes())
}

/// Each piece's Braille, by one run of liblouis with `table`.
fn translate(
    pieces: &[Piece],
    program: &Path,
    table: &str,
) -> Result<Vec<(Shape, String)>, ToolError> {
    // One line of input per chunk; a piece longer than lou_translate's line is sent as
    // several chunks and joined again after.
    let chunked: Vec<Vec<&str>> = pieces.iter().map(|p| chunks(&p.text)).collect();
    let mut input = String::new();
    for chunk in chunked.iter().flatten() {
        input.push_str(chunk);
        input.push('\n');
    }
    let output = tools::run(program, &["--forward", table], input.as_bytes())?;
    let output = String::from_utf8_lossy(&output);
    let mut lines = output.lines();
    let sent = chunked.iter().map(Vec::len).sum::<usize>();
    let bad = |problem: String| ToolError::BadOutput {
        program: program.display().to_string(),
        problem,
    };
    let mut translated = Vec::with_capacity(pieces.len());
    for (piece, chunks) in pieces.iter().zip(&chunked) {
        let cells: Vec<&str> = lines.by_ref().take(chunks.len()).collect();
        if cells.len() != chunks.len() {
            return Err(bad(format!("fewer lines than the {sent} sent")));
        }
        translated.push((piece.shape, cells.join(" ")));
    }
    if lines.next().is_some() {
        return Err(bad(format!("more lines than the {sent} sent")));
    }
    Ok(translated)
}

/// Whether BRF holds liblouis's code for a character its table has no Braille for
/// (`'\x4e2d'`, brailled). An apostrophe then `\x` is not otherwise written in UEB.
pub fn has_untranslated(brf: &[u8]) -> bool {
    brf.windows(3).any(|w| w == b"'\\x")
}

/// The most bytes sent to liblouis on one line: `lou_translate` splits lines of 2,048 bytes
/// or more, which would put its output out of step with the pieces.
const MAX_LINE_BYTES: usize = 1_500;

/// Splits text into chunks of at most [`MAX_LINE_BYTES`], at spaces where it can.
fn chunks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > MAX_LINE_BYTES {
        let mut end = MAX_LINE_BYTES;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let cut = rest[..end].rfind(' ').filter(|&i| i > 0).unwrap_or(end);
        out.push(&rest[..cut]);
        rest = rest[cut..].trim_start_matches(' ');
    }
    out.push(rest);
    out
}

/// Where a piece of text goes on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Centred, with a blank line before and after: a main heading.
    Centred,
    /// A lesser heading starting at this cell offset, with a blank line before.
    Heading { indent: usize },
    /// Text whose first line starts `first` cells in and whose other lines `runover` cells in.
    Text {
        first: usize,
        runover: usize,
        /// A blank line goes before it (the first row of a table).
        blank_before: bool,
    },
}

/// One line of input for liblouis, and where its Braille goes.
struct Piece {
    shape: Shape,
    text: String,
}

fn pieces(blocks: &[Block]) -> Vec<Piece> {
    let mut out = Vec::new();
    for block in blocks {
        let mut push = |shape, text: &str| {
            // One piece is one line to liblouis: no control character may split it.
            let text: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            out.push(Piece { shape, text });
        };
        match block {
            Block::Heading { level: 1, text } => push(Shape::Centred, text),
            Block::Heading { level: 2, text } => push(Shape::Heading { indent: 4 }, text),
            Block::Heading { text, .. } => push(Shape::Heading { indent: 6 }, text),
            Block::Paragraph(text) => push(text_shape(2, 0, false), text),
            Block::Item { depth, .. } => {
                let indent = 2 * depth;
                push(text_shape(indent, indent + 2, false), &block.text());
            }
            Block::Table { header, rows } => {
                for (i, line) in table_lines(header, rows).iter().enumerate() {
                    push(text_shape(0, 2, i == 0), line);
                }
            }
        }
    }
    out
}

fn text_shape(first: usize, runover: usize, blank_before: bool) -> Shape {
    Shape::Text {
        first,
        runover,
        blank_before,
    }
}

/// Lays translated lines out in pages.
pub fn lay_out(pieces: &[(Shape, &str)]) -> String {
    let mut pages = Pages::default();
    for (shape, cells) in pieces {
        match *shape {
            Shape::Centred => {
                let lines: Vec<String> = wrap(cells, 0, 0)
                    .into_iter()
                    .map(|line| {
                        let pad = (CELLS_PER_LINE - line.chars().count()) / 2;
                        format!("{}{line}", " ".repeat(pad))
                    })
                    .collect();
                pages.heading(lines);
                pages.blank();
            }
            Shape::Heading { indent } => pages.heading(wrap(cells, indent, indent)),
            Shape::Text {
                first,
                runover,
                blank_before,
            } => {
                if blank_before {
                    pages.blank();
                }
                for line in wrap(cells, first, runover) {
                    pages.line(line);
                }
            }
        }
    }
    pages.finish()
}

/// Splits Braille into lines of at most [`CELLS_PER_LINE`] cells at its spaces; a word longer
/// than a line is cut.
fn wrap(cells: &str, first: usize, runover: usize) -> Vec<String> {
    // However deep a list, half a line is left for its words.
    let (first, runover) = (first.min(MAX_INDENT), runover.min(MAX_INDENT));
    let mut lines = Vec::new();
    let mut line = " ".repeat(first);
    let mut empty = true;
    for word in cells.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let room = CELLS_PER_LINE.saturating_sub(used + usize::from(!empty));
            if word.len() <= room {
                if !empty {
                    line.push(' ');
                }
                line.extend(&word);
                empty = false;
                break;
            }
            if empty && room > 0 {
                // Longer than a whole line: cut it.
                line.extend(&word[..room]);
                word.drain(..room);
            }
            lines.push(std::mem::replace(&mut line, " ".repeat(runover)));
            empty = true;
        }
    }
    if !empty {
        lines.push(line);
    }
    lines
}

#[derive(Default)]
struct Pages {
    done: Vec<Vec<String>>,
    page: Vec<String>,
    /// Headings (and the blank lines around them) not yet placed: a run of headings goes on
    /// the page that has room for it and the first line after it.
    held: Vec<String>,
}

impl Pages {
    /// A line of text, after any headings waiting for it.
    fn line(&mut self, line: String) {
        let held = std::mem::take(&mut self.held);
        if !held.is_empty() && self.page.len() + held.len() + 1 > TEXT_LINES {
            self.next_page();
        }
        for heading in held {
            self.push(heading);
        }
        self.push(line);
    }

    /// Puts a line on the page, starting a new page when this one is full; a blank line never
    /// starts a page.
    fn push(&mut self, line: String) {
        if self.page.len() == TEXT_LINES {
            self.next_page();
        }
        if !(self.page.is_empty() && line.is_empty()) {
            self.page.push(line);
        }
    }

    /// A blank line, unless at the top of a page or after another blank line.
    fn blank(&mut self) {
        let lines = if self.held.is_empty() {
            &mut self.page
        } else {
            &mut self.held
        };
        if lines.last().is_some_and(|l| !l.is_empty()) {
            lines.push(String::new());
        }
    }

    /// A heading, after a blank line; placed with the line that follows it.
    fn heading(&mut self, lines: Vec<String>) {
        self.blank();
        self.held.extend(lines);
    }

    fn next_page(&mut self) {
        while self.page.last().is_some_and(String::is_empty) {
            self.page.pop();
        }
        self.done.push(std::mem::take(&mut self.page));
    }

    fn finish(mut self) -> String {
        for heading in std::mem::take(&mut self.held) {
            self.push(heading);
        }
        if !self.page.is_empty() || self.done.is_empty() {
            self.next_page();
        }
        let mut out = String::new();
        for (i, mut page) in self.done.into_iter().enumerate() {
            page.resize(TEXT_LINES, String::new());
            let number = page_number(i + 1);
            page.push(format!("{number:>CELLS_PER_LINE$}"));
            for line in page {
                out.push_str(line.trim_end());
                out.push_str("\r\n");
            }
            out.push('\x0c');
        }
        out
    }
}

/// A number in UEB: the numeric indicator, then the letters a to j for the digits 1 to 0.
/// (Written by hand as it is two lines; the tests check it against liblouis.)
pub fn page_number(n: usize) -> String {
    let digits = n.to_string();
    let letters = digits.chars().map(|d| match d {
        '0' => 'j',
        d => char::from(b'a' + (d as u8 - b'1')),
    });
    std::iter::once('#').chain(letters).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(brf: &str) -> Vec<Vec<&str>> {
        brf.split('\x0c')
            .filter(|p| !p.is_empty())
            .map(|p| p.strip_suffix("\r\n").unwrap_or(p).split("\r\n").collect())
            .collect()
    }

    #[test]
    fn every_page_is_25_lines_of_at_most_40_cells_and_numbered() {
        let long = "ab ".repeat(700);
        let brf = lay_out(&[(text_shape(2, 0, false), long.as_str())]);
        let pages = pages(&brf);
        assert!(pages.len() >= 3, "{}", pages.len());
        for (i, page) in pages.iter().enumerate() {
            assert_eq!(page.len(), LINES_PER_PAGE);
            assert!(page.iter().all(|l| l.chars().count() <= CELLS_PER_LINE));
            assert_eq!(page[24].trim_start(), page_number(i + 1));
            assert_eq!(page[24].len(), CELLS_PER_LINE);
        }
        // Paragraph: first line at cell 3, runovers at cell 1, and no word lost.
        assert!(pages[0][0].starts_with("  ab"));
        assert!(pages[0][1].starts_with("ab"));
        let words: usize = pages
            .iter()
            .flat_map(|p| &p[..24])
            .map(|l| l.split_whitespace().count())
            .sum();
        assert_eq!(words, 700);
    }

    #[test]
    fn headings_are_centred_or_indented_and_never_end_a_page() {
        let mut pieces = vec![(Shape::Centred, ",hello")];
        pieces.extend(std::iter::repeat_n((text_shape(0, 2, false), "line"), 21));
        pieces.push((Shape::Heading { indent: 4 }, ",y rev["));
        pieces.push((text_shape(2, 0, false), "text"));
        let brf = lay_out(&pieces);
        let pages = pages(&brf);
        assert_eq!(pages[0][0], format!("{},hello", " ".repeat(17)));
        assert_eq!(pages[0][1], "");
        // 2 + 21 lines used: the heading would be on the last text line, so it moves on.
        assert_eq!(pages[1][0], "    ,y rev[");
        assert_eq!(pages[1][1], "  text");
    }

    #[test]
    fn a_run_of_headings_moves_on_with_the_line_after_it() {
        let mut pieces = vec![(text_shape(0, 2, false), "line"); 19];
        pieces.push((Shape::Heading { indent: 4 }, ",section"));
        pieces.push((Shape::Heading { indent: 6 }, ",question"));
        pieces.push((text_shape(2, 0, false), "text"));
        let brf = lay_out(&pieces);
        let first = pages(&brf);
        // 19 lines, a blank, the section, a blank, the question: 23, and the text would be 24,
        // the last text line; so it fits. One more line before and it would not.
        assert_eq!(
            first[0][19..23],
            ["", "    ,section", "", "      ,question"]
        );
        assert_eq!(first[0][23], "  text");
        let mut pieces = vec![(text_shape(0, 2, false), "line"); 20];
        pieces.push((Shape::Heading { indent: 4 }, ",section"));
        pieces.push((Shape::Heading { indent: 6 }, ",question"));
        pieces.push((text_shape(2, 0, false), "text"));
        let brf = lay_out(&pieces);
        let moved = pages(&brf);
        assert!(
            moved[0][20..24].iter().all(|l| l.is_empty()),
            "{:?}",
            moved[0]
        );
        assert_eq!(
            moved[1][..4],
            ["    ,section", "", "      ,question", "  text"]
        );
    }

    #[test]
    fn a_deeply_nested_list_still_has_room_for_words() {
        let brf = lay_out(&[(text_shape(60, 62, false), "a b c d e f g h i j k l m")]);
        let page = &pages(&brf)[0];
        assert_eq!(page[0], format!("{}a b c d e f g h i j", " ".repeat(20)));
        assert_eq!(page[1], format!("{}k l m", " ".repeat(20)));
    }

    #[test]
    fn list_items_hang_and_a_word_longer_than_a_line_is_cut() {
        let item = format!("{} {}", "x".repeat(45), "y");
        let brf = lay_out(&[(text_shape(0, 2, false), item.as_str())]);
        let page = &pages(&brf)[0];
        assert_eq!(page[0], "x".repeat(40));
        assert_eq!(page[1], "  xxxxx y");
    }

    #[test]
    fn long_text_goes_to_liblouis_in_chunks_cut_at_spaces() {
        let text = "word ".repeat(1000);
        let cut = chunks(text.trim_end());
        assert!(cut.len() >= 4);
        assert!(cut.iter().all(|c| c.len() <= MAX_LINE_BYTES));
        assert!(cut.iter().all(|c| !c.starts_with(' ')));
        assert_eq!(cut.join(" "), text.trim_end());
        // A word longer than a line, in letters of two bytes, is cut at a character.
        let word = "é".repeat(2000);
        assert_eq!(chunks(&word).concat(), word);
        assert_eq!(chunks(""), vec![""]);
    }

    #[test]
    fn page_numbers_are_ueb_numbers() {
        assert_eq!(page_number(1), "#a");
        assert_eq!(page_number(10), "#aj");
        assert_eq!(page_number(123), "#abc");
    }
}
