//! Rules that need more than one field or file: references, dates in order, codes by age, and
//! the practice standards (warnings) an IRO manager checks for.
//!
//! Each rule names the field it is about, so its diagnostic can point at the line.

mod case;
mod form;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

pub use case::check_case;
pub use form::{check_form, check_translation};

use crate::diag::Diagnostic;
use crate::load::Source;
use crate::model::*;
use crate::schedule::{Calendar, DueItem, schedule_carer};
use crate::validate::schema::closest;

/// What the rules need to know about the whole service.
pub struct Context<'a> {
    pub service: &'a Service,
    pub calendar: Calendar,
    pub as_of: NaiveDate,
    /// Case id -> the first file that used it.
    case_ids: HashMap<&'a str, &'a Path>,
    carer_ids: Vec<String>,
    team_ids: Vec<String>,
    /// Carer households that look after a child whose placement (on `as_of`) is confidential,
    /// with that child's case id.
    secret_households: HashMap<&'a str, &'a str>,
    /// Every form that could be read, for checking returned answers against.
    pub forms: &'a [Form],
}

impl<'a> Context<'a> {
    pub fn new(
        service: &'a Service,
        cases: &'a [(&'a Source, Case)],
        carers: &'a [(&'a Source, CarerHousehold)],
        forms: &'a [Form],
        as_of: NaiveDate,
    ) -> Self {
        let mut case_ids = HashMap::new();
        for (source, case) in cases {
            case_ids
                .entry(case.id.as_str())
                .or_insert(source.path.as_path());
        }
        let secret_households = (cases.iter())
            .filter_map(|(_, c)| {
                let p = c.placement_on(as_of).filter(|p| p.confidential)?;
                Some((p.carer.as_deref()?, c.id.as_str()))
            })
            .collect();
        Context {
            service,
            calendar: Calendar::of_service(service),
            as_of,
            case_ids,
            secret_households,
            carer_ids: carers.iter().map(|(_, c)| c.id.clone()).collect(),
            team_ids: service.team.iter().map(|m| m.id.clone()).collect(),
            forms,
        }
    }
}

/// Collects diagnostics for one file, placing each at the field it names.
struct Findings<'s> {
    source: &'s Source,
    out: Vec<Diagnostic>,
}

impl<'s> Findings<'s> {
    fn new(source: &'s Source) -> Self {
        Findings {
            source,
            out: Vec::new(),
        }
    }

    fn push(&mut self, field: &str, diag: Diagnostic) {
        self.out.push(
            diag.in_file(&self.source.path)
                .at(self.source.index().value(field))
                .field(field),
        );
    }

    /// Reports `later` before `earlier` as a date running backwards.
    fn in_order(&mut self, field: &str, earlier: NaiveDate, later: Option<NaiveDate>, what: &str) {
        if let Some(later) = later.filter(|l| *l < earlier) {
            self.push(
                field,
                Diagnostic::error(format!("`{later}` is before {what} (`{earlier}`)"))
                    .expected(format!("a date on or after {earlier}"))
                    .hint("dates in a case file run forwards: check the day, month and year"),
            );
        }
    }

    /// Reports an id that is not among `known`, suggesting the nearest.
    fn unknown(&mut self, field: &str, what: &str, id: &str, known: &[String], expected: &str) {
        let hint = match closest(id, known) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known: {}", known.join(", ")),
        };
        self.push(
            field,
            Diagnostic::error(format!("unknown {what} `{id}`"))
                .expected(expected)
                .hint(hint),
        );
    }
}

/// Checks `service.yaml`.
pub fn check_service(source: &Source, ctx: &Context) -> Vec<Diagnostic> {
    let mut f = Findings::new(source);
    let service = ctx.service;
    let office_ids: Vec<String> = service.offices.iter().map(|o| o.id.clone()).collect();
    let mut seen = HashSet::new();
    for (i, member) in service.team.iter().enumerate() {
        if !seen.insert(member.id.as_str()) {
            f.push(
                &format!("team[{i}].id"),
                Diagnostic::error(format!("team member id `{}` is used twice", member.id))
                    .hint("give each team member their own id"),
            );
        }
        if !office_ids.contains(&member.office) {
            f.unknown(
                &format!("team[{i}].office"),
                "office",
                &member.office,
                &office_ids,
                "the id of an office under `offices:`",
            );
        }
        if let Some(photo) = &member.photo
            && member.photo_alt.is_none()
        {
            f.push(
                &format!("team[{i}].photo"),
                Diagnostic::error("a photo needs `photo_alt`, words saying what it shows")
                    .hint(format!("add `photo_alt:` for `{photo}`")),
            );
        }
    }
    check_timescales(&mut f, &service.timescales);
    check_bilingual(&mut f, &service.service);
    let mut holidays = HashSet::new();
    for (i, day) in service.bank_holidays.iter().enumerate() {
        if !holidays.insert(*day) {
            f.push(
                &format!("bank_holidays[{i}]"),
                Diagnostic::warning(format!("bank holiday `{day}` is listed twice")),
            );
        }
    }
    f.out
}

/// A statutory timescale: its key in service.yaml, its unit, the most the law allows, and
/// where the service's value is.
type Maximum = (&'static str, &'static str, u32, fn(&Timescales) -> u32);

/// The statutory timescales, as maxima: a service may shorten them, never lengthen them
/// (Care Planning, Placement and Case Review (England) Regulations 2010, regs 33 and 48;
/// Working Together to Safeguard Children; the Children (Secure Accommodation) Regulations
/// 1991; the Fostering Services (England) Regulations 2011, reg 28).
const STATUTORY: [Maximum; 10] = [
    ("first_review_working_days", "working days", 20, |t| {
        t.first_review_working_days
    }),
    ("second_review_months", "months", 3, |t| {
        t.second_review_months
    }),
    ("later_review_months", "months", 6, |t| {
        t.later_review_months
    }),
    ("cp_initial_working_days", "working days", 15, |t| {
        t.cp_initial_working_days
    }),
    ("cp_first_review_months", "months", 3, |t| {
        t.cp_first_review_months
    }),
    ("cp_later_review_months", "months", 6, |t| {
        t.cp_later_review_months
    }),
    ("secure_first_review_months", "months", 1, |t| {
        t.secure_first_review_months
    }),
    ("secure_later_review_months", "months", 3, |t| {
        t.secure_later_review_months
    }),
    ("foster_first_review_months", "months", 12, |t| {
        t.foster_first_review_months
    }),
    ("foster_later_review_months", "months", 12, |t| {
        t.foster_later_review_months
    }),
];

/// A timescale set longer than the law allows is an error: every due date would come late.
fn check_timescales(f: &mut Findings, t: &Timescales) {
    for (name, unit, most, get) in STATUTORY {
        let set = get(t);
        if set > most {
            f.push(
                &format!("timescales.{name}"),
                Diagnostic::error(format!(
                    "`{name}: {set}` is longer than the law allows ({most} {unit})"
                ))
                .expected(format!("at most {most}"))
                .hint("a service may shorten a statutory timescale, never lengthen it: set it to the statutory figure or less, or remove the line"),
            );
        }
    }
}

/// A bilingual service names two different languages, each a language code.
fn check_bilingual(f: &mut Findings, identity: &crate::model::service::ServiceIdentity) {
    let Some(bilingual) = &identity.bilingual else {
        return;
    };
    let code = regex::Regex::new(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$").expect("a valid pattern");
    for (i, lang) in bilingual.languages.iter().enumerate() {
        if !code.is_match(lang) {
            f.push(
                &format!("service.bilingual.languages[{i}]"),
                Diagnostic::error(format!("`{lang}` is not a language code"))
                    .expected("a language code, for example cy or en")
                    .hint("write the two languages as codes: `languages: [cy, en]`"),
            );
        }
    }
    let [first, second] = &bilingual.languages;
    if crate::plan::same_language(first, second) {
        f.push(
            "service.bilingual.languages",
            Diagnostic::error(format!("both bilingual languages are `{first}`"))
                .expected("two different languages")
                .hint("name the two languages a letter is written in: `languages: [cy, en]`"),
        );
    }
}

/// Checks one carer household file.
pub fn check_carer(
    source: &Source,
    h: &CarerHousehold,
    ctx: &Context,
) -> (Vec<Diagnostic>, Vec<DueItem>) {
    let mut f = Findings::new(source);
    if let Some(id) = &h.reviewing_officer
        && !ctx.team_ids.contains(id)
    {
        f.unknown(
            "reviewing_officer",
            "IRO",
            id,
            &ctx.team_ids,
            "the id of an IRO in service.yaml",
        );
    }
    if ctx.carer_ids.iter().filter(|c| **c == h.id).count() > 1 {
        f.push(
            "id",
            Diagnostic::error(format!(
                "carer household id `{}` is used by more than one file",
                h.id
            ))
            .hint("give each household its own id"),
        );
    }
    let people: Vec<String> = ["iro", "social-worker", "carers"]
        .map(String::from)
        .into_iter()
        .chain(ctx.team_ids.iter().cloned())
        .collect();
    for (i, m) in h.reviews.iter().enumerate() {
        case::check_meeting(&mut f, &format!("reviews[{i}]"), m, &people, ctx);
    }
    let items = schedule_carer(h, &ctx.service.timescales, &ctx.calendar);
    overdue(&mut f, &items, ctx, "reviews");
    bookings(&mut f, &items, &h.reviews, ctx, "reviews");
    (f.out, items)
}

/// Warns once per file when a due date, or the date it counts from, is in a year whose bank
/// holidays iro does not know: working days counted there treat every bank holiday as a
/// working day.
fn unknown_holidays(f: &mut Findings, items: &[DueItem], ctx: &Context) {
    let unknown = (items.iter())
        .flat_map(|i| [i.basis, i.due])
        .find(|d| !ctx.calendar.knows_year_of(*d));
    if let Some(day) = unknown {
        use crate::schedule::holidays::{FIRST_YEAR, LAST_YEAR};
        f.push(
            "",
            Diagnostic::warning(format!(
                "a date this case counts through, {day}, is outside the bank holidays iro knows ({FIRST_YEAR} to {LAST_YEAR})"
            ))
            .hint(format!(
                "working days in {} count bank holidays as working days: list that year's under `bank_holidays:` in service.yaml",
                chrono::Datelike::year(&day)
            )),
        );
    }
}

/// Warns of a review booked after the day it is due (late before it is held), and of any
/// meeting booked on a bank holiday.
fn bookings(f: &mut Findings, items: &[DueItem], meetings: &[Meeting], ctx: &Context, at: &str) {
    for item in items
        .iter()
        .filter(|i| i.done.is_none() && i.kind.is_review())
    {
        let Some((i, m)) = item.meeting.and_then(|i| Some((i, meetings.get(i)?))) else {
            continue;
        };
        if m.date > item.due {
            f.push(
                &format!("{at}[{i}].date"),
                Diagnostic::warning(format!(
                    "this {} is booked for {}, after it is due ({})",
                    item.kind.label(),
                    m.date,
                    item.due
                ))
                .hint("book it on or before the due date; if it cannot be, record why"),
            );
        }
    }
    let planned = (meetings.iter().enumerate()).filter(|(_, m)| m.status == MeetingStatus::Planned);
    for (i, m) in planned.filter(|(_, m)| ctx.calendar.is_bank_holiday(m.date)) {
        f.push(
            &format!("{at}[{i}].date"),
            Diagnostic::warning(format!(
                "this meeting is booked on a bank holiday, {}",
                m.date
            ))
            .hint("move it to a working day"),
        );
    }
}

/// Warns on overdue reviews and decisions.
fn overdue(f: &mut Findings, items: &[DueItem], ctx: &Context, meetings: &str) {
    for item in items.iter().filter(|i| i.is_overdue(ctx.as_of)) {
        let decision = item.kind == crate::schedule::DueKind::Decision;
        if !(item.kind.is_review() || decision) {
            continue;
        }
        let field = match item.meeting {
            Some(m) if decision => format!("{meetings}[{m}].decisions"),
            _ => meetings.to_owned(),
        };
        let what = item
            .detail
            .clone()
            .filter(|_| decision)
            .unwrap_or_else(|| item.kind.label().to_owned());
        let late = ctx.as_of.signed_duration_since(item.due).num_days();
        f.push(
            &field,
            Diagnostic::warning(format!("overdue: {what} was due by {}", item.due)).hint(format!(
                "{late} days late as of {}; see `iro due`",
                ctx.as_of
            )),
        );
    }
}
