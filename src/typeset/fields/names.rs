//! How a form's fields are named: one scheme for the form layout's marks, the fields iro
//! writes, and the filled-in PDF `iro import-responses` reads back.
//!
//! A field's full name starts with its question's id, so that any tool that lists a PDF's
//! fields shows which question each one answers. A question answered in one box is one field
//! (`home-feel`: a text box, or a radio group whose buttons are the choices); a question with
//! several boxes is a parent field with a child per box, as PDF names them with dots
//! (`review-people.0`, `review-people.else`, `meet.where`). Question ids are `[a-z0-9-]`, so
//! a name never holds a dot of its own.

use crate::model::AnswerKind;

/// What the form layout's links point at: `iro-field:` and the question id, `/`, the part.
pub const LINK_SCHEME: &str = "iro-field:";

/// Which box of a question's answer a mark or a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The question's one write-in box.
    Text,
    /// The box of the choice with this number, from 0.
    Choice(usize),
    /// A `people` question's write-in box for anyone else.
    Else,
    /// A `where-when` question's boxes.
    Where,
    When,
}

impl Part {
    /// As the layout writes it after the `/`.
    fn mark(self) -> String {
        match self {
            Part::Text => String::new(),
            Part::Choice(i) => i.to_string(),
            Part::Else => "else".to_owned(),
            Part::Where => "where".to_owned(),
            Part::When => "when".to_owned(),
        }
    }

    fn from_mark(mark: &str) -> Option<Part> {
        Some(match mark {
            "" => Part::Text,
            "else" => Part::Else,
            "where" => Part::Where,
            "when" => Part::When,
            n => Part::Choice(n.parse().ok()?),
        })
    }

    /// The child field's own name under its question's field; `None` for a part that is the
    /// question's field itself (a write-in question's box), or a button of a radio group.
    pub fn child_name(self, kind: AnswerKind) -> Option<String> {
        match (self, kind) {
            (Part::Text, _) => None,
            (Part::Choice(_), AnswerKind::YesNo | AnswerKind::Faces | AnswerKind::Scale) => None,
            (part, _) => Some(part.mark()),
        }
    }

    /// The part a child field's own name is.
    pub fn from_child_name(name: &str) -> Option<Part> {
        Part::from_mark(name).filter(|p| *p != Part::Text)
    }
}

/// Whether a question's answer is a radio group: one choice of several.
pub fn is_radio(kind: AnswerKind) -> bool {
    matches!(
        kind,
        AnswerKind::YesNo | AnswerKind::Faces | AnswerKind::Scale
    )
}

/// The parts a question's answer has, for a question with `choices` choices shown.
pub fn parts_of(kind: AnswerKind, choices: usize) -> Vec<Part> {
    match kind {
        AnswerKind::Text => vec![Part::Text],
        AnswerKind::WhereWhen => vec![Part::Where, Part::When],
        AnswerKind::People => (0..choices).map(Part::Choice).chain([Part::Else]).collect(),
        _ => (0..choices).map(Part::Choice).collect(),
    }
}

/// The question id and part a link's URL marks, if it is a field mark.
pub fn parse_mark(url: &str) -> Option<(&str, Part)> {
    let (id, part) = url.strip_prefix(LINK_SCHEME)?.split_once('/')?;
    Some((id, Part::from_mark(part)?))
}

/// The mark the layout writes for a part (used by tests; the layout builds its own).
pub fn mark(id: &str, part: Part) -> String {
    format!("{LINK_SCHEME}{id}/{}", part.mark())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_read_back_as_their_parts() {
        for part in [
            Part::Text,
            Part::Choice(0),
            Part::Choice(12),
            Part::Else,
            Part::Where,
        ] {
            assert_eq!(
                parse_mark(&mark("home-feel", part)),
                Some(("home-feel", part))
            );
        }
        assert_eq!(parse_mark("https://example.org/"), None);
        assert_eq!(parse_mark("iro-field:home-feel/x"), None);
        assert_eq!(parse_mark("iro-field:home-feel"), None);
    }

    #[test]
    fn a_radio_groups_buttons_and_a_write_in_are_the_question_field_itself() {
        assert_eq!(Part::Choice(1).child_name(AnswerKind::Faces), None);
        assert_eq!(Part::Text.child_name(AnswerKind::Text), None);
        assert_eq!(
            Part::Choice(1).child_name(AnswerKind::Choose).as_deref(),
            Some("1")
        );
        assert_eq!(
            Part::Else.child_name(AnswerKind::People).as_deref(),
            Some("else")
        );
        assert_eq!(Part::from_child_name("where"), Some(Part::Where));
        assert_eq!(Part::from_child_name(""), None);
    }

    #[test]
    fn a_people_question_has_a_box_for_each_person_and_one_for_anyone_else() {
        let parts = parts_of(AnswerKind::People, 2);
        assert_eq!(parts, [Part::Choice(0), Part::Choice(1), Part::Else]);
        assert_eq!(
            parts_of(AnswerKind::WhereWhen, 0),
            [Part::Where, Part::When]
        );
    }
}
