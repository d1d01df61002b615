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

/// The reader's full postal address, the addressee first (see `plan::postal_address`).
fn postal_address(job: &Job, data: &ServiceData) -> Result<Vec<String>, String> {
    crate::plan::postal_address(job.subject, &job.reader, &data.carers, job.date)
        .map(|a| a.block())
        .map_err(|e| e.reason)
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
