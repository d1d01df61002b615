//! The history an SSDA903 return adds to a case file (`iro import-903`), written into the
//! file's text so that its comments stay: each change is placed from one reading of the file,
//! and all are made at once.

use super::{EditError, end_after, line_start, meeting_insertion, read_case};
use crate::load::yaml::{SpanIndex, index};
use crate::model::Case;

/// The case file's text changed from `before` to `after` in the fields an SSDA903 return
/// carries, keeping every comment outside the lists the return owns (`legal_status`,
/// `looked_after`, `placements`): those lists are written anew; the date of birth and each
/// existing review's code are changed in place; new reviews are appended. Every change is
/// placed from one reading of the file, then all are made at once. The result is read back and
/// must be exactly `after`, or the edit is refused.
pub fn update_case(text: &str, before: &Case, after: &Case) -> Result<String, EditError> {
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
        let mut set = |key: &str, value: serde_json::Value| -> Result<(), EditError> {
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
        let yaml = serde_saphyr::to_string(&added).map_err(EditError::unreadable)?;
        let (at, block) = meeting_insertion(text, &spans, &yaml)?;
        edits.push(Edit::insert(text, at, block));
    }
    let edited = apply(text, edits)?;
    let read = read_case(&edited).map_err(EditError::unreadable)?;
    if json(&read) == json(after) {
        Ok(edited)
    } else {
        Err(EditError::NotProven("the merged case"))
    }
}

/// A value as JSON, for comparing model values field by field.
fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// One change to a text: bytes `start..end` become `with`.
pub(super) struct Edit {
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
pub(super) fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, EditError> {
    edits.sort_by_key(|e| (e.start, e.end));
    if edits.windows(2).any(|w| w[0].end > w[1].start) {
        return Err(EditError::NoPlace("two changes to the file overlap"));
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
) -> Result<Edit, EditError> {
    let block = serde_saphyr::to_string(&std::collections::BTreeMap::from([(key, value)]))
        .map_err(EditError::unreadable)?;
    if !spans.has(key) {
        return Ok(Edit::insert(text, text.len(), block));
    }
    let start = line_start(
        text,
        spans
            .key(key)
            .ok_or(EditError::NoPlace("no place for the key"))?
            .start,
    );
    let end = end_after(text, spans, key)?;
    Ok(Edit {
        start,
        end,
        with: block,
    })
}

/// `parent.key` set to a plain scalar: in place when it is there, otherwise on a new line after
/// `parent.sibling`, lined up with it.
pub(super) fn set_scalar(
    text: &str,
    spans: &SpanIndex,
    parent: &str,
    key: &str,
    scalar: &str,
    sibling: &str,
) -> Result<Edit, EditError> {
    let path = format!("{parent}.{key}");
    if spans.has(&path) {
        let at = spans
            .value(&path)
            .ok_or(EditError::NoPlace("no place for the value"))?;
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
        .ok_or_else(|| EditError::Missing(format!("`{near}` is not in the file")))?;
    let column = key_at.start - line_start(text, key_at.start);
    let after = end_after(text, spans, &near)?;
    let line = format!("{}{key}: {scalar}\n", " ".repeat(column));
    Ok(Edit::insert(text, after, line))
}

#[cfg(test)]
mod tests {
    use super::*;

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
