//! The England and Wales bank holidays from 2010 to 2035, built in, so that a clock never
//! counts a bank holiday as a working day because a service's list stopped short.
//!
//! Worked out by the rules of the Banking and Financial Dealings Act 1971 and the royal
//! proclamations that follow them each year (New Year's Day, Good Friday, Easter Monday, the
//! early May, spring and summer bank holidays, Christmas and Boxing Day, each moved to the next
//! weekday when it falls at a weekend), with every one-off change since 2010 as published at
//! <https://www.gov.uk/bank-holidays>. Years after [`LAST_PUBLISHED`] are projections: the
//! usual rules, before any one-off change is announced. Pure: no I/O.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The first and last years the built-in list covers.
pub const FIRST_YEAR: i32 = 2010;
pub const LAST_YEAR: i32 = 2035;

/// The last year gov.uk had published when this list was made; later years are projections.
pub const LAST_PUBLISHED: i32 = 2027;

/// Whether a year's built-in bank holidays are a projection from the usual rules.
pub fn is_projection(year: i32) -> bool {
    year > LAST_PUBLISHED
}

/// Every England and Wales bank holiday from [`FIRST_YEAR`] to [`LAST_YEAR`].
pub fn england_and_wales() -> Vec<NaiveDate> {
    (FIRST_YEAR..=LAST_YEAR).flat_map(year_holidays).collect()
}

/// A day of the year, as (month, day).
type MonthDay = (u32, u32);

/// One year's bank holidays, in date order.
fn year_holidays(year: i32) -> Vec<NaiveDate> {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("a real day");
    let easter = easter_sunday(year);
    let mut days = vec![
        weekday_on_or_after(day(1, 1)),
        easter - Days::new(2),
        easter + Days::new(1),
        nth_monday(year, 5, 1),
        last_monday(year, 5),
        last_monday(year, 8),
    ];
    days.extend(christmas(year));
    // One-off changes: each moved holiday replaces the usual one; extra ones are added.
    let moved: &[(MonthDay, MonthDay)] = match year {
        2012 => &[((5, 28), (6, 4))],
        2020 => &[((5, 4), (5, 8))],
        2022 => &[((5, 30), (6, 2))],
        _ => &[],
    };
    for (from, to) in moved {
        days.retain(|d| *d != day(from.0, from.1));
        days.push(day(to.0, to.1));
    }
    let extra: &[MonthDay] = match year {
        2011 => &[(4, 29)],         // royal wedding
        2012 => &[(6, 5)],          // Diamond Jubilee
        2022 => &[(6, 3), (9, 19)], // Platinum Jubilee; the Queen's state funeral
        2023 => &[(5, 8)],          // coronation
        _ => &[],
    };
    days.extend(extra.iter().map(|(m, d)| day(*m, *d)));
    days.sort();
    days
}

/// Christmas Day and Boxing Day, with the substitute days when either falls at a weekend.
fn christmas(year: i32) -> [NaiveDate; 2] {
    let day = |d| NaiveDate::from_ymd_opt(year, 12, d).expect("a December day");
    match day(25).weekday() {
        Weekday::Fri => [day(25), day(28)],
        Weekday::Sat => [day(27), day(28)],
        Weekday::Sun => [day(26), day(27)],
        _ => [day(25), day(26)],
    }
}

fn weekday_on_or_after(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d + Days::new(2),
        Weekday::Sun => d + Days::new(1),
        _ => d,
    }
}

fn nth_monday(year: i32, month: u32, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n).expect("a Monday")
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .unwrap_or_else(|| nth_monday(year, month, 4))
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, as in
/// Meeus's Astronomical Algorithms).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real day")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    fn year(y: i32) -> Vec<NaiveDate> {
        england_and_wales()
            .into_iter()
            .filter(|day| day.year() == y)
            .collect()
    }

    #[test]
    fn r16_one_off_years_are_as_published() {
        // gov.uk: 2022 had the spring bank holiday moved to Thu 2 June, the Platinum Jubilee on
        // Fri 3 June and the state funeral on Mon 19 September; Christmas Day was a Sunday, so
        // Mon 26 and Tue 27 December.
        assert_eq!(
            year(2022),
            [
                d(2022, 1, 3),
                d(2022, 4, 15),
                d(2022, 4, 18),
                d(2022, 5, 2),
                d(2022, 6, 2),
                d(2022, 6, 3),
                d(2022, 8, 29),
                d(2022, 9, 19),
                d(2022, 12, 26),
                d(2022, 12, 27),
            ]
        );
        // 2020: the early May bank holiday moved to Fri 8 May (VE day).
        assert!(year(2020).contains(&d(2020, 5, 8)));
        assert!(!year(2020).contains(&d(2020, 5, 4)));
        // 2023: the coronation, Mon 8 May, besides the early May bank holiday, Mon 1 May.
        assert!(year(2023).contains(&d(2023, 5, 8)) && year(2023).contains(&d(2023, 5, 1)));
        // 2012: spring moved to Mon 4 June, and the Diamond Jubilee on Tue 5 June.
        assert!(year(2012).contains(&d(2012, 6, 4)) && year(2012).contains(&d(2012, 6, 5)));
        assert!(!year(2012).contains(&d(2012, 5, 28)));
    }

    #[test]
    fn r16_usual_years_follow_the_rules() {
        // 2026 (published): Thu 1 Jan; Easter Sunday 5 April, so Good Friday 3 April and Easter
        // Monday 6 April; Mon 4 May, Mon 25 May, Mon 31 August; Christmas on a Friday, so
        // Boxing Day (Saturday) moves to Mon 28 December.
        assert_eq!(
            year(2026),
            [
                d(2026, 1, 1),
                d(2026, 4, 3),
                d(2026, 4, 6),
                d(2026, 5, 4),
                d(2026, 5, 25),
                d(2026, 8, 31),
                d(2026, 12, 25),
                d(2026, 12, 28),
            ]
        );
        // 2032 (a projection): Easter Sunday 28 March, so Good Friday 26 March and Easter Monday
        // 29 March; New Year's Day a Thursday; Christmas on a Saturday: Mon 27 and Tue 28 Dec.
        let y2032 = year(2032);
        for day in [
            d(2032, 1, 1),
            d(2032, 3, 26),
            d(2032, 3, 29),
            d(2032, 12, 27),
            d(2032, 12, 28),
        ] {
            assert!(y2032.contains(&day), "{day}");
        }
        assert_eq!(y2032.len(), 8);
        assert!(is_projection(2032) && !is_projection(2026));
        assert_eq!(england_and_wales().len(), 26 * 8 + 5);
    }
}
