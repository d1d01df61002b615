//! The mistakes people make typing or pasting a YAML file, named with their fix: dates written
//! the British way, Word's curly quotes, tabs and non-breaking spaces, and email addresses and
//! UK phone numbers that cannot be used.
//!
//! Takes texts and parsed files; gives hints and diagnostics. Reads nothing itself.

use chrono::NaiveDate;
use serde_json::Value;

use crate::diag::{Diagnostic, Span, odd_character};
use crate::load::Source;

/// For a date typed day first (`14/06/2021`, `14-06-2021`, `14.6.2021`): the same date
/// written as iro reads it.
pub fn date_hint(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || day.len() > 2 || month.len() > 2 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    Some(format!(
        "write dates as {date} (year, month, day): `{}` is {}",
        text.trim(),
        date.format("%-d %B %Y")
    ))
}

/// Points a diagnostic about a value at the odd character in it, saying what it is and how to
/// fix it. `span` is where the value is in `source`.
pub fn name_odd_character(d: Diagnostic, source: &str, span: Option<Span>) -> Diagnostic {
    let Some(span) = span else { return d };
    let Some(value) = source.get(span.start..span.end) else {
        return d;
    };
    let Some(odd) = odd_character(value) else {
        return d;
    };
    let start = span.start + odd.at;
    let width = value[odd.at..].chars().next().map_or(1, char::len_utf8);
    let column = span.column + value[..odd.at].chars().count();
    let message = format!("{}: it holds {}", d.message, odd.name);
    Diagnostic {
        message,
        span: Some(Span {
            line: span.line,
            column,
            start,
            end: start + width,
        }),
        ..d
    }
    .hint(odd.fix)
}

/// Every `email`, `phone` and `mobile` field in a file (at any depth) that cannot be used: an
/// email with no `@`, or a domain that is not a domain (`example,org`); a phone number that is
/// not a UK number of 10 or 11 digits (or +44 and 9 or 10).
pub fn check_contacts(source: &Source) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk(&source.value, "", &mut |path, key, text| {
        let problem = match key {
            "email" => bad_email(text),
            "phone" | "mobile" => bad_phone(text),
            _ => None,
        };
        if let Some((expected, hint)) = problem {
            found.push(
                Diagnostic::error(format!("`{text}` is not a usable {key}"))
                    .in_file(&source.path)
                    .at(source.index().value(path))
                    .field(path)
                    .expected(expected)
                    .hint(hint),
            );
        }
    });
    found
}

fn walk(value: &Value, path: &str, visit: &mut impl FnMut(&str, &str, &str)) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = crate::load::yaml::join_key(path, key);
                match v {
                    Value::String(text) => visit(&here, key, text),
                    _ => walk(v, &here, visit),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &crate::load::yaml::join_index(path, i), visit);
            }
        }
        _ => {}
    }
}

fn bad_email(text: &str) -> Option<(&'static str, String)> {
    let expected = "an email address, for example jo.bloggs@example.org";
    let Some((user, domain)) = text.trim().split_once('@') else {
        return Some((expected, "an email address has an `@` in it".to_owned()));
    };
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok =
        |l: &&str| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if user.is_empty() || user.contains(char::is_whitespace) {
        return Some((expected, "check the part before the `@`".to_owned()));
    }
    if labels.len() < 2 || !labels.iter().all(label_ok) {
        let hint = match domain.find([',', ' ']) {
            Some(_) => format!(
                "`{domain}` has a comma or a space: write dots, as in `{}`",
                domain.replace([',', ' '], ".")
            ),
            None => format!("`{domain}` is not a domain like example.org"),
        };
        return Some((expected, hint));
    }
    None
}

fn bad_phone(text: &str) -> Option<(&'static str, String)> {
    let expected = "a UK phone number, for example 01632 960123 or 07700 900123";
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+'));
    if !allowed {
        return Some((expected, "write only digits and spaces".to_owned()));
    }
    let ok = match digits
        .strip_prefix("44")
        .filter(|_| text.trim_start().starts_with('+'))
    {
        Some(rest) => (9..=10).contains(&rest.len()) && !rest.starts_with('0'),
        None => digits.starts_with('0') && (10..=11).contains(&digits.len()),
    };
    (!ok).then(|| {
        (
            expected,
            format!(
                "`{text}` has {} digits: a UK number has 11 (or 10), starting 0",
                digits.len()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r16_a_british_date_gets_the_date_to_write() {
        let hint = date_hint("14/06/2021").expect("a hint");
        assert!(hint.starts_with("write dates as 2021-06-14"), "{hint}");
        assert!(hint.contains("14 June 2021"), "{hint}");
        assert_eq!(
            date_hint("1.2.2020").as_deref().map(|h| &h[..25]),
            Some("write dates as 2020-02-01")
        );
        // Not a date at all, or a day that does not exist: no such hint.
        assert_eq!(date_hint("31/02/2021"), None);
        assert_eq!(date_hint("2021-06-14x"), None);
    }

    #[test]
    fn r16_emails_and_uk_phone_numbers_are_checked() {
        assert_eq!(bad_email("jo.whitworth@example.org"), None);
        let (_, hint) = bad_email("jo@example,org").expect("bad");
        assert!(hint.contains("`example.org`"), "{hint}");
        assert!(bad_email("jo.example.org").is_some());
        assert!(bad_email("jo@localhost").is_some());
        for good in [
            "01632 960123",
            "07700 900123",
            "+44 7700 900123",
            "(01632) 960-123",
        ] {
            assert_eq!(bad_phone(good), None, "{good}");
        }
        for bad in [
            "07700 9001",
            "7700 900123",
            "07700 900123 ext 4",
            "+44 07700 900123",
        ] {
            assert!(bad_phone(bad).is_some(), "{bad}");
        }
    }
}
