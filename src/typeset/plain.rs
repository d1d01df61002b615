//! Markdown to a plain sequence of blocks: what Braille and speech read.
//!
//! Both need the document's structure (a heading is centred in Braille and spoken after a
//! pause) but none of its styling, so the Markdown is read once into [`Block`]s. Text comes
//! from pulldown-cmark's text events, so escaped data (`\*Kai\*`, `&lt;script&gt;`) arrives
//! as the literal characters the reader should get.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::emit::{heading_level, markdown_options};

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading, level 1 to 6.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// A list item; `depth` 0 is the outermost list. `marker` is `1.`, `2.`... in a numbered
    /// list and empty in a bulleted one.
    Item {
        depth: usize,
        marker: String,
        text: String,
    },
    /// A table: its header cells and each row's cells.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl Block {
    /// The block's words, for a reader that has no layout (a screen reader, a score).
    pub fn text(&self) -> String {
        match self {
            Block::Heading { text, .. } | Block::Paragraph(text) => text.clone(),
            Block::Item { marker, text, .. } if marker.is_empty() => text.clone(),
            Block::Item { marker, text, .. } => format!("{marker} {text}"),
            Block::Table { header, rows } => table_lines(header, rows).join("\n"),
        }
    }
}

/// A table read row by row, each cell after its column's heading: the linear form Braille
/// transcribers use when a table is wider than the page, and the natural way to speak one.
pub fn table_lines(header: &[String], rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(_, cell)| !cell.is_empty())
                .map(|(i, cell)| match header.get(i).filter(|h| !h.is_empty()) {
                    Some(h) => format!("{h}: {cell}"),
                    None => cell.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect()
}

/// Reads Markdown into blocks. Images become their description ("Picture: ..."), but for easy
/// read pictures, which are left out; links become their text; styling is dropped.
pub fn markdown_to_blocks(markdown: &str) -> Vec<Block> {
    let mut reader = BlockReader::default();
    for event in Parser::new_ext(markdown, markdown_options()) {
        reader.event(event);
    }
    reader.blocks
}

#[derive(Default)]
struct BlockReader {
    blocks: Vec<Block>,
    text: String,
    /// Each open list's next number, or `None` for a bulleted list.
    lists: Vec<Option<u64>>,
    /// The marker of the list item being read.
    marker: String,
    heading: Option<u8>,
    /// Inside an image, whose text is its description.
    image: bool,
    /// Inside an easy read picture, which is not read: its point is.
    picture: bool,
    table: Option<(Vec<String>, Vec<Vec<String>>)>,
    row: Vec<String>,
}

impl BlockReader {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush();
                self.heading = Some(heading_level(level));
            }
            Event::End(TagEnd::Heading(_)) => {
                let level = self.heading.take().unwrap_or(1);
                let text = self.take_text();
                if !text.is_empty() {
                    self.blocks.push(Block::Heading { level, text });
                }
            }
            Event::End(TagEnd::Paragraph) => self.flush(),
            Event::Start(Tag::List(first)) => {
                self.flush();
                self.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush();
                self.marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => String::new(),
                };
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::Start(Tag::Image { title, .. }) => {
                self.flush();
                self.image = true;
                self.picture = title.as_ref() == super::PICTURE_TITLE;
            }
            Event::End(TagEnd::Image) => {
                self.image = false;
                let text = self.take_text();
                if !text.is_empty() && !std::mem::take(&mut self.picture) {
                    self.blocks
                        .push(Block::Paragraph(format!("Picture: {text}")));
                }
            }
            Event::Start(Tag::Table(_)) => {
                self.flush();
                self.table = Some((Vec::new(), Vec::new()));
            }
            Event::End(TagEnd::TableHead) => {
                let cells = std::mem::take(&mut self.row);
                if let Some((header, _)) = &mut self.table {
                    *header = cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                let cells = std::mem::take(&mut self.row);
                if let Some((_, rows)) = &mut self.table {
                    rows.push(cells);
                }
            }
            Event::End(TagEnd::TableCell) => {
                let cell = self.take_text();
                self.row.push(cell);
            }
            Event::End(TagEnd::Table) => {
                if let Some((header, rows)) = self.table.take() {
                    self.blocks.push(Block::Table { header, rows });
                }
            }
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                self.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            // Raw HTML in a template is shown as written, as the other formats do.
            Event::Html(text) | Event::InlineHtml(text) => self.text.push_str(&text),
            _ => {}
        }
    }

    /// The text read so far, with runs of white space made one space.
    fn take_text(&mut self) -> String {
        let text = std::mem::take(&mut self.text);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Ends the paragraph or list item being read, if any.
    fn flush(&mut self) {
        if self.image || self.table.is_some() {
            return;
        }
        let text = self.take_text();
        if text.is_empty() {
            return;
        }
        let block = match self.lists.len() {
            0 => Block::Paragraph(text),
            depth => Block::Item {
                depth: depth - 1,
                marker: std::mem::take(&mut self.marker),
                text,
            },
        };
        self.blocks.push(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_easy_read_picture_is_not_read_out_but_a_photo_is() {
        let blocks = markdown_to_blocks(
            "![A phone](/pictures/phone.svg \"picture\")\n\nCall me.\n\n![Jo smiling](/images/jo.png)",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph("Call me.".into()),
                Block::Paragraph("Picture: Jo smiling".into())
            ]
        );
    }

    #[test]
    fn headings_paragraphs_lists_and_tables_come_out_in_order() {
        let md = "# Hello *Kai*\n\nMy name is **Sam**.\nI am your IRO.\n\n\
                  - call me\n- text me\n  1. first\n  2. second\n\n\
                  | Decision | Who |\n|---|---|\n| Visit school | Sam |\n\n\
                  ![A smiling woman](/photo.png)\n";
        assert_eq!(
            markdown_to_blocks(md),
            vec![
                Block::Heading {
                    level: 1,
                    text: "Hello Kai".into()
                },
                Block::Paragraph("My name is Sam. I am your IRO.".into()),
                Block::Item {
                    depth: 0,
                    marker: String::new(),
                    text: "call me".into()
                },
                Block::Item {
                    depth: 0,
                    marker: String::new(),
                    text: "text me".into()
                },
                Block::Item {
                    depth: 1,
                    marker: "1.".into(),
                    text: "first".into()
                },
                Block::Item {
                    depth: 1,
                    marker: "2.".into(),
                    text: "second".into()
                },
                Block::Table {
                    header: vec!["Decision".into(), "Who".into()],
                    rows: vec![vec!["Visit school".into(), "Sam".into()]]
                },
                Block::Paragraph("Picture: A smiling woman".into()),
            ]
        );
    }

    #[test]
    fn escaped_data_reads_as_its_literal_characters() {
        let md = crate::typeset::escape_markdown("#read(\"x\") *Kai* <script>");
        let blocks = markdown_to_blocks(&md);
        assert_eq!(
            blocks,
            vec![Block::Paragraph("#read(\"x\") *Kai* <script>".into())]
        );
    }

    #[test]
    fn a_table_reads_each_cell_after_its_heading() {
        let header = vec!["Decision".to_owned(), "By".to_owned()];
        let rows = vec![vec!["See Kai".to_owned(), String::new()]];
        assert_eq!(table_lines(&header, &rows), vec!["Decision: See Kai"]);
    }
}
