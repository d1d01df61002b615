//! For `iro check`: which wordings each language a reader needs has no translation of. A
//! reader whose `language:` has no `templates/<lang>/` copy of a document gets it in the
//! service's language, opening with a line saying so; the check says which those are, so a
//! service knows what to have translated, and which forms have no translation
//! (`forms/<lang>/<id>.yaml`, which go out in the service's language). A warning, never a
//! failure.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::model::ServiceData;
use crate::plan::{language_name, primary_language, translated, translated_form};
use crate::render::TemplateSource;

use super::document;

/// The wordings a child or someone under `people:` reads, and the words and page a form is
/// drawn with. Reminders go to social workers and dispute notices to managers, who have no
/// `language:`.
const READ_BY_FAMILIES: [&str; 6] = [
    "letters/introduction/",
    "packs/invitation/",
    "letters/review-moved/",
    "letters/after-review/",
    "records/",
    "forms/",
];

/// The languages a reader of `lang` needs the templates in: theirs, and in a bilingual
/// service, both of its languages when theirs is one of them.
fn needed(lang: &str, identity: &crate::model::service::ServiceIdentity) -> Vec<String> {
    match &identity.bilingual {
        Some(b) if b.languages.iter().any(|l| primary_language(l) == lang) => {
            b.languages.iter().map(|l| primary_language(l)).collect()
        }
        _ => vec![lang.to_owned()],
    }
}

/// One warning per language some reader needs (other than the service's), naming the
/// wordings with no copy in it and who reads that language.
pub fn missing_translation_warnings(
    data: &ServiceData,
    templates: &[TemplateSource],
) -> Vec<Diagnostic> {
    let own = primary_language(&data.service.service.language);
    let mut readers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut reads = |lang: &str, who: String| {
        for lang in needed(&primary_language(lang), &data.service.service) {
            if lang != own {
                readers.entry(lang).or_default().push(who.clone());
            }
        }
    };
    for case in &data.cases {
        reads(&case.child.language, format!("{} (child)", case.id));
        for p in &case.people {
            reads(&p.language, format!("{} ({})", case.id, p.id));
        }
    }
    for household in &data.carers {
        for (i, carer) in household.carers.iter().enumerate() {
            reads(
                &carer.language,
                format!("{} (carer-{})", household.id, i + 1),
            );
        }
    }
    let has = |name: &str| templates.iter().any(|t| t.name == name);
    let english: Vec<&str> = templates
        .iter()
        .map(|t| t.name.as_str())
        .filter(|n| n.ends_with(".md") || n.starts_with("forms/"))
        .filter(|n| READ_BY_FAMILIES.iter().any(|f| n.starts_with(f)))
        // A form page's style and script have no words to translate.
        .filter(|n| !n.starts_with(document::FORM_SHARED))
        .collect();
    let has_form = |lang: &str, id: &str| {
        (data.form_translations.iter()).any(|t| t.lang == lang && t.form.id == id)
    };
    readers
        .into_iter()
        .filter_map(|(lang, who)| {
            let forms = (data.forms.iter())
                .filter(|f| !has_form(&lang, &f.id))
                .map(|f| translated_form(&lang, &format!("forms/{}.yaml", f.id)));
            let missing: Vec<String> = (english.iter())
                .map(|n| translated(&lang, n))
                .filter(|n| !has(n))
                .map(|n| format!("`templates/{n}`"))
                .chain(forms.map(|n| format!("`{n}`")))
                .collect();
            (!missing.is_empty()).then(|| warning(&lang, &missing, &who))
        })
        .collect()
}

fn warning(lang: &str, missing: &[String], who: &[String]) -> Diagnostic {
    Diagnostic::warning(format!(
        "no {} (`{lang}`) wording for {} documents, read by {}: {}; they get the English (a letter opening with a line that says so)",
        language_name(lang),
        missing.len(),
        who.join(", "),
        missing.join(", "),
    ))
    .in_file(format!("templates/{lang}"))
    .hint(format!(
        "to translate one, copy it to the same path under `templates/{lang}/` (a form: `forms/{lang}/`) and write it in {}; see templates/README.md, \"Languages\"",
        language_name(lang)
    ))
}
