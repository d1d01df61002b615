use std::io::Read;

use super::*;

fn letterhead() -> serde_json::Value {
    serde_json::json!({
        "service_name": "Northmoor Independent Reviewing Service",
        "accent": "#1a4e8a",
        "address_lines": ["1 Town Hall Square", "Northmoor", "NM1 1AA"],
        "phone": "01632 960000",
        "email": "iro@example.org",
        "date": "25 November 2026",
        "recipient_lines": ["Noah Clarke", "2 Mill Lane", "Northmoor"],
        "reference": "Our ref: NM-1013",
    })
}

fn letter(parts: &[(&str, &str)]) -> Vec<u8> {
    letter_with(parts, &[])
}

fn letter_with(parts: &[(&str, &str)], images: &[(String, Vec<u8>)]) -> Vec<u8> {
    let data = letterhead();
    let doc = DocxDocument {
        title: "Introduction letter: Noah",
        lang: parts.first().map_or("en", |p| p.0),
        data: &data,
        body: DocxBody::Letter(parts),
        date: NaiveDate::from_ymd_opt(2026, 11, 25),
        images,
    };
    docx_bytes(&doc).expect("a docx")
}

/// One part of the package, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut file = zip.by_name(name).expect(name);
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8");
    text
}

#[test]
fn escaped_data_prints_as_written_and_is_never_markup() {
    // What Tera makes of a name like `*Kai* <script>#read("x")` (see `escape_markdown`).
    let markdown = format!(
        "Dear {},",
        crate::typeset::escape_markdown("*Kai* <script>#read(\"x\") & co")
    );
    let docx = letter(&[("en", &markdown)]);
    let xml = part(&docx, "word/document.xml");
    assert!(
        xml.contains("Dear *Kai* &lt;script&gt;#read(&quot;x&quot;) &amp; co,")
            || xml.contains("Dear *Kai* &lt;script&gt;#read(\"x\") &amp; co,"),
        "{xml}"
    );
    assert!(!xml.contains("<script"));
    // Raw HTML in a template is text too, as in the HTML writer.
    let xml = part(
        &letter(&[("en", "<b onclick=x>hi</b>")]),
        "word/document.xml",
    );
    assert!(xml.contains("&lt;b onclick=x&gt;"), "{xml}");
}

#[test]
fn headings_lists_and_tables_are_word_s_own() {
    let markdown = "# Your review\n\n## What happens\n\nText.\n\n- one\n- two\n\n3. three\n4. four\n\n| who | when |\n|---|---|\n| Noah | today |\n";
    let docx = letter(&[("en", markdown)]);
    let xml = part(&docx, "word/document.xml");
    assert!(xml.contains("<w:pStyle w:val=\"Heading1\" />"), "{xml}");
    assert!(xml.contains("<w:pStyle w:val=\"Heading2\" />"));
    assert_eq!(xml.matches("<w:numPr>").count(), 4, "{xml}");
    assert!(xml.contains("<w:tbl>"));
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"Heading1\""));
    assert!(
        styles.contains("<w:name w:val=\"heading 1\" />"),
        "{styles}"
    );
    let numbering = part(&docx, "word/numbering.xml");
    assert!(numbering.contains("w:val=\"bullet\""), "{numbering}");
    assert!(numbering.contains("w:val=\"decimal\""));
    // The numbered list starts at 3, as the Markdown's does.
    assert!(
        numbering.contains("<w:startOverride w:val=\"3\" />"),
        "{numbering}"
    );
}

#[test]
fn the_language_is_set_on_the_styles_and_on_a_second_language_s_runs() {
    let docx = letter(&[("cy", "Annwyl Noah,"), ("en", "Dear Noah,")]);
    let styles = part(&docx, "word/styles.xml");
    let defaults = &styles[styles.find("<w:docDefaults>").expect("defaults")..];
    let defaults = &defaults[..defaults.find("</w:docDefaults>").expect("end")];
    assert!(defaults.contains("<w:lang w:val=\"cy-GB\"/>"), "{defaults}");
    assert!(styles.contains("<w:lang w:val=\"en-GB\"/>"), "{styles}");
    let xml = part(&docx, "word/document.xml");
    assert!(xml.contains("<w:rStyle w:val=\"IroLang1\" />"), "{xml}");
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:language>cy-GB</dc:language>"), "{core}");
    assert!(core.contains("<dc:title>Introduction letter: Noah</dc:title>"));
    assert!(core.contains("2026-11-25T00:00:00Z"));
    // Arabic is right to left, for complex script too.
    let styles = part(&letter(&[("ar", "مرحبا")]), "word/styles.xml");
    assert!(
        styles.contains("<w:lang w:val=\"ar\" w:bidi=\"ar\"/>"),
        "{styles}"
    );
}

#[test]
fn the_footer_numbers_the_pages_with_word_s_fields() {
    let docx = letter(&[("en", "Hello.")]);
    let footer = part(&docx, "word/footer1.xml");
    assert!(
        footer.contains("<w:instrText>PAGE</w:instrText>"),
        "{footer}"
    );
    assert!(footer.contains("<w:instrText>NUMPAGES</w:instrText>"));
    assert!(footer.contains(">Page <"), "{footer}");
    let welsh = part(&letter(&[("cy", "Helo.")]), "word/footer1.xml");
    assert!(welsh.contains(">Tudalen <"), "{welsh}");
}

#[test]
fn the_letterhead_comes_first() {
    let xml = part(&letter(&[("en", "Dear Noah,")]), "word/document.xml");
    let at = |s: &str| xml.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("Northmoor Independent Reviewing Service") < at("Noah Clarke"));
    assert!(at("Noah Clarke") < at("1 Town Hall Square"));
    assert!(at("iro@example.org") < at("25 November 2026"));
    assert!(at("25 November 2026") < at("Dear Noah,"));
}

/// A 2 by 1 pixel PNG.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(2u32.to_be_bytes());
    bytes.extend(1u32.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

#[test]
fn a_picture_has_its_alt_text_and_one_the_document_lacks_is_its_alt_text() {
    let images = vec![("images/photo.png".to_owned(), png())];
    let markdown = "![Photo of \"Hannah\" <smiling>](images/photo.png)\n\n![A map](images/map.png)";
    let docx = letter_with(&[("en", markdown)], &images);
    let xml = part(&docx, "word/document.xml");
    assert!(
        xml.contains("descr=\"Photo of &quot;Hannah&quot; &lt;smiling&gt;\""),
        "{xml}"
    );
    assert!(!xml.contains("name=\"Figure\""));
    assert!(xml.contains(">A map<"), "{xml}");
    assert_eq!(png_size_of(&png()), Some((2, 1)));
    assert_eq!(png_size_of(b"GIF89a"), None);
}

#[test]
fn an_easy_read_picture_is_embedded_as_a_png_and_left_out_as_an_svg() {
    let images = vec![
        ("/pictures/phone.png".to_owned(), png()),
        ("/pictures/date.svg".to_owned(), b"<svg/>".to_vec()),
    ];
    let markdown = "![A phone](/pictures/phone.png \"picture\")\n\nCall me.\n\n\
                    ![A calendar](/pictures/date.svg \"picture\")\n\nThe day.";
    let xml = part(
        &letter_with(&[("en", markdown)], &images),
        "word/document.xml",
    );
    assert!(xml.contains("descr=\"A phone\""), "{xml}");
    assert!(!xml.contains("A calendar"), "{xml}");
    assert!(xml.contains(">The day.<"), "{xml}");
}

fn png_size_of(bytes: &[u8]) -> Option<(u32, u32)> {
    markdown::png_size(bytes)
}

#[test]
fn the_same_input_gives_the_same_bytes_whatever_ran_before() {
    let first = letter(&[("en", "# Hi\n\n- a\n- b\n")]);
    // docx-rs numbers paragraphs from a per-thread counter: move it on, and try another thread.
    let _ = docx_rs::Paragraph::new();
    let again = letter(&[("en", "# Hi\n\n- a\n- b\n")]);
    let elsewhere = std::thread::spawn(|| letter(&[("en", "# Hi\n\n- a\n- b\n")]))
        .join()
        .expect("thread");
    assert!(first == again && again == elsewhere);
}

#[test]
fn control_characters_never_make_the_xml_invalid() {
    let xml = part(&letter(&[("en", "a\u{1}b\u{b}c")]), "word/document.xml");
    assert!(xml.contains("a\u{FFFD}b\u{FFFD}c"), "{xml}");
}

#[test]
fn a_form_has_headed_questions_boxes_to_tick_and_room_to_write() {
    let mut data = letterhead();
    data["form"] = serde_json::json!({
        "title": "Have your say",
        "reader": {"name": "Noah", "is_child": true},
        "review": {"title": "Looked After Review", "date": "9 December 2026", "time": "10am"},
        "return_by": "2 December 2026",
        "iro": {"name": "Aoife Brennan", "phone": "01632 960001", "office": {"address": ["1 Town Hall Square", "Northmoor"]}},
        "sections": [{"title": "Where I live", "questions": [
            {"ask": "How do you feel?", "kind": "faces", "choices": ["Sad", "OK", "Happy"]},
            {"ask": "Tell us <more>", "kind": "text", "lines": 3},
        ]}],
    });
    let doc = DocxDocument {
        title: "Have your say: Noah",
        lang: "en",
        data: &data,
        body: DocxBody::Form,
        date: None,
        images: &[],
    };
    let docx = docx_bytes(&doc).expect("a docx");
    let xml = part(&docx, "word/document.xml");
    for words in [
        "Name: Noah",
        "Looked After Review: 9 December 2026 at 10am",
        "Send it to Aoife Brennan, 1 Town Hall Square, Northmoor.",
        "Questions? Phone 01632 960001.",
        "Tell us &lt;more&gt;",
    ] {
        assert!(xml.contains(words), "{words} missing: {xml}");
    }
    assert_eq!(xml.matches("<w:numPr>").count(), 3);
    assert_eq!(xml.matches("<w:pStyle w:val=\"WriteIn\" />").count(), 3);
    assert!(xml.contains("<w:pStyle w:val=\"Heading3\" />"));
    let numbering = part(&docx, "word/numbering.xml");
    assert!(numbering.contains("☐"), "{numbering}");
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains("Northmoor Independent Reviewing Service"));
}
