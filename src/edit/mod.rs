//! Edits to a case file's text that disturb nothing else in it: answers added to a review
//! (`iro import-responses`), a draft review appended (`iro new review`), and the history an
//! SSDA903 return adds (`iro import-903`, [`update_case`], in `history.rs`).
//!
//! Written by hand because no maintained Rust YAML crate edits a document in place while
//! keeping its comments: serialising the model again would drop every comment and reorder
//! keys that staff wrote. The new entry is serialised on its own by serde-saphyr, indented to
//! fit, and inserted after the last line of the meeting (or of its `responses:` list); the
//! caller then reads the whole text back to prove the result.

mod history;
mod sent;

pub use history::update_case;
pub use sent::{DateField, fill_dates};

use crate::load::yaml::{SpanIndex, index};
use crate::model::{Case, Response};

/// The case file's text with `response` added to `meetings[meeting].responses`, or why not.
/// Why iro would not make an edit to a case file. Nothing is written when it refuses.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The file is not laid out so that iro can place the change without disturbing it.
    #[error("{0}")]
    NoPlace(&'static str),
    /// Something the edit needs is not in the file.
    #[error("{0}")]
    Missing(String),
    /// The file, or what iro would write, does not read as YAML or as a case.
    #[error("{0}")]
    Unreadable(String),
    /// The edited text would not read back as the case with only the change made.
    #[error("the edited file would not read back as {0}")]
    NotProven(&'static str),
}

impl EditError {
    pub(super) fn unreadable(e: impl std::fmt::Display) -> EditError {
        EditError::Unreadable(e.to_string())
    }
}

pub fn add_response(text: &str, meeting: usize, response: &Response) -> Result<String, EditError> {
    let spans = index(text);
    let at = format!("meetings[{meeting}]");
    let list = format!("{at}.responses");
    let item = serde_saphyr::to_string(&vec![response]).map_err(EditError::unreadable)?;
    let (after, indent, block) = if spans.has(&format!("{list}[0]")) {
        // Append to the list, lined up with its first item's dash.
        let first = spans
            .value(&format!("{list}[0]"))
            .ok_or(EditError::NoPlace("the responses list has no place"))?;
        let dash = line_start(text, first.start);
        let column = text[dash..first.start].find('-').ok_or(EditError::NoPlace(
            "the `responses:` list is not written one item per line; edit it by hand first",
        ))?;
        (end_after(text, &spans, &list)?, column, item)
    } else if spans.has(&list) {
        return Err(EditError::NoPlace(
            "the meeting has an empty or one-line `responses:`; remove it and try again",
        ));
    } else {
        // A new `responses:` key, lined up with the meeting's other keys.
        let first_key = spans
            .key(&format!("{at}.type"))
            .ok_or(EditError::NoPlace("the meeting has no `type:`"))?;
        let column = first_key.start - line_start(text, first_key.start);
        let nested: String = item.lines().map(|l| format!("  {l}\n")).collect();
        (
            end_after(text, &spans, &at)?,
            column,
            format!("responses:\n{nested}"),
        )
    };
    Ok(insert(text, after, &indented(&block, indent)))
}

/// Every non-empty line of `block` moved right by `indent` spaces.
fn indented(block: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    block
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_owned()
            } else {
                format!("{pad}{l}\n")
            }
        })
        .collect()
}

/// `text` with `block` inserted at byte `at`, on a line of its own.
fn insert(text: &str, at: usize, block: &str) -> String {
    let mut out = String::with_capacity(text.len() + block.len() + 1);
    out.push_str(&text[..at]);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(block);
    out.push_str(&text[at..]);
    out
}

/// Reads the edited text back: it must hold the same case as before with exactly this response
/// added to this meeting.
pub fn prove(
    before: &Case,
    after_text: &str,
    meeting: usize,
    response: &Response,
) -> Result<Case, EditError> {
    let value = crate::load::yaml::parse_value(after_text)
        .map_err(|d| EditError::Unreadable(d.message.clone()))?;
    let after: Case = serde_json::from_value(value).map_err(EditError::unreadable)?;
    let mut expected = before.clone();
    expected
        .meetings
        .get_mut(meeting)
        .ok_or(EditError::NoPlace("the meeting is gone"))?
        .responses
        .push(response.clone());
    let same = serde_json::to_value(&expected).map_err(EditError::unreadable)?
        == serde_json::to_value(&after).map_err(EditError::unreadable)?;
    if same {
        Ok(after)
    } else {
        Err(EditError::NotProven("the same case plus the answers"))
    }
}

/// The case file's text with a new meeting appended to `meetings:` (the list is made when the
/// file has none), preceded by `comment` lines. `yaml` is the meeting as a one-item YAML list.
pub fn append_meeting(text: &str, yaml: &str, comment: &[String]) -> Result<String, EditError> {
    let comments: String = comment.iter().map(|c| format!("# {c}\n")).collect();
    let (at, block) = meeting_insertion(text, &index(text), &format!("{comments}{yaml}"))?;
    Ok(insert(text, at, &block))
}

/// Where new meetings (`item`, a YAML list) go in a case file, and their text indented to fit.
pub(super) fn meeting_insertion(
    text: &str,
    spans: &SpanIndex,
    item: &str,
) -> Result<(usize, String), EditError> {
    let (after, indent, block) = if spans.has("meetings[0]") {
        let first = spans
            .value("meetings[0]")
            .ok_or(EditError::NoPlace("no place for the meetings"))?;
        let dash = line_start(text, first.start);
        let column = text[dash..first.start].find('-').ok_or(EditError::NoPlace(
            "the `meetings:` list is not written one item per line; edit it by hand",
        ))?;
        (
            end_after(text, spans, "meetings")?,
            column,
            format!("\n{item}"),
        )
    } else if spans.has("meetings") {
        return Err(EditError::NoPlace(
            "the case file has an empty `meetings:`; remove that line and try again",
        ));
    } else {
        let nested: String = item.lines().map(|l| format!("  {l}\n")).collect();
        (text.len(), 0, format!("\nmeetings:\n{nested}"))
    };
    Ok((after, indented(&block, indent)))
}

/// A draft meeting as `iro new review` writes it: only the fields worth prefilling.
#[derive(Debug, serde::Serialize)]
pub struct Draft {
    #[serde(rename = "type")]
    pub kind: crate::model::MeetingType,
    pub date: chrono::NaiveDate,
    pub status: crate::model::MeetingStatus,
    pub attended: Vec<String>,
    pub apologies: Vec<String>,
    /// Open decisions of earlier meetings, written as comments above the draft: copied as data
    /// they would count twice on the clock, and their old dates would fall before the meeting.
    #[serde(skip)]
    pub carried_forward: Vec<String>,
}

/// A planned meeting for a case, with everyone invited as attending (the IRO moves those who
/// do not come to `apologies`) and the open decisions of earlier meetings listed to review.
pub fn draft_meeting(
    case: &Case,
    kind: crate::model::MeetingType,
    date: chrono::NaiveDate,
) -> Draft {
    use crate::model::{DecisionStatus, MeetingStatus};
    let mut attended: Vec<String> = crate::plan::invitees(case, date)
        .iter()
        .map(|r| r.id().to_owned())
        .collect();
    attended.push("iro".to_owned());
    let carried_forward = case
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .flat_map(|m| m.decisions.iter().map(move |d| (m.date, d)))
        .filter(|(_, d)| d.status == DecisionStatus::Open)
        .map(|(made, d)| {
            let owner = d.owner.as_deref().unwrap_or("no owner");
            let due = d.due.map_or("no date".to_owned(), |d| format!("due {d}"));
            format!(
                "- {} ({owner}, {due}; made {made})",
                d.text.replace('\n', " ")
            )
        })
        .collect();
    Draft {
        kind,
        date,
        status: MeetingStatus::Planned,
        attended,
        apologies: Vec::new(),
        carried_forward,
    }
}

/// Reads a case file's text into the model.
pub fn read_case(text: &str) -> anyhow::Result<Case> {
    let value = crate::load::yaml::parse_value(text).map_err(|d| anyhow::anyhow!(d.message))?;
    Ok(serde_json::from_value(value)?)
}

/// A unified diff of a pure insertion (which is all `add_response` makes), with three lines of
/// context before each inserted block.
pub fn diff(name: &str, before: &str, after: &str) -> String {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let mut out = format!("--- {name}\n+++ {name} (changed)\n");
    let (mut i, mut j) = (0, 0);
    while j < new.len() {
        if i < old.len() && old[i] == new[j] {
            i += 1;
            j += 1;
            continue;
        }
        // Lines only in the new text, up to the next line they share again.
        let start = j;
        while j < new.len() && (i >= old.len() || old[i] != new[j]) {
            j += 1;
        }
        let context = i.saturating_sub(3);
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            context + 1,
            i - context,
            context + 1,
            i - context + (j - start)
        ));
        for line in &old[context..i] {
            out.push_str(&format!(" {line}\n"));
        }
        for line in &new[start..j] {
            out.push_str(&format!("+{line}\n"));
        }
    }
    out
}

/// Reads the text back after `append_meeting`: the same case with this meeting added.
pub fn prove_appended(before: &Case, after_text: &str, draft: &Draft) -> Result<(), EditError> {
    let after = read_case(after_text).map_err(EditError::unreadable)?;
    let mut expected = serde_json::to_value(before).map_err(EditError::unreadable)?;
    let draft = serde_json::to_value(draft).map_err(EditError::unreadable)?;
    let draft: crate::model::Meeting =
        serde_json::from_value(draft).map_err(EditError::unreadable)?;
    expected["meetings"]
        .as_array_mut()
        .ok_or(EditError::NoPlace("no meetings"))?
        .push(serde_json::to_value(draft).map_err(EditError::unreadable)?);
    if serde_json::to_value(&after).map_err(EditError::unreadable)? == expected {
        Ok(())
    } else {
        Err(EditError::NotProven("the same case plus the draft"))
    }
}

pub(super) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The offset just after the line holding the last character of a value and all it contains.
pub(super) fn end_after(text: &str, spans: &SpanIndex, path: &str) -> Result<usize, EditError> {
    let end = spans
        .end_of(path)
        .ok_or(EditError::NoPlace("cannot find the meeting in the file"))?;
    let last = text[..end.min(text.len())].trim_end().len();
    Ok(text[last..].find('\n').map_or(text.len(), |i| last + i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Answer;

    fn response(text: &str) -> Response {
        Response {
            from: "child".into(),
            form: "child-8-12".into(),
            received: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
            answers: [("going-well".to_owned(), Answer::Text(text.to_owned()))].into(),
        }
    }

    const CASE: &str = "# a comment that must stay\nmeetings:\n  - type: lac-review # why\n    date: 2026-12-09\n    status: planned\n    venue: >-\n      a long\n      venue\n\n  # the second\n  - type: lac-review\n    date: 2027-06-01\n    status: planned\n";

    #[test]
    fn a_first_response_goes_under_its_own_meeting_and_comments_stay() {
        let out = add_response(CASE, 0, &response("Kai says: *hi* #read(\"x\")")).expect("added");
        assert!(out.starts_with("# a comment that must stay\n"), "{out}");
        assert!(out.contains("  - type: lac-review # why\n"), "{out}");
        assert!(out.contains("  # the second\n"), "{out}");
        let value = crate::load::yaml::parse_value(&out).expect("valid yaml");
        let answer = &value["meetings"][0]["responses"][0]["answers"]["going-well"];
        assert_eq!(answer, "Kai says: *hi* #read(\"x\")");
        assert!(value["meetings"][1].get("responses").is_none());
        assert_eq!(value["meetings"][0]["venue"], "a long venue");
    }

    #[test]
    fn a_second_response_is_appended_to_the_list() {
        let once = add_response(CASE, 1, &response("one")).expect("added");
        let twice = add_response(&once, 1, &response("two\nlines  \n\"quoted\"\\")).expect("added");
        let value = crate::load::yaml::parse_value(&twice).expect("valid yaml");
        let list = value["meetings"][1]["responses"]
            .as_array()
            .expect("a list");
        assert_eq!(list.len(), 2);
        assert_eq!(
            list[1]["answers"]["going-well"],
            "two\nlines  \n\"quoted\"\\"
        );
    }
}
