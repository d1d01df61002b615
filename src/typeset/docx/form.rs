//! A consultation form as a Word document, from the form's view, with the words the print
//! layout (`layouts/form.typ`) prints: the title, who it is for and about, the review, when
//! and where to send it; then each section under a heading, each question as a heading with
//! its help, its choices as a list of boxes to tick (a Word list whose bullet is ☐), and boxes
//! to write in with as many lines as the print form rules.

use docx_rs::{Paragraph, Table, TableCell, TableRow, WidthType};
use serde_json::Value;

use super::package::{TEXT_WIDTH, lines_paragraph};
use super::{BOXES, Child, Sheet, Words};

/// Writes the form in `form` (its view) into the sheet.
pub(super) fn write_form(sheet: &mut Sheet, form: &Value, words: &Words) {
    let title = text(form, "title").unwrap_or_else(|| words.title.to_owned());
    heading(sheet, 1, &title);
    lines_paragraph(sheet, &about_lines(form, words));
    if let Some(back) = text(form, "return_by") {
        let p = sheet.paragraph().style("Letterhead");
        let p = p
            .add_run(sheet.run(&format!("{} ", words.send_back)))
            .add_run(sheet.run(&back).bold())
            .add_run(sheet.run("."));
        sheet.push(p);
    }
    lines_paragraph(sheet, &send_to_lines(form, words));
    if let Some(intro) = text(form, "intro") {
        let p = sheet.text_paragraph(&intro);
        sheet.push(p);
    }
    for section in list(form, "sections") {
        heading(sheet, 2, &text(section, "title").unwrap_or_default());
        if let Some(intro) = text(section, "intro") {
            let p = sheet.text_paragraph(&intro);
            sheet.push(p);
        }
        for q in list(section, "questions") {
            question(sheet, q, words);
        }
    }
}

/// Who fills the form in, whom it is about, and the review it is for.
fn about_lines(form: &Value, words: &Words) -> Vec<String> {
    let reader = form.get("reader").unwrap_or(&Value::Null);
    let mut lines = vec![format!(
        "{}: {}",
        words.name,
        text(reader, "name").unwrap_or_default()
    )];
    let is_child = reader.get("is_child").and_then(Value::as_bool) == Some(true);
    if let Some(child) = form.get("child").filter(|_| !is_child) {
        let full = text(child, "full_name").unwrap_or_default();
        let mut line = format!("{}: {full}", words.about);
        if let Some(known) = text(child, "name").filter(|k| *k != full) {
            line.push_str(&format!(" ({} {known})", words.known_as));
        }
        lines.push(line);
    }
    if let Some(review) = form.get("review").filter(|r| r.is_object()) {
        let mut line = format!(
            "{}: {}",
            text(review, "title").unwrap_or_default(),
            text(review, "date").unwrap_or_default()
        );
        if let Some(time) = text(review, "time") {
            line.push_str(&format!(" {} {time}", words.at));
        }
        lines.push(line);
        if let Some(venue) = text(review, "venue") {
            lines.push(format!("{}: {venue}", words.where_));
        }
    }
    lines
}

/// Whom to send the form to, and how to ask about it.
fn send_to_lines(form: &Value, words: &Words) -> Vec<String> {
    let Some(iro) = form.get("iro").filter(|i| i.is_object()) else {
        return Vec::new();
    };
    let mut line = format!(
        "{} {}",
        words.send_to,
        text(iro, "name").unwrap_or_default()
    );
    let address: Vec<String> = iro
        .get("office")
        .map(|o| list(o, "address").filter_map(as_text).collect())
        .unwrap_or_default();
    if !address.is_empty() {
        line.push_str(&format!(", {}", address.join(", ")));
    }
    line.push('.');
    let mut lines = vec![line];
    let (phone, email) = (text(iro, "phone"), text(iro, "email"));
    if phone.is_some() || email.is_some() {
        let mut ask = words.questions.to_owned();
        if let Some(phone) = phone {
            ask.push_str(&format!(" {} {phone}.", words.phone));
        }
        if let Some(email) = email {
            ask.push_str(&format!(" {} {email}.", words.email));
        }
        lines.push(ask);
    }
    lines
}

/// One question: its words as a heading, its help under it, then what to answer on.
fn question(sheet: &mut Sheet, q: &Value, words: &Words) {
    heading(sheet, 3, &text(q, "ask").unwrap_or_default());
    if let Some(help) = text(q, "help") {
        let p = sheet.text_paragraph(&help);
        sheet.push(p);
    }
    let choices: Vec<String> = list(q, "choices").filter_map(as_text).collect();
    let kind = text(q, "kind").unwrap_or_else(|| "text".to_owned());
    match kind.as_str() {
        "text" => {
            let lines = q.get("lines").and_then(Value::as_u64).unwrap_or(4);
            write_in(sheet, lines.clamp(1, 40) as usize);
        }
        "people" => {
            boxes(sheet, &choices);
            label(sheet, &format!("{}:", words.anyone_else));
            write_in(sheet, 2);
        }
        "where-when" => {
            label(sheet, &format!("{}:", words.where_));
            write_in(sheet, 2);
            label(sheet, &format!("{}:", words.when));
            write_in(sheet, 2);
        }
        _ => boxes(sheet, &choices),
    }
}

fn heading(sheet: &mut Sheet, level: u8, words: &str) {
    let run = sheet.run(words);
    let p = (sheet.paragraph())
        .style(&format!("Heading{level}"))
        .keep_next(true)
        .add_run(run);
    sheet.push(p);
}

fn label(sheet: &mut Sheet, words: &str) {
    let p = sheet.text_paragraph(words).keep_next(true);
    sheet.push(p);
}

/// The choices as a list of boxes to tick.
fn boxes(sheet: &mut Sheet, choices: &[String]) {
    if choices.is_empty() {
        return;
    }
    let id = sheet.list(BOXES, 1);
    for choice in choices {
        let run = sheet.run(choice);
        let p = sheet.item(id, 0).add_run(run);
        sheet.push(p);
    }
}

/// A box to write in: one bordered cell of `lines` empty lines.
fn write_in(sheet: &mut Sheet, lines: usize) {
    let mut cell = TableCell::new().width(TEXT_WIDTH, WidthType::Dxa);
    for _ in 0..lines {
        let p: Paragraph = sheet.paragraph().style("WriteIn");
        cell = cell.add_paragraph(p);
    }
    let table = Table::new(vec![TableRow::new(vec![cell])]).set_grid(vec![TEXT_WIDTH]);
    sheet.children.push(Child::Table(Box::new(table)));
}

/// A string field (a number or other value as JSON, as the print layout shows it).
fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(as_text)
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The items of a list field; none when it is not a list.
fn list<'v>(value: &'v Value, key: &str) -> impl Iterator<Item = &'v Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}
