//! How each document goes to its reader, and where: by post to a full postal address, by
//! email or secure email to an address, or by hand. A document that cannot go the way chosen
//! (post with no address, email with none) says why, with the fix, and is never sent.

use crate::model::{Method, ServiceData};
use crate::plan::{Job, Reader, Subject};

/// Where one document goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub method: Method,
    /// The postal address's lines (the addressee first) or the email address; or why the
    /// document cannot go this way, and the fix.
    pub to: Result<Vec<String>, String>,
}

/// How and where this job's document goes: `forced` (`iro send --method`), or the reader's
/// own `send_by`, or else post to a reader with an address, secure email to a professional
/// and email to anyone else with an email address. Notices of a dispute go by hand (inside the
/// council).
pub fn contact(job: &Job, data: &ServiceData, forced: Option<Method>) -> Contact {
    let email = email_of(job);
    let postal = postal_address(job, data);
    let method = forced.or_else(|| chosen_by(job)).unwrap_or({
        match (&postal, &email, &job.reader, &job.about) {
            (_, _, _, crate::plan::About::Dispute(_)) => Method::ByHand,
            (_, Some(_), Reader::SocialWorker, _) => Method::SecureEmail,
            (_, Some(_), _, _) if job.audience == crate::plan::Audience::Professional => {
                Method::SecureEmail
            }
            (Ok(_), _, _, _) | (_, None, _, _) => Method::Post,
            (Err(_), Some(_), _, _) => Method::Email,
        }
    });
    let name = job.reader.name(job.subject);
    let to = match method {
        Method::Post => postal,
        Method::Email | Method::SecureEmail => email.map(|e| vec![e]).ok_or_else(|| {
            format!(
                "no email address for {name}: add `email:` for them in the case file, or send by post"
            )
        }),
        Method::ByHand => Ok(vec![name]),
    };
    Contact { method, to }
}

/// The reader's own `send_by`, when the case file gives one.
fn chosen_by(job: &Job) -> Option<Method> {
    match (&job.reader, job.subject) {
        (Reader::Person(p), _) => p.send_by,
        (Reader::SocialWorker, Subject::Case(case)) => case.social_worker.as_ref()?.send_by,
        _ => None,
    }
}

// PROVISIONAL until plan::postal_address lands.
fn postal_address(job: &Job, data: &ServiceData) -> Result<Vec<String>, String> {
    let name = job.reader.name(job.subject);
    let lines = |a: &crate::model::Address| {
        let mut l = vec![name.clone()];
        l.extend(crate::render::context::address_lines(a));
        l
    };
    let found = match (&job.reader, job.subject) {
        (Reader::Child, Subject::Case(case)) => case.placement_on(job.date).and_then(|p| {
            p.address.clone().or_else(|| {
                let id = p.carer.as_deref()?;
                data.carers.iter().find(|h| h.id == id)?.address.clone()
            })
        }),
        (Reader::Person(p), _) => p.address.clone(),
        (Reader::Other { .. }, Subject::Household(h)) => h.address.clone(),
        _ => None,
    };
    found.map(|a| lines(&a)).ok_or_else(|| {
        format!("no postal address for {name}: add `address:` for them, or send by email")
    })
}

/// The reader's email address, from the case or carer file.
fn email_of(job: &Job) -> Option<String> {
    match (&job.reader, job.subject) {
        (Reader::Child, _) => None,
        (Reader::SocialWorker, Subject::Case(case)) => case.social_worker.as_ref()?.email.clone(),
        (Reader::Person(p), _) => p.email.clone(),
        (Reader::Other { id, .. }, Subject::Household(h)) => {
            if id == "supervising-social-worker" {
                return h.supervising_social_worker.as_ref()?.email.clone();
            }
            let n: usize = id.strip_prefix("carer-")?.parse().ok()?;
            h.carers.get(n.checked_sub(1)?)?.email.clone()
        }
        _ => None,
    }
}
