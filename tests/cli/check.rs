//! `iro check` on the example service and on broken copies of it.

use crate::{AS_OF, Fixture, output};

#[test]
fn example_service_is_valid() {
    let fx = Fixture::example();
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    assert!(stderr.contains("checked"), "{stderr}");
}

/// The issue's own example: a broken date, an unknown field and an unknown IRO, all reported
/// at once, each with file and line, exit 1.
#[test]
fn reports_every_problem_at_once_with_file_and_line() {
    let fx = Fixture::example();
    let case = first_case(&fx);
    let text = fx.read(&case);
    // An unknown field at the top, an impossible date and an unknown IRO, in one file.
    let text = format!("favourite_colour: green\n{text}");
    let text = replace_field(&text, "introduced:", "2025-02-30");
    let text = replace_field(&text, "  id: iro-", "iro-nobody");
    fx.write(&case, &text);
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("unknown field `favourite_colour`"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{case}:1:1")), "{stderr}");
    assert!(
        stderr.contains("`2025-02-30` is not a date that exists"),
        "{stderr}"
    );
    assert!(stderr.contains("February 2025 has 28 days"), "{stderr}");
    assert!(stderr.contains("unknown IRO `iro-nobody`"), "{stderr}");
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .expect("edited line")
            + 1
    };
    assert!(
        stderr.contains(&format!("{case}:{}:", line_of("2025-02-30"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{case}:{}:", line_of("iro-nobody"))),
        "{stderr}"
    );
    assert!(stderr.contains("3 errors"), "{stderr}");
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let fx = Fixture::example();
    let cases = all_cases(&fx);
    let (a, b) = (&cases[0], &cases[1]);
    let text = fx.read(a);
    fx.write(a, replace_field(&text, "date_of_birth:", "2019-13-01"));
    let text = fx.read(b);
    fx.write(b, text.replacen("\nchild:", "\nchlid:", 1));
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1);
    assert!(stderr.contains("there is no month 13"), "{stderr}");
    assert!(stderr.contains("unknown field `chlid`"), "{stderr}");
    assert!(stderr.contains("did you mean `child`?"), "{stderr}");
    assert!(
        stderr.contains(a.as_str()) && stderr.contains(b.as_str()),
        "{stderr}"
    );
}

#[test]
fn duplicate_case_ids_are_an_error() {
    let fx = Fixture::example();
    let case = first_case(&fx);
    fx.write("cases/zz-copy.yaml", fx.read(&case));
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1);
    assert!(stderr.contains("is also used by"), "{stderr}");
}

#[test]
fn pn0_for_a_child_over_four_is_an_error() {
    let fx = Fixture::example();
    let case = all_cases(&fx)
        .into_iter()
        .find(|c| fx.read(c).contains("participation: PN1"))
        .expect("a case with a PN1 review");
    fx.edit(&case, "participation: PN1", "participation: PN0");
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("PN0 is only for a child under 4"),
        "{stderr}"
    );
}

#[test]
fn unknown_code_lists_the_allowed_codes() {
    let fx = Fixture::example();
    let case = all_cases(&fx)
        .into_iter()
        .find(|c| fx.read(c).contains("participation: PN1"))
        .expect("a case with a PN1 review");
    fx.edit(&case, "participation: PN1", "participation: PN9");
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1);
    assert!(stderr.contains("`PN9` is not an allowed value"), "{stderr}");
    assert!(stderr.contains("`PN0`, `PN1`"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let fx = Fixture::example();
    let (code, _, _) = output(&mut fx.iro(&["check", "--no-such-flag"]));
    assert_eq!(code, 2);
}

pub fn all_cases(fx: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fx.file("cases"))
        .expect("cases folder")
        .map(|e| format!("cases/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    names.sort();
    names
}

/// The first case with an allocated, introduced IRO.
pub fn first_case(fx: &Fixture) -> String {
    all_cases(fx)
        .into_iter()
        .find(|c| {
            let t = fx.read(c);
            t.contains("introduced:") && t.contains("  id: iro-")
        })
        .expect("a case with an introduced IRO")
}

/// Replaces the value after the first line containing `key` (which must be present).
pub fn replace_field(text: &str, key: &str, value: &str) -> String {
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if !done && line.contains(key) {
                done = true;
                let at = line.find(key).expect("key") + key.len();
                let head = &line[..at];
                if key.ends_with(':') {
                    format!("{head} {value}")
                } else {
                    let colon = line.find(':').expect("colon");
                    format!("{} {value}", &line[..=colon])
                }
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert!(done, "`{key}` not found");
    lines.join("\n") + "\n"
}

#[test]
fn a_broken_template_tag_is_found_by_check() {
    let fx = Fixture::example();
    fx.write(
        "templates/letters/introduction/8-to-12.md",
        "Hello\n\n{% if %}\n",
    );
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("templates/letters/introduction/8-to-12.md:3:"),
        "{stderr}"
    );
}

/// A typo in a timescale must be a diagnostic, not a walk to the end of time.
#[test]
fn an_absurd_timescale_is_an_error() {
    let fx = Fixture::example();
    let service = fx.read("service.yaml");
    let (head, tail) = service
        .split_once("\ntimescales:")
        .expect("a timescales block");
    fx.write(
        "service.yaml",
        format!("{head}\ntimescales:\n  first_review_working_days: 1000000000{tail}"),
    );
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("first_review_working_days"), "{stderr}");
}

#[test]
fn a_history_out_of_date_order_is_an_error() {
    let fx = Fixture::example();
    fx.write(
        "cases/T-0002.yaml",
        "id: T-0002
child:
  legal_name: Order Test
  date_of_birth: 2015-01-01
looked_after:
  - from: 2024-03-01
placements:
  - type: foster-care
    from: 2025-06-01
  - type: residential-home
    from: 2024-03-01
",
    );
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("`placements[1].from`"), "{stderr}");
    assert!(stderr.contains("runs oldest first"), "{stderr}");
}

#[test]
fn a_missing_photo_is_found_by_check() {
    let fx = Fixture::example();
    std::fs::remove_file(fx.file("images/iro-hokafor.png")).expect("remove photo");
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("cannot read image `images/iro-hokafor.png`"),
        "{stderr}"
    );
}

/// The law sets maximum timescales: shorter is a service's choice, longer an error.
#[test]
fn r16_a_lengthened_statutory_timescale_is_an_error() {
    let fx = Fixture::example();
    fx.edit(
        "service.yaml",
        "timescales:\n",
        "timescales:\n  first_review_working_days: 60\n  later_review_months: 5\n",
    );
    let (code, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "`first_review_working_days: 60` is longer than the law allows (20 working days)"
        ),
        "{stderr}"
    );
    // `timescales:` is line 177, so the new key is line 178, its value at column 30.
    assert!(stderr.contains("--> service.yaml:178:30"), "{stderr}");
    // Six months shortened to five is allowed.
    assert!(
        !stderr.contains("`later_review_months: 5` is longer"),
        "{stderr}"
    );
}

/// A clock counting through a year iro has no bank holidays for says so, never silently.
#[test]
fn r16_a_date_outside_the_known_bank_holidays_is_a_warning() {
    let fx = Fixture::example();
    // Looked after from Mon 2 Mar 2009: the first review is due in 2009, before the built-in
    // list (2010 to 2035) begins. Ended 2009-06-01, so nothing after is due.
    fx.write(
        "cases/T-0003.yaml",
        "id: T-0003\nchild:\n  legal_name: Test Child\n  date_of_birth: 2001-01-01\n\
         legal_status:\n  - code: C2\n    from: 2009-03-02\n\
         looked_after:\n  - from: 2009-03-02\n    to: 2009-06-01\n",
    );
    let (_, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert!(
        stderr.contains("is outside the bank holidays iro knows (2010 to 2035)"),
        "{stderr}"
    );
    assert!(stderr.contains("cases/T-0003.yaml"), "{stderr}");
    assert!(
        stderr.contains("working days in 2009 count bank holidays as working days"),
        "{stderr}"
    );
}

/// Looked after Mon 2 Nov 2026, so the first review is due Mon 30 Nov 2026 (worked out in
/// tests/cli/due.rs). Booked for Thu 3 Dec, it is late before it is held; an extra review booked
/// on Fri 25 Dec 2026 is on Christmas Day.
#[test]
fn r16_a_review_booked_late_or_on_a_bank_holiday_is_a_warning() {
    let fx = Fixture::example();
    let iro = crate::build::first_iro(&fx);
    fx.write(
        "cases/T-0004.yaml",
        format!(
            "id: T-0004\nchild:\n  legal_name: Test Child\n  date_of_birth: 2016-06-01\n\
             legal_status:\n  - code: V2\n    from: 2026-11-02\n\
             looked_after:\n  - from: 2026-11-02\n\
             iro:\n  id: {iro}\n  allocated: 2026-11-04\n  introduced: 2026-11-05\n\
             meetings:\n  - type: lac-review\n    date: 2026-12-03\n    status: planned\n\
             \x20 - type: lac-review\n    date: 2026-12-25\n    status: planned\n"
        ),
    );
    let (_, _, stderr) = output(&mut fx.iro(&["check", "--as-of", AS_OF]));
    assert!(
        stderr.contains(
            "`meetings[0].date`: this Looked After Review is booked for 2026-12-03, after it is due (2026-11-30)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("`meetings[1].date`: this meeting is booked on a bank holiday, 2026-12-25"),
        "{stderr}"
    );
}
