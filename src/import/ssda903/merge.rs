//! Re-importing: a child's case from this return merged into the case file they already have.

use crate::model::{Case, MeetingStatus, MeetingType};

/// The imported case merged into an existing case file's: what the return carries (date of
/// birth, legal status, periods of care, placement types and dates, reviews held and their
/// participation codes) comes from the return; everything else (names, people, contacts,
/// views, decisions, carers and addresses of placements) stays as the file had it.
pub fn merge(existing: &Case, imported: &Case) -> Case {
    let mut out = existing.clone();
    out.child.date_of_birth = imported.child.date_of_birth;
    out.legal_status = imported.legal_status.clone();
    out.looked_after = imported.looked_after.clone();
    out.placements = imported
        .placements
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if let Some(old) = existing.placements.iter().find(|o| o.from == p.from) {
                p.carer = old.carer.clone();
                p.provider = old.provider.clone();
                p.address = old.address.clone();
                p.confidential = old.confidential;
            }
            p
        })
        .collect();
    for review in &imported.meetings {
        match out
            .meetings
            .iter_mut()
            .find(|m| m.kind == MeetingType::LacReview && m.date == review.date)
        {
            Some(m) => {
                m.participation = review.participation;
                m.status = MeetingStatus::Held;
            }
            None => out.meetings.push(review.clone()),
        }
    }
    out.meetings.sort_by_key(|m| m.date);
    out
}
