//! Words for the reader (issue 18): what a child reads is written to them, in the order the
//! IRO wrote it, and a web page letter carries what its print copy does.
//!
//! T-0001 (from `build::add_case`) became looked after on Monday 2 November 2026; given a
//! date of birth of 1 June 2020 here, the child is 6 on the tests' day (25 November 2026).

use crate::Fixture;
use crate::build::{add_case, build, pdf_text, squash};

/// A six-year-old's introduction letter says nothing of the IRO's pronouns, which a child of
/// that age does not need in the second sentence of their first letter.
#[test]
fn r18_an_under_8s_letter_has_no_pronoun_sentence() {
    let fx = Fixture::example();
    add_case(&fx, "Poppy", "Sian Morgan", "[]");
    fx.edit("cases/T-0001.yaml", "2016-06-01", "2020-06-01");
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "T-0001", "--only", "introduction-letter"],
    );
    let text = squash(&pdf_text(&out.join("T-0001/introduction-letter.pdf")));
    assert!(text.contains("Hello Poppy"), "{text}");
    assert!(text.contains("You can call me Helen."), "{text}");
    assert!(!text.contains("she/her"), "{text}");
    assert!(!text.contains("When people talk about me"), "{text}");
}

/// Malachi (NM-1010, 8 at his review of Thursday 22 October 2026): a decision with no
/// `for_child:` wording reaches his letter as a gentle line, not in the record's words, and
/// `iro check` names the decision. The areas talked about print in the order written.
#[test]
fn r18_a_young_childs_letter_has_no_decision_in_the_records_words() {
    let (fx, dir) = crate::welsh::nm1010_review(&[], "review-letter");
    let case = fx.read("cases/NM-1010.yaml");
    // Take the `for_child:` wording off the review's first decision.
    let first = case
        .lines()
        .skip_while(|l| !l.contains("date: 2026-10-22"))
        .find(|l| l.trim_start().starts_with("for_child: ") && l.starts_with("        "))
        .expect("a decision's for_child line")
        .to_owned();
    let record_words = case
        .lines()
        .skip_while(|l| !l.contains("date: 2026-10-22"))
        .find(|l| l.trim_start().starts_with("- text: "))
        .expect("a decision")
        .trim_start()
        .trim_start_matches("- text: ")
        .to_owned();
    let letter = squash(&pdf_text(&dir.join("child-letter.pdf")));
    assert!(
        !letter.contains("The grown-ups agreed something"),
        "{letter}"
    );
    fx.edit("cases/NM-1010.yaml", &format!("{first}\n"), "");
    let out = fx.file("out2");
    build(&fx, &out, &["--case", "NM-1010", "--only", "review-letter"]);
    let letter = squash(&pdf_text(
        &out.join("NM-1010/record-2026-10-22-lac-review/child-letter.pdf"),
    ));
    assert!(
        letter.contains("The grown-ups agreed something to help with your plan. Ask me or your carer what it is."),
        "{letter}"
    );
    assert!(
        !letter.contains(&record_words),
        "`{record_words}` in\n{letter}"
    );
    let (_, _, stderr) = crate::output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    let warning = (stderr.lines())
        .find(|l| l.contains("Malachi's letter after the review of 2026-10-22"))
        .unwrap_or_else(|| panic!("no warning:\n{stderr}"));
    assert!(warning.contains("decisions[0]"), "{warning}");
}

/// A record prints a child's answers in the order of the form, not by their ids' letters:
/// `school-feel` sorts before `home-feel`, but the form asks about home first.
#[test]
fn r18_answers_keep_the_forms_order() {
    let attended = "    attended: [child, nan, maxine, teacher, social-worker, iro]\n";
    let answered = format!(
        "{attended}    responses:\n      - from: child\n        form: child-8-12\n        answers: {{ school-feel: OK, home-feel: Happy }}\n"
    );
    let (_fx, dir) = crate::welsh::nm1010_review(&[(attended, &answered)], "record");
    let text = squash(&pdf_text(&dir.join("social-worker.pdf")));
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("no `{s}` in\n{text}"))
    };
    assert!(
        at("about where you live? Happy") < at("about school? OK"),
        "{text}"
    );
}

/// A child's form names each person invited as the child knows them, and says to tick the
/// tick boxes; the answers are still saved by name.
#[test]
fn r18_a_childs_form_names_family_as_the_child_does() {
    let (_fx, pack) = crate::welsh::nm1003_pack(&[]);
    let text = squash(&pdf_text(&pack.join("child-form.pdf")));
    for want in [
        "Tick the people you want.",
        "Kieran, your social worker",
        "Mum (Gemma)",
        "Dad (Liam)",
        "Mrs Karim, your teacher",
    ] {
        assert!(text.contains(want), "`{want}` not in\n{text}");
    }
    assert!(!text.contains("Gemma Turner"), "{text}");
    // A parent's form lists people by name.
    let mum = squash(&pdf_text(&pack.join("mum-form.pdf")));
    assert!(!mum.contains("Mum (Gemma)"), "{mum}");
}

/// A letter's web page opens with its letterhead and date, and its phone numbers and emails
/// can be tapped; an easy read reader's page is in easy read words and type.
#[test]
fn r18_a_web_page_letter_has_its_letterhead_and_links() {
    let fx = Fixture::example();
    add_case(&fx, "Poppy", "Sian Morgan", "[html, easy-read]");
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "T-0001", "--only", "introduction-letter"],
    );
    let page = std::fs::read_to_string(out.join("T-0001/introduction-letter.html")).expect("page");
    let main = &page[page.find("<main>").expect("main")..];
    let header = &main[..main.find("</header>").expect("a letterhead")];
    for want in [
        "Northmoor Independent Reviewing Service",
        "Moorgate House",
        "Our ref: T-0001",
        "25 November 2026",
        "<a href=\"tel:+441632960100\">01632 960100</a>",
        "<a href=\"mailto:helen.okafor@example.org\">helen.okafor@example.org</a>",
    ] {
        assert!(header.contains(want), "`{want}` not in\n{header}");
    }
    // The body's numbers are links too: the IRO's own phone.
    assert!(
        main.contains("<a href=\"tel:+441632960111\">01632 960111</a>"),
        "{main}"
    );
    // Easy read: the page is the easy read letter (its headings, not the 8 to 12 letter's),
    // in easy read type.
    assert!(page.contains("theme-easy-read"), "{page}");
    assert!(page.contains("<h2>Who am I?</h2>"), "{page}");
    assert!(!page.contains("What does independent mean?"), "{page}");
}
