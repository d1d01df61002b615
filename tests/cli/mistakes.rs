//! Common typing mistakes get the fix in the message, at the character that is wrong: a date
//! written the British way, Word's curly quotes, a tab, a non-breaking space, an email with a
//! comma, a short phone number, and a choice typed up in the wrong case.
//!
//! See: issue 16.

use crate::{AS_OF, Fixture, output};

fn check(fx: &Fixture) -> String {
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// The diagnostic that starts at `at` (`file:line:col`), up to the next blank line.
fn at<'a>(stderr: &'a str, at: &str) -> &'a str {
    let arrow = stderr
        .find(&format!("--> {at}\n"))
        .unwrap_or_else(|| panic!("nothing at `{at}`:\n{stderr}"));
    // The message is on the line above the arrow.
    let arrow_line = stderr[..arrow].rfind('\n').unwrap_or(0);
    let start = stderr[..arrow_line].rfind('\n').map_or(0, |i| i + 1);
    let end = stderr[start..]
        .find("\n\n")
        .map_or(stderr.len(), |e| start + e);
    &stderr[start..end]
}

#[test]
fn r16_each_mistake_is_named_with_its_fix_where_it_is() {
    let fx = Fixture::example();
    fx.edit(
        "cases/NM-1003.yaml",
        "date_of_birth: 2017-04-02",
        "date_of_birth: 02/04/2017",
    );
    // Word's quotes: the value starts at column 18, and so does the first quote.
    fx.edit(
        "cases/NM-1004.yaml",
        "date_of_birth: 2020-07-14",
        "date_of_birth: \u{201c}2020-07-14\u{201d}",
    );
    // A tab before `legal_name:` (line 9).
    fx.edit("cases/NM-1005.yaml", "  legal_name:", "\tlegal_name:");
    // A non-breaking space after the date (line 12: 2011-02-08 runs from column 18 to 27).
    fx.edit(
        "cases/NM-1006.yaml",
        "date_of_birth: 2011-02-08",
        "date_of_birth: 2011-02-08\u{a0}",
    );
    fx.edit(
        "cases/NM-1009.yaml",
        "email: kieran.walsh@example.org",
        "email: kieran.walsh@example,org",
    );
    fx.edit(
        "cases/NM-1009.yaml",
        "phone: 07700 900681",
        "phone: 07700 9006",
    );
    let stderr = check(&fx);

    let date = at(&stderr, "cases/NM-1003.yaml:9:18");
    assert!(
        date.contains(
            "hint: write dates as 2017-04-02 (year, month, day): `02/04/2017` is 2 April 2017"
        ),
        "{date}"
    );
    let quote = at(&stderr, "cases/NM-1004.yaml:10:18");
    assert!(
        quote.contains("it holds a curly double quote (from Word)"),
        "{quote}"
    );
    assert!(quote.contains("hint: type a straight quote"), "{quote}");
    let tab = at(&stderr, "cases/NM-1005.yaml:9:1");
    assert!(
        tab.contains("hint: this line holds a tab: indent with spaces, never tabs"),
        "{tab}"
    );
    let nbsp = at(&stderr, "cases/NM-1006.yaml:12:28");
    assert!(nbsp.contains("it holds a non-breaking space"), "{nbsp}");
    assert!(
        stderr.contains("`kieran.walsh@example,org` is not a usable email"),
        "{stderr}"
    );
    assert!(
        stderr.contains("write dots, as in `example.org`"),
        "{stderr}"
    );
    let phone = at(&stderr, "cases/NM-1009.yaml:83:12");
    assert!(
        phone.contains("`07700 9006` is not a usable phone"),
        "{phone}"
    );
    assert!(phone.contains("has 9 digits"), "{phone}");
}
