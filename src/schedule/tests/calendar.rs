//! Working days, months and their month ends.

use chrono::Datelike;

use super::*;

#[test]
fn add_months_clamps_month_ends() {
    // "3 months after" 31 Aug falls on 30 Nov (November has 30 days).
    assert_eq!(add_months(d(2023, 8, 31), 3), d(2023, 11, 30));
    // 31 Jan + 1 month: 29 Feb in the leap year 2024, 28 Feb in 2023.
    assert_eq!(add_months(d(2024, 1, 31), 1), d(2024, 2, 29));
    assert_eq!(add_months(d(2023, 1, 31), 1), d(2023, 2, 28));
    // 30 Nov + 3 months: 29 Feb 2024 (leap), 28 Feb 2023.
    assert_eq!(add_months(d(2023, 11, 30), 3), d(2024, 2, 29));
    assert_eq!(add_months(d(2022, 11, 30), 3), d(2023, 2, 28));
    // 29 Feb + 12 months: no 29 Feb in 2025, so 28 Feb; + 48 months: 29 Feb 2028 again.
    assert_eq!(add_months(d(2024, 2, 29), 12), d(2025, 2, 28));
    assert_eq!(add_months(d(2024, 2, 29), 48), d(2028, 2, 29));
    // 31 Dec + 6 = 30 Jun; 31 Mar + 6 = 30 Sep; 31 Mar + 12 = 31 Mar (no clamp needed).
    assert_eq!(add_months(d(2023, 12, 31), 6), d(2024, 6, 30));
    assert_eq!(add_months(d(2024, 3, 31), 6), d(2024, 9, 30));
    assert_eq!(add_months(d(2024, 3, 31), 12), d(2025, 3, 31));
    // An ordinary day keeps its number, across a year end too.
    assert_eq!(add_months(d(2024, 10, 15), 6), d(2025, 4, 15));
    assert_eq!(add_months(d(2024, 10, 15), 0), d(2024, 10, 15));
}

#[test]
fn working_days_are_weekdays_that_are_not_bank_holidays() {
    let cal = cal();
    assert!(cal.is_working_day(d(2024, 12, 2))); // Mon
    assert!(cal.is_working_day(d(2024, 12, 6))); // Fri
    assert!(!cal.is_working_day(d(2024, 12, 7))); // Sat
    assert!(!cal.is_working_day(d(2024, 12, 8))); // Sun
    assert!(!cal.is_working_day(d(2024, 12, 25))); // Christmas, Wed
    assert!(!cal.is_working_day(d(2022, 9, 19))); // the Queen's funeral, Mon
    assert!(!cal.is_working_day(d(2023, 5, 8))); // the coronation, Mon
    assert!(!cal.is_working_day(d(2020, 5, 8))); // VE day, Fri
    assert!(cal.is_working_day(d(2020, 5, 4))); // the usual early May Monday, moved in 2020
    // Without bank holidays only weekends are skipped.
    assert!(Calendar::new([]).is_working_day(d(2024, 12, 25)));
}

#[test]
fn twenty_working_days_across_christmas_2024() {
    // Mon 2 Dec 2024: Tue 3 (1), Wed 4, Thu 5, Fri 6 (4), Mon 9 to Fri 13 (9), Mon 16 to Fri 20
    // (14), Mon 23 (15), Tue 24 (16), Wed 25 and Thu 26 holidays, Fri 27 (17), Mon 30 (18),
    // Tue 31 (19), Wed 1 Jan holiday, Thu 2 Jan 2025 (20).
    let cal = cal();
    assert_eq!(cal.add_working_days(d(2024, 12, 2), 20), d(2025, 1, 2));
    // Without the holidays it would be three days earlier: Mon 30 Dec.
    assert_eq!(
        Calendar::new([]).add_working_days(d(2024, 12, 2), 20),
        d(2024, 12, 30)
    );
    assert_eq!(cal.working_days_between(d(2024, 12, 2), d(2025, 1, 2)), 20);
    assert_eq!(cal.working_days_between(d(2025, 1, 2), d(2024, 12, 2)), -20);
}

#[test]
fn christmas_substitute_days() {
    let cal = cal();
    // 2020: Thu 24 Dec + 1 → Fri 25 holiday, weekend, Mon 28 (Boxing Day substitute) → Tue 29.
    assert_eq!(cal.add_working_days(d(2020, 12, 24), 1), d(2020, 12, 29));
    // 2021: Fri 24 Dec + 1 → weekend, Mon 27 and Tue 28 substitutes → Wed 29.
    assert_eq!(cal.add_working_days(d(2021, 12, 24), 1), d(2021, 12, 29));
    // New Year 2022: Fri 31 Dec 2021 + 1 → weekend, Mon 3 Jan substitute → Tue 4 Jan.
    assert_eq!(cal.add_working_days(d(2021, 12, 31), 1), d(2022, 1, 4));
    // And back: Tue 4 Jan 2022 − 3 → Mon 3 holiday, weekend, Fri 31 (1), Thu 30 (2), Wed 29 (3).
    assert_eq!(cal.sub_working_days(d(2022, 1, 4), 3), d(2021, 12, 29));
    // Mon 7 Dec 2020 + 20: Tue 8 to Fri 11 (4), Mon 14 to Fri 18 (9), Mon 21 to Thu 24 (13),
    // Fri 25 and Mon 28 holidays, Tue 29 to Thu 31 (16), Fri 1 Jan holiday, Mon 4 to Thu 7 (20).
    assert_eq!(cal.add_working_days(d(2020, 12, 7), 20), d(2021, 1, 7));
    // Mon 13 Dec 2021 + 20: Tue 14 to Fri 17 (4), Mon 20 to Fri 24 (9), Mon 27 and Tue 28
    // holidays, Wed 29 to Fri 31 (12), Mon 3 Jan holiday, Tue 4 to Fri 7 (16), Mon 10 to Thu 13 (20).
    assert_eq!(cal.add_working_days(d(2021, 12, 13), 20), d(2022, 1, 13));
}

#[test]
fn easter_2024() {
    let cal = cal();
    // Thu 28 Mar + 1 → Good Friday 29, weekend, Easter Monday 1 Apr → Tue 2 Apr.
    assert_eq!(cal.add_working_days(d(2024, 3, 28), 1), d(2024, 4, 2));
    assert_eq!(cal.sub_working_days(d(2024, 4, 2), 1), d(2024, 3, 28));
    assert_eq!(cal.working_days_between(d(2024, 3, 28), d(2024, 4, 2)), 1);
}

#[test]
fn one_off_bank_holidays() {
    let cal = cal();
    // Fri 16 Sep 2022 + 1 → Mon 19 (the Queen's funeral) → Tue 20.
    assert_eq!(cal.add_working_days(d(2022, 9, 16), 1), d(2022, 9, 20));
    assert_eq!(cal.sub_working_days(d(2022, 9, 20), 1), d(2022, 9, 16));
    // Fri 5 May 2023 + 1 → Mon 8 (the coronation) → Tue 9.
    assert_eq!(cal.add_working_days(d(2023, 5, 5), 1), d(2023, 5, 9));
    // Thu 7 May 2020 + 1 → Fri 8 (VE day), weekend → Mon 11.
    assert_eq!(cal.add_working_days(d(2020, 5, 7), 1), d(2020, 5, 11));
    // Wed 1 Jun 2022 + 1 → Thu 2 and Fri 3 (jubilee), weekend → Mon 6.
    assert_eq!(cal.add_working_days(d(2022, 6, 1), 1), d(2022, 6, 6));
}

#[test]
fn zero_days_is_the_day_itself() {
    let cal = cal();
    // Day 0 is the event's own day, even on a weekend or a holiday.
    assert_eq!(cal.add_working_days(d(2024, 12, 7), 0), d(2024, 12, 7));
    assert_eq!(cal.sub_working_days(d(2024, 12, 25), 0), d(2024, 12, 25));
    // From a Saturday, the first working day is Monday.
    assert_eq!(cal.add_working_days(d(2024, 12, 7), 1), d(2024, 12, 9));
    assert_eq!(cal.working_days_between(d(2024, 12, 7), d(2024, 12, 8)), 0);
    assert_eq!(cal.working_days_between(d(2024, 12, 6), d(2024, 12, 9)), 1);
    assert_eq!(cal.working_days_between(d(2024, 12, 6), d(2024, 12, 6)), 0);
}

#[test]
fn properties_hold_for_every_day_2019_to_2026() {
    let cal = cal();
    for day in d(2019, 1, 1)
        .iter_days()
        .take_while(|x| *x <= d(2026, 12, 31))
    {
        for n in [1, 3, 5, 15, 20] {
            let after = cal.add_working_days(day, n);
            assert!(
                cal.is_working_day(after),
                "{day} + {n} = {after} is not a working day"
            );
            assert!(after > day, "{day} + {n} = {after} is not after it");
            assert_eq!(
                cal.working_days_between(day, after),
                i64::from(n),
                "{day} + {n}"
            );
            // n working days take at least n days, and 20 never take more than 5 weeks.
            let span = (after - day).num_days();
            assert!(
                span >= i64::from(n) && span <= i64::from(n) * 7 / 5 + 6,
                "{day} + {n}: {span}"
            );
            let before = cal.sub_working_days(day, n);
            assert!(
                cal.is_working_day(before) && before < day,
                "{day} − {n} = {before}"
            );
            // (before, day] holds the n − 1 working days between them, and `day` if it is one.
            let expected = i64::from(n) - 1 + i64::from(cal.is_working_day(day));
            assert_eq!(
                cal.working_days_between(day, before),
                -expected,
                "{day} − {n}"
            );
            // Back from a working day lands on the day itself; from a non-working day, on
            // the last working day before it.
            let back = cal.sub_working_days(after, n);
            assert!(
                back <= day && cal.working_days_between(back, day) == 0,
                "{day} ± {n}"
            );
        }
        for n in [1, 3, 6, 12] {
            let later = add_months(day, n);
            assert!(later > day);
            let same_day = later.day() == day.day();
            let clamped = later.day() < day.day() && later.succ_opt().is_some_and(|x| x.day() == 1);
            assert!(same_day || clamped, "{day} + {n} months = {later}");
        }
    }
}

#[test]
fn r16_the_built_in_bank_holidays_reach_2035() {
    // Christmas 2034 is a Monday: Mon 25 and Tue 26 Dec are bank holidays, so 3 working days
    // from Fri 22 Dec 2034 are Wed 27 (1), Thu 28 (2) and Fri 29 (3) December.
    let cal = Calendar::new(crate::schedule::holidays::england_and_wales());
    assert_eq!(cal.add_working_days(d(2034, 12, 22), 3), d(2034, 12, 29));
    // Without the list they would be Mon 25, Tue 26, Wed 27.
    assert_eq!(
        Calendar::new([]).add_working_days(d(2034, 12, 22), 3),
        d(2034, 12, 27)
    );
    assert!(cal.knows_year_of(d(2010, 1, 1)) && cal.knows_year_of(d(2035, 12, 31)));
    assert!(!cal.knows_year_of(d(2009, 12, 31)) && !cal.knows_year_of(d(2036, 1, 1)));
    // A service that lists a holiday in 2036 makes that year known.
    let listed = Calendar::new([d(2036, 1, 1)]);
    assert!(listed.knows_year_of(d(2036, 5, 5)));
}
