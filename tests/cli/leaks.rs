//! The leak scan (issue 9) over a full build of the example service: no copy for a parent or
//! the public holds a confidential placement address, and the public site holds no child's
//! name. (That no child's documents name another child is `build::no_childs_documents_name_
//! another_child`; the site's wider scan is `site::the_site_holds_nothing_from_any_case_file`.)

use std::collections::BTreeMap;
use std::fs;

use crate::Fixture;
use crate::build::{build, document_text};

#[test]
fn no_family_or_public_copy_holds_a_confidential_address() {
    let fx = Fixture::example();
    // Freya's father asks for Braille and audio, so his copies in those formats are scanned
    // too (the BRF read back to print by liblouis; the recording speaks the same words).
    fx.edit(
        "cases/NM-1009.yaml",
        "    role: father\n",
        "    role: father\n    formats: [braille, audio]\n",
    );
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--date", crate::AS_OF, "--as-of", "2026-11-27"],
    );
    // Every confidential address line, by case.
    let mut secret: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut names: Vec<String> = Vec::new();
    for entry in fs::read_dir(fx.file("cases")).expect("cases") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("case");
        let (case, _) = iro::load::yaml::parse(&text).expect("yaml");
        let id = case["id"].as_str().expect("id").to_owned();
        names.push(
            case["child"]["legal_name"]
                .as_str()
                .expect("name")
                .to_owned(),
        );
        for p in case["placements"].as_array().into_iter().flatten() {
            if p["confidential"] == true {
                for line in p["address"]["lines"].as_array().into_iter().flatten() {
                    let line = line.as_str().expect("a line");
                    // A town's name is no secret; the street and house are.
                    if line.chars().any(|c| c.is_ascii_digit()) {
                        secret.entry(id.clone()).or_default().push(line.to_owned());
                    }
                }
                if let Some(postcode) = p["address"]["postcode"].as_str() {
                    secret
                        .entry(id.clone())
                        .or_default()
                        .push(postcode.to_owned());
                }
            }
        }
    }
    assert!(
        !secret.is_empty(),
        "the example service has a confidential placement"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    let text_of = |rel: &str| document_text(&out.join(rel)).unwrap_or_default();
    let (mut family, mut other, mut braille) = (0, 0, 0);
    for e in manifest["outputs"].as_array().expect("outputs") {
        let rel = e["path"].as_str().expect("path");
        let audience = e["audience"].as_str().expect("audience");
        if matches!(audience, "parent" | "public") {
            let text = text_of(rel);
            for lines in secret.values() {
                for line in lines {
                    assert!(
                        !text.contains(line.as_str()),
                        "{rel} ({audience}) holds `{line}`"
                    );
                }
            }
            family += 1;
            if rel.ends_with(".brf") {
                assert!(text.contains("Freya"), "{rel} reads back as {text}");
                braille += 1;
            }
        }
        if rel.starts_with("site/") {
            let text = text_of(rel);
            for name in &names {
                assert!(!text.contains(name.as_str()), "{rel} names {name}");
            }
            other += 1;
        }
    }
    assert!(family > 50, "only {family} family or public files scanned");
    assert!(
        braille >= 2,
        "only {braille} Braille copies for family scanned"
    );
    // The scan would see an address in Braille: each secret line reads back as itself.
    let brf = out.join("round-trip.brf");
    for line in secret.values().flatten() {
        let cells = iro::typeset::braille::blocks_to_brf(
            &[iro::typeset::plain::Block::Paragraph(line.clone())],
            &iro::typeset::tools::LIBLOUIS.find().expect("liblouis"),
        )
        .expect("brailled");
        fs::write(&brf, cells).expect("write");
        let back = document_text(&brf).expect("text");
        assert!(
            back.contains(line.as_str()),
            "`{line}` reads back as `{back}`"
        );
    }
    assert!(other > 20, "only {other} site files scanned");
}
