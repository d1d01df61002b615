//! Fillable PDF forms (issue 19): a reader whose `formats:` include `fillable-pdf` gets the
//! print form with form fields over its boxes. The fields are read back, filled in and
//! tampered with by pypdf (`fillable/fields.py`; Debian's python3-pypdf, which
//! scripts/test-deps installs), an independent tool, and the filled-in copy is imported.
//! See: issue 19.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::build::{build, pdf_text, squash};
use crate::{Fixture, output};

const AS_OF: &str = "2026-11-27";
const PACK: &str = "NM-1003/pack-2026-12-09";

/// Runs `fillable/fields.py` with `args`; its standard output.
fn fields_py(args: &[&str]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/fillable/fields.py");
    let out = Command::new(crate::python_with("pypdf", "python3-pypdf"))
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "fields.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn listing(file: &Path) -> Value {
    serde_json::from_str(&fields_py(&["list", file.to_str().unwrap()])).expect("JSON")
}

fn names(listing: &Value) -> BTreeSet<String> {
    (listing["fields"].as_array().unwrap().iter())
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect()
}

/// NM-1003's child (Lily-Mae, 9: the 8 to 12 form) and her mum (the parent form) ask for
/// fillable forms; her packs built as of `AS_OF`.
fn built() -> (Fixture, PathBuf) {
    let fx = Fixture::example();
    fx.edit(
        "cases/NM-1003.yaml",
        "  pronouns: she/her\n",
        "  pronouns: she/her\n  formats: [fillable-pdf]\n",
    );
    fx.edit(
        "cases/NM-1003.yaml",
        "    role: mother\n",
        "    role: mother\n    formats: [fillable-pdf]\n",
    );
    let out = fx.file("out");
    build(
        &fx,
        &out,
        &["--case", "NM-1003", "--only", "packs", "--as-of", AS_OF],
    );
    (fx, out)
}

/// The fields iro gives a form, worked out from its questions by hand: a field per question,
/// a child field per box for `choose`, `people` (Mum's form lists 7 others, the child's
/// form 7) and `where-when`.
fn expected_fields(form: &str, people: usize) -> BTreeSet<String> {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(form)).unwrap();
    let (value, _) = iro::load::yaml::parse(&text).expect("form");
    let mut out = BTreeSet::new();
    for section in value["sections"].as_array().unwrap() {
        for q in section["questions"].as_array().unwrap() {
            let id = q["id"].as_str().unwrap();
            match q["answer"].as_str().unwrap() {
                "choose" => {
                    for i in 0..q["options"].as_array().unwrap().len() {
                        out.insert(format!("{id}.{i}"));
                    }
                }
                "people" => {
                    for i in 0..people {
                        out.insert(format!("{id}.{i}"));
                    }
                    out.insert(format!("{id}.else"));
                }
                "where-when" => {
                    out.insert(format!("{id}.where"));
                    out.insert(format!("{id}.when"));
                }
                _ => {
                    out.insert(id.to_owned());
                }
            }
        }
    }
    out
}

/// A page drawn in grey at 72 dpi (one pixel a point), as rows of bytes.
fn page_pixels(file: &Path, page: usize) -> (usize, usize, Vec<u8>) {
    let n = (page + 1).to_string();
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "72", "-f", &n, "-l", &n])
        .arg(file)
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(out.status.success(), "pdftoppm failed");
    let (w, pixels) = crate::build::pgm(&out.stdout);
    let h = pixels.len() / w;
    (w, h, pixels)
}

/// Whether there is ink (darker than light grey) within 2 pt of the point `(x, y)` in PDF
/// coordinates (from the page's foot).
fn ink_near(page: &(usize, usize, Vec<u8>), x: f64, y: f64) -> bool {
    let (w, h, pixels) = page;
    let (cx, cy) = (x.round() as i64, *h as i64 - y.round() as i64);
    (-2..=2).any(|dy| {
        (-2..=2).any(|dx| {
            let (px, py) = (cx + dx, cy + dy);
            px >= 0
                && py >= 0
                && (px as usize) < *w
                && (py as usize) < *h
                && pixels[py as usize * w + px as usize] < 200
        })
    })
}

#[test]
fn r19_a_fillable_form_has_a_tagged_field_over_every_box_the_layout_draws() {
    let (_fx, out) = built();
    for (reader, form, people) in [
        ("child", "forms/child-8-12.yaml", 7),
        ("mum", "forms/parent.yaml", 7),
    ] {
        let fillable = out.join(format!("{PACK}/{reader}-form.fillable.pdf"));
        let print = out.join(format!("{PACK}/{reader}-form.pdf"));
        assert!(fillable.is_file(), "no fillable form for {reader}");
        let list = listing(&fillable);
        assert_eq!(
            names(&list),
            expected_fields(form, people),
            "{reader}'s fields"
        );
        assert_eq!(list["links"], 0, "every mark became a field");
        assert_eq!(list["mark"]["Case"], "NM-1003");
        assert_eq!(list["mark"]["Review"], "2026-12-09");
        assert_eq!(list["mark"]["From"], reader);
        // The same words as the print copy.
        assert_eq!(
            squash(&pdf_text(&fillable)),
            squash(&pdf_text(&print)),
            "{reader}"
        );
        for tab in list["tabs"].as_array().unwrap() {
            assert_eq!(tab, "/S", "pages take fields in structure order");
        }
        for field in list["fields"].as_array().unwrap() {
            let name = field["name"].as_str().unwrap();
            assert!(
                !field["tu"].as_str().unwrap().is_empty(),
                "{name} has no accessible name"
            );
            for widget in field["widgets"].as_array().unwrap() {
                assert_eq!(widget["subtype"], "/Widget");
                assert_eq!(
                    widget["element"], "/Form",
                    "{name} is not in a Form element"
                );
                let page = widget["page"].as_u64().expect("the widget's page") as usize;
                let r: Vec<f64> = serde_json::from_value(widget["rect"].clone()).unwrap();
                let pixels = page_pixels(&fillable, page);
                let (mid_x, mid_y) = ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
                if field["type"] == "/Tx" {
                    // Ruled lines: the last one at the box's foot, across its width.
                    for x in [r[0] + 5.0, mid_x, r[2] - 5.0] {
                        assert!(
                            ink_near(&pixels, x, r[1]),
                            "{name}: no rule under the field at x {x}"
                        );
                    }
                } else {
                    // A box's or a face's outline at the middle of each side.
                    for (x, y) in [(r[0], mid_y), (r[2], mid_y), (mid_x, r[1]), (mid_x, r[3])] {
                        assert!(ink_near(&pixels, x, y), "{name}: no outline at ({x}, {y})");
                    }
                    assert!(
                        widget["states"].as_array().unwrap().len() == 2,
                        "{name}: on and off looks"
                    );
                }
            }
        }
        // A radio group of faces has a button over each face (`options` in the form).
        if reader == "child" {
            let faces = (list["fields"].as_array().unwrap().iter())
                .find(|f| f["name"] == "home-feel")
                .unwrap();
            assert_eq!(faces["type"], "/Btn");
            assert_eq!(
                faces["widgets"].as_array().unwrap().len(),
                5,
                "five faces, from very sad to very happy"
            );
        }
    }
    // Letters are not made fillable.
    assert!(
        !out.join(format!("{PACK}/child-invitation.fillable.pdf"))
            .exists()
    );
}

/// Fills the child's fillable form with pypdf; the filled-in copy's path.
fn filled(fx: &Fixture, out: &Path, answers: Value) -> PathBuf {
    let form = out.join(format!("{PACK}/child-form.fillable.pdf"));
    let answers_file = fx.file("answers.json");
    fs::write(&answers_file, answers.to_string()).unwrap();
    let filled = fx.file("NM-1003-child-form-filled.pdf");
    fields_py(&[
        "fill",
        form.to_str().unwrap(),
        filled.to_str().unwrap(),
        answers_file.to_str().unwrap(),
    ]);
    filled
}

fn import(fx: &Fixture, file: &Path) -> (i32, String, String) {
    let file = file.to_str().unwrap();
    output(&mut fx.iro(&["import-responses", "--yes", "--date", "2026-11-30", file]))
}

#[test]
fn r19_a_form_filled_in_by_another_program_imports_with_the_case_files_comments_kept() {
    let (fx, out) = built();
    let before = fx.read("cases/NM-1003.yaml");
    let words = "Kai says *hello* <script>x</script> #read(\"y\") — ŵy Zoë 🎈";
    let file = filled(
        &fx,
        &out,
        json!({
            "going-well": words,
            "home-feel": "3",
            "school-help": "1",
            "health-talk": "0",
            "review-people.0": "Yes",
            "review-people.else": "my friend Zoë",
            "review-where-when.where": "at school",
            "review-where-when.when": "after 3pm",
        }),
    );
    let (code, stdout, stderr) = import(&fx, &file);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("+    responses:"), "{stdout}");
    assert_eq!(fx.read("cases/NM-1003.yaml.bak"), before);
    let after = fx.read("cases/NM-1003.yaml");
    assert!(
        after.starts_with(&before[..before.find("meetings:").unwrap()]),
        "comments kept"
    );
    assert!(
        after.contains("# Hollin Bank Primary School."),
        "a comment in the people list"
    );
    let (value, _) = iro::load::yaml::parse(&after).expect("valid yaml");
    let response = &value["meetings"][0]["responses"][0];
    assert_eq!(response["from"], "child");
    assert_eq!(response["form"], "child-8-12");
    assert_eq!(response["received"], "2026-11-30");
    let answers = &response["answers"];
    assert_eq!(answers["going-well"], words);
    assert_eq!(answers["home-feel"], "Happy");
    assert_eq!(answers["school-help"], "Sometimes");
    assert_eq!(answers["health-talk"], "Yes");
    // The first person listed on her form, and the name she wrote in.
    let people = answers["review-people"].as_array().unwrap();
    assert_eq!(people.len(), 2, "{people:?}");
    assert_eq!(people[1], "my friend Zoë");
    assert_eq!(answers["review-where-when"]["where"], "at school");
    assert_eq!(answers["review-where-when"]["when"], "after 3pm");
    assert!(
        answers.get("school-feel").is_none(),
        "a face not chosen is no answer"
    );
}

#[test]
fn r19_a_pdf_iro_did_not_make_for_that_review_or_with_renamed_fields_is_refused() {
    let (fx, out) = built();
    let before = fx.read("cases/NM-1003.yaml");
    let nothing_written = |fx: &Fixture| {
        assert_eq!(fx.read("cases/NM-1003.yaml"), before);
        assert!(!fx.file("cases/NM-1003.yaml.bak").exists());
    };
    // The print copy: no fields, no mark.
    let print = out.join(format!("{PACK}/child-form.pdf"));
    let (code, _, stderr) = import(&fx, &print);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("not a fillable form made by iro"),
        "{stderr}"
    );
    assert!(
        stderr.contains("child-form.pdf"),
        "names the file: {stderr}"
    );
    nothing_written(&fx);

    // A field renamed.
    let form = out.join(format!("{PACK}/child-form.fillable.pdf"));
    let renamed = fx.file("renamed.pdf");
    fields_py(&[
        "rename",
        form.to_str().unwrap(),
        renamed.to_str().unwrap(),
        "home-feel",
        "home",
    ]);
    let (code, _, stderr) = import(&fx, &renamed);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("a field `home`"), "{stderr}");
    assert!(stderr.contains("no field `home-feel`"), "{stderr}");
    nothing_written(&fx);

    // Made for the review before it moved to another day.
    let file = filled(&fx, &out, json!({ "home-feel": "2" }));
    fx.edit(
        "cases/NM-1003.yaml",
        "    date: 2026-12-09\n",
        "    date: 2026-12-10\n",
    );
    let moved = fx.read("cases/NM-1003.yaml");
    let (code, _, stderr) = import(&fx, &file);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("has no review on 2026-12-09"), "{stderr}");
    assert_eq!(fx.read("cases/NM-1003.yaml"), moved);
    assert!(!fx.file("cases/NM-1003.yaml.bak").exists());
}
