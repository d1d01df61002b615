//! Dates and ordinals in words, per language: English, and Welsh (`cy`). Any other language
//! gets the English words until iro has its own.

use chrono::{Datelike, NaiveDate};

/// Welsh weekdays, Monday first.
const CY_DAYS: [&str; 7] = [
    "dydd Llun",
    "dydd Mawrth",
    "dydd Mercher",
    "dydd Iau",
    "dydd Gwener",
    "dydd Sadwrn",
    "dydd Sul",
];

/// Welsh months, January first.
const CY_MONTHS: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];

fn is_welsh(lang: &str) -> bool {
    crate::plan::primary_language(lang) == "cy"
}

/// `Thursday 21 January 2027`; `dydd Iau 21 Ionawr 2027` in Welsh.
pub fn long_date_in(date: NaiveDate, lang: &str) -> String {
    if is_welsh(lang) {
        let day = CY_DAYS[date.weekday().num_days_from_monday() as usize];
        format!("{day} {}", short_date_in(date, lang))
    } else {
        date.format("%A %-d %B %Y").to_string()
    }
}

/// `21 January 2027`; `21 Ionawr 2027` in Welsh.
pub fn short_date_in(date: NaiveDate, lang: &str) -> String {
    if is_welsh(lang) {
        let month = CY_MONTHS[date.month0() as usize];
        format!("{} {month} {}", date.day(), date.year())
    } else {
        date.format("%-d %B %Y").to_string()
    }
}

/// `Our ref: NM-1001`; `Ein cyf: NM-1001` in Welsh (`cyf.` for `cyfeirnod`).
pub fn our_reference_in(id: &str, lang: &str) -> String {
    if is_welsh(lang) {
        format!("Ein cyf: {id}")
    } else {
        format!("Our ref: {id}")
    }
}

/// `21st`; `21ain` in Welsh.
pub fn ordinal_in(n: u32, lang: &str) -> String {
    if is_welsh(lang) {
        return format!("{n}{}", welsh_ordinal_suffix(n));
    }
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A time of day (`HH:MM`, 24-hour, as case files hold it) as people say it: `10am`,
/// `2:30pm`, `12 noon`; in Welsh `10 y bore`, `2:30 y prynhawn`, `7 yr hwyr`, `12 canol dydd`.
/// Anything else is returned as written.
pub fn clock_in(time: &str, lang: &str) -> String {
    let Ok(t) = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M") else {
        return time.to_owned();
    };
    use chrono::Timelike;
    let (hour, minute) = (t.hour(), t.minute());
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    let at = match minute {
        0 => format!("{twelve}"),
        m => format!("{twelve}:{m:02}"),
    };
    if is_welsh(lang) {
        // The parts of the day as Welsh speakers say them: bore (morning), prynhawn
        // (afternoon, to 6pm), hwyr (evening); midday and midnight by name.
        let part = match (hour, minute) {
            (12, 0) => "canol dydd",
            (0, 0) => "canol nos",
            (0..=11, _) => "y bore",
            (12..=17, _) => "y prynhawn",
            _ => "yr hwyr",
        };
        return format!("{at} {part}");
    }
    match (hour, minute) {
        (12, 0) => "12 noon".to_owned(),
        (0, 0) => "12 midnight".to_owned(),
        (0..=11, _) => format!("{at}am"),
        _ => format!("{at}pm"),
    }
}

/// The written Welsh ordinal takes the last letters of the ordinal's last word: 1af to 20fed
/// each their own, then `-ain` for 21st to 39th (`... ar hugain`), `-fed` for 40th
/// (`deugeinfed`). Source: "Ask Dr Gramadeg: introducing cardinal and ordinal numbers",
/// parallel.cymru (<https://parallel.cymru/ask-dr-gramadeg-introducing-cardinal-and-ordinal-numbers/>),
/// which lists 1af, 2il, 3ydd, 4ydd, 5ed, 6ed, 7fed, 8fed, 9fed, 10fed, 11eg, 12fed, 13eg,
/// 14eg, 15fed, 16eg, 17eg, 18fed, 19eg, 20fed and 21ain to 31ain; dysgwyr.co.uk's numbers
/// page (care of welshforadults.org) agrees and gives 30ain and 40fed. Past 40 (no child
/// has that many reviews) `-fed`, to be checked by a Welsh speaker.
fn welsh_ordinal_suffix(n: u32) -> &'static str {
    const FIRST_TWENTY: [&str; 20] = [
        "af", "il", "ydd", "ydd", "ed", "ed", "fed", "fed", "fed", "fed", "eg", "fed", "eg", "eg",
        "fed", "eg", "eg", "fed", "eg", "fed",
    ];
    match n {
        1..=20 => FIRST_TWENTY[n as usize - 1],
        21..=39 => "ain",
        _ => "fed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    #[test]
    fn welsh_dates_are_written_by_hand() {
        assert_eq!(
            long_date_in(day(2027, 1, 21), "cy"),
            "dydd Iau 21 Ionawr 2027"
        );
        assert_eq!(
            long_date_in(day(2026, 12, 14), "cy"),
            "dydd Llun 14 Rhagfyr 2026"
        );
        assert_eq!(
            long_date_in(day(2027, 3, 2), "cy"),
            "dydd Mawrth 2 Mawrth 2027"
        );
        assert_eq!(
            long_date_in(day(2027, 5, 1), "cy-GB"),
            "dydd Sadwrn 1 Mai 2027"
        );
        assert_eq!(
            long_date_in(day(2027, 7, 4), "cy"),
            "dydd Sul 4 Gorffennaf 2027"
        );
        assert_eq!(short_date_in(day(2027, 2, 17), "cy"), "17 Chwefror 2027");
        assert_eq!(
            long_date_in(day(2027, 2, 17), "cy"),
            "dydd Mercher 17 Chwefror 2027"
        );
        assert_eq!(
            long_date_in(day(2027, 9, 10), "cy"),
            "dydd Gwener 10 Medi 2027"
        );
    }

    #[test]
    fn other_languages_keep_english_dates() {
        assert_eq!(
            long_date_in(day(2027, 1, 21), "en"),
            "Thursday 21 January 2027"
        );
        assert_eq!(
            long_date_in(day(2027, 1, 21), "pl"),
            "Thursday 21 January 2027"
        );
        assert_eq!(short_date_in(day(2027, 1, 21), ""), "21 January 2027");
    }

    #[test]
    fn welsh_ordinals_follow_the_written_forms() {
        let written: Vec<String> = (1..=21).map(|n| ordinal_in(n, "cy")).collect();
        assert_eq!(
            written,
            [
                "1af", "2il", "3ydd", "4ydd", "5ed", "6ed", "7fed", "8fed", "9fed", "10fed",
                "11eg", "12fed", "13eg", "14eg", "15fed", "16eg", "17eg", "18fed", "19eg", "20fed",
                "21ain",
            ]
        );
        assert_eq!(ordinal_in(31, "cy"), "31ain");
        assert_eq!(ordinal_in(40, "cy"), "40fed");
    }

    #[test]
    fn times_of_day_in_english_and_welsh() {
        let cases = [
            ("10:00", "10am", "10 y bore"),
            ("14:30", "2:30pm", "2:30 y prynhawn"),
            ("12:00", "12 noon", "12 canol dydd"),
            ("12:15", "12:15pm", "12:15 y prynhawn"),
            ("19:05", "7:05pm", "7:05 yr hwyr"),
            ("00:00", "12 midnight", "12 canol nos"),
            ("09:45", "9:45am", "9:45 y bore"),
        ];
        for (time, en, cy) in cases {
            assert_eq!(clock_in(time, "en"), en);
            assert_eq!(clock_in(time, "cy"), cy);
        }
        assert_eq!(clock_in("after lunch", "cy"), "after lunch");
    }

    #[test]
    fn english_ordinals() {
        let written: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 111]
            .iter()
            .map(|n| ordinal_in(*n, "en"))
            .collect();
        assert_eq!(
            written,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "111th"
            ]
        );
    }
}
