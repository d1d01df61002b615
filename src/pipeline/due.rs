//! `iro due` as a library function: the statutory clock for every valid case and carer
//! household, as rows due within a window, soonest first; and the rows as an iCalendar file.
//! History is left out (`plan::is_history_item`): what fell due before `documents_from` or
//! the child's IRO was allocated, and the IRO items of a child who has left care.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::load::{Loaded, load_service_folder};
use crate::model::ServiceData;
use crate::plan::{Subject, is_history_item};
use crate::schedule::DueItem;
use crate::validate::{Validated, validate_service};

/// What `iro due` was asked for.
#[derive(Debug, Clone)]
pub struct DueOptions {
    pub service: PathBuf,
    pub as_of: NaiveDate,
    /// Items due within this many days (overdue items always).
    pub within: u32,
    /// Nothing while any file has an error.
    pub strict: bool,
}

/// What is due, and the check it rests on.
pub struct Due {
    /// The files read, to show diagnostics with.
    pub loaded: Loaded,
    pub validated: Validated,
    /// Empty when the service folder could not be read.
    pub rows: Vec<DueRow>,
}

/// Lists what is due and overdue across the service, soonest first.
pub fn due(options: &DueOptions) -> Due {
    let mut loaded = load_service_folder(&options.service);
    let validated = validate_service(&mut loaded, options.as_of).strict(options.strict);
    let Some(data) = &validated.data else {
        return Due {
            loaded,
            validated,
            rows: Vec::new(),
        };
    };
    let mut items: Vec<DueItem> = validated.schedules.values().flatten().cloned().collect();
    let horizon = options.as_of + chrono::Days::new(options.within.into());
    let subjects = subjects(data);
    items.retain(|i| {
        i.done.is_none()
            && i.due <= horizon
            && !(subjects.get(i.subject.as_str()))
                .is_some_and(|s| is_history_item(i, *s, &data.service, options.as_of))
    });
    items.sort_by(|a, b| (a.due, &a.subject, a.kind).cmp(&(b.due, &b.subject, b.kind)));
    let mut rows: Vec<DueRow> = items.iter().map(|i| row(i, options.as_of)).collect();
    note_no_contact(&mut rows, &data.cases);
    Due {
        loaded,
        validated,
        rows,
    }
}

/// Every case and household by id, to tell history from work.
fn subjects(data: &ServiceData) -> HashMap<&str, Subject<'_>> {
    let cases = data.cases.iter().map(|c| (c.id.as_str(), Subject::Case(c)));
    let households = (data.carers.iter()).map(|h| (h.id.as_str(), Subject::Household(h)));
    cases.chain(households).collect()
}

/// One row of `iro due --json`. Field names are part of the documented interface.
#[derive(Debug, Serialize)]
pub struct DueRow {
    /// The case id or carer household id.
    pub case: String,
    pub subject_kind: crate::schedule::SubjectKind,
    pub kind: crate::schedule::DueKind,
    pub what: String,
    pub number: Option<u32>,
    pub due: NaiveDate,
    pub basis: NaiveDate,
    pub basis_label: String,
    /// `overdue` or `due`.
    pub status: &'static str,
    /// Days until due (negative when overdue).
    pub days: i64,
    pub detail: Option<String>,
}

fn row(item: &DueItem, as_of: NaiveDate) -> DueRow {
    let what = match item.number {
        Some(n) => format!("{} ({})", item.kind.label(), ordinal(n)),
        None => item.kind.label().to_owned(),
    };
    DueRow {
        case: item.subject.clone(),
        subject_kind: item.subject_kind,
        kind: item.kind,
        what,
        number: item.number,
        due: item.due,
        basis: item.basis,
        basis_label: item.basis_label.clone(),
        status: if item.is_overdue(as_of) {
            "overdue"
        } else {
            "due"
        },
        days: (item.due - as_of).num_days(),
        detail: item.detail.clone(),
    }
}

/// Where a pack or record would go to someone marked `no_contact`, says that they get none, so
/// that no one posts them a copy by hand.
fn note_no_contact(rows: &mut [DueRow], cases: &[crate::model::Case]) {
    use crate::schedule::DueKind;
    for row in rows {
        let sends = matches!(
            row.kind,
            DueKind::ConsultationPacks | DueKind::DecisionsSent | DueKind::RecordSent
        );
        let Some(case) = cases.iter().find(|c| c.id == row.case).filter(|_| sends) else {
            continue;
        };
        let barred: Vec<&str> = (case.people.iter())
            .filter(|p| p.no_contact)
            .map(|p| p.name.as_str())
            .collect();
        if !barred.is_empty() {
            let note = format!("nothing to {} (no contact)", barred.join(", "));
            row.detail = Some(match row.detail.take() {
                Some(d) => format!("{d}; {note}"),
                None => note,
            });
        }
    }
}

/// `3rd`: staff read the due list in English.
pub(crate) fn ordinal(n: u32) -> String {
    crate::render::context::words::ordinal_in(n, "en")
}

/// An iCalendar file (RFC 5545) with one all-day event per item, stamped with the time it was
/// made.
pub fn calendar_file(rows: &[DueRow], service_name: &str, made: DateTime<Utc>) -> String {
    use icalendar::{Calendar as Ics, Component, Event, EventLike};
    let mut cal = Ics::new();
    cal.name(&format!("{service_name}: due dates"));
    for r in rows {
        let event = Event::new()
            .uid(&event_uid(r))
            .summary(&format!("{}: {}", r.case, r.what))
            .description(r.detail.as_deref().unwrap_or(&r.basis_label))
            // An all-day event ends the day after it starts: DTEND is not part of it.
            .starts(r.due)
            .ends(r.due.succ_opt().unwrap_or(r.due))
            .timestamp(made)
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

/// The same for an item however its dates move, so that importing the file again updates the
/// event in a calendar instead of adding a second one, and distinct for every item. A numbered
/// item (the 3rd review, the packs before it) is itself by its number; an unnumbered one (a
/// decision, an extra review) by the date it counts from, which is when it came about, and by
/// its detail (two decisions of one meeting differ in their words).
fn event_uid(r: &DueRow) -> String {
    let counted_from = match r.number {
        Some(_) => String::new(),
        None => r.basis.to_string(),
    };
    let identity = format!(
        "{}|{:?}|{:?}|{counted_from}|{:?}",
        r.case, r.kind, r.number, r.detail
    );
    format!(
        "{}@iro",
        &crate::write::sha256_hex(identity.as_bytes())[..32]
    )
}
