//! The dates `iro send` writes into a case (or carer) file: the introduction letter sent
//! (`iro.introduced`), the packs sent (`packs_sent`), the record and decisions sent
//! (`record_sent`, `decisions_sent`). Each is placed by the file's own text, so its comments
//! and key order stay, and a date already there is never changed.

use chrono::NaiveDate;

use super::EditError;
use super::history::{Edit, apply, set_scalar};
use crate::load::yaml::{index, parse_value};

/// One date to fill in: `parent.key`, placed after `parent.sibling` when it is new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateField {
    /// The mapping that holds it: `iro`, `meetings[3]`, `reviews[0]`.
    pub parent: String,
    pub key: &'static str,
    /// A key the mapping always has, to line the new one up with.
    pub sibling: &'static str,
}

/// The file's text with each date field that is still empty set to `day`; the fields already
/// filled in stay as they are. The result is read back and must differ from the file in just
/// those fields, or the edit is refused.
pub fn fill_dates(text: &str, fields: &[DateField], day: NaiveDate) -> Result<String, EditError> {
    let spans = index(text);
    let mut edits: Vec<Edit> = Vec::new();
    let mut expected = parse_value(text).map_err(|d| EditError::Unreadable(d.message.clone()))?;
    for field in fields {
        let path = format!("{}.{}", field.parent, field.key);
        if spans.has(&path) || !spans.has(&field.parent) {
            continue;
        }
        edits.push(set_scalar(
            text,
            &spans,
            &field.parent,
            field.key,
            &day.to_string(),
            field.sibling,
        )?);
        let parent = value_at(&mut expected, &field.parent)
            .ok_or_else(|| EditError::Missing(format!("`{}` is not in the file", field.parent)))?;
        parent.insert(
            field.key.to_owned(),
            serde_json::Value::String(day.to_string()),
        );
    }
    if edits.is_empty() {
        return Ok(text.to_owned());
    }
    let edited = apply(text, edits)?;
    let read = parse_value(&edited).map_err(|d| EditError::Unreadable(d.message.clone()))?;
    if read == expected {
        Ok(edited)
    } else {
        Err(EditError::NotProven(
            "the same file with the dates sent filled in",
        ))
    }
}

/// The mapping at a path like `meetings[3]` or `iro` in a parsed file.
fn value_at<'v>(
    root: &'v mut serde_json::Value,
    path: &str,
) -> Option<&'v mut serde_json::Map<String, serde_json::Value>> {
    let mut at = root;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        at = at.get_mut(key)?;
        if let Some(i) = index {
            at = at.get_mut(i)?;
        }
    }
    at.as_object_mut()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "id: A1 # the case\niro:\n  id: iro-1\n  allocated: 2026-11-17 # Tuesday\nmeetings:\n  - type: lac-review\n    date: 2026-12-09\n    # booked by phone\n    status: planned\n  - type: lac-review\n    date: 2026-06-01\n    record_sent: 2026-06-20\n";

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn r15_sending_fills_in_the_dates_and_keeps_every_comment() {
        let fields = [
            DateField {
                parent: "iro".into(),
                key: "introduced",
                sibling: "allocated",
            },
            DateField {
                parent: "meetings[0]".into(),
                key: "packs_sent",
                sibling: "date",
            },
        ];
        let text = fill_dates(CASE, &fields, day("2026-12-02")).expect("edited");
        assert!(text.contains("  allocated: 2026-11-17 # Tuesday\n  introduced: 2026-12-02\n"));
        assert!(
            text.contains(
                "    date: 2026-12-09\n    packs_sent: 2026-12-02\n    # booked by phone\n"
            ),
            "{text}"
        );
        assert!(text.starts_with("id: A1 # the case\n"));
    }

    #[test]
    fn r15_a_date_already_there_is_never_changed() {
        let fields = [DateField {
            parent: "meetings[1]".into(),
            key: "record_sent",
            sibling: "date",
        }];
        let text = fill_dates(CASE, &fields, day("2026-12-02")).expect("edited");
        assert_eq!(text, CASE);
    }
}
