//! Rules for one case file: references to people, IROs and carers; dates in order; PN0 by age;
//! and the practice standards (permanence by the second review, the child knowing their IRO,
//! decisions with an owner and a date, nothing overdue).

use std::collections::HashSet;

use super::{Context, Findings, overdue};
use crate::diag::Diagnostic;
use crate::load::Source;
use crate::model::*;
use crate::schedule::schedule_case;

/// Ids every case may name without listing them under `people:`.
const BUILT_IN_PEOPLE: [&str; 3] = ["child", "iro", "social-worker"];

/// Checks one case file; returns what it found and the case's due dates, which the clock works
/// out here once for the whole run (the overdue warnings need them, and so does every later
/// stage).
pub fn check_case(
    source: &Source,
    case: &Case,
    ctx: &Context,
) -> (Vec<Diagnostic>, Vec<crate::schedule::DueItem>) {
    let mut f = Findings::new(source);
    if let Some(first) = ctx
        .case_ids
        .get(case.id.as_str())
        .filter(|p| **p != source.path)
    {
        f.push(
            "id",
            Diagnostic::error(format!(
                "case id `{}` is also used by `{}`",
                case.id,
                first.display()
            ))
            .expected("an id no other case file uses")
            .hint("each child has one case file with its own id"),
        );
    }
    if case.child.legal_name == NAME_TO_BE_ADDED {
        f.push(
            "child.legal_name",
            Diagnostic::warning(
                "name to be added: this case came from the SSDA903 return, which holds no names",
            )
            .hint("write the child's name in `legal_name:` (and `preferred_name:`)"),
        );
    }
    check_dates(&mut f, case, ctx);
    check_iro(&mut f, case, ctx);
    for (i, p) in case.placements.iter().enumerate() {
        if let Some(carer) = &p.carer
            && !ctx.carer_ids.contains(carer)
        {
            f.unknown(
                &format!("placements[{i}].carer"),
                "carer household",
                carer,
                &ctx.carer_ids,
                "the id of a household in carers/",
            );
        }
    }
    let mut seen = HashSet::new();
    for (i, person) in case.people.iter().enumerate() {
        if !seen.insert(person.id.as_str()) || BUILT_IN_PEOPLE.contains(&person.id.as_str()) {
            f.push(
                &format!("people[{i}].id"),
                Diagnostic::error(format!(
                    "person id `{}` is already used in this case",
                    person.id
                ))
                .hint("give each person their own short id, for example `mum`, `dad`, `nan`"),
            );
        }
    }
    let mut people: Vec<String> = BUILT_IN_PEOPLE.map(String::from).to_vec();
    people.extend(case.people.iter().map(|p| p.id.clone()));
    people.extend(ctx.team_ids.iter().cloned());
    for (i, meeting) in case.meetings.iter().enumerate() {
        check_meeting(&mut f, &format!("meetings[{i}]"), meeting, &people, ctx);
        if meeting.status == MeetingStatus::Held && meeting.kind == MeetingType::LacReview {
            check_participation(&mut f, i, meeting, case);
        }
    }
    check_practice(&mut f, case);
    check_child_wording(&mut f, case, ctx);
    check_venues(&mut f, case, ctx);
    check_shared_households(&mut f, case, ctx);
    let items = schedule_case(case, &ctx.service.timescales, &ctx.calendar);
    overdue(&mut f, &items, ctx, "meetings");
    super::unknown_holidays(&mut f, &items, ctx);
    super::bookings(&mut f, &items, &case.meetings, ctx, "meetings");
    (f.out, items)
}

/// Dates that cannot be: in the future, or running backwards.
fn check_dates(f: &mut Findings, case: &Case, ctx: &Context) {
    let dob = case.child.date_of_birth;
    if dob > ctx.as_of {
        f.push(
            "child.date_of_birth",
            Diagnostic::error(format!("date of birth `{dob}` is in the future"))
                .hint("check the year"),
        );
    }
    for (i, p) in case.looked_after.iter().enumerate() {
        f.in_order(
            &format!("looked_after[{i}].from"),
            dob,
            Some(p.from),
            "the date of birth",
        );
        f.in_order(
            &format!("looked_after[{i}].to"),
            p.from,
            p.to,
            "the start of this period of care",
        );
        if let Some(before) = &p.reviews_before {
            let field = format!("looked_after[{i}].reviews_before.last");
            f.in_order(
                &field,
                p.from,
                Some(before.last),
                "the start of this period of care",
            );
            if p.to.is_some_and(|end| before.last > end) || before.last > ctx.as_of {
                f.push(
                    &field,
                    Diagnostic::error(format!(
                        "the last review before these records, `{}`, is after this period of care or in the future",
                        before.last
                    ))
                    .expected("the date of a review held in this period, before iro")
                    .hint("check the year; reviews recorded under `meetings:` need no entry here"),
                );
            }
        }
    }
    for (i, p) in case.placements.iter().enumerate() {
        f.in_order(
            &format!("placements[{i}].to"),
            p.from,
            p.to,
            "the start of the placement",
        );
    }
    // The clock and the letters read these lists as histories, oldest first.
    let starts = [
        (
            "legal_status",
            case.legal_status.iter().map(|s| s.from).collect::<Vec<_>>(),
        ),
        (
            "looked_after",
            case.looked_after.iter().map(|p| p.from).collect(),
        ),
        (
            "placements",
            case.placements.iter().map(|p| p.from).collect(),
        ),
    ];
    for (list, dates) in starts {
        for (i, pair) in dates.windows(2).enumerate() {
            f.in_order(
                &format!("{list}[{}].from", i + 1),
                pair[0],
                Some(pair[1]),
                &format!("the entry above it in `{list}`, which runs oldest first"),
            );
        }
    }
    for (i, dispute) in case.disputes.iter().enumerate() {
        let at = format!("disputes[{i}]");
        f.in_order(
            &format!("{at}.resolved"),
            dispute.raised,
            dispute.resolved,
            "the date it was raised",
        );
        for (j, stage) in dispute.stages.iter().enumerate() {
            let stage_at = format!("{at}.stages[{j}]");
            f.in_order(
                &format!("{stage_at}.sent"),
                dispute.raised,
                Some(stage.sent),
                "the date the dispute was raised",
            );
            f.in_order(
                &format!("{stage_at}.responded"),
                stage.sent,
                stage.responded,
                "the date this stage was sent",
            );
        }
    }
    if let Some(cp) = &case.child_protection {
        let start = cp.plan_from.unwrap_or(cp.strategy_discussion);
        f.in_order(
            "child_protection.plan_to",
            start,
            cp.plan_to,
            "the start of the plan",
        );
    }
    if let Some(s) = &case.secure {
        f.in_order(
            "secure.to",
            s.from,
            s.to,
            "the start of the secure placement",
        );
    }
}

fn check_iro(f: &mut Findings, case: &Case, ctx: &Context) {
    let Some(iro) = &case.iro else {
        if case.is_looked_after_on(ctx.as_of) {
            f.push(
                "iro",
                Diagnostic::warning("no IRO is allocated to this looked after child")
                    .hint("add `iro:` with the IRO's id and the date of allocation"),
            );
        }
        return;
    };
    let iros: Vec<String> = ctx
        .service
        .team
        .iter()
        .filter(|m| matches!(m.role, TeamRole::Iro | TeamRole::CpChair))
        .map(|m| m.id.clone())
        .collect();
    if !iros.contains(&iro.id) {
        f.unknown(
            "iro.id",
            "IRO",
            &iro.id,
            &iros,
            "the id of an IRO in service.yaml `team:`",
        );
    }
    f.in_order(
        "iro.introduced",
        iro.allocated,
        iro.introduced,
        "the date the IRO was allocated",
    );
}

/// Checks a meeting's people, chair and decisions (shared with carer households' reviews).
pub(super) fn check_meeting(
    f: &mut Findings,
    at: &str,
    m: &Meeting,
    people: &[String],
    ctx: &Context,
) {
    const WHO: &str = "`child`, `iro`, `social-worker`, a person id or a team id";
    if m.status == MeetingStatus::Held && m.date > ctx.as_of {
        f.push(
            &format!("{at}.date"),
            Diagnostic::error(format!(
                "a held meeting is dated `{}`, after today ({})",
                m.date, ctx.as_of
            ))
            .hint("set `status: planned` for a meeting still to come, or fix the date"),
        );
    }
    if let Some(chair) = &m.chair
        && !ctx.team_ids.contains(chair)
    {
        f.unknown(
            &format!("{at}.chair"),
            "chair",
            chair,
            &ctx.team_ids,
            "the id of a team member in service.yaml",
        );
    }
    for (name, ids) in [("attended", &m.attended), ("apologies", &m.apologies)] {
        for (j, id) in ids.iter().enumerate() {
            if !people.contains(id) {
                f.unknown(&format!("{at}.{name}[{j}]"), "person", id, people, WHO);
            }
        }
    }
    for (j, v) in m.views.iter().enumerate() {
        if !people.contains(&v.from) {
            f.unknown(
                &format!("{at}.views[{j}].from"),
                "person",
                &v.from,
                people,
                WHO,
            );
        }
    }
    super::form::check_responses(f, at, m, people, ctx);
    for (j, d) in m.decisions.iter().enumerate() {
        let path = format!("{at}.decisions[{j}]");
        match &d.owner {
            Some(owner) if !people.contains(owner) => {
                f.unknown(&format!("{path}.owner"), "person", owner, people, WHO);
            }
            Some(_) => {}
            None => f.push(
                &path,
                Diagnostic::warning("decision has no named person responsible")
                    .expected("`owner:`")
                    .hint("every decision needs a named person: add `owner:`"),
            ),
        }
        match d.due {
            Some(due) => f.in_order(
                &format!("{path}.due"),
                m.date,
                Some(due),
                "the meeting that made it",
            ),
            None => f.push(
                &path,
                Diagnostic::warning("decision has no timescale")
                    .expected("`due:` a date")
                    .hint("every decision needs a date: add `due:`"),
            ),
        }
    }
}

/// The letter after a child's latest review prints each decision's `for_child:` wording; a
/// child under 13 gets a general line for a decision without it, so say which need words.
fn check_child_wording(f: &mut Findings, case: &Case, ctx: &Context) {
    let latest = (case.meetings.iter().enumerate())
        .filter(|(_, m)| m.status == MeetingStatus::Held && m.kind == MeetingType::LacReview)
        .filter(|(_, m)| ctx.service.documents_from.is_none_or(|from| m.date >= from))
        .max_by_key(|(_, m)| m.date);
    let Some((i, m)) = latest else {
        return;
    };
    let age = case.age_on(m.date);
    use crate::render::records::{LETTER_FROM_AGE, RECORD_WORDS_FROM_AGE};
    if !(LETTER_FROM_AGE..RECORD_WORDS_FROM_AGE).contains(&age) {
        return;
    }
    let name = case
        .child
        .preferred_name
        .as_ref()
        .unwrap_or(&case.child.legal_name);
    for (j, d) in m.decisions.iter().enumerate() {
        if d.for_child.is_none() && d.status != DecisionStatus::Dropped {
            f.push(
                &format!("meetings[{i}].decisions[{j}]"),
                Diagnostic::warning(format!(
                    "{name}'s letter after the review of {} has no words for this decision, so it says only that the grown-ups agreed something",
                    m.date
                ))
                .expected(format!("`for_child:` wording for a child of {age}"))
                .hint(format!(
                    "add `for_child:` under the decision, in words {name} can read: \"Your social worker will ...\""
                )),
            );
        }
    }
}

/// PN0 is used if and only if the child is under 4 on the review date.
fn check_participation(f: &mut Findings, i: usize, m: &Meeting, case: &Case) {
    let age = case.age_on(m.date);
    let field = format!("meetings[{i}].participation");
    if let Some(code) = m.participation.filter(|_| !m.participation_valid) {
        f.push(
            &field,
            Diagnostic::warning(format!(
                "{code:?} is marked not valid: it does not fit a child aged {age} on {}",
                m.date
            ))
            .hint("correct the code (PN0 only under 4), then remove `participation_valid: false`"),
        );
        return;
    }
    match m.participation {
        None => f.push(
            &format!("meetings[{i}]"),
            Diagnostic::warning("held review has no participation code")
                .expected("`participation:` PN0 to PN7")
                .hint("record how the child took part"),
        ),
        Some(Participation::PN0) if age >= 4 => f.push(
            &field,
            Diagnostic::error(format!(
                "PN0 is only for a child under 4, and the child was {age} on {}",
                m.date
            ))
            .expected("PN1 to PN7")
            .hint("choose the code for how the child took part"),
        ),
        Some(code) if age < 4 && code != Participation::PN0 => f.push(
            &field,
            Diagnostic::error(format!(
                "{code:?} used for a child aged {age}; a child under 4 is always PN0"
            ))
            .expected("PN0")
            .hint("use PN0 for any review before the child's fourth birthday"),
        ),
        Some(_) => {}
    }
}

/// Practice standards: permanence by the second review; the child knows how to reach the IRO.
fn check_practice(f: &mut Findings, case: &Case) {
    let mut reviews: Vec<(usize, &Meeting)> = case
        .meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MeetingType::LacReview && m.status == MeetingStatus::Held)
        .collect();
    reviews.sort_by_key(|(_, m)| m.date);
    if let Some((i, second)) = reviews.get(1)
        && case
            .permanence_plan
            .as_ref()
            .is_none_or(|p| p.agreed > second.date)
    {
        f.push(
            &format!("meetings[{i}]"),
            Diagnostic::warning("no permanence plan by the second review")
                .expected("`permanence_plan:` agreed on or before this review's date")
                .hint("record the permanence plan: it must exist by the second review"),
        );
    }
    if let Some((i, latest)) = reviews.last()
        && case.age_on(latest.date) >= 4
        && latest.child_knows_iro != Some(true)
    {
        f.push(
            &format!("meetings[{i}].child_knows_iro"),
            Diagnostic::warning("the child is not recorded as knowing how to contact their IRO")
                .hint(
                    "make sure the child has the IRO's number, then record `child_knows_iro: true`",
                ),
        );
    }
}

/// A meeting still to come, held at a confidential placement's address, to which family are
/// invited: their invitations cannot say where it is, so the IRO should find a neutral venue.
fn check_venues(f: &mut Findings, case: &Case, ctx: &Context) {
    let family_invited = case
        .people
        .iter()
        .any(|p| p.invited && !p.no_contact && (p.role.is_family() || p.risk));
    if !family_invited {
        return;
    }
    for (i, m) in case.meetings.iter().enumerate() {
        let Some(venue) = m.venue.as_deref() else {
            continue;
        };
        let upcoming = m.status == MeetingStatus::Planned && m.date >= ctx.as_of;
        let at_secret_address = (case.placements.iter())
            .filter(|p| p.confidential)
            .filter_map(|p| p.address.as_ref())
            .any(|a| a.is_named_in(venue));
        if upcoming && at_secret_address {
            f.push(
                &format!("meetings[{i}].venue"),
                Diagnostic::warning(
                    "this meeting is at the confidential placement's address, and family are invited",
                )
                .hint("book a neutral venue (a family centre or the council's offices): family invitations will say the place is to be told to them by the IRO"),
            );
        }
    }
}

/// A household that looks after a child whose placement is confidential gives its name and
/// address in the family copies of any other child it looks after whose placement is not:
/// those copies could lead a parent of the first child to the door.
fn check_shared_households(f: &mut Findings, case: &Case, ctx: &Context) {
    let Some(placement) = case.placement_on(ctx.as_of) else {
        return;
    };
    let i = (case.placements.iter())
        .position(|p| std::ptr::eq(p, placement))
        .expect("the placement is one of the case's");
    let Some(other) = (placement.carer.as_deref())
        .filter(|_| !placement.confidential)
        .and_then(|id| ctx.secret_households.get(id))
        .filter(|other| **other != case.id)
    else {
        return;
    };
    f.push(
        &format!("placements[{i}].carer"),
        Diagnostic::warning(format!(
            "this household also looks after `{other}`, whose placement is confidential, and this placement is not: this child's family copies give the household's name and address"
        ))
        .hint("mark this placement `confidential: true` as well, unless it is safe for both families to know where the household lives"),
    );
}
