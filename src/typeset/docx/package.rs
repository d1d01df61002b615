//! The package around the body: the letterhead, the styles (Word's heading styles and the
//! document's language), the numbering definitions, the footer with its page number fields,
//! the page (A4, 2 cm margins, as the print layouts), and the few parts docx-rs has no
//! setting for (the language, alt text, title), added to its XML before it is zipped.

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, NumPages, PageMargin, PageNum, Run, RunFonts, Style,
    StyleType, Tab, TabValueType,
};

use super::{Child, DocxBody, DocxDocument, DocxError, Sheet, Words, abstract_numberings};
use crate::typeset::html::escape_html;

/// The text width of an A4 page with 2 cm margins, in twentieths of a point.
pub(super) const TEXT_WIDTH: usize = 9638;

/// The letterhead, as the letter layout prints it: the service's name, the addressee, the
/// sender's office and contact details, the reference, the date and what an amended copy
/// replaces.
pub(super) fn letterhead(sheet: &mut Sheet, data: &serde_json::Value) {
    let text = |key: &str| data.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let lines = |key: &str| -> Vec<String> {
        (data
            .get(key)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
    };
    if let Some(name) = text("service_name") {
        let accent = text("accent")
            .filter(|c| c.len() == 7 && c[1..].chars().all(|c| c.is_ascii_hexdigit()))
            .map_or_else(|| "3C3C3C".to_owned(), |c| c[1..].to_owned());
        let run = sheet.run(&name).bold().size(29).color(accent);
        let p = sheet.paragraph().style("Letterhead").add_run(run);
        sheet.push(p);
    }
    let recipient = lines("recipient_lines");
    lines_paragraph(sheet, &recipient);
    lines_paragraph(sheet, &lines("address_lines"));
    let contact: Vec<String> = [text("phone"), text("email")]
        .into_iter()
        .flatten()
        .collect();
    lines_paragraph(sheet, &contact);
    let dated: Vec<String> = [text("reference"), text("date")]
        .into_iter()
        .flatten()
        .collect();
    lines_paragraph(sheet, &dated);
    if let Some(amends) = text("amends") {
        let run = sheet.run(&amends).bold();
        let p = sheet.paragraph().add_run(run);
        sheet.push(p);
    }
}

/// Lines as one paragraph, each after a line break (an address block); nothing for none.
pub(super) fn lines_paragraph(sheet: &mut Sheet, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let mut p = sheet.paragraph().style("Letterhead");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping));
        }
        p = p.add_run(sheet.run(line));
    }
    sheet.push(p);
}

/// Zips the sheet into a `.docx` package.
pub(super) fn pack(
    mut sheet: Sheet,
    doc: &DocxDocument,
    words: &Words,
) -> Result<Vec<u8>, DocxError> {
    let footer = footer(&mut sheet, doc, words);
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1361)
                .left(1134)
                .right(1134)
                .header(567)
                .footer(567),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Arial")
                .hi_ansi("Arial")
                .cs("Arial")
                .east_asia("Arial"),
        )
        .default_size(23)
        .default_line_spacing(LineSpacing::new().after(160).line(276))
        .footer(footer);
    for style in styles() {
        docx = docx.add_style(style);
    }
    for numbering in abstract_numberings() {
        docx = docx.add_abstract_numbering(numbering);
    }
    for numbering in std::mem::take(&mut sheet.numberings) {
        docx = docx.add_numbering(numbering);
    }
    if let Some(date) = doc.date {
        let stamp = format!("{}T00:00:00Z", date.format("%Y-%m-%d"));
        docx = docx.created_at(&stamp).updated_at(&stamp);
    }
    for child in std::mem::take(&mut sheet.children) {
        docx = match child {
            Child::Paragraph(p) => docx.add_paragraph(*p),
            Child::Table(t) => docx.add_table(*t),
        };
    }
    let mut xml = docx.build();
    xml.styles = with_languages(&xml.styles, &sheet);
    xml.document = with_alt_text(&xml.document, &sheet.pictures);
    xml.doc_props.core = with_title(&xml.doc_props.core, doc.title, &sheet.lang);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocxError::Pack(e.to_string()))?;
    Ok(out.into_inner())
}

/// The footer: "Page N of M" at the right, from Word's PAGE and NUMPAGES fields; a form's
/// has the service's name at the left, as the print form does.
fn footer(sheet: &mut Sheet, doc: &DocxDocument, words: &Words) -> Footer {
    let mut p = sheet.paragraph().style("Footer");
    if let DocxBody::Form = doc.body {
        let name = (doc.data.get("service_name").and_then(|v| v.as_str())).unwrap_or_default();
        p = p
            .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
            .add_run(sheet.run(name))
            .add_run(Run::new().add_tab());
    } else {
        p = p.align(AlignmentType::Right);
    }
    let p = p
        .add_run(sheet.run(&format!("{} ", words.page)))
        .add_page_num(PageNum::new())
        .add_run(sheet.run(&format!(" {} ", words.of)))
        .add_num_pages(NumPages::new());
    Footer::new().add_paragraph(p)
}

/// The paragraph styles: Word's built-in names, so that Word's navigation pane, its table of
/// contents and screen readers know the headings.
fn styles() -> Vec<Style> {
    let sizes = [34, 28, 25, 23, 23, 23];
    let mut out: Vec<Style> = (1..=6)
        .map(|level| {
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .bold()
                .size(sizes[level - 1])
                .line_spacing(LineSpacing::new().before(240).after(120))
                .outline_lvl(level - 1)
        })
        .collect();
    out.push(
        Style::new("ListParagraph", StyleType::Paragraph)
            .name("List Paragraph")
            .based_on("Normal")
            .line_spacing(LineSpacing::new().after(80)),
    );
    out.push(
        Style::new("Quote", StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .indent(Some(720), None, None, None),
    );
    out.push(
        Style::new("Letterhead", StyleType::Paragraph)
            .name("Letterhead")
            .based_on("Normal")
            .line_spacing(LineSpacing::new().after(120)),
    );
    out.push(
        Style::new("Rule", StyleType::Paragraph)
            .name("Rule")
            .based_on("Normal"),
    );
    out.push(
        Style::new("Footer", StyleType::Paragraph)
            .name("footer")
            .based_on("Normal")
            .size(20),
    );
    out.push(
        Style::new("WriteIn", StyleType::Paragraph)
            .name("Write-in line")
            .based_on("Normal")
            .line_spacing(LineSpacing::new().after(0).line(480)),
    );
    out
}

/// `w:lang` for a tag: right-to-left languages name it for complex script too, and Chinese,
/// Japanese and Korean for East Asian text.
fn lang_element(tag: &str) -> String {
    let tag = escape_html(tag);
    let primary = tag
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut out = format!("<w:lang w:val=\"{tag}\"");
    if super::is_right_to_left(&tag) {
        out.push_str(&format!(" w:bidi=\"{tag}\""));
    }
    if matches!(primary.as_str(), "zh" | "ja" | "ko") {
        out.push_str(&format!(" w:eastAsia=\"{tag}\""));
    }
    out.push_str("/>");
    out
}

/// The styles with Normal the default, the document's language on every run (the defaults),
/// and a character style for each other language a part is in.
fn with_languages(styles: &[u8], sheet: &Sheet) -> Vec<u8> {
    // Normal is the default paragraph style, for a paragraph that names none.
    let mut xml = String::from_utf8_lossy(styles).replacen(
        "<w:style w:type=\"paragraph\" w:styleId=\"Normal\">",
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">",
        1,
    );
    let lang = lang_element(&sheet.lang);
    // `w:lang` comes late in a run's properties; the defaults hold nothing that goes after it.
    if let Some(at) = xml.find("<w:rPrDefault>") {
        let rest = &xml[at..];
        if let Some(self_closed) = rest.find("<w:rPr />").filter(|i| *i < 40) {
            let i = at + self_closed;
            xml.replace_range(i..i + "<w:rPr />".len(), &format!("<w:rPr>{lang}</w:rPr>"));
        } else if let Some(end) = rest.find("</w:rPr>") {
            xml.insert_str(at + end, &lang);
        }
    }
    let others: String = (sheet.other_langs.iter())
        .map(|(id, tag)| {
            format!(
                "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"{id}\"><w:name w:val=\"Language {tag}\"/><w:rPr>{}</w:rPr></w:style>",
                lang_element(tag),
                tag = escape_html(tag),
            )
        })
        .collect();
    if let Some(end) = xml.rfind("</w:styles>") {
        xml.insert_str(end, &others);
    }
    xml.into_bytes()
}

/// The document with each picture's alt text (`descr`) and a distinct id; docx-rs writes
/// every picture as `Figure` with id 1 and no description.
fn with_alt_text(document: &[u8], alts: &[String]) -> Vec<u8> {
    let mut xml = String::from_utf8_lossy(document).into_owned();
    let mut from = 0;
    for (n, alt) in alts.iter().enumerate() {
        let Some(found) = xml[from..].find("<wp:docPr id=\"1\" name=\"Figure\"") else {
            break;
        };
        let at = from + found;
        let old = "<wp:docPr id=\"1\" name=\"Figure\"";
        let new = format!(
            "<wp:docPr id=\"{}\" name=\"Picture {}\" descr=\"{}\"",
            n + 1,
            n + 1,
            escape_html(alt)
        );
        xml.replace_range(at..at + old.len(), &new);
        from = at + new.len();
    }
    xml.into_bytes()
}

/// The package's properties with the document's title and language.
fn with_title(core: &[u8], title: &str, lang: &str) -> Vec<u8> {
    let mut xml = String::from_utf8_lossy(core).into_owned();
    let props = format!(
        "<dc:title>{}</dc:title><dc:language>{}</dc:language>",
        escape_html(&super::xml_safe(title)),
        escape_html(lang)
    );
    if let Some(end) = xml.rfind("</cp:coreProperties>") {
        xml.insert_str(end, &props);
    }
    xml.into_bytes()
}
