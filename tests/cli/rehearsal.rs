//! `iro check` proves the build (issue 14): it rehearses one document of every template,
//! layout and theme the build would use, so what would fail every document in `iro build`
//! fails `iro check` instead, at its file and line.

use crate::{AS_OF, Fixture, output};

fn check(fx: &Fixture) -> (i32, String) {
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    (code, stderr)
}

/// The line of `text` (from 1) that holds `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in the file"))
        + 1
}

/// See: issue 14.
#[test]
fn r14_a_syntax_error_in_a_layout_is_a_check_error_at_its_line() {
    for layout in ["letter.typ", "form.typ"] {
        let fx = Fixture::example();
        let file = format!("templates/layouts/{layout}");
        let text = fx.read(&file);
        // An unclosed bracket on the first `#let` line.
        let line = line_of(&text, "#let ");
        fx.write(&file, text.replacen("#let ", "#let ((", 1));
        let (code, stderr) = check(&fx);
        assert_eq!(code, 1, "{layout}: {stderr}");
        assert!(
            stderr.contains(&format!("{file}:{line}:")),
            "{layout} at line {line}: {stderr}"
        );
        // Said once, not once per document.
        assert_eq!(
            stderr.matches(&format!("--> {file}")).count(),
            1,
            "{stderr}"
        );
    }
}

/// A record template is not scored for reading level, so only the rehearsal renders it.
/// See: issue 14.
#[test]
fn r14_a_template_naming_a_field_no_view_has_is_a_check_error() {
    let fx = Fixture::example();
    let file = "templates/records/lac-review.md";
    let text = fx.read(file);
    let text = text.replacen(
        "## The meeting\n",
        "## The meeting\n\nShoe size: {{ child.shoe_size }}\n",
        1,
    );
    let line = line_of(&text, "shoe_size");
    fx.write(file, &text);
    let (code, stderr) = check(&fx);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&format!("{file}:{line}:")), "{stderr}");
    assert!(stderr.contains("shoe_size"), "{stderr}");
}

/// The example service rehearses clean, so a check that passes can be trusted.
/// See: issue 14.
#[test]
fn r14_the_example_rehearses_without_a_problem() {
    let fx = Fixture::example();
    let (code, stderr) = check(&fx);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("cannot typeset"), "{stderr}");
}
