//! Adding answers to a case file's text without disturbing anything else in it.
//!
//! Written by hand because no maintained Rust YAML crate edits a document in place while
//! keeping its comments: serialising the model again would drop every comment and reorder
//! keys that staff wrote. The new entry is serialised on its own by serde-saphyr, indented to
//! fit, and inserted after the last line of the meeting (or of its `responses:` list); the
//! caller then reads the whole text back to prove the result.

use crate::load::yaml::{SpanIndex, index};
use crate::model::{Case, Response};

/// The case file's text with `response` added to `meetings[meeting].responses`, or why not.
pub fn add_response(text: &str, meeting: usize, response: &Response) -> Result<String, String> {
    let spans = index(text);
    let at = format!("meetings[{meeting}]");
    let list = format!("{at}.responses");
    let item = serde_saphyr::to_string(&vec![response]).map_err(|e| e.to_string())?;
    let (after, indent, block) = if spans.has(&format!("{list}[0]")) {
        // Append to the list, lined up with its first item's dash.
        let first = spans
            .value(&format!("{list}[0]"))
            .ok_or("the responses list has no place")?;
        let dash = line_start(text, first.start);
        let column = text[dash..first.start].find('-').ok_or(
            "the `responses:` list is not written one item per line; edit it by hand first",
        )?;
        (end_after(text, &spans, &list)?, column, item)
    } else if spans.has(&list) {
        return Err(
            "the meeting has an empty or one-line `responses:`; remove it and try again".to_owned(),
        );
    } else {
        // A new `responses:` key, lined up with the meeting's other keys.
        let first_key = spans
            .key(&format!("{at}.type"))
            .ok_or("the meeting has no `type:`")?;
        let column = first_key.start - line_start(text, first_key.start);
        let nested: String = item.lines().map(|l| format!("  {l}\n")).collect();
        (
            end_after(text, &spans, &at)?,
            column,
            format!("responses:\n{nested}"),
        )
    };
    let pad = " ".repeat(indent);
    let block: String = block
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_owned()
            } else {
                format!("{pad}{l}\n")
            }
        })
        .collect();
    let mut out = String::with_capacity(text.len() + block.len() + 1);
    out.push_str(&text[..after]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&block);
    out.push_str(&text[after..]);
    Ok(out)
}

/// Reads the edited text back: it must hold the same case as before with exactly this response
/// added to this meeting.
pub fn prove(
    before: &Case,
    after_text: &str,
    meeting: usize,
    response: &Response,
) -> Result<Case, String> {
    let value = crate::load::yaml::parse_value(after_text).map_err(|d| d.message.clone())?;
    let after: Case = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let mut expected = before.clone();
    expected
        .meetings
        .get_mut(meeting)
        .ok_or("the meeting is gone")?
        .responses
        .push(response.clone());
    let same = serde_json::to_value(&expected).map_err(|e| e.to_string())?
        == serde_json::to_value(&after).map_err(|e| e.to_string())?;
    if same {
        Ok(after)
    } else {
        Err("the edited file would not read back as the same case plus the answers".to_owned())
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
    let mut out = format!("--- {name}\n+++ {name} (with answers)\n");
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

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The offset just after the line holding the last character of a value and all it contains.
fn end_after(text: &str, spans: &SpanIndex, path: &str) -> Result<usize, String> {
    let end = spans
        .end_of(path)
        .ok_or("cannot find the meeting in the file")?;
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
