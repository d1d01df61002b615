//! The leak scan (issues 9 and 22) over a full build of the example service: no copy for a
//! parent, a relative or the public holds anything that can locate a child whose placement is
//! confidential (address, carers' names and numbers, school, GP), in any format; each of those
//! values is in the child's or carers' own copies, so the scan can fail; and the public site
//! holds no child's name. (That no child's documents name another child is
//! `build::no_childs_documents_name_another_child`; the site's wider scan is
//! `site::the_site_holds_nothing_from_any_case_file`.)

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::Fixture;
use crate::build::{build, document_text};

pub fn yaml(path: &Path) -> Value {
    let text = fs::read_to_string(path).expect("a file");
    iro::load::yaml::parse(&text).expect("yaml").0
}

fn strs(v: &Value) -> impl Iterator<Item = String> + '_ {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
}

/// A place's address as the scan looks for it: the lines that find a door (with a number)
/// and the postcode. A town's name is no secret.
fn address_secrets(address: &Value, out: &mut Vec<String>) {
    out.extend(strs(&address["lines"]).filter(|l| l.chars().any(|c| c.is_ascii_digit())));
    out.extend(address["postcode"].as_str().map(str::to_owned));
}

/// Everything a family copy of this case must not hold, worked out from the files by hand.
pub fn locating(case: &Value, fx: &Fixture) -> Vec<String> {
    let mut out = Vec::new();
    let placements = case["placements"].as_array().into_iter().flatten();
    if !placements.clone().any(|p| p["confidential"] == true) {
        return out;
    }
    for p in placements {
        if p["confidential"] != true {
            continue;
        }
        address_secrets(&p["address"], &mut out);
        if let Some(id) = p["carer"].as_str() {
            let household = yaml(&fx.file(&format!("carers/{id}.yaml")));
            out.extend(household["name"].as_str().map(str::to_owned));
            for c in household["carers"].as_array().into_iter().flatten() {
                for key in ["name", "phone", "email"] {
                    out.extend(c[key].as_str().map(str::to_owned));
                }
                let name = c["name"].as_str().expect("a carer's name");
                out.extend(name.split_whitespace().last().map(str::to_owned));
            }
        }
    }
    for org in [&case["school"], &case["gp"]] {
        out.extend(org["name"].as_str().map(str::to_owned));
        out.extend(strs(&org["other_names"]));
        out.extend(org["phone"].as_str().map(str::to_owned));
        address_secrets(&org["address"], &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// A build of Freya's documents (NM-1009, the confidential placement) alone.
const FREYA_ONLY: [&str; 6] = [
    "--case",
    "NM-1009",
    "--date",
    crate::AS_OF,
    "--as-of",
    "2026-11-27",
];

/// A document's words: the text of a PDF or page, a BRF read back to print by liblouis, or for
/// audio the SSML espeak-ng read (kept by `--keep-typst`).
fn words_of(out: &Path, rel: &str) -> String {
    let file = out.join(rel);
    if rel.ends_with(".wav") {
        let ssml = fs::read_to_string(file.with_extension("ssml")).expect("the kept SSML");
        assert!(ssml.starts_with("<speak"), "{rel}");
        return ssml;
    }
    document_text(&file).unwrap_or_default()
}

/// See: issue 22.
#[test]
fn r22_no_family_copy_holds_anything_that_locates_a_confidential_child() {
    let fx = Fixture::example_unsent();
    // Freya and her father ask for Braille and audio, so those copies are scanned too.
    fx.edit(
        "cases/NM-1009.yaml",
        "    role: father\n",
        "    role: father\n    formats: [braille, audio]\n",
    );
    fx.edit(
        "cases/NM-1009.yaml",
        "  pronouns: she/her\n",
        "  pronouns: she/her\n  formats: [braille, audio]\n",
    );
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &[
            "--date",
            crate::AS_OF,
            "--as-of",
            "2026-11-27",
            "--keep-typst",
        ],
    );
    let mut secret: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut names: Vec<String> = Vec::new();
    for entry in fs::read_dir(fx.file("cases")).expect("cases") {
        let case = yaml(&entry.expect("entry").path());
        names.extend(case["child"]["legal_name"].as_str().map(str::to_owned));
        let values = locating(&case, &fx);
        if !values.is_empty() {
            secret.insert(case["id"].as_str().expect("id").to_owned(), values);
        }
    }
    let freya = &secret["NM-1009"];
    for expected in [
        "5 Sorrel Gardens",
        "Price-Evans",
        "07700 900531",
        "Sorrelmoor",
        "14 Mill Road",
    ] {
        assert!(freya.iter().any(|s| s == expected), "{expected}: {freya:?}");
    }
    let manifest: Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    let mut own_copies = String::new();
    let mut scanned: BTreeMap<&str, usize> = BTreeMap::new();
    for e in manifest["outputs"].as_array().expect("outputs") {
        let rel = e["path"].as_str().expect("path");
        let audience = e["audience"].as_str().expect("audience");
        let case = e["case"].as_str().expect("case");
        let Some(values) = secret.get(case) else {
            continue;
        };
        let text = words_of(&out, rel);
        if matches!(audience, "parent" | "public") {
            for value in values {
                assert!(
                    !text.to_lowercase().contains(&value.to_lowercase()),
                    "{rel} ({audience}) holds `{value}`"
                );
            }
            assert!(text.len() > 200, "{rel} reads as {text}");
            let format = rel.rsplit('.').next().expect("an extension");
            *scanned.entry(format).or_default() += 1;
        } else if matches!(audience, "child" | "carer") {
            own_copies.push_str(&text);
            own_copies.push('\n');
        }
    }
    for format in ["pdf", "html", "brf", "wav"] {
        assert!(
            scanned.get(format).is_some_and(|n| *n >= 2),
            "family {format} copies scanned: {scanned:?}"
        );
    }
    // The scan can fail: each withheld value is in the child's or carers' own copies.
    for value in freya {
        assert!(
            own_copies.contains(value.as_str()),
            "`{value}` is in no copy for Freya or her carers, so the scan proves nothing"
        );
    }
    for e in manifest["outputs"].as_array().expect("outputs") {
        let rel = e["path"].as_str().expect("path");
        if rel.starts_with("site/") {
            let text = words_of(&out, rel);
            for name in &names {
                assert!(!text.contains(name.as_str()), "{rel} names {name}");
            }
        }
    }
}

/// A venue in the same town as the confidential placement is told to the parents; a venue at
/// the placement's own address is not, and `iro check` says so. See: issue 22.
#[test]
fn r22_a_venue_is_withheld_only_when_it_is_the_placement_address() {
    let fx = Fixture::example_unsent();
    fx.edit(
        "cases/NM-1009.yaml",
        "    status: planned\n    time: \"16:00\"\n    venue: the Price-Evans' home\n",
        "    status: planned\n    time: \"16:00\"\n    venue: Holme Vale Civic Centre, Room 2\n",
    );
    let out = fx.file("out");
    let args = FREYA_ONLY;
    build(&fx, &out, &args);
    let pack = out.join("NM-1009/pack-2026-12-16");
    for reader in ["dad", "mum"] {
        let text = document_text(&pack.join(format!("{reader}-invitation.pdf"))).expect("text");
        assert!(
            text.contains("Holme Vale Civic Centre, Room 2"),
            "{reader}'s invitation: {text}"
        );
    }
    let (code, _, stderr) = crate::output(&mut fx.iro(&["check", "--as-of", "2026-11-27"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("NM-1009.yaml") || !stderr.contains("confidential placement's address"),
        "{stderr}"
    );
    fx.edit(
        "cases/NM-1009.yaml",
        "    venue: Holme Vale Civic Centre, Room 2\n",
        "    venue: Foster home, 5 sorrel  gardens\n",
    );
    let (code, _, stderr) = crate::output(&mut fx.iro(&["check", "--as-of", "2026-11-27"]));
    assert_eq!(code, 0, "{stderr}");
    let warning = stderr
        .split("warning: ")
        .find(|w| w.contains("cases/NM-1009.yaml"))
        .unwrap_or_else(|| panic!("no warning for NM-1009:\n{stderr}"));
    assert!(
        warning.contains("at the confidential placement's address, and family are invited")
            && warning.contains("`meetings[")
            && warning.contains("neutral venue"),
        "{warning}"
    );
    build(&fx, &out, &args);
    let dad = document_text(&pack.join("dad-invitation.pdf")).expect("text");
    assert!(!dad.to_lowercase().contains("sorrel gardens"), "{dad}");
    assert!(
        dad.contains("to be told to you by the Independent Reviewing Officer"),
        "{dad}"
    );
    let carer = document_text(&pack.join("gareth-invitation.pdf")).expect("text");
    assert!(carer.contains("5 sorrel gardens"), "{carer}");
}

/// A person marked `no_contact` is sent nothing, and `iro due` says so. See: issue 22.
#[test]
fn r22_a_no_contact_person_gets_nothing() {
    let fx = Fixture::example_unsent();
    let out = fx.file("out");
    build(&fx, &out, &FREYA_ONLY);
    let manifest: Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    let paths: Vec<&str> = manifest["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .filter_map(|e| e["path"].as_str())
        .collect();
    assert!(paths.iter().any(|p| p.contains("/dad-")), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("uncle")), "{paths:?}");
    for p in &paths {
        let text = words_of(&out, p);
        assert!(!text.contains("Dean Whitlock"), "{p} names the uncle");
    }
    let (code, stdout, stderr) =
        crate::output(&mut fx.iro(&["due", "--as-of", "2026-11-27", "--within", "60"]));
    assert_eq!(code, 0, "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.contains("NM-1009") && l.contains("onsultation"))
        .unwrap_or_else(|| panic!("no pack line for NM-1009:\n{stdout}"));
    assert!(
        line.contains("nothing to Dean Whitlock (no contact)"),
        "{line}"
    );
}

/// A household that looks after a child whose placement is confidential (FC-204 has Freya)
/// is named, with its address, in another child's family copies unless that placement is
/// confidential too: `iro check` says so. Found by review. See: issue 22.
#[test]
fn r22_a_household_shared_with_a_confidential_placement_is_warned_about() {
    let fx = Fixture::example_unsent();
    let check = |fx: &Fixture| {
        let (code, _, stderr) = crate::output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
        assert_eq!(code, 0, "{stderr}");
        stderr
    };
    let stderr = check(&fx);
    let warning = stderr
        .split("warning: ")
        .find(|w| w.contains("also looks after `NM-1009`"))
        .unwrap_or_else(|| panic!("no warning for the shared household:\n{stderr}"));
    assert!(warning.contains("cases/NM-1003.yaml:"), "{warning}");
    assert!(warning.contains("confidential: true"), "{warning}");
    fx.edit(
        "cases/NM-1003.yaml",
        "    carer: FC-204\n",
        "    carer: FC-204\n    confidential: true\n",
    );
    assert!(!check(&fx).contains("also looks after"));
}
