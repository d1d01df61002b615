//! Views for consultation packs: the invitation letter and the form, for one reader.
//!
//! Like every view, these hold only what the reader's audience may see: names and roles of the
//! people invited (never their contact details), the review's date, time and place, and the
//! IRO's contact details, which are public.

use serde::Serialize;

use super::context::{
    ChildView, IroView, ServiceView, Withheld, iro_view, long_date, spoken_time, venue_for,
};
use crate::model::*;
use crate::plan::{Pack, Reader, Subject};

#[derive(Debug, Serialize)]
pub struct ReaderView {
    /// `child`, `social-worker` or the person's id.
    pub id: String,
    pub name: String,
    pub is_child: bool,
    /// The role in words (`mother`, `foster carer`), or `child`.
    pub role: String,
    /// Whether a form comes with the invitation.
    pub has_form: bool,
}

#[derive(Debug, Serialize)]
pub struct InvitedView {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Serialize)]
pub struct PackReviewView {
    pub title: String,
    pub number: Option<u32>,
    pub date: String,
    /// `YYYY-MM-DD`, for answers files.
    pub date_iso: String,
    pub time: Option<String>,
    pub venue: Option<String>,
    /// Always true: packs are made only for a booked review (kept for templates that ask).
    pub booked: bool,
}

#[derive(Debug, Serialize)]
pub struct FormTitleView {
    pub title: String,
}

/// Everything an invitation letter may print.
#[derive(Debug, Serialize)]
pub struct InvitationView {
    pub reader: ReaderView,
    pub child: ChildView,
    pub review: PackReviewView,
    pub invited: Vec<InvitedView>,
    pub return_by: String,
    pub form: Option<FormTitleView>,
    pub iro: IroView,
    pub service: ServiceView,
    pub advocacy: Contact,
}

fn reader_view(case: &Case, pack: &Pack, reader: &Reader) -> ReaderView {
    ReaderView {
        id: reader.id().to_owned(),
        name: reader.name(Subject::Case(case)),
        is_child: reader.is_child(),
        role: reader.role().map_or("child", Role::words).to_owned(),
        has_form: pack.form_for(reader).is_some(),
    }
}

pub fn review_view(pack: &Pack, withheld: &Withheld) -> PackReviewView {
    PackReviewView {
        title: pack.review.title().to_owned(),
        number: pack.number,
        date: long_date(pack.date),
        date_iso: pack.date.to_string(),
        time: pack.meeting.time.as_deref().map(spoken_time),
        venue: venue_for(pack.meeting.venue.as_deref(), withheld),
        booked: true,
    }
}

pub fn invited_view(case: &Case, pack: &Pack) -> Vec<InvitedView> {
    pack.invited
        .iter()
        .map(|r| InvitedView {
            name: r.name(Subject::Case(case)),
            role: r.role().map_or("child", Role::words).to_owned(),
        })
        .collect()
}

/// One reader's copy of a pack: what its invitation and its form are built from.
pub struct PackCopy<'a> {
    pub case: &'a Case,
    pub pack: &'a Pack<'a>,
    pub reader: &'a Reader<'a>,
    pub iro: &'a TeamMember,
    pub service: &'a Service,
    /// The copy's date.
    pub on: chrono::NaiveDate,
    /// What this reader's copy holds back.
    pub withheld: &'a Withheld,
}

/// The view for one reader's invitation.
pub fn invitation_view(copy: &PackCopy) -> InvitationView {
    let PackCopy {
        case,
        pack,
        reader,
        iro,
        service,
        on,
        withheld,
    } = *copy;
    InvitationView {
        reader: reader_view(case, pack, reader),
        child: ChildView::of(case, on),
        review: review_view(pack, withheld),
        invited: invited_view(case, pack),
        return_by: long_date(pack.return_by),
        form: pack.form_for(reader).map(|f| FormTitleView {
            title: f.title.clone(),
        }),
        iro: iro_view(iro, service),
        service: ServiceView::of(service),
        advocacy: service.advocacy.clone(),
    }
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub ask: String,
    pub help: Option<String>,
    /// `text`, `yes-no`, `faces`, `scale`, `choose`, `people` or `where-when`.
    pub kind: AnswerKind,
    pub lines: u32,
    /// What the reader picks from; for `people`, the names of those invited.
    pub choices: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub title: String,
    pub intro: Option<String>,
    pub questions: Vec<QuestionView>,
}

/// Everything a form (print or HTML) may show.
#[derive(Debug, Serialize)]
pub struct FormView {
    pub form_id: String,
    pub title: String,
    pub intro: Option<String>,
    pub sections: Vec<SectionView>,
    pub reader: ReaderView,
    pub child: ChildView,
    pub case: String,
    pub review: PackReviewView,
    pub return_by: String,
    pub iro: IroView,
    pub service: ServiceView,
    /// The name the HTML form saves answers under.
    pub answers_file: String,
    /// The page language, for `<html lang>`.
    pub lang: String,
}

/// The view for one reader's form.
pub fn form_view(copy: &PackCopy, form: &Form) -> FormView {
    let (case, pack, reader, service) = (copy.case, copy.pack, copy.reader, copy.service);
    let people: Vec<String> = pack
        .invited
        .iter()
        .filter(|r| r.id() != reader.id())
        .map(|r| r.name(Subject::Case(case)))
        .collect();
    FormView {
        form_id: form.id.clone(),
        title: form.title.clone(),
        intro: form.intro.clone(),
        sections: form
            .sections
            .iter()
            .map(|s| SectionView {
                title: s.title.clone(),
                intro: s.intro.clone(),
                questions: s
                    .questions
                    .iter()
                    .map(|q| QuestionView {
                        id: q.id.clone(),
                        ask: q.ask.clone(),
                        help: q.help.clone(),
                        kind: q.answer,
                        lines: q.lines(),
                        choices: if q.answer == AnswerKind::People {
                            people.clone()
                        } else {
                            q.choices()
                        },
                    })
                    .collect(),
            })
            .collect(),
        reader: reader_view(case, pack, reader),
        child: ChildView::of(case, copy.on),
        case: case.id.clone(),
        review: review_view(pack, copy.withheld),
        return_by: long_date(pack.return_by),
        iro: iro_view(copy.iro, service),
        service: ServiceView::of(service),
        answers_file: format!("{}-{}-{}.json", case.id, pack.date, reader.id()),
        lang: service.service.language.clone(),
    }
}
