//! Documents in the reader's language (issue 17): a child whose `language:` is `cy` gets the
//! Welsh wording from `templates/cy/`, with Welsh dates and the PDF's language `cy`; a reader
//! whose language has no templates gets the English wording, opening with a line that says so;
//! `iro check` names what each language a reader needs is missing, and `iro today` lists each
//! document that needs a translation with its reader.
//!
//! Dates worked out by hand: T-0001's letter is dated Wednesday 25 November 2026 (the tests'
//! `AS_OF`); the child became looked after on Monday 2 November 2026, so the first review is
//! due within 20 working days, by Monday 30 November 2026.

use crate::build::{add_case, build, pdf_text, squash};
use crate::{Fixture, output};

const LETTER: &str = "T-0001/introduction-letter.pdf";

/// The example service with T-0001, a child of ten, whose language is `language`.
fn child_speaking(language: &str) -> Fixture {
    child_speaking_with(language, "[]")
}

/// The same, with the child's `formats:`.
pub fn child_speaking_with(language: &str, formats: &str) -> Fixture {
    let fx = Fixture::example();
    add_case(&fx, "Elis", "Sian Morgan", formats);
    fx.edit(
        "cases/T-0001.yaml",
        &format!("  formats: {formats}\n"),
        &format!("  formats: {formats}\n  language: {language}\n"),
    );
    fx
}

#[test]
fn a_welsh_child_gets_the_welsh_letter_with_welsh_dates() {
    let fx = child_speaking("cy");
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "T-0001", "--only", "introduction-letter"],
    );
    let text = squash(&pdf_text(&out.join(LETTER)));
    says_in_welsh(
        &text,
        &[
            "Helo Elis, fi yw dy Swyddog Adolygu Annibynnol",
            "Beth yw Swyddog Adolygu Annibynnol?",
            "Rhaid cynnal dy adolygiad cyntaf erbyn dydd Llun 30 Tachwedd 2026.",
            "Sian Morgan yw dy weithiwr cymdeithasol",
            "25 Tachwedd 2026",
            "Ein cyf: T-0001",
            "Tudalen 1 o 3",
            "Cofion gorau,",
        ],
        &[
            "Hello Elis",
            "November",
            "Monday 30",
            "Page 1",
            "Our ref",
            "in English",
        ],
    );
    assert_eq!(pdf_language(&out.join(LETTER)), "cy");
}

/// NM-1003's pack for its review of 9 December 2026, built two days after the tests' day, with
/// the language of the person whose block has each `role:` line set.
fn nm1003_pack(languages: &[(&str, &str)]) -> (Fixture, std::path::PathBuf) {
    nm1003_pack_of(Fixture::example(), languages)
}

fn nm1003_pack_of(fx: Fixture, languages: &[(&str, &str)]) -> (Fixture, std::path::PathBuf) {
    for (role, language) in languages {
        fx.edit(
            "cases/NM-1003.yaml",
            role,
            &format!("{role}    language: {language}\n"),
        );
    }
    let out = fx.file("out");
    let args = [
        "--case",
        "NM-1003",
        "--only",
        "packs",
        "--as-of",
        "2026-11-27",
    ];
    build(&fx, &out, &args);
    (fx, out.join("NM-1003/pack-2026-12-09"))
}

#[test]
fn a_language_with_no_templates_gets_english_and_says_so() {
    // Gemma Turner, NM-1003's mother, reads Polish; nothing is translated into it.
    let (_fx, pack) = nm1003_pack(&[("    role: mother\n", "pl")]);
    let mum = squash(&pdf_text(&pack.join("mum-invitation.pdf")));
    let line = "This letter is in English because we do not have it in Polish yet. \
        If you would like it in Polish, or read to you by an interpreter, please ask us";
    assert!(mum.contains(line), "{mum}");
    assert!(mum.contains("An interpreter is free."), "{mum}");
    assert!(mum.contains("Wednesday 9 December 2026"), "{mum}");
    // Her letter is English, and says it is; her partner's has no such line.
    assert_eq!(pdf_language(&pack.join("mum-invitation.pdf")), "en");
    let dad = squash(&pdf_text(&pack.join("dad-invitation.pdf")));
    assert!(!dad.contains("in English because"), "{dad}");
}

/// NM-1003's review is booked for Wednesday 9 December 2026, with answers back by Friday 4
/// December 2026 (see `packs.rs`); Lily-Mae (nine) and her father read Welsh.
#[test]
fn welsh_readers_get_welsh_invitations() {
    let fx = Fixture::example();
    fx.edit("cases/NM-1003.yaml", "  language: en\n", "  language: cy\n");
    let (_fx, pack) = nm1003_pack_of(fx, &[("    role: father\n", "cy")]);
    let child = squash(&pdf_text(&pack.join("child-invitation.pdf")));
    for want in [
        "Mae dy adolygiad yn dod",
        "Helo Lily-Mae Turner,",
        "Diwrnod: dydd Mercher 9 Rhagfyr 2026",
        "erbyn dydd Gwener 4 Rhagfyr 2026",
    ] {
        assert!(child.contains(want), "`{want}` missing:\n{child}");
    }
    let dad = squash(&pdf_text(&pack.join("dad-invitation.pdf")));
    for want in [
        "Gwahoddiad i adolygiad",
        "Dyddiad: dydd Mercher 9 Rhagfyr 2026",
        "Yn gywir,",
    ] {
        assert!(dad.contains(want), "`{want}` missing:\n{dad}");
    }
    assert_eq!(pdf_language(&pack.join("dad-invitation.pdf")), "cy");
    // Their mother reads English, and her copy is as it always was.
    let mum = squash(&pdf_text(&pack.join("mum-invitation.pdf")));
    assert!(mum.contains("Wednesday 9 December 2026"), "{mum}");
    assert_eq!(pdf_language(&pack.join("mum-invitation.pdf")), "en");
}

#[test]
fn check_names_the_welsh_that_is_missing() {
    let fx = child_speaking("cy");
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 0, "{stderr}");
    let said: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("no Welsh (`cy`)"))
        .collect();
    assert_eq!(said.len(), 1, "one warning for Welsh:\n{stderr}");
    // The Welsh introduction letters and letters after a review are there; the notice that a
    // review moved is not yet.
    assert!(
        !stderr.contains("cy/letters/introduction/8-to-12.md"),
        "{stderr}"
    );
    assert!(stderr.contains("T-0001"), "{stderr}");
}

#[test]
fn a_welsh_childs_letter_after_a_review_is_in_welsh() {
    // Malachi (NM-1010) is 8; his review of Thursday 22 October 2026 was held and its
    // decisions have `for_child` wording. With nothing sent, the build makes his letter.
    let fx = Fixture::example_unsent();
    fx.edit(
        "cases/NM-1010.yaml",
        "  pronouns: he/him\n  language: en\n",
        "  pronouns: he/him\n  language: cy\n",
    );
    let out = fx.file("out");
    build(&fx, &out, &["--case", "NM-1010", "--only", "review-letter"]);
    let letter = out.join("NM-1010/record-2026-10-22-lac-review/child-letter.pdf");
    let text = squash(&pdf_text(&letter));
    says_in_welsh(
        &text,
        &[
            "Beth ddigwyddodd yn dy adolygiad",
            "Diolch am ddod i dy adolygiad ar ddydd Iau 22 Hydref 2026,",
            "Bydda i'n gwneud yn siŵr bod y pethau hyn yn digwydd.",
            // A decision's owner by name alone: the role words are English.
            "Pwy fydd yn ei wneud: Ryan Whitaker Erbyn pryd: dydd Gwener 18 Rhagfyr 2026",
            "Cofion gorau,",
        ],
        &[
            "Dear Malachi",
            "October",
            "What we talked about",
            "social worker,",
        ],
    );
    assert_eq!(pdf_language(&letter), "cy");
}

#[test]
fn today_lists_the_documents_that_need_a_translation_with_their_reader() {
    // NM-1008's mother, Katarzyna Wróbel, reads Polish; iro has no Polish templates, so her
    // invitation to the review of 12 January 2027 is made in English and listed.
    let fx = Fixture::example();
    let out = fx.file("out");
    let day = ["--as-of", "2026-12-10"];
    build(&fx, &out, &[day[0], day[1], "--case", "NM-1008"]);
    let today = |json: bool| {
        let mut args = vec![
            "today",
            "--out",
            out.to_str().expect("utf-8 path"),
            day[0],
            day[1],
        ];
        if json {
            args.push("--json");
        }
        let (code, stdout, stderr) = output(&mut fx.iro(&args));
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let list = today(false);
    let section = list
        .split("\nTranslation needed: ")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("no section `Translation needed`:\n{list}"));
    let mum = "  NM-1008 Zuzanna Wróbel: Invitation to a review for Katarzyna Wróbel, in English: \
               no Polish yet (templates/pl/packs/invitation/adult.md)";
    assert!(section.lines().any(|l| l == mum), "{section}");
    // Readers with no `language:` of their own (the social worker, the teacher) are not listed.
    assert!(!section.contains("Jessica Holroyd"), "{section}");
    assert!(!section.contains("Laura Benn"), "{section}");

    let json: serde_json::Value = serde_json::from_str(&today(true)).expect("json");
    let invitation = (json["send"].as_array().expect("send"))
        .iter()
        .find(|i| i["reader_name"] == "Katarzyna Wróbel" && i["kind"] == "pack-invitation")
        .expect("her invitation");
    assert_eq!(invitation["language"], "pl");
    assert_eq!(invitation["translation_needed"]["name"], "Polish");
    assert_eq!(
        invitation["translation_needed"]["templates"][0],
        "pl/packs/invitation/adult.md"
    );
}

/// Asserts a Welsh document's text has each of `welsh` and none of `english`.
fn says_in_welsh(text: &str, welsh: &[&str], english: &[&str]) {
    for want in welsh {
        assert!(text.contains(want), "`{want}` missing:\n{text}");
    }
    for english in english {
        assert!(
            !text.contains(english),
            "`{english}` in the Welsh letter:\n{text}"
        );
    }
}

/// The language a PDF's XMP metadata gives (`dc:language`), as `pdfinfo -meta` prints it.
pub fn pdf_language(file: &std::path::Path) -> String {
    let meta = std::process::Command::new("pdfinfo")
        .arg("-meta")
        .arg(file)
        .output()
        .expect("pdfinfo runs (poppler-utils)");
    let meta = String::from_utf8_lossy(&meta.stdout);
    let after = meta
        .split("<dc:language>")
        .nth(1)
        .unwrap_or_else(|| panic!("no dc:language in\n{meta}"));
    let value = after.split("</dc:language>").next().unwrap_or_default();
    // An rdf:Bag of rdf:li items: the first is the document's language.
    let inner = value.split("<rdf:li>").nth(1).unwrap_or(value);
    inner
        .split('<')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}
