//! History is not work: what happened before the service made its documents with iro
//! (`documents_from` in service.yaml), or before the child's IRO was allocated, is the
//! service's history. It gets no documents and is not listed as overdue; the annual report
//! still counts it. Pure.
//!
//! See: issue 15.

use chrono::NaiveDate;

use super::Subject;
use crate::model::{Case, Service};
use crate::schedule::{DueItem, DueKind};

/// The first day whose meetings and events get documents: the later of the service's
/// `documents_from` and, for a child, the day their IRO was allocated. `None`: every day.
pub fn documents_start(subject: Subject, service: &Service) -> Option<NaiveDate> {
    let allocated = subject
        .case()
        .and_then(|c| c.iro.as_ref())
        .map(|i| i.allocated);
    service.documents_from.max(allocated)
}

/// Whether something dated `date` about `subject` is history (gets no document).
pub fn is_history(subject: Subject, service: &Service, date: NaiveDate) -> bool {
    documents_start(subject, service).is_some_and(|start| date < start)
}

/// Whether a due item is history rather than work to do on `as_of`, so that `iro due` does
/// not list it: an item due before the documents start (see [`documents_start`]), the
/// decisions and record of a meeting held before then (which get no documents), and the IRO
/// allocation and introduction letter of a child who has left care. What is still owed
/// while the child is in care is never history, however long ago it fell due: the review
/// not yet held, and an IRO not yet allocated.
pub fn is_history_item(
    item: &DueItem,
    subject: Subject,
    service: &Service,
    as_of: NaiveDate,
) -> bool {
    let left = subject.case().is_some_and(|c| c.has_left_care(as_of));
    let iro_items = matches!(
        item.kind,
        DueKind::IroAllocation | DueKind::IntroductionLetter
    );
    if left && iro_items {
        return true;
    }
    let owed = item.done.is_none()
        && (item.kind.is_review()
            || item.kind == DueKind::ExtraReview
            || item.kind == DueKind::IroAllocation);
    let still_owed = owed && !left;
    let dated = match item.kind {
        // The meeting's date: the build makes no record for a meeting that is history.
        DueKind::DecisionsSent | DueKind::RecordSent => item.basis,
        _ => item.due,
    };
    !still_owed && is_history(subject, service, dated)
}

/// Whether the child gets an introduction letter on `as_of`: they have an IRO and have not
/// left care.
pub fn is_introduced(case: &Case, as_of: NaiveDate) -> bool {
    case.iro.is_some() && !case.has_left_care(as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::SubjectKind;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    fn service(from: Option<NaiveDate>) -> Service {
        let text = include_str!("../../service.yaml");
        let (value, _) = crate::load::yaml::parse(text).expect("valid yaml");
        let mut service: Service = serde_json::from_value(value).expect("valid service");
        service.documents_from = from;
        service
    }

    /// A child in care from 2015, whose IRO was allocated on `allocated`; left care on `left`.
    fn case(allocated: Option<NaiveDate>, left: Option<NaiveDate>) -> Case {
        let text = format!(
            "id: T-1\nchild:\n  legal_name: Test Child\n  date_of_birth: 2012-01-01\n\
             looked_after:\n  - from: 2015-03-02\n{}{}",
            left.map(|d| format!("    to: {d}\n")).unwrap_or_default(),
            allocated
                .map(|d| format!("iro:\n  id: iro-hokafor\n  allocated: {d}\n"))
                .unwrap_or_default()
        );
        let (value, _) = crate::load::yaml::parse(&text).expect("valid yaml");
        serde_json::from_value(value).expect("valid case")
    }

    fn item(kind: DueKind, due: NaiveDate, done: Option<NaiveDate>) -> DueItem {
        DueItem {
            subject: "T-1".into(),
            subject_kind: SubjectKind::Case,
            kind,
            number: None,
            due,
            basis: due,
            basis_label: String::new(),
            done,
            detail: None,
            meeting: None,
        }
    }

    #[test]
    fn documents_start_at_the_later_of_documents_from_and_the_allocation() {
        let early = case(Some(d(2026, 10, 5)), None);
        let subject = Subject::Case(&early);
        assert_eq!(
            documents_start(subject, &service(None)),
            Some(d(2026, 10, 5))
        );
        let from = service(Some(d(2026, 9, 1)));
        assert_eq!(documents_start(subject, &from), Some(d(2026, 10, 5)));
        let none = case(None, None);
        assert_eq!(
            documents_start(Subject::Case(&none), &from),
            Some(d(2026, 9, 1))
        );
        assert_eq!(documents_start(Subject::Case(&none), &service(None)), None);
        // The day itself is not history; the day before is.
        assert!(is_history(subject, &from, d(2026, 10, 4)));
        assert!(!is_history(subject, &from, d(2026, 10, 5)));
    }

    #[test]
    fn a_child_who_left_care_has_no_introduction_letter_and_no_overdue_iro_items() {
        let as_of = d(2026, 11, 25);
        let left = case(Some(d(2015, 3, 3)), Some(d(2018, 6, 1)));
        // Left care on the build's day: that day the episode has ended.
        let today = case(Some(d(2015, 3, 3)), Some(as_of));
        let staying = case(Some(d(2015, 3, 3)), Some(d(2026, 11, 26)));
        assert!(!is_introduced(&left, as_of));
        assert!(!is_introduced(&today, as_of));
        assert!(is_introduced(&staying, as_of));
        let letter = item(DueKind::IntroductionLetter, d(2015, 3, 9), None);
        let svc = service(None);
        assert!(is_history_item(&letter, Subject::Case(&left), &svc, as_of));
        assert!(!is_history_item(
            &letter,
            Subject::Case(&staying),
            &svc,
            as_of
        ));
    }

    #[test]
    fn what_is_still_owed_in_care_is_never_history() {
        let as_of = d(2026, 11, 25);
        let svc = service(Some(d(2026, 9, 1)));
        let in_care = case(None, None);
        let subject = Subject::Case(&in_care);
        // Due in 2020 and never done: the review still to hold, the IRO still to allocate.
        let review = item(DueKind::LacReview, d(2020, 6, 1), None);
        let allocation = item(DueKind::IroAllocation, d(2015, 3, 9), None);
        assert!(!is_history_item(&review, subject, &svc, as_of));
        assert!(!is_history_item(&allocation, subject, &svc, as_of));
        // The packs and the record of a meeting before documents_from are history.
        let packs = item(DueKind::ConsultationPacks, d(2020, 5, 1), None);
        let record = item(DueKind::RecordSent, d(2026, 8, 28), None);
        assert!(is_history_item(&packs, subject, &svc, as_of));
        assert!(is_history_item(&record, subject, &svc, as_of));
        let current = item(DueKind::RecordSent, d(2026, 9, 1), None);
        assert!(!is_history_item(&current, subject, &svc, as_of));
        // A record due after documents_from, of a meeting held before it, gets no document.
        let late_record = DueItem {
            basis: d(2026, 8, 27),
            ..current.clone()
        };
        assert!(is_history_item(&late_record, subject, &svc, as_of));
        // A decision made then but due after is still to do.
        let decision = DueItem {
            kind: DueKind::Decision,
            ..late_record
        };
        assert!(!is_history_item(&decision, subject, &svc, as_of));
        // Once the child has left care, an old open review is history too.
        let left = case(None, Some(d(2021, 1, 4)));
        assert!(is_history_item(&review, Subject::Case(&left), &svc, as_of));
    }
}
