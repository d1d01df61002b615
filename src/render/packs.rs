//! Views for consultation packs: the invitation letter and the form, for one reader.
//!
//! Like every view, these hold only what the reader's audience may see: names and roles of the
//! people invited (never their contact details), the review's date, time and place, and the
//! IRO's contact details, which are public.

use serde::Serialize;

use super::context::terms::Terms;
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
        title: Terms::now().meeting(pack.review),
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
    /// The forms' translations: a copy in another language shows its form in it.
    pub translations: &'a [Translation],
}

impl PackCopy<'_> {
    /// This reader's form as the copy shows it: in the language it is being made in, where the
    /// form has a translation.
    fn worded(&self) -> Option<Worded<'_>> {
        let form = self.pack.form_for(self.reader)?;
        let lang = super::context::current_language();
        Some(Worded::in_language(form, self.translations, &lang))
    }
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
        ..
    } = *copy;
    InvitationView {
        reader: reader_view(case, pack, reader),
        child: ChildView::of(case, on),
        review: review_view(pack, withheld),
        invited: invited_view(case, pack),
        return_by: long_date(pack.return_by),
        form: copy.worded().map(|w| FormTitleView {
            title: w.words().title.clone(),
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
    /// What the reader picks from, as shown; for `people`, the names of those invited.
    pub choices: Vec<String>,
    /// What each choice is kept as when ticked, in the same order: the form's own words,
    /// whatever language it is shown in (`Happy` for `Hapus`).
    pub values: Vec<String>,
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

/// What a child calls someone: their first name (`Gemma` for Gemma Turner), or a title and
/// surname as a child says a teacher's (`Mrs Karim` for Mrs Sadia Karim).
fn called(name: &str) -> String {
    const TITLES: [&str; 6] = ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"];
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [title, .., surname] if TITLES.contains(&title.trim_end_matches('.')) => {
            format!("{title} {surname}")
        }
        [first, ..] => (*first).to_owned(),
        [] => name.to_owned(),
    }
}

/// The view for one reader's form, in the language it is being made in where the form has a
/// translation.
pub fn form_view(copy: &PackCopy, form: &Form) -> FormView {
    let (case, pack, reader, service) = (copy.case, copy.pack, copy.reader, copy.service);
    let others = || (pack.invited.iter()).filter(|r| r.id() != reader.id());
    // Saved by name, so the answers read the same whoever filled the form in; a child sees
    // each person as they know them.
    let people: Vec<String> = others().map(|r| r.name(Subject::Case(case))).collect();
    let names_shown: Vec<String> = if reader.is_child() {
        let terms = super::context::terms::Terms::now();
        others()
            .map(|r| terms.as_a_child_names(r.role(), &called(&r.name(Subject::Case(case)))))
            .collect()
    } else {
        people.clone()
    };
    let lang = super::context::current_language();
    let worded = Worded::in_language(form, copy.translations, &lang);
    let words = worded.words();
    let question = |q: &Question| {
        let shown = worded.question(&q.id).unwrap_or(q);
        let (choices, values) = match q.answer {
            AnswerKind::People => (names_shown.clone(), people.clone()),
            _ => (worded.choices(q), q.choices()),
        };
        QuestionView {
            id: q.id.clone(),
            ask: shown.ask.clone(),
            help: shown.help.clone(),
            kind: q.answer,
            lines: q.lines(),
            choices,
            values,
        }
    };
    // Sections as the words give them; questions as the form has them (a translation has
    // the same questions in the same order, see `model::translation`).
    let mut own = form.questions();
    let sections = (words.sections.iter())
        .map(|s| SectionView {
            title: s.title.clone(),
            intro: s.intro.clone(),
            questions: (s.questions.iter())
                .filter_map(|_| own.next())
                .map(question)
                .collect(),
        })
        .collect();
    // A form prints its reader's role only to say who it is for: in the form's language. (An
    // invitation's `reader.role` stays in English words, which its templates test.)
    let mut reader_view = reader_view(case, pack, reader);
    if let Some(role) = reader.role() {
        reader_view.role = Terms::now().role(role);
    }
    FormView {
        form_id: form.id.clone(),
        title: words.title.clone(),
        intro: words.intro.clone(),
        sections,
        reader: reader_view,
        child: ChildView::of(case, copy.on),
        case: case.id.clone(),
        review: review_view(pack, copy.withheld),
        return_by: long_date(pack.return_by),
        iro: iro_view(copy.iro, service),
        service: ServiceView::of(service),
        answers_file: format!("{}-{}-{}.json", case.id, pack.date, reader.id()),
        lang: worded
            .lang()
            .map_or_else(|| service.service.language.clone(), str::to_owned),
    }
}
