//! Edits to a case file's text that disturb nothing else in it: answers added to a review
//! (`iro import-responses`), a draft review appended (`iro new review`), and the history an
//! SSDA903 return adds (`iro import-903`, [`update_case`]).
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

/// The case file's text with a new meeting appended to `meetings:` (the list is made when the
/// file has none), preceded by `comment` lines. `yaml` is the meeting as a one-item YAML list.
pub fn append_meeting(text: &str, yaml: &str, comment: &[String]) -> Result<String, String> {
    let comments: String = comment.iter().map(|c| format!("# {c}\n")).collect();
    let (at, block) = meeting_insertion(text, &index(text), &format!("{comments}{yaml}"))?;
    Ok(insert(text, at, &block))
}

/// Where new meetings (`item`, a YAML list) go in a case file, and their text indented to fit.
fn meeting_insertion(text: &str, spans: &SpanIndex, item: &str) -> Result<(usize, String), String> {
    let (after, indent, block) = if spans.has("meetings[0]") {
        let first = spans
            .value("meetings[0]")
            .ok_or("no place for the meetings")?;
        let dash = line_start(text, first.start);
        let column = text[dash..first.start]
            .find('-')
            .ok_or("the `meetings:` list is not written one item per line; edit it by hand")?;
        (
            end_after(text, spans, "meetings")?,
            column,
            format!("\n{item}"),
        )
    } else if spans.has("meetings") {
        return Err(
            "the case file has an empty `meetings:`; remove that line and try again".into(),
        );
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
pub fn prove_appended(before: &Case, after_text: &str, draft: &Draft) -> Result<(), String> {
    let after = read_case(after_text).map_err(|e| e.to_string())?;
    let mut expected = serde_json::to_value(before).map_err(|e| e.to_string())?;
    let draft = serde_json::to_value(draft).map_err(|e| e.to_string())?;
    let draft: crate::model::Meeting = serde_json::from_value(draft).map_err(|e| e.to_string())?;
    expected["meetings"]
        .as_array_mut()
        .ok_or("no meetings")?
        .push(serde_json::to_value(draft).map_err(|e| e.to_string())?);
    if serde_json::to_value(&after).map_err(|e| e.to_string())? == expected {
        Ok(())
    } else {
        Err("the edited file would not read back as the same case plus the draft".to_owned())
    }
}

/// The case file's text changed from `before` to `after` in the fields an SSDA903 return
/// carries, keeping every comment outside the lists the return owns (`legal_status`,
/// `looked_after`, `placements`): those lists are written anew; the date of birth and each
/// existing review's code are changed in place; new reviews are appended. Every change is
/// placed from one reading of the file, then all are made at once. The result is read back and
/// must be exactly `after`, or the edit is refused.
pub fn update_case(text: &str, before: &Case, after: &Case) -> Result<String, String> {
    let spans = index(text);
    let mut edits = Vec::new();
    if before.child.date_of_birth != after.child.date_of_birth {
        let date = after.child.date_of_birth.to_string();
        edits.push(set_scalar(
            text,
            &spans,
            "child",
            "date_of_birth",
            &date,
            "legal_name",
        )?);
    }
    if json(&before.legal_status) != json(&after.legal_status) {
        edits.push(replace_top_level(
            text,
            &spans,
            "legal_status",
            &after.legal_status,
        )?);
    }
    if json(&before.looked_after) != json(&after.looked_after) {
        edits.push(replace_top_level(
            text,
            &spans,
            "looked_after",
            &after.looked_after,
        )?);
    }
    if json(&before.placements) != json(&after.placements) {
        edits.push(replace_top_level(
            text,
            &spans,
            "placements",
            &after.placements,
        )?);
    }
    for (i, (old, new)) in before.meetings.iter().zip(&after.meetings).enumerate() {
        let at = format!("meetings[{i}]");
        let mut set = |key: &str, value: serde_json::Value| -> Result<(), String> {
            let value = match value {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            edits.push(set_scalar(text, &spans, &at, key, &value, "date")?);
            Ok(())
        };
        if old.status != new.status {
            set("status", json(&new.status))?;
        }
        if old.participation != new.participation && new.participation.is_some() {
            set("participation", json(&new.participation))?;
        }
        if old.participation_valid != new.participation_valid {
            set("participation_valid", json(&new.participation_valid))?;
        }
    }
    let added = &after.meetings[before.meetings.len().min(after.meetings.len())..];
    if before.meetings.is_empty() && !added.is_empty() {
        edits.push(replace_top_level(
            text,
            &spans,
            "meetings",
            &after.meetings,
        )?);
    } else if !added.is_empty() {
        let yaml = serde_saphyr::to_string(&added).map_err(|e| e.to_string())?;
        let (at, block) = meeting_insertion(text, &spans, &yaml)?;
        edits.push(Edit::insert(text, at, block));
    }
    let edited = apply(text, edits)?;
    let read = read_case(&edited).map_err(|e| e.to_string())?;
    if json(&read) == json(after) {
        Ok(edited)
    } else {
        Err("the edited file would not read back as the merged case".to_owned())
    }
}

/// A value as JSON, for comparing model values field by field.
fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// One change to a text: bytes `start..end` become `with`.
struct Edit {
    start: usize,
    end: usize,
    with: String,
}

impl Edit {
    /// `block` inserted at `at`, on a line of its own.
    fn insert(text: &str, at: usize, block: String) -> Edit {
        let sep = if at == 0 || text[..at].ends_with('\n') {
            ""
        } else {
            "\n"
        };
        Edit {
            start: at,
            end: at,
            with: format!("{sep}{block}"),
        }
    }
}

/// The text with every edit made; edits placed from the same reading must not overlap.
fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, String> {
    edits.sort_by_key(|e| (e.start, e.end));
    if edits.windows(2).any(|w| w[0].end > w[1].start) {
        return Err("two changes to the file overlap".to_owned());
    }
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.start]);
        out.push_str(&e.with);
        at = e.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// The top-level `key:` and its whole value replaced by `value` (added at the end when the
/// file has no such key). Lines before and after it are untouched.
fn replace_top_level<T: serde::Serialize>(
    text: &str,
    spans: &SpanIndex,
    key: &str,
    value: &T,
) -> Result<Edit, String> {
    let block = serde_saphyr::to_string(&std::collections::BTreeMap::from([(key, value)]))
        .map_err(|e| e.to_string())?;
    if !spans.has(key) {
        return Ok(Edit::insert(text, text.len(), block));
    }
    let start = line_start(text, spans.key(key).ok_or("no place for the key")?.start);
    let end = end_after(text, spans, key)?;
    Ok(Edit {
        start,
        end,
        with: block,
    })
}

/// `parent.key` set to a plain scalar: in place when it is there, otherwise on a new line after
/// `parent.sibling`, lined up with it.
fn set_scalar(
    text: &str,
    spans: &SpanIndex,
    parent: &str,
    key: &str,
    scalar: &str,
    sibling: &str,
) -> Result<Edit, String> {
    let path = format!("{parent}.{key}");
    if spans.has(&path) {
        let at = spans.value(&path).ok_or("no place for the value")?;
        return Ok(Edit {
            start: at.start,
            end: at.end,
            with: scalar.to_owned(),
        });
    }
    let near = format!("{parent}.{sibling}");
    let key_at = spans
        .key(&near)
        .filter(|_| spans.has(&near))
        .ok_or_else(|| format!("`{near}` is not in the file"))?;
    let column = key_at.start - line_start(text, key_at.start);
    let after = end_after(text, spans, &near)?;
    let line = format!("{}{key}: {scalar}\n", " ".repeat(column));
    Ok(Edit::insert(text, after, line))
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

    const IMPORTED: &str = "# notes at the top\nid: A1\nchild:\n  legal_name: Robin # by hand\n  date_of_birth: \"2010-02-01\"\nlegal_status:\n  - code: V2\n    from: 2016-05-01\nlooked_after:\n  - from: 2016-05-01\n# the placements\nplacements:\n  - type: foster-care\n    from: 2016-05-01\n    carer: FC-1\nmeetings:\n  - type: lac-review\n    date: 2016-05-28 # in the garden\n    status: held\n";

    #[test]
    fn r16_an_import_edits_the_file_in_place_and_keeps_its_comments() {
        let before = read_case(IMPORTED).expect("valid");
        let mut after = before.clone();
        after.child.date_of_birth = chrono::NaiveDate::from_ymd_opt(2010, 3, 1).expect("date");
        after.placements[0].to = chrono::NaiveDate::from_ymd_opt(2016, 9, 1);
        after.meetings[0].participation = Some(crate::model::Participation::PN1);
        after.meetings[0].participation_valid = false;
        let mut next = after.meetings[0].clone();
        next.date = chrono::NaiveDate::from_ymd_opt(2016, 8, 20).expect("date");
        after.meetings.push(next);
        let text = update_case(IMPORTED, &before, &after).expect("edited");
        for kept in [
            "# notes at the top\n",
            "legal_name: Robin # by hand\n",
            "# the placements\n",
            "date: 2016-05-28 # in the garden\n",
        ] {
            assert!(text.contains(kept), "`{kept}` lost:\n{text}");
        }
        assert!(text.contains("date_of_birth: 2010-03-01"), "{text}");
        assert!(text.contains("    participation: PN1\n"), "{text}");
        let read = read_case(&text).expect("valid");
        assert_eq!(json(&read), json(&after));
        // The carer the file names is the file's, and stays.
        assert_eq!(read.placements[0].carer.as_deref(), Some("FC-1"));
    }
}
