//! Working days and calendar months, the two units every statutory clock counts in.
//!
//! Takes the service's bank holidays; knows nothing of cases. Counting follows the guidance:
//! the day of the event is day 0, so "within 20 working days of d" is the 20th working day
//! after d, and "within 3 months of d" is the same day three months on, clamped to a month end.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Working-day calendar: weekends and the service's bank holidays are not working days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// A calendar skipping weekends and these bank holidays (England and Wales, including
    /// one-off ones such as 19 September 2022).
    pub fn new(bank_holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Calendar {
            holidays: bank_holidays.into_iter().collect(),
        }
    }

    /// The calendar a service counts in: the built-in England and Wales bank holidays
    /// ([`super::holidays`], 2010 to 2035) and any the service lists in service.yaml (a
    /// one-off day announced after this list was made, or an earlier or later year).
    pub fn of_service(service: &crate::model::Service) -> Self {
        let mut calendar = Calendar::new(super::holidays::england_and_wales());
        calendar
            .holidays
            .extend(service.bank_holidays.iter().copied());
        calendar
    }

    /// Whether this calendar knows the bank holidays of `d`'s year: the built-in years, and
    /// any year the calendar lists one in. Outside them a bank holiday would be counted as a
    /// working day without anyone knowing.
    pub fn knows_year_of(&self, d: NaiveDate) -> bool {
        let year = d.year();
        (super::holidays::FIRST_YEAR..=super::holidays::LAST_YEAR).contains(&year)
            || self.holidays.iter().any(|h| h.year() == year)
    }

    /// Whether `d` is a bank holiday in this calendar.
    pub fn is_bank_holiday(&self, d: NaiveDate) -> bool {
        self.holidays.contains(&d)
    }

    /// Whether `d` is a working day: Monday to Friday and not a bank holiday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_bank_holiday(d)
    }

    /// "Within `n` working days of `d`": the `n`-th working day after `d` (`d` itself is day 0,
    /// so `n = 0` gives `d` back unchanged, working day or not).
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        self.step(d, n, next_day)
    }

    /// The `n`-th working day before `d` (`n = 0` gives `d` back unchanged).
    pub fn sub_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        self.step(d, n, prev_day)
    }

    /// The number of working days after `from` up to and including `to`; negative when `to`
    /// is before `from`. The inverse of `add_working_days`:
    /// `working_days_between(d, add_working_days(d, n)) == n`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as i64
    }

    fn step(&self, mut d: NaiveDate, n: u32, advance: fn(NaiveDate) -> NaiveDate) -> NaiveDate {
        let mut left = n;
        while left > 0 {
            d = advance(d);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1))
        .expect("dates in case files are far from the end of time")
}

fn prev_day(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(1))
        .expect("dates in case files are far from the start of time")
}

/// The same day `n` months later; a day past the end of the shorter month clamps to its last
/// day (31 Aug + 3 months = 30 Nov; 31 Jan + 1 month = 29 Feb in a leap year, else 28 Feb).
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}
