//! Markdown to Typst markup: the only writer of Typst body markup.
//!
//! Takes Markdown (as rendered by Tera, so it may carry hostile data text),
//! parses it with pulldown-cmark and writes Typst event by event. Every piece
//! of text goes through `escape_markup` or `escape_string`; structure is
//! written as explicit function calls (`#heading(..)[..];`) rather than
//! line-start markup, so no text can change the structure. This module must
//! not read files, know about letters or themes, or emit raw HTML.

use pulldown_cmark::{Alignment, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::escape::{escape_markup, escape_string};

/// Converts Markdown to Typst markup, allowing no images.
///
/// Image references print as their alt text; see [`markdown_to_typst_with`].
pub fn markdown_to_typst(markdown: &str) -> String {
    markdown_to_typst_with(markdown, &|_| false)
}

/// Converts Markdown to Typst markup; `has_image(path)` says whether the
/// virtual file `path` exists, so that only those images are embedded.
pub fn markdown_to_typst_with(markdown: &str, has_image: &dyn Fn(&str) -> bool) -> String {
    let mut emitter = Emitter::new(has_image);
    for event in Parser::new_ext(markdown, markdown_options()) {
        emitter.event(event);
    }
    emitter.finish()
}

/// The Markdown extensions iro's letters may use; shared with the HTML writer
/// so that both formats read the same source the same way.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Whether a link target may become a live link. Anything else (javascript:,
/// file:, data:, relative paths that mean nothing in a letter) prints as text.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// The title of an image that is an easy read picture (`render::pictures` gives it): it is set
/// beside the point it comes before, by the layout's `beside`, and left out of Braille and
/// audio, where the words it stands beside are read anyway.
pub const PICTURE_TITLE: &str = "picture";

/// Pending image: its target and the alt text collected so far.
struct Image {
    dest: String,
    alt: String,
    /// Titled `wide` in the Markdown: the image spans the text width (a chart), instead of
    /// the layout's modest size for a photo.
    wide: bool,
    /// An easy read picture ([`PICTURE_TITLE`]).
    picture: bool,
}

struct Emitter<'f> {
    out: String,
    has_image: &'f dyn Fn(&str) -> bool,
    /// Set while inside an image: text goes to the alt text, not the output.
    image: Option<Image>,
    /// Per open link: whether it was emitted as a live link (needs `];`).
    links: Vec<bool>,
    /// Headings are buffered so empty ones can be dropped (PDF/UA forbids them).
    heading: Option<(u8, usize)>,
    last_heading_level: u8,
    /// Column count of the open table and cells written in the current row.
    table_columns: usize,
    row_cells: usize,
    /// Whether we are inside a code block (its text is collected verbatim).
    code_block: Option<String>,
    /// How many block elements are open (0 between the body's top-level blocks).
    depth: usize,
    /// Where the open paragraph's text starts, to tell a picture that opens it.
    paragraph_start: Option<usize>,
    /// An open `#beside(picture)[`: where its point starts in `out`.
    beside: Option<usize>,
}

impl<'f> Emitter<'f> {
    fn new(has_image: &'f dyn Fn(&str) -> bool) -> Self {
        Emitter {
            out: String::new(),
            has_image,
            image: None,
            links: Vec::new(),
            heading: None,
            last_heading_level: 0,
            table_columns: 0,
            row_cells: 0,
            code_block: None,
            depth: 0,
            paragraph_start: None,
            beside: None,
        }
    }

    fn finish(mut self) -> String {
        self.close_beside();
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out.push('\n');
        self.out
    }

    /// Starts a block on a fresh line; blank lines are harmless in Typst but
    /// only at block level, so inside content blocks one newline suffices.
    fn block_start(&mut self) {
        if !(self.out.is_empty() || self.out.ends_with('\n') || self.out.ends_with('[')) {
            self.out.push('\n');
        }
    }

    fn block_end(&mut self) {
        if !self.out.ends_with("\n\n") {
            self.out.push_str(if self.out.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            });
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(image) = &mut self.image {
            image.alt.push_str(text);
        } else if let Some(code) = &mut self.code_block {
            code.push_str(text);
        } else {
            self.out.push_str(&escape_markup(text));
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            // Raw HTML is data like any other text: shown, never interpreted.
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::Code(code) => {
                if let Some(image) = &mut self.image {
                    image.alt.push_str(&code);
                } else {
                    self.out
                        .push_str(&format!("#raw({});", escape_string(&code)));
                }
            }
            // Math and footnotes are not enabled; print whatever arrives.
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]")),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                if self.image.is_some() {
                    self.text(" ");
                } else {
                    // Not a backslash and newline: trimmed at the end of a list item or
                    // cell, the backslash would escape the closing bracket (found by
                    // fuzzing). A call cannot be misread.
                    self.out.push_str("#linebreak();");
                }
            }
            Event::Rule => {
                self.block_start();
                self.out.push_str("#line(length: 100%);");
                self.block_end();
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag) {
        if let Some(image) = &mut self.image {
            // Nested images inside alt text: keep only their text.
            if let Tag::Image { .. } = tag {
                image.alt.push(' ');
            }
            return;
        }
        if is_block(&tag) {
            // A picture waiting for its point has none before a heading: it stands alone.
            if matches!(tag, Tag::Heading { .. }) && self.depth == 0 {
                self.close_beside();
            }
            self.depth += 1;
        }
        match tag {
            Tag::Paragraph => {
                self.block_start();
                self.paragraph_start = Some(self.out.len());
            }
            Tag::Heading { level, .. } => {
                self.block_start();
                self.heading = Some((heading_level(level), self.out.len()));
            }
            Tag::BlockQuote(_) => {
                self.block_start();
                self.out.push_str("#quote(block: true)[");
            }
            Tag::CodeBlock(_) => {
                self.block_start();
                self.code_block = Some(String::new());
            }
            Tag::HtmlBlock => self.block_start(),
            Tag::List(None) => {
                self.block_start();
                self.out.push_str("#list(\n");
            }
            Tag::List(Some(first)) => {
                self.block_start();
                self.out.push_str(&format!("#enum(start: {first},\n"));
            }
            Tag::Item => self.out.push('['),
            Tag::Table(alignments) => {
                self.block_start();
                self.table_columns = alignments.len().max(1);
                let align: Vec<&str> = alignments.iter().map(typst_alignment).collect();
                self.out.push_str(&format!(
                    "#table(columns: {}, align: ({},),\n",
                    self.table_columns,
                    align.join(", ")
                ));
            }
            Tag::TableHead => {
                self.row_cells = 0;
                self.out.push_str("table.header(");
            }
            Tag::TableRow => self.row_cells = 0,
            Tag::TableCell => {
                // Extra cells beyond the header would shift every later row.
                self.row_cells += 1;
                self.out.push('[');
            }
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            Tag::Superscript => self.out.push_str("#super["),
            Tag::Subscript => self.out.push_str("#sub["),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let url = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                let live = is_safe_url(&url);
                if live {
                    self.out
                        .push_str(&format!("#link({})[", escape_string(url.trim())));
                }
                self.links.push(live);
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image = Some(Image {
                    dest: dest_url.to_string(),
                    alt: String::new(),
                    wide: title.as_ref() == "wide",
                    picture: title.as_ref() == PICTURE_TITLE,
                });
            }
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.block_start(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if tag == TagEnd::Image {
            if let Some(image) = self.image.take() {
                self.image_end(image);
            }
            return;
        }
        if self.image.is_some() {
            return;
        }
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.block_end(),
            TagEnd::Heading(_) => self.heading_end(),
            TagEnd::BlockQuote(_) => {
                trim_trailing_newlines(&mut self.out);
                self.out.push_str("];");
                self.block_end();
            }
            TagEnd::CodeBlock => {
                let code = self.code_block.take().unwrap_or_default();
                let code = code.strip_suffix('\n').unwrap_or(&code);
                self.out
                    .push_str(&format!("#raw(block: true, {});", escape_string(code)));
                self.block_end();
            }
            TagEnd::List(_) => {
                self.out.push_str(");");
                self.block_end();
            }
            TagEnd::Item => {
                trim_trailing_newlines(&mut self.out);
                self.out.push_str("],\n");
            }
            TagEnd::Table => {
                self.out.push_str(");");
                self.block_end();
            }
            TagEnd::TableHead => {
                self.pad_row();
                self.out.push_str("),\n");
            }
            TagEnd::TableRow => {
                self.pad_row();
                self.out.push('\n');
            }
            TagEnd::TableCell => self.out.push_str("], "),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => self.out.push_str("];"),
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.out.push_str("];");
                }
            }
            TagEnd::Image => {}
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.block_end(),
        }
        if is_block_end(tag) {
            self.depth = self.depth.saturating_sub(1);
            self.paragraph_start = None;
            // A picture's point is the rest of its paragraph, or, when the picture is a
            // paragraph of its own, the block after it.
            if self.depth == 0
                && let Some(start) = self.beside
                && !self.out[start..].trim().is_empty()
            {
                self.close_beside();
            }
        }
    }

    /// Ends an open `#beside(..)[`.
    fn close_beside(&mut self) {
        if self.beside.take().is_some() {
            trim_trailing_newlines(&mut self.out);
            self.out.push_str("];");
            self.block_end();
        }
    }

    /// Writes the buffered heading, at a level PDF/UA accepts: the first
    /// heading is level 1 and levels never skip, whatever the Markdown says.
    fn heading_end(&mut self) {
        let Some((level, start)) = self.heading.take() else {
            return;
        };
        let body = self.out.split_off(start);
        if body.trim().is_empty() {
            return;
        }
        let level = level.min(self.last_heading_level + 1);
        self.last_heading_level = level;
        self.out
            .push_str(&format!("#heading(level: {level})[{body}];"));
        self.block_end();
    }

    fn image_end(&mut self, image: Image) {
        let alt = image.alt.trim();
        let opens_paragraph = self.paragraph_start == Some(self.out.len());
        if image.picture && (self.has_image)(&image.dest) {
            let picture = format!(
                "image({}, alt: {}, width: 100%)",
                escape_string(&image.dest),
                escape_string(alt)
            );
            if opens_paragraph && self.depth == 1 && self.beside.is_none() {
                self.out.push_str(&format!("#beside({picture})["));
                self.beside = Some(self.out.len());
            } else {
                // Inside a list or a line: as tall as two lines of text.
                self.out.push_str(&format!("#box(height: 2em, {picture});"));
            }
        } else if (self.has_image)(&image.dest) {
            self.out.push_str(&format!(
                "#image({}, alt: {}{});",
                escape_string(&image.dest),
                escape_string(alt),
                if image.wide { ", width: 100%" } else { "" }
            ));
        } else {
            self.out.push_str(&escape_markup(alt));
        }
    }

    /// Fills short rows with empty cells so later rows stay aligned.
    fn pad_row(&mut self) {
        for _ in self.row_cells..self.table_columns {
            self.out.push_str("[], ");
        }
    }
}

/// The tags that open a block of the body (what a picture can stand beside).
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Table(_)
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Table
    )
}

/// Whether Typst markup uses the layout's `beside` (an easy read picture), which the
/// generated file then imports.
pub(super) fn uses_beside(typst: &str) -> bool {
    typst.contains("#beside(")
}

pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A column's alignment: a column the Markdown does not align starts where its text does
/// (the right, in a letter written right to left).
fn typst_alignment(alignment: &Alignment) -> &'static str {
    match alignment {
        Alignment::None => "start",
        Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

fn trim_trailing_newlines(out: &mut String) {
    while out.ends_with('\n') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_inline_styles() {
        assert_eq!(
            markdown_to_typst("Hello *you* and **me**.\n\nNext."),
            "Hello #emph[you]; and #strong[me];\\.\n\nNext\\.\n"
        );
    }

    #[test]
    fn hostile_text_is_escaped() {
        let typst = markdown_to_typst("#read(\"/etc/passwd\") ] $ @x // x");
        assert_eq!(
            typst,
            "\\#read\\(\\\"\\/etc\\/passwd\\\"\\) \\] \\$ \\@x \\/\\/ x\n"
        );
    }

    #[test]
    fn raw_html_is_printed_not_passed_through() {
        let typst = markdown_to_typst("<script>alert(1)</script>\n\nA <b>bold</b> claim");
        assert!(
            typst.contains("\\<script\\>alert\\(1\\)\\<\\/script\\>"),
            "{typst}"
        );
        assert!(typst.contains("A \\<b\\>bold\\<\\/b\\> claim"), "{typst}");
    }

    #[test]
    fn headings_start_at_level_one_and_never_skip() {
        let typst = markdown_to_typst("### A\n\n#### B\n\n# C\n\n### D\n\n#\n");
        assert_eq!(
            typst,
            "#heading(level: 1)[A];\n\n#heading(level: 2)[B];\n\n\
             #heading(level: 1)[C];\n\n#heading(level: 2)[D];\n"
        );
    }

    #[test]
    fn nested_lists() {
        let typst = markdown_to_typst("- a\n- b\n  1. c\n  2. d\n");
        assert_eq!(
            typst,
            "#list(\n[a],\n[b\n#enum(start: 1,\n[c],\n[d],\n);],\n);\n"
        );
    }

    #[test]
    fn links_only_for_safe_schemes() {
        assert_eq!(
            markdown_to_typst("[site](https://example.org/a\"b)"),
            "#link(\"https://example.org/a\\\"b\")[site];\n"
        );
        assert_eq!(
            markdown_to_typst("[x](javascript:alert(1)) [y](file:///etc/passwd)"),
            "x y\n"
        );
        assert_eq!(
            markdown_to_typst("<jo@example.org>"),
            "#link(\"mailto:jo@example.org\")[jo\\@example\\.org];\n"
        );
    }

    #[test]
    fn a_picture_stands_beside_the_point_after_it() {
        let has = |p: &str| p == "/pictures/phone.svg";
        let picture = "#beside(image(\"/pictures/phone.svg\", alt: \"A phone\", width: 100%))[";
        // On a line of its own: beside the next block, here a list.
        let typst = markdown_to_typst_with(
            "## Call\n\n![A phone](/pictures/phone.svg \"picture\")\n\n- Phone: 1\n- Text: 2\n\nBye.",
            &has,
        );
        assert_eq!(
            typst,
            format!(
                "#heading(level: 1)[Call];\n\n{picture}\n\n#list(\n[Phone\\: 1],\n[Text\\: 2],\n);];\n\nBye\\.\n"
            )
        );
        // At the start of a paragraph: beside the rest of it.
        let typst =
            markdown_to_typst_with("![A phone](/pictures/phone.svg \"picture\") Call me.", &has);
        assert_eq!(typst, format!("{picture} Call me\\.];\n"));
        // Alone before a heading: alone.
        let typst = markdown_to_typst_with(
            "![A phone](/pictures/phone.svg \"picture\")\n\n# Next",
            &has,
        );
        assert_eq!(typst, format!("{picture}];\n\n#heading(level: 1)[Next];\n"));
        // In a list item: in the line, two lines tall.
        let typst =
            markdown_to_typst_with("- ![A phone](/pictures/phone.svg \"picture\") Call", &has);
        assert!(typst.contains("#box(height: 2em, image("), "{typst}");
        assert!(!uses_beside(&typst));
        // A data value cannot call it: `#beside(` is escaped like any text.
        assert!(!uses_beside(&markdown_to_typst("#beside(x)[y]")));
    }

    #[test]
    fn images_only_when_the_file_exists() {
        let has = |p: &str| p == "/images/a.png";
        assert_eq!(
            markdown_to_typst_with("![A *cat*](/images/a.png)", &has),
            "#image(\"/images/a.png\", alt: \"A cat\");\n"
        );
        assert_eq!(
            markdown_to_typst_with("![A #cat](/etc/passwd)", &has),
            "A \\#cat\n"
        );
    }

    #[test]
    fn tables_have_headers_and_padded_rows() {
        let typst = markdown_to_typst("| a | b |\n|:-|-:|\n| 1 |\n| 2 | 3 |\n");
        assert_eq!(
            typst,
            "#table(columns: 2, align: (left, right,),\n\
             table.header([a], [b], ),\n[1], [], \n[2], [3], \n);\n"
        );
    }

    #[test]
    fn code_quotes_breaks_and_rules() {
        let typst = markdown_to_typst("`#x`\n\n> q\n\na  \nb\n\n---\n\n```\n#y\n```\n");
        assert_eq!(
            typst,
            "#raw(\"#x\");\n\n#quote(block: true)[q];\n\na#linebreak();b\n\n\
             #line(length: 100%);\n\n#raw(block: true, \"#y\");\n"
        );
    }

    #[test]
    fn embedded_calls_are_terminated_before_following_text() {
        // Without the `;` Typst would read `(y)` and `.z` as call arguments
        // and field access on the strong element.
        assert_eq!(
            markdown_to_typst("**x**(y) **x**.z"),
            "#strong[x];\\(y\\) #strong[x];\\.z\n"
        );
    }
}
