//! Sent documents in a build: a document that went out is a record, so a build never makes it
//! again. It only says when the facts it was made from have changed since, and makes an
//! amended copy when asked (`iro build --amend`).

use std::collections::HashMap;

use rayon::prelude::*;

use super::JobContext;
use super::document::facts;
use crate::plan::Job;
use crate::send::{Archive, SentDocument};

/// The planned documents, sorted by what the archive and the case files say of them.
pub(super) struct Sorted<'a, 's> {
    /// Not sent: made (or kept) in the output folder, to send.
    pub make: Vec<Job<'a>>,
    /// Sent, and archived: left as they went.
    pub frozen: Vec<(Job<'a>, &'s SentDocument)>,
    /// Sent before iro kept an archive, by the case file's own dates: history, not work.
    pub history: usize,
}

/// What `--amend` asks for: the output paths (a file, a folder or a case id) whose sent
/// copies are to be made again, amended.
#[derive(Debug, Clone, Default)]
pub struct Amend(pub Vec<String>);

impl Amend {
    /// Also the amended copies an earlier build made and nobody has sent yet (the manifest
    /// says what each replaces): they are made until they go.
    pub(super) fn with_pending(&self, previous: &crate::write::Manifest) -> Amend {
        let pending = (previous.outputs.iter())
            .filter(|e| e.amends.is_some())
            .map(|e| e.path.clone());
        Amend(self.0.iter().cloned().chain(pending).collect())
    }

    /// Whether it names this job: its file, any copy of the same document (`mum.pdf` names
    /// `mum.large-print.pdf` too), its folder or its case.
    fn covers(&self, job: &Job) -> bool {
        let stem = crate::plan::stem_of(&job.path);
        self.0.iter().any(|wanted| {
            let wanted = wanted.trim_end_matches('/');
            job.path.starts_with(&format!("{wanted}/")) || crate::plan::stem_of(wanted) == stem
        })
    }
}

/// Sorts the plan: a job whose path was sent is frozen (unless `amend` asks for it again); a
/// job the case file says went out, in a group iro sent nothing of that day, is history.
pub(super) fn sort_out<'a, 's>(
    jobs: Vec<Job<'a>>,
    archive: &'s Archive,
    amend: &Amend,
) -> (Sorted<'a, 's>, HashMap<String, &'s SentDocument>) {
    let latest = archive.latest();
    let groups_sent = archive.groups_sent();
    let mut sorted = Sorted {
        make: Vec::new(),
        frozen: Vec::new(),
        history: 0,
    };
    let mut amended = HashMap::new();
    for job in jobs {
        if let Some(sent) = latest.get(job.path.as_str()) {
            if amend.covers(&job) {
                amended.insert(job.path.clone(), *sent);
                sorted.make.push(job);
            } else {
                sorted.frozen.push((job, *sent));
            }
            continue;
        }
        let by_iro = |day| groups_sent.contains(&(job.subject.id(), job.kind.group, day));
        match job.sent_per_case_file() {
            Some(day) if !by_iro(day) => sorted.history += 1,
            _ => sorted.make.push(job),
        }
    }
    (sorted, amended)
}

/// For each folder of sent documents whose facts have changed since they went (a pack, a
/// record), one warning naming who they went to and how to send amended copies.
pub(super) fn changed_since_sent(frozen: &[(Job, &SentDocument)], ctx: &JobContext) -> Vec<String> {
    let changed: Vec<&SentDocument> = frozen
        .par_iter()
        .filter_map(|(job, sent)| {
            // As it went: dated the day printed on it.
            let as_sent = Job {
                date: sent.dated,
                ..job.clone()
            };
            let now = facts(&as_sent, ctx).ok()?;
            (now != sent.facts_sha256).then_some(*sent)
        })
        .collect();
    let mut by_folder: std::collections::BTreeMap<&str, Vec<&SentDocument>> = Default::default();
    for sent in changed {
        let folder = sent.path.rsplit_once('/').map_or("", |(f, _)| f);
        by_folder.entry(folder).or_default().push(sent);
    }
    by_folder
        .into_iter()
        .map(|(folder, docs)| {
            let mut readers: Vec<String> = (docs.iter())
                .map(|d| format!("{} ({} {})", d.reader_name, d.method.words(), short(d.sent)))
                .collect();
            readers.dedup();
            format!(
                "`{folder}/`: {} sent to {} say what the case file no longer does; they stay as they went, in `sent/`. To send amended copies: iro build --amend {folder}",
                match docs.len() {
                    1 => "1 copy".to_owned(),
                    n => format!("{n} copies"),
                },
                readers.join(", "),
            )
        })
        .collect()
}

fn short(day: chrono::NaiveDate) -> String {
    crate::render::context::short_date(day)
}
