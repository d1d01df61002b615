//! Names in every script the service's children and families write them in print, and read
//! back from the PDF's text layer (what a screen reader reads) and the HTML page exactly,
//! compared after Unicode NFC (issue 17).

use std::fs;

use unicode_normalization::UnicodeNormalization;

use crate::Fixture;
use crate::build::{add_case, build, pdf_text, squash};

/// Fictional names, by script: at least three of each, full names where the script has them.
const NAMES: &[(&str, &[&str])] = &[
    (
        "Latin (Vietnamese)",
        &[
            "Nguyễn Thị Lan",
            "Trần Văn Đức",
            "Phạm Ngọc Ánh",
            "Lê Hoàng Yến",
        ],
    ),
    (
        "Latin (Kurdish)",
        &["Rûken Şêxo", "Jînda Çiya", "Bêrîvan Xelîl"],
    ),
    ("Arabic", &["عبد", "زينب حسن", "مريم", "يوسف"]),
    ("Hebrew", &["נועה", "יונתן לוי", "שרה"]),
    ("Ethiopic (Tigrinya)", &["ሰላም ተስፋይ", "ኣብርሃም መሓሪ"]),
    ("Ethiopic (Amharic)", &["አበበ ከበደ", "ትዕግሥት አለሙ"]),
    ("Chinese", &["李明", "王小红", "陈嘉怡"]),
    ("Japanese", &["さくら", "田中 ゆうき", "ハルト"]),
    ("Korean", &["김민준", "이서연", "박지호"]),
    ("Devanagari", &["प्रिया शर्मा", "अर्जुन", "श्रेया"]),
    ("Bengali", &["রবি", "আয়েশা বেগম", "সুমন"]),
    ("Gurmukhi", &["ਗੁਰਪ੍ਰੀਤ ਕੌਰ", "ਹਰਜੀਤ", "ਸਿਮਰਨ"]),
    ("Tamil", &["தமிழ்செல்வி", "கார்த்திக்", "அருண்"]),
    ("Thai", &["สมชาย", "มาลี", "ศักดิ์ชัย"]),
    ("Cyrillic", &["Жанна Петрова", "Олексій", "Светлана"]),
    ("Greek", &["Ελένη Παπαδοπούλου", "Γιώργος", "Νίκος"]),
];

fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Whether `text` holds `name` between `before` and `after`, exactly: in reading order or
/// (for a right-to-left name, which `pdftotext` gives in visual order) with its letters or
/// its words reversed.
fn holds(text: &str, before: &str, name: &str, after: &str) -> bool {
    let letters: String = name.chars().rev().collect();
    let words: Vec<&str> = name.split(' ').rev().collect();
    [name.to_owned(), letters, words.join(" ")]
        .iter()
        .any(|form| text.contains(&format!("{before}{form}{after}")))
}

/// Every name as a child's preferred name or their social worker's, two to a case, in one
/// build of the cases' introduction letters, each as PDF and HTML.
#[test]
fn names_in_every_script_read_back_from_the_pdf_and_the_html() {
    let all: Vec<(&str, &str)> = NAMES
        .iter()
        .flat_map(|(script, names)| names.iter().map(move |n| (*script, *n)))
        .collect();
    assert!(all.len() >= 40, "{} names", all.len());
    let fx = Fixture::example_unsent();
    for entry in fs::read_dir(fx.file("cases")).expect("cases/") {
        let path = entry.expect("entry").path();
        fs::remove_file(&path).expect("remove case");
    }
    let mut cases = Vec::new();
    for (i, pair) in all.chunks(2).enumerate() {
        let social_worker = pair.get(1).unwrap_or(&pair[0]).1;
        add_case(&fx, pair[0].1, social_worker, "[html]");
        let id = format!("T-{:04}", i + 101);
        let yaml = fx
            .read("cases/T-0001.yaml")
            .replace("id: T-0001", &format!("id: {id}"));
        fs::remove_file(fx.file("cases/T-0001.yaml")).expect("remove");
        fx.write(&format!("cases/{id}.yaml"), yaml);
        cases.push((id, pair.to_vec()));
    }
    let out = fx.file("out");
    build(&fx, &out, &[]);

    let mut wrong = Vec::new();
    for (id, names) in &cases {
        let dir = out.join(id);
        let text = nfc(&squash(&pdf_text(&dir.join("introduction-letter.pdf"))))
            .chars()
            // The bidi embedding marks poppler puts around right-to-left runs.
            .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
            .collect::<String>();
        let html = nfc(&fs::read_to_string(dir.join("introduction-letter.html")).expect("html"));
        let frames = [("Hello ", ","), ("(", " is your social worker)")];
        for ((script, name), (before, after)) in names.iter().zip(frames) {
            let name = nfc(name);
            if *script == "Thai" {
                // Known limit, pinned by `thai_names_come_out_of_the_pdf_once`: a letter with a
                // vowel or tone mark reads twice. Check at least that every letter is there.
                if let Some(c) = name.chars().find(|c| !text.contains(*c)) {
                    wrong.push(format!("Thai `{c}` of `{name}` not in {id}'s PDF text"));
                }
            } else if !holds(&text, before, &name, after) {
                wrong.push(format!(
                    "{script} `{name}` not in {id}'s PDF text:\n{text}\n"
                ));
            }
            if !html.contains(&name) {
                wrong.push(format!("{script} `{name}` not in {id}'s HTML"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Known limit: a Thai letter with a vowel or tone mark above or below it is one cluster of
/// two glyphs, and Typst's PDF/UA export maps each glyph to the whole cluster (krilla gives
/// every glyph of a cluster its text when PDF/UA requires a mapping for each; the right text
/// is also written as `/ActualText`, which Acrobat and Chrome read but poppler's `pdftotext`
/// does not): `มาลี` reads `มาลีลี`. See typst/typst#8767 and #7610.
#[test]
#[ignore = "known limit: Thai letters with marks come out of the PDF text layer twice"]
fn thai_names_come_out_of_the_pdf_once() {
    let fx = Fixture::example_unsent();
    add_case(&fx, "มาลี", "Helen", "[]");
    let out = fx.file("out");
    build(&fx, &out, &["--case", "T-0001"]);
    let text = squash(&pdf_text(&out.join("T-0001/introduction-letter.pdf")));
    assert!(text.contains("Hello มาลี,"), "{text}");
}

/// A letter no font has (an Egyptian hieroglyph) never stops a document: `iro check` warns,
/// naming the case, the field and the documents, and the build makes the letter with `�` in
/// its place, in print and in the text layer.
#[test]
fn a_letter_no_font_has_is_a_warning_and_prints_as_a_replacement() {
    let fx = Fixture::example_unsent();
    add_case(&fx, "Kai 𓀀", "Helen", "[html]");
    let (code, _, stderr) = crate::output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 0, "{stderr}");
    let warning = stderr
        .lines()
        .find(|l| l.contains("T-0001") && l.contains("no font"))
        .unwrap_or_else(|| panic!("no warning for T-0001:\n{stderr}"));
    for part in ["U+13000", "`child.name`", "T-0001/introduction-letter.pdf"] {
        assert!(warning.contains(part), "`{part}` not in `{warning}`");
    }
    let out = fx.file("out");
    let said = build(&fx, &out, &["--case", "T-0001"]);
    assert!(said.contains("U+13000"), "{said}");
    let text = squash(&pdf_text(&out.join("T-0001/introduction-letter.pdf")));
    assert!(text.contains("Hello Kai \u{FFFD},"), "{text}");
    // The web page keeps the letter: a browser may have a font for it.
    let html = fs::read_to_string(out.join("T-0001/introduction-letter.html")).expect("html");
    assert!(html.contains("Kai 𓀀"));
}

/// A service's own `fonts/` folder is searched before the fonts built into iro: with Noto
/// Sans Osage there, a name in Osage script prints, and `iro check` has no warning for it.
#[test]
fn a_font_in_the_services_fonts_folder_draws_what_iro_has_no_font_for() {
    let fx = Fixture::example_unsent();
    let osage = "𐓏𐓘𐓻𐓘𐓻𐓟";
    add_case(&fx, osage, "Helen", "[]");
    let font = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fonts/NotoSansOsage-Regular.ttf"
    );
    fx.write(
        "fonts/NotoSansOsage-Regular.ttf",
        fs::read(font).expect("fixture font"),
    );
    let (code, _, stderr) = crate::output(&mut fx.iro(&["check", "--as-of", crate::AS_OF]));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("no font"), "{stderr}");
    let out = fx.file("out");
    build(&fx, &out, &["--case", "T-0001"]);
    let text = squash(&pdf_text(&out.join("T-0001/introduction-letter.pdf")));
    assert!(text.contains(&format!("Hello {osage},")), "{text}");
}
