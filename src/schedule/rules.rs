//! Which clocks a case or household runs, from its data: care periods, child protection,
//! secure and private fostering, carers' approval, meetings, decisions and disputes.

use chrono::NaiveDate;

use super::chain::{Chain, ChainOut, Subject, run_chain};
use super::{Calendar, DueItem, DueKind, SubjectKind, add_months};
use crate::model::{
    CarePeriod, CarerHousehold, Case, DecisionStatus, LegalStatus, Meeting, MeetingStatus,
    MeetingType, Timescales,
};

/// Items from chains, and the review number each held meeting was given.
#[derive(Default)]
struct Collected {
    items: Vec<DueItem>,
    numbers: Vec<(usize, u32)>,
}

impl Collected {
    fn take(&mut self, out: ChainOut) {
        self.items.extend(out.items);
        self.numbers.extend(out.numbers);
    }
}

pub(super) fn case_items(case: &Case, t: &Timescales, cal: &Calendar) -> Vec<DueItem> {
    let who = Subject {
        id: &case.id,
        kind: SubjectKind::Case,
    };
    let mut c = Collected::default();
    let adult = case.eighteenth_birthday();
    for period in &case.looked_after {
        if let Some((start, label)) = review_start(case, period) {
            let mut chain = Chain {
                kind: DueKind::LacReview,
                meeting_type: MeetingType::LacReview,
                start,
                start_label: label,
                first_due: cal.add_working_days(start, t.first_review_working_days),
                then_months: (t.second_review_months, t.later_review_months),
                then_label: "previous review",
                from: start,
                from_exclusive: false,
                // No Looked After Review is due after the 18th birthday.
                to: Some(period.to.map_or(adult, |to| to.min(adult))),
                limit: None,
                numbered: true,
                first_number: 1,
            };
            if let Some(before) = period.reviews_before.filter(|b| b.last >= start) {
                continue_after(&mut chain, before, t);
            }
            c.take(run_chain(&chain, &case.meetings, who, t, cal));
        }
        if let Some((start, end)) = short_breaks(case, period) {
            let chain = short_break_chain(start, end.min(adult), t);
            c.take(run_chain(&chain, &case.meetings, who, t, cal));
        }
    }
    if let Some(period) = case.looked_after.last() {
        c.items.extend(iro_items(case, period, who, t, cal));
    }
    c.items.extend(extra_reviews(case, who));
    if let Some(cp) = &case.child_protection {
        let initial = Chain {
            kind: DueKind::CpInitialConference,
            meeting_type: MeetingType::CpInitial,
            start: cp.strategy_discussion,
            start_label: "strategy discussion",
            first_due: cal.add_working_days(cp.strategy_discussion, t.cp_initial_working_days),
            then_months: (0, 0),
            then_label: "",
            from: cp.strategy_discussion,
            from_exclusive: false,
            to: None,
            limit: Some(1),
            numbered: false,
            first_number: 1,
        };
        let out = run_chain(&initial, &case.meetings, who, t, cal);
        let held = out.items.iter().find_map(|i| i.done);
        c.take(out);
        // The plan is made at the initial conference; with no plan there is nothing to review.
        if let (Some(held), Some(_)) = (held, cp.plan_from) {
            let reviews = Chain {
                kind: DueKind::CpReviewConference,
                meeting_type: MeetingType::CpReview,
                start: held,
                start_label: "initial conference",
                first_due: add_months(held, t.cp_first_review_months),
                then_months: (t.cp_later_review_months, t.cp_later_review_months),
                then_label: "previous review conference",
                from: held,
                from_exclusive: true,
                to: cp.plan_to,
                limit: None,
                numbered: true,
                first_number: 1,
            };
            c.take(run_chain(&reviews, &case.meetings, who, t, cal));
        }
    }
    if let Some(s) = &case.secure {
        let chain = months_chain(
            (DueKind::SecureReview, MeetingType::SecureReview),
            (s.from, s.to, "placed in secure accommodation"),
            (t.secure_first_review_months, t.secure_later_review_months),
        );
        c.take(run_chain(&chain, &case.meetings, who, t, cal));
    }
    if let Some(pf) = &case.private_fostering {
        let chain = months_chain(
            (
                DueKind::PrivateFosteringReview,
                MeetingType::PrivateFosteringReview,
            ),
            (pf.from, pf.to, "private fostering began"),
            (
                t.private_fostering_first_review_months,
                t.private_fostering_later_review_months,
            ),
        );
        c.take(run_chain(&chain, &case.meetings, who, t, cal));
        c.items.extend(private_fostering_visits(pf, who, cal));
    }
    let mut items = c.items;
    items.extend(after_meetings(&case.meetings, &c.numbers, who, t, cal));
    items.extend(disputes(case, who, cal, t));
    items
}

pub(super) fn carer_items(h: &CarerHousehold, t: &Timescales, cal: &Calendar) -> Vec<DueItem> {
    let who = Subject {
        id: &h.id,
        kind: SubjectKind::CarerHousehold,
    };
    let chain = months_chain(
        (DueKind::FosterCarerReview, MeetingType::FosterCarerReview),
        (h.approved, None, "approved as foster carers"),
        (t.foster_first_review_months, t.foster_later_review_months),
    );
    let out = run_chain(&chain, &h.reviews, who, t, cal);
    let mut items = out.items;
    items.extend(after_meetings(&h.reviews, &out.numbers, who, t, cal));
    items
}

/// A chain counted in months: `first` months from the start, then `later` months apart, ending
/// (no open item due after it) on `to`.
fn months_chain(
    (kind, meeting_type): (DueKind, MeetingType),
    (from, to, label): (NaiveDate, Option<NaiveDate>, &'static str),
    (first, later): (u32, u32),
) -> Chain<'static> {
    Chain {
        kind,
        meeting_type,
        start: from,
        start_label: label,
        first_due: add_months(from, first),
        then_months: (later, later),
        then_label: "previous review",
        from,
        from_exclusive: false,
        to,
        limit: None,
        numbered: true,
        first_number: 1,
    }
}

/// The council's visits to a privately fostered child (the 2005 regulations): the first within
/// 7 working days of being notified, then each at most 6 weeks after the one before while in
/// the first year from the notification, and at most 12 weeks after it from then on. Counted
/// from the arrangement's start when the notification date is not known.
fn private_fostering_visits(
    pf: &crate::model::PrivateFostering,
    who: Subject,
    cal: &Calendar,
) -> Vec<DueItem> {
    let (start, label) = match pf.notified {
        Some(day) => (day, "council notified"),
        None => (pf.from, "private fostering began"),
    };
    let first_year_ends = add_months(start, 12);
    let mut visits: Vec<NaiveDate> = pf.visits.iter().copied().filter(|v| *v >= start).collect();
    visits.sort();
    let mut items = Vec::new();
    let mut due = cal.add_working_days(start, 7);
    let mut basis = (start, label);
    for (n, visit) in (1..).zip(visits.iter().copied().map(Some).chain([None])) {
        if pf.to.is_some_and(|end| due > end) {
            break;
        }
        let mut item = who.item(DueKind::PrivateFosteringVisit, due, basis.0, basis.1);
        item.number = Some(n);
        item.done = visit;
        items.push(item);
        let Some(visit) = visit else { break };
        let weeks = if visit < first_year_ends { 6 } else { 12 };
        due = visit + chrono::Days::new(7 * weeks);
        basis = (visit, "previous visit");
    }
    items
}

/// Reviews of a child on short breaks (regulation 48 of the 2010 regulations): the first within
/// 3 months of the first short break, then at most every 6 months, while the breaks last. The
/// service's `second_review_months` and `later_review_months` (3 and 6 unless shortened) are
/// the same figures.
fn short_break_chain(start: NaiveDate, end: NaiveDate, t: &Timescales) -> Chain<'static> {
    Chain {
        kind: DueKind::LacReview,
        meeting_type: MeetingType::LacReview,
        start,
        start_label: "first short break",
        first_due: add_months(start, t.second_review_months),
        then_months: (t.later_review_months, t.later_review_months),
        then_label: "previous review",
        from: start,
        from_exclusive: false,
        to: Some(end),
        limit: None,
        numbered: true,
        first_number: 1,
    }
}

/// When a care period starts on short breaks (V3/V4): its first day, and the last day of the
/// breaks (the day before another status, or the period's end).
fn short_breaks(case: &Case, period: &CarePeriod) -> Option<(NaiveDate, NaiveDate)> {
    let in_period = |d: NaiveDate| d > period.from && period.to.is_none_or(|to| d <= to);
    let at_start = case.legal_status_on(period.from).or_else(|| {
        (case.legal_status.iter())
            .find(|s| in_period(s.from))
            .map(|s| s.code)
    });
    if !at_start.is_some_and(LegalStatus::is_short_break) {
        return None;
    }
    let ended = (case.legal_status.iter())
        .find(|s| in_period(s.from) && !s.code.is_short_break())
        .and_then(|s| s.from.pred_opt());
    Some((period.from, ended.or(period.to).unwrap_or(NaiveDate::MAX)))
}

/// Starts a period's review chain after the reviews held before the case's records: numbered
/// on from them, the next due from the last (3 months after a first review, 6 after later ones),
/// and meetings on or before that day left to the history they belong to.
fn continue_after(chain: &mut Chain, before: crate::model::ReviewsBefore, t: &Timescales) {
    let months = if before.held == 1 {
        t.second_review_months
    } else {
        t.later_review_months
    };
    chain.start = before.last;
    chain.start_label = "last review before these records";
    chain.first_due = add_months(before.last, months);
    chain.from = before.last;
    chain.from_exclusive = true;
    chain.first_number = before.held + 1;
}

/// When a care period's review clock starts, or `None` for a period spent wholly on short
/// breaks (V3/V4), which has no reviews. A period that starts on short breaks and moves to
/// another status starts its clock on the day of the change.
fn review_start(case: &Case, period: &CarePeriod) -> Option<(NaiveDate, &'static str)> {
    let in_period = |d: NaiveDate| d > period.from && period.to.is_none_or(|to| d <= to);
    let first_in_period = case
        .legal_status
        .iter()
        .find(|s| in_period(s.from))
        .map(|s| s.code);
    let at_start: Option<LegalStatus> = case.legal_status_on(period.from).or(first_in_period);
    if !at_start.is_some_and(LegalStatus::is_short_break) {
        return Some((period.from, "became looked after"));
    }
    case.legal_status
        .iter()
        .find(|s| in_period(s.from) && !s.code.is_short_break())
        .map(|s| (s.from, "short breaks ended; looked after"))
}

/// IRO allocated and introduction letter sent, within days of becoming looked after.
fn iro_items(
    case: &Case,
    period: &CarePeriod,
    who: Subject,
    t: &Timescales,
    cal: &Calendar,
) -> Vec<DueItem> {
    let due = cal.add_working_days(period.from, t.introduction_working_days);
    let mut allocated = who.item(
        DueKind::IroAllocation,
        due,
        period.from,
        "became looked after",
    );
    allocated.done = case.iro.as_ref().map(|i| i.allocated);
    allocated.detail = case.iro.as_ref().map(|i| i.id.clone());
    let mut letter = who.item(
        DueKind::IntroductionLetter,
        due,
        period.from,
        "became looked after",
    );
    letter.done = case.iro.as_ref().and_then(|i| i.introduced);
    vec![allocated, letter]
}

/// Each extra review asked for, done by the first Looked After Review held on or after the
/// request.
fn extra_reviews(case: &Case, who: Subject) -> Vec<DueItem> {
    let held: Vec<(usize, &Meeting)> = held_sorted(&case.meetings)
        .into_iter()
        .filter(|(_, m)| m.kind == MeetingType::LacReview)
        .collect();
    (case.extra_review_requests.iter().enumerate())
        .map(|(n, r)| {
            let mut item = who.item(
                DueKind::ExtraReview,
                r.by,
                r.requested,
                "extra review asked for",
            );
            item.number = Some(n as u32 + 1);
            item.detail = Some(r.reason.clone());
            if let Some((i, m)) = held.iter().find(|(_, m)| m.date >= r.requested) {
                item.done = Some(m.date);
                item.meeting = Some(*i);
            }
            item
        })
        .collect()
}

/// Held meetings by date, keeping file order on ties.
fn held_sorted(meetings: &[Meeting]) -> Vec<(usize, &Meeting)> {
    let mut held: Vec<(usize, &Meeting)> = meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.status == MeetingStatus::Held)
        .collect();
    held.sort_by_key(|(i, m)| (m.date, *i));
    held
}

/// Decisions and the record sent out after each held meeting, and every dated decision.
fn after_meetings(
    meetings: &[Meeting],
    numbers: &[(usize, u32)],
    who: Subject,
    t: &Timescales,
    cal: &Calendar,
) -> Vec<DueItem> {
    let mut items = Vec::new();
    for (index, m) in held_sorted(meetings) {
        let number = numbers.iter().find(|(i, _)| *i == index).map(|(_, n)| *n);
        let held = format!("{} held", m.kind.title());
        let sent = [
            (
                DueKind::DecisionsSent,
                t.decisions_working_days_after,
                m.decisions_sent,
            ),
            (
                DueKind::RecordSent,
                t.record_working_days_after,
                m.record_sent,
            ),
        ];
        for (kind, days, done) in sent {
            let mut item = who.item(
                kind,
                cal.add_working_days(m.date, days),
                m.date,
                held.clone(),
            );
            item.number = number;
            item.done = done;
            item.meeting = Some(index);
            items.push(item);
        }
    }
    for (index, m) in meetings.iter().enumerate() {
        for d in &m.decisions {
            let Some(due) = d.due else { continue };
            let mut item = who.item(
                DueKind::Decision,
                due,
                m.date,
                format!("decided at {}", m.kind.title()),
            );
            item.done = d.done.or(match d.status {
                DecisionStatus::Done | DecisionStatus::Dropped => Some(due),
                DecisionStatus::Open => None,
            });
            item.detail = Some(match &d.owner {
                Some(owner) => format!("{} (owner: {owner})", d.text),
                None => d.text.clone(),
            });
            item.meeting = Some(index);
            items.push(item);
        }
    }
    items
}

/// A response to each stage, and the whole process. A stage left unanswered is closed by the
/// next stage or by the dispute's resolution, whichever came first, so it stops being open.
fn disputes(case: &Case, who: Subject, cal: &Calendar, t: &Timescales) -> Vec<DueItem> {
    let mut items = Vec::new();
    for d in &case.disputes {
        for (k, s) in d.stages.iter().enumerate() {
            let due = cal.add_working_days(s.sent, t.dispute_stage_working_days);
            let mut item = who.item(
                DueKind::DisputeStageResponse,
                due,
                s.sent,
                format!("stage {} sent to {}", s.stage, s.to),
            );
            item.number = Some(u32::from(s.stage));
            let next_sent = d.stages.get(k + 1).map(|n| n.sent);
            item.done = s.responded.or(next_sent).or(d.resolved);
            item.detail = Some(d.theme.clone());
            items.push(item);
        }
        let due = cal.add_working_days(d.raised, t.dispute_total_working_days);
        let mut item = who.item(DueKind::DisputeResolution, due, d.raised, "dispute raised");
        item.done = d.resolved;
        item.detail = Some(d.theme.clone());
        items.push(item);
    }
    items
}
