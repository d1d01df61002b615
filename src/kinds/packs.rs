//! Consultation packs: for each review inside its send-by window (`plan::due_packs`), an
//! invitation and the right form for everyone who should be heard, in their formats. Every
//! form is also an HTML page, which is how answers come back by email.

use super::{Kind, Planning, ViewInputs};
use crate::model::Case;
use crate::plan::{
    About, Body, DocumentKind, Job, Pack, Subject, Variant, due_packs, letter_template,
};
use crate::render::packs::{PackCopy, form_view, invitation_view};

pub struct Invitation;
pub struct Form;

static INVITATION: DocumentKind = DocumentKind {
    name: "pack-invitation",
    group: "packs",
    title: "Invitation to a review",
    titles: &[("cy", "Gwahoddiad i adolygiad")],
    templates: "packs/invitation",
    body: Body::Letter,
};

static FORM: DocumentKind = DocumentKind {
    name: "pack-form",
    group: "packs",
    title: "Have your say",
    titles: &[("cy", "Dweud eich dweud")],
    templates: "forms",
    body: Body::Form,
};

/// Every pack due as of the build's day, for booked reviews of cases whose IRO sends them (a
/// case without one, imported from the SSDA903 return say, gets them once the service
/// allocates one, for reviews from then on).
pub(super) fn due<'a>(planning: &Planning<'a, '_>) -> Vec<(&'a Case, Pack<'a>)> {
    let prepare = planning.data.service.timescales.consultation_prepare_days;
    let forms = &planning.data.forms;
    planning
        .cases()
        .filter(|(case, _)| case.iro.is_some())
        .flat_map(|(case, items)| {
            due_packs(case, items, forms, planning.as_of, prepare)
                .into_iter()
                .map(move |pack| (case, pack))
        })
        .filter(|(case, pack)| !planning.is_history(Subject::Case(case), pack.date))
        .collect()
}

/// The view of one reader's copy of a pack.
fn copy<'v>(job: &'v Job, inputs: &'v ViewInputs) -> Option<(PackCopy<'v>, &'v Pack<'v>)> {
    let About::Pack(pack) = &job.about else {
        return None;
    };
    Some((copy_of(job, inputs, pack)?, pack))
}

/// One reader's copy of `pack`, as the job says (a notice that a review moved tells of the
/// pack for the new date as the invitation would).
pub(super) fn copy_of<'v>(
    job: &'v Job,
    inputs: &'v ViewInputs,
    pack: &'v Pack<'v>,
) -> Option<PackCopy<'v>> {
    Some(PackCopy {
        case: job.subject.case()?,
        pack,
        reader: &job.reader,
        iro: inputs.iro,
        service: &inputs.data.service,
        on: job.date,
        withheld: inputs.withheld,
        translations: &inputs.data.form_translations,
    })
}

/// The invited who have not had this review's pack: those told it moved keep the
/// invitation and form they had (see `moved`).
fn new_to<'r, 'a>(
    told: &std::collections::BTreeSet<(String, String)>,
    folder: &str,
    invited: &'r [crate::plan::Reader<'a>],
) -> impl Iterator<Item = &'r crate::plan::Reader<'a>> {
    let folder = folder.to_owned();
    invited
        .iter()
        .filter(move |r| !told.contains(&(folder.clone(), r.id().to_owned())))
}

impl Kind for Invitation {
    fn info(&self) -> &'static DocumentKind {
        &INVITATION
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        let told = super::moved::told(planning);
        for (case, pack) in planning.packs() {
            let date = planning.date();
            let folder = pack.folder(case);
            for reader in new_to(&told, &folder, &pack.invited) {
                for variant in Variant::for_formats(&reader.formats(Subject::Case(case))) {
                    jobs.push(Job {
                        kind: &INVITATION,
                        subject: Subject::Case(case),
                        variant,
                        reader: reader.clone(),
                        audience: reader.audience(),
                        template: letter_template(&INVITATION, reader, case, variant, date),
                        path: format!("{folder}/{}-invitation{}", reader.id(), variant.suffix()),
                        date,
                        about: About::Pack(pack.clone()),
                    });
                }
            }
        }
    }

    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
        let (copy, _) = copy(job, inputs)?;
        serde_json::to_value(invitation_view(&copy)).ok()
    }
}

impl Kind for Form {
    fn info(&self) -> &'static DocumentKind {
        &FORM
    }

    fn plan<'a>(&self, planning: &Planning<'a, '_>, jobs: &mut Vec<Job<'a>>) {
        let told = super::moved::told(planning);
        for (case, pack) in planning.packs() {
            let date = planning.date();
            let folder = pack.folder(case);
            for reader in new_to(&told, &folder, &pack.invited) {
                let Some(form) = pack.form_for(reader) else {
                    continue;
                };
                let mut variants = Variant::for_form(&reader.formats(Subject::Case(case)));
                if !variants.contains(&Variant::Html) {
                    variants.push(Variant::Html);
                }
                for variant in variants {
                    jobs.push(Job {
                        kind: &FORM,
                        subject: Subject::Case(case),
                        variant,
                        reader: reader.clone(),
                        audience: reader.audience(),
                        template: format!("forms/{}.yaml", form.id),
                        path: format!("{folder}/{}-form{}", reader.id(), variant.suffix()),
                        date,
                        about: About::Pack(pack.clone()),
                    });
                }
            }
        }
    }

    fn view(&self, job: &Job, inputs: &ViewInputs) -> Option<serde_json::Value> {
        let (copy, pack) = copy(job, inputs)?;
        let form = pack.form_for(&job.reader)?;
        serde_json::to_value(form_view(&copy, form)).ok()
    }
}
