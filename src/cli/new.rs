//! `iro new review CASE`: append a prefilled draft meeting to a case file.
//!
//! The draft is valid as written (a planned meeting), so `iro check` and `iro build` keep
//! working; the IRO fills in what happened and sets `status: held`. The file keeps its
//! comments: the draft is added as text, then read back to prove nothing else changed. The
//! service folder is locked while the file is read and written, and a file that changed since
//! it was read anyway (edited by hand meanwhile) is refused.

use anyhow::{Context, bail};
use chrono::NaiveDate;

use super::lock::{Folder, LockArgs, ensure_unchanged, lock_folders};
use super::{ServiceArgs, report, today};
use crate::edit;
use crate::load::load_service_folder;
use crate::model::MeetingType;
use crate::schedule::{Calendar, next_review_of, schedule_case};
use crate::validate::validate_service;

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Append a draft review (or conference) to a case file, prefilled from the case.
    Review(ReviewArgs),
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    service: ServiceArgs,
    /// The case id, for example NM-1003.
    case: String,
    /// The meeting type.
    #[arg(long = "type", value_enum, default_value = "lac-review")]
    kind: MeetingKind,
    /// The meeting's date (YYYY-MM-DD); defaults to the date the statutory clock says it is
    /// due by.
    #[arg(long, value_name = "DATE")]
    date: Option<NaiveDate>,
    /// Show the change, and write nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    lock: LockArgs,
}

/// The meeting types a case file holds (foster carer reviews live in carers/).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum MeetingKind {
    LacReview,
    CpInitial,
    CpReview,
    SecureReview,
    PrivateFosteringReview,
}

impl From<MeetingKind> for MeetingType {
    fn from(kind: MeetingKind) -> MeetingType {
        match kind {
            MeetingKind::LacReview => MeetingType::LacReview,
            MeetingKind::CpInitial => MeetingType::CpInitial,
            MeetingKind::CpReview => MeetingType::CpReview,
            MeetingKind::SecureReview => MeetingType::SecureReview,
            MeetingKind::PrivateFosteringReview => MeetingType::PrivateFosteringReview,
        }
    }
}

/// How the command names itself in the lock and in messages.
const COMMAND: &str = "iro new review";

pub fn run(what: What) -> anyhow::Result<bool> {
    let What::Review(args) = what;
    let kind = MeetingType::from(args.kind);
    // Taken before reading, so that the draft is added to the file as it is now. A dry run
    // only reads, and reading never waits.
    let folder = Folder {
        name: "the service folder",
        path: &args.service.service,
        make: false,
        read_only_ok: false,
    };
    let _held = if args.dry_run {
        None
    } else {
        match lock_folders(&[folder], COMMAND, &args.lock)? {
            Some(held) => Some(held),
            None => return Ok(false),
        }
    };
    let mut loaded = load_service_folder(&args.service.service);
    // All or nothing: this edits case files, and a broken one would read as an unknown case.
    let mut validated = validate_service(&mut loaded, today()).strict(true);
    let Some(data) = validated.data.take() else {
        report(&loaded, &mut validated.diagnostics, "the service folder");
        eprintln!("iro: fix the service folder first; no review was added");
        return Ok(false);
    };
    let Some(case) = data.cases.iter().find(|c| c.id == args.case) else {
        bail!("no case `{}` in this service", args.case);
    };
    let date = match args.date {
        Some(date) => date,
        None => {
            let calendar = Calendar::of_service(&data.service);
            let items = schedule_case(case, &data.service.timescales, &calendar);
            let due_kind = crate::schedule::DueKind::for_meeting(kind);
            next_review_of(&items, due_kind)
                .map(|item| item.due)
                .with_context(|| {
                    format!(
                        "no {} is due for `{}`; give the date with --date",
                        kind.title(),
                        case.id
                    )
                })?
        }
    };
    let path = validated
        .files
        .get(&case.id)
        .context("the case file")?
        .clone();
    let before = loaded.text_of(&path).unwrap_or_default().to_owned();
    let draft = edit::draft_meeting(case, kind, date);
    let yaml = serde_saphyr::to_string(&vec![&draft])?;
    let mut comment = vec![
        "Draft made by `iro new review`: fill in what happened, move anyone who did not come to apologies, then set status: held.".to_owned(),
    ];
    if !draft.carried_forward.is_empty() {
        comment.push(
            "Still open from earlier meetings: agree each again under decisions: if it goes on, and mark the earlier one done or dropped.".to_owned(),
        );
        comment.extend(draft.carried_forward.iter().cloned());
    }
    let after = edit::append_meeting(&before, &yaml, &comment)
        .map_err(|e| anyhow::anyhow!("cannot add the review to `{}`: {e}", path.display()))?;
    edit::prove_appended(case, &after, &draft)
        .map_err(|e| anyhow::anyhow!("refusing to change `{}`: {e}", path.display()))?;
    print!(
        "{}",
        edit::diff(&path.display().to_string(), &before, &after)
    );
    if args.dry_run {
        return Ok(true);
    }
    ensure_unchanged(&args.service.service, &path, &before, COMMAND)?;
    let file = args.service.service.join(&path);
    crate::write::write_atomic(&file, after.as_bytes())
        .with_context(|| format!("cannot write `{}`", file.display()))?;
    eprintln!(
        "iro: added a draft {} on {date} to `{}`",
        kind.title(),
        path.display()
    );
    Ok(true)
}
