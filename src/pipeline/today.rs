//! `iro today` as a library function: the day's work in one list. What to send (made and not
//! yet sent, or not yet made), what cannot be posted and why, what to chase (forms not back by
//! the answers-by date, the social worker's report), and which reviews to book.

use chrono::NaiveDate;
use serde::Serialize;

use super::outbox::{Outgoing, outbox_of};
use super::{Failure, Options, Ready, ready};
use crate::diag::Diagnostic;
use crate::model::{Case, ServiceData};
use crate::plan::{Reader, Subject, due_packs};
use crate::schedule::DueItem;

/// The day's list.
#[derive(Debug, Serialize)]
pub struct Today {
    pub as_of: NaiveDate,
    /// Made (or to make) and not yet sent, soonest due first; those that cannot go as chosen
    /// carry `unpostable`.
    pub send: Vec<Outgoing>,
    pub chase: Vec<Chase>,
    pub book: Vec<Booking>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Something that should have come back by now, or is due back soon.
#[derive(Debug, Clone, Serialize)]
pub struct Chase {
    pub case: String,
    pub about: String,
    pub iro: Option<String>,
    /// What is awaited, in words: `form (Have your say) for the review on 9 December 2026`.
    pub what: String,
    pub from: String,
    /// How to reach them: phone and email, as the case file has them.
    pub contact: Vec<String>,
    pub due: NaiveDate,
}

/// A review inside its window with no date, time and venue booked.
#[derive(Debug, Clone, Serialize)]
pub struct Booking {
    pub case: String,
    pub about: String,
    pub iro: Option<String>,
    pub what: String,
    /// The day it must be held by.
    pub due: NaiveDate,
    /// What the booking lacks: `date`, `time`, `venue`.
    pub missing: Vec<&'static str>,
    /// The day its packs must go by if it is held on the day it is due.
    pub packs_by: NaiveDate,
}

/// Lists the day's work, for one IRO (`iro`) or the whole service.
pub fn today(options: &Options, iro: Option<&str>) -> Result<Today, Box<Failure>> {
    let mut ready = ready(options)?;
    let diagnostics = std::mem::take(&mut ready.diagnostics);
    let mut list = Today {
        as_of: options.as_of,
        send: outbox_of(options, &ready, None),
        chase: chases(&ready, options.as_of),
        book: bookings(&ready, options.as_of),
        diagnostics,
    };
    if let Some(iro) = iro {
        let name = ready.data.service.member(iro).map(|m| m.name.as_str());
        let mine = |who: &Option<String>| who.as_deref() == name;
        list.send.retain(|i| mine(&i.iro));
        list.chase.retain(|c| mine(&c.iro));
        list.book.retain(|b| mine(&b.iro));
    }
    list.send
        .sort_by_key(|i| (i.send_by.unwrap_or(NaiveDate::MAX), i.case.clone()));
    list.chase.sort_by_key(|c| (c.due, c.case.clone()));
    list.book.sort_by_key(|b| (b.due, b.case.clone()));
    Ok(list)
}

fn iro_name(case: &Case, data: &ServiceData) -> Option<String> {
    let id = case.iro.as_ref()?.id.as_str();
    data.service.member(id).map(|m| m.name.clone())
}

/// Forms that went with the packs (by the archive) and are not back by the answers-by date,
/// the social worker's (their report's) among them, shown from 3 days before.
fn chases(ready: &Ready, as_of: NaiveDate) -> Vec<Chase> {
    let data = &ready.data;
    let prepare = data.service.timescales.consultation_prepare_days;
    // Only a form that went (by the archive) is chased: (its folder, its reader), once.
    let forms_sent: std::collections::HashSet<(&str, &str)> = (ready.archive.documents.iter())
        .filter(|d| d.kind == "pack-form")
        .filter_map(|d| Some((d.path.rsplit_once('/')?.0, d.reader.as_str())))
        .collect();
    let mut out = Vec::new();
    for case in &data.cases {
        let items = items_of(ready, &case.id);
        for pack in due_packs(case, items, &data.forms, as_of, prepare) {
            let meeting = pack.meeting;
            if as_of + chrono::Days::new(3) < pack.return_by {
                continue;
            }
            let folder = pack.folder(case);
            let went = |reader: &Reader| forms_sent.contains(&(folder.as_str(), reader.id()));
            for reader in &pack.invited {
                let Some(form) = pack.form_for(reader).filter(|_| went(reader)) else {
                    continue;
                };
                if meeting.responses.iter().any(|r| r.from == reader.id()) {
                    continue;
                }
                out.push(Chase {
                    case: case.id.clone(),
                    about: case.child.legal_name.clone(),
                    iro: iro_name(case, data),
                    what: format!(
                        "{} ({}) for the {} on {}",
                        if reader.id() == "social-worker" {
                            "report and form"
                        } else {
                            "form"
                        },
                        form.title,
                        pack.review.title().to_lowercase(),
                        crate::render::context::long_date(pack.date)
                    ),
                    from: reader.name(crate::plan::Subject::Case(case)),
                    contact: contact_of(case, reader),
                    due: pack.return_by,
                });
            }
        }
    }
    out
}

fn items_of<'r>(ready: &'r Ready, id: &str) -> &'r [DueItem] {
    ready
        .schedules
        .get(id)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// A reader's phone and email, to chase them.
fn contact_of(case: &Case, reader: &Reader) -> Vec<String> {
    let (phone, email) = match reader {
        Reader::SocialWorker => case
            .social_worker
            .as_ref()
            .map(|s| (s.phone.clone(), s.email.clone()))
            .unwrap_or_default(),
        Reader::Person(p) => (p.phone.clone(), p.email.clone()),
        _ => (None, None),
    };
    phone.into_iter().chain(email).collect()
}

/// Reviews due within the packs' lead time (or overdue) that have no booked date, time and
/// venue (`plan::to_book`), for children and carer households.
fn bookings(ready: &Ready, as_of: NaiveDate) -> Vec<Booking> {
    let data = &ready.data;
    let cases = data.cases.iter().map(|c| {
        let about = c.child.legal_name.clone();
        (Subject::Case(c), about, iro_name(c, data))
    });
    let households = data.carers.iter().map(|h| {
        let iro = (h.reviewing_officer.as_deref())
            .and_then(|id| data.service.member(id))
            .map(|m| m.name.clone());
        (Subject::Household(h), h.name.clone(), iro)
    });
    let mut out = Vec::new();
    for (subject, about, iro) in cases.chain(households) {
        let items = items_of(ready, subject.id());
        for b in crate::plan::to_book(subject, items, &data.service, as_of) {
            out.push(Booking {
                case: b.case,
                about: about.clone(),
                iro: iro.clone(),
                what: match b.number {
                    Some(n) => format!("{} ({})", b.review.title(), super::due::ordinal(n)),
                    None => b.review.title().to_owned(),
                },
                due: b.due,
                missing: b.missing.iter().map(|m| m.field()).collect(),
                packs_by: b.packs_by,
            });
        }
    }
    out
}

/// A day relative to `as_of`, as people say it: `today`, `tomorrow`, `in 3 days`, `3 days
/// late`.
pub fn when(day: NaiveDate, as_of: NaiveDate) -> String {
    match (day - as_of).num_days() {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        -1 => "1 day late".to_owned(),
        n if n < 0 => format!("{} days late", -n),
        n => format!("in {n} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r15_days_are_said_as_people_say_them() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let as_of = d("2026-12-02");
        assert_eq!(when(d("2026-12-02"), as_of), "today");
        assert_eq!(when(d("2026-12-03"), as_of), "tomorrow");
        assert_eq!(when(d("2026-12-05"), as_of), "in 3 days");
        assert_eq!(when(d("2026-12-01"), as_of), "1 day late");
        assert_eq!(when(d("2026-11-29"), as_of), "3 days late");
    }
}
