//! Welsh consultation forms and the notice that a review moved (issue 17): a reader whose
//! `language:` is `cy` gets the form drawn from its Welsh translation (`forms/cy/`), in print
//! and on screen, with the layout's own words in Welsh; the page saves each choice in the
//! English form's words, so its answers import as an English form's do.
//!
//! Dates worked out by hand: NM-1003's review is booked for Wednesday 9 December 2026, with
//! answers back by Friday 4 December 2026 (see `packs.rs`); moved two days on, it is on
//! Friday 11 December 2026, with answers back by Tuesday 8 December 2026.

use crate::build::{build, pdf_text, squash};
use crate::welsh::{nm1003_pack_of, pdf_language, says_in_welsh};
use crate::{Fixture, output};

/// NM-1003's pack with Lily-Mae (nine) and her father reading Welsh.
fn welsh_pack() -> (Fixture, std::path::PathBuf) {
    let fx = Fixture::example();
    fx.edit("cases/NM-1003.yaml", "  language: en\n", "  language: cy\n");
    nm1003_pack_of(fx, &[("    role: father\n", "cy")])
}

#[test]
fn a_welsh_child_and_parent_get_welsh_forms_in_print() {
    let (_fx, pack) = welsh_pack();
    let child = squash(&pdf_text(&pack.join("child-form.pdf")));
    says_in_welsh(
        &child,
        &[
            "Dweud dy ddweud am dy adolygiad",
            "Enw: Lily-Mae Turner",
            "Adolygiad Plentyn sy'n Derbyn Gofal: dydd Mercher 9 Rhagfyr 2026 am 3:45 y prynhawn",
            "Anfonwch hon yn ôl erbyn dydd Gwener 4 Rhagfyr 2026.",
            "Sut rwyt ti'n teimlo am ble rwyt ti'n byw?",
            "Trist iawn Trist Iawn Hapus Hapus iawn",
            "Wyt ti'n gwybod pwy yw dy SAA",
            "Ble:",
            "Pryd:",
            "Unrhyw un arall:",
            "Tudalen 1 o",
        ],
        &[
            "Have your say",
            "Name:",
            "Please send",
            "Very happy",
            "How do you feel",
            "Looked After Review",
            "Page 1",
            "Anyone else",
        ],
    );
    assert_eq!(pdf_language(&pack.join("child-form.pdf")), "cy");
    let dad = squash(&pdf_text(&pack.join("dad-form.pdf")));
    says_in_welsh(
        &dad,
        &[
            "Eich barn ar gyfer yr adolygiad",
            "Enw: Liam Turner",
            "Am: Lily-Mae Turner",
            "Ydych chi'n deall y cynllun presennol ar gyfer eich plentyn?",
            "Ie Na",
            "Ddim yn dda Gweddol dda Yn dda Yn dda iawn",
            "Cyfarfod â'r SAA ar fy mhen fy hun",
        ],
        &[
            "Your views for the review",
            "About:",
            "Yes",
            "Not well",
            "Questions?",
        ],
    );
    // Their mother reads English, and her form is as it always was.
    let mum = squash(&pdf_text(&pack.join("mum-form.pdf")));
    assert!(mum.contains("Your views for the review"), "{mum}");
    assert!(mum.contains("Name: Gemma Turner"), "{mum}");
    assert_eq!(pdf_language(&pack.join("mum-form.pdf")), "en");
}

#[test]
fn a_welsh_form_page_shows_welsh_and_saves_the_forms_own_words() {
    let (_fx, pack) = welsh_pack();
    let page = std::fs::read_to_string(pack.join("child-form.html")).expect("the page");
    for want in [
        "<html lang=\"cy\">",
        "<h1>Dweud dy ddweud am dy adolygiad</h1>",
        "Ar gyfer: <strong>Lily-Mae Turner</strong>",
        // Shown in Welsh, saved in the English form's words.
        "name=\"home-feel\" value=\"Happy\">",
        "<span>Hapus</span>",
        "name=\"iro-know\" value=\"Yes\"><span>Ie</span>",
        "Cadw fy atebion",
        "data-saved=\"Mae eich atebion wedi'u cadw fel {file}.",
    ] {
        assert!(page.contains(want), "`{want}` missing:\n{page}");
    }
    for english in [
        "Save my answers",
        "Please send your answers",
        ">Happy<",
        ">Yes<",
    ] {
        assert!(!page.contains(english), "`{english}` in the Welsh page");
    }
    let dad = std::fs::read_to_string(pack.join("dad-form.html")).expect("the page");
    assert!(
        dad.contains("Ar gyfer: <strong>Liam Turner</strong> (tad)"),
        "{dad}"
    );
    assert!(dad.contains("<span>Cyfieithydd</span>"), "{dad}");
    assert!(dad.contains("value=\"An interpreter\""), "{dad}");
    let mum = std::fs::read_to_string(pack.join("mum-form.html")).expect("the page");
    assert!(mum.contains("<html lang=\"en\">") && mum.contains("Save my answers"));
}

/// The value the Welsh page saves for the choice it shows as `label` under question `id`.
fn saved_value(page: &str, id: &str, label: &str) -> String {
    let input = format!("name=\"{id}\" value=\"");
    (page.split(&input).skip(1))
        .find_map(|rest| {
            let (value, after) = rest.split_once('"')?;
            let shown = after.split("<span>").nth(1)?.split("</span>").next()?;
            (shown == label).then(|| value.to_owned())
        })
        .unwrap_or_else(|| panic!("no `{label}` for `{id}`"))
}

#[test]
fn answers_from_a_welsh_form_page_import_as_the_english_forms_do() {
    let (fx, pack) = welsh_pack();
    let page = std::fs::read_to_string(pack.join("child-form.html")).expect("the page");
    // What the page saves when Lily-Mae ticks `Hapus` and `Ie`; and one answer typed up by
    // hand from her printed form, in the Welsh it shows (`Gormod`, "too much").
    let answers = serde_json::json!({
        "iro_response": 1,
        "form": "child-8-12",
        "case": "NM-1003",
        "review": "2026-12-09",
        "from": "child",
        "answers": {
            "home-feel": saved_value(&page, "home-feel", "Hapus"),
            "iro-know": saved_value(&page, "iro-know", "Ie"),
            "family-amount": "Gormod",
            "going-well": "Dwi'n hoffi fy ysgol newydd.",
        },
    });
    let file = fx.file("NM-1003-2026-12-09-child.json");
    std::fs::write(&file, answers.to_string()).expect("write");
    let (code, _, stderr) = output(&mut fx.iro(&[
        "import-responses",
        "--date",
        "2026-11-30",
        "--yes",
        file.to_str().expect("utf-8"),
    ]));
    assert_eq!(code, 0, "{stderr}");
    let after = fx.read("cases/NM-1003.yaml");
    let (value, _) = iro::load::yaml::parse(&after).expect("valid yaml");
    let kept = &value["meetings"][0]["responses"][0]["answers"];
    assert_eq!(kept["home-feel"], "Happy");
    assert_eq!(kept["iro-know"], "Yes");
    assert_eq!(kept["family-amount"], "Too much");
    assert_eq!(kept["going-well"], "Dwi'n hoffi fy ysgol newydd.");
    // A word that is no choice in either language is refused, naming the English choices.
    fx.write(
        "NM-1003-2026-12-09-child.json",
        answers.to_string().replace("Gormod", "Llawer gormod"),
    );
    let (code, _, stderr) = output(&mut fx.iro(&[
        "import-responses",
        "--date",
        "2026-11-30",
        "--dry-run",
        file.to_str().expect("utf-8"),
    ]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("Too little, About right, Too much"),
        "{stderr}"
    );
}

#[test]
fn a_welsh_reader_is_told_in_welsh_that_the_review_moved() {
    let fx = Fixture::example();
    fx.edit("cases/NM-1003.yaml", "  language: en\n", "  language: cy\n");
    fx.edit(
        "cases/NM-1003.yaml",
        "    role: father\n",
        "    role: father\n    language: cy\n",
    );
    let out = fx.file("out");
    let day = crate::AS_OF;
    build(&fx, &out, &["--as-of", day]);
    crate::moved::send(&fx, &out, day, &["--case", "NM-1003"]);
    fx.edit(
        "cases/NM-1003.yaml",
        "    date: 2026-12-09\n",
        "    date: 2026-12-11\n",
    );
    build(&fx, &out, &["--as-of", day]);
    let pack = out.join("NM-1003/pack-2026-12-11");
    let child = squash(&pdf_text(&pack.join("child-review-moved.pdf")));
    says_in_welsh(
        &child,
        &[
            "Mae diwrnod newydd i dy adolygiad",
            "Helo Lily-Mae Turner,",
            "Ysgrifennais i atat ti am dy adolygiad, dydd Mercher 9 Rhagfyr 2026.",
            "Diwrnod: dydd Gwener 11 Rhagfyr 2026",
            "Galli di ddefnyddio'r ffurflen anfonais i atat ti o hyd.",
            // Answers are due 3 working days before the review (4 December for the 9th):
            // Thursday 10, Wednesday 9, Tuesday 8 December.
            "anfona hi'n ôl ata i erbyn dydd Mawrth 8 Rhagfyr 2026",
            "Cofion gorau,",
        ],
        &[
            "Your review has a new day",
            "December",
            "Wednesday",
            "Best wishes",
        ],
    );
    assert_eq!(pdf_language(&pack.join("child-review-moved.pdf")), "cy");
    let dad = squash(&pdf_text(&pack.join("dad-review-moved.pdf")));
    says_in_welsh(
        &dad,
        &[
            "Mae'r adolygiad wedi symud",
            "Adolygiad Plentyn sy'n Derbyn Gofal ar gyfer Lily-Mae Turner",
            "Dyddiad: dydd Gwener 11 Rhagfyr 2026",
            // The form he has, by its Welsh title.
            "Mae'r ffurflen anfonais i, Eich barn ar gyfer yr adolygiad, yn dal yn ddilys hefyd.",
            "Yn gywir,",
        ],
        &[
            "Looked After Review",
            "Your views for the review",
            "Dear Liam",
        ],
    );
    let mum = squash(&pdf_text(&pack.join("mum-review-moved.pdf")));
    assert!(mum.contains("The review has moved"), "{mum}");
}
