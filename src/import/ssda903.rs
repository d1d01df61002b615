//! A local authority's SSDA903 return (the looked after children data it sends the DfE) into
//! case files: `header.csv`, `episodes.csv` and `reviews.csv`, columns found by name.
//!
//! Rows that break the return's own rules are rejected one by one, each with its table, row
//! and column, and the rest go on; rows with a fault that does not stop them being used (a PN
//! code that does not fit the age, an `X1` with nothing following) are kept and reported. The
//! return holds no names, so every case says so (`name to be added`) rather than inventing one.
//! Pure: takes the tables' text, returns cases and problems; merging with existing case files
//! is [`merge`].

mod codes;
mod episodes;
mod merge;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::model::{Case, Participation};
pub use codes::placement_type;
use episodes::{Review, build_case, check_sequence};
pub use merge::merge;

pub use crate::model::NAME_TO_BE_ADDED;

/// One rejected row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// `header.csv`, `episodes.csv` or `reviews.csv`.
    pub table: &'static str,
    /// The row's number in its file, the header line being row 1.
    pub row: usize,
    pub column: String,
    pub reason: Reason,
    pub detail: String,
}

/// Why a row was rejected, or (when [`Reason::kept`]) what is wrong with a row still imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    MissingColumn,
    BadDate,
    UnknownCode,
    UnknownChild,
    DuplicateChild,
    EndsBeforeStart,
    DobDiffers,
    ReviewBeforeCare,
    Pn0Aged4OrMore,
    NotPn0Under4,
    AfterAsOf,
    AfterYear,
    Overlaps,
    OpenNotLast,
    X1NothingFollows,
}

impl Reason {
    pub fn words(self) -> &'static str {
        match self {
            Reason::MissingColumn => "a column the table needs is missing",
            Reason::BadDate => "a date that is not dd/mm/yyyy",
            Reason::UnknownCode => "a code outside the SSDA903 lists",
            Reason::UnknownChild => "a child not in header.csv",
            Reason::DuplicateChild => "a child twice in header.csv",
            Reason::EndsBeforeStart => "an episode that ends before it starts",
            Reason::DobDiffers => "a date of birth that differs from header.csv",
            Reason::ReviewBeforeCare => "a review before the child was looked after",
            Reason::Pn0Aged4OrMore => "PN0 for a child aged 4 or more",
            Reason::NotPn0Under4 => "a code other than PN0 for a child under 4",
            Reason::AfterAsOf => "a date after the day of the import",
            Reason::AfterYear => "a date after the collection year",
            Reason::Overlaps => "an episode that overlaps the one before",
            Reason::OpenNotLast => "an open episode that is not the child's last",
            Reason::X1NothingFollows => "an episode ending X1 with no episode following",
        }
    }

    /// Whether the row is imported all the same: a review held with a wrong PN code is still
    /// a review held (its code marked not valid), and an `X1` with nothing following still
    /// ends a period of care.
    pub fn kept(self) -> bool {
        matches!(
            self,
            Reason::Pn0Aged4OrMore | Reason::NotPn0Under4 | Reason::X1NothingFollows
        )
    }
}

/// The dates an import accepts: nothing after the day of the import, and, for a return of a
/// known collection year (1 April to 31 March), nothing after its last day.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub as_of: NaiveDate,
    pub year: Option<crate::report::Period>,
}

impl Window {
    /// Why `date` is too late, if it is.
    fn too_late(&self, date: NaiveDate) -> Option<Reason> {
        if self.year.is_some_and(|y| date > y.to) {
            Some(Reason::AfterYear)
        } else {
            (date > self.as_of).then_some(Reason::AfterAsOf)
        }
    }
}

impl From<NaiveDate> for Window {
    fn from(as_of: NaiveDate) -> Window {
        Window { as_of, year: None }
    }
}

/// What an import made.
#[derive(Debug, Default)]
pub struct Imported {
    pub cases: Vec<Case>,
    pub episodes: usize,
    pub reviews: usize,
    /// Rows rejected, and rows kept with a problem ([`Reason::kept`]).
    pub rejected: Vec<Rejected>,
    /// Children in `header.csv` with no episode (or none that could be used), by their row:
    /// no case file is written for them.
    pub no_episode: Vec<(usize, String)>,
}

struct Table<'a> {
    name: &'static str,
    columns: HashMap<String, usize>,
    rows: Vec<(usize, csv::StringRecord)>,
    rejected: &'a mut Vec<Rejected>,
}

impl<'a> Table<'a> {
    fn read(
        name: &'static str,
        text: &str,
        need: &[&str],
        rejected: &'a mut Vec<Rejected>,
    ) -> Option<Self> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let columns: HashMap<String, usize> = reader
            .headers()
            .map(|h| {
                h.iter()
                    .enumerate()
                    .map(|(i, c)| (c.to_ascii_uppercase(), i))
                    .collect()
            })
            .unwrap_or_default();
        let missing: Vec<&&str> = need.iter().filter(|c| !columns.contains_key(**c)).collect();
        if !missing.is_empty() {
            for column in missing {
                rejected.push(Rejected {
                    table: name,
                    row: 1,
                    column: (*column).to_owned(),
                    reason: Reason::MissingColumn,
                    detail: format!("the table has no `{column}` column"),
                });
            }
            return None;
        }
        let rows = reader
            .records()
            .enumerate()
            .filter_map(|(i, r)| r.ok().map(|r| (i + 2, r)))
            .filter(|(_, r)| r.iter().any(|f| !f.is_empty()))
            .collect();
        Some(Table {
            name,
            columns,
            rows,
            rejected,
        })
    }

    fn get<'r>(&self, row: &'r csv::StringRecord, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|i| row.get(*i))
            .unwrap_or("")
    }

    fn reject(&mut self, row: usize, column: &str, reason: Reason, detail: String) {
        self.rejected.push(Rejected {
            table: self.name,
            row,
            column: column.to_owned(),
            reason,
            detail,
        });
    }

    /// A dd/mm/yyyy date, or a rejection.
    fn date(&mut self, n: usize, row: &csv::StringRecord, column: &str) -> Option<NaiveDate> {
        let text = self.get(row, column);
        match NaiveDate::parse_from_str(text, "%d/%m/%Y") {
            Ok(d) => Some(d),
            Err(_) => {
                self.reject(n, column, Reason::BadDate, format!("`{text}`"));
                None
            }
        }
    }

    /// An optional dd/mm/yyyy date: empty is `Some(None)`.
    fn maybe_date(
        &mut self,
        n: usize,
        row: &csv::StringRecord,
        column: &str,
    ) -> Option<Option<NaiveDate>> {
        if self.get(row, column).is_empty() {
            Some(None)
        } else {
            self.date(n, row, column).map(Some)
        }
    }

    fn code(
        &mut self,
        n: usize,
        row: &csv::StringRecord,
        column: &str,
        allowed: &[&str],
        optional: bool,
    ) -> Option<String> {
        let text = self.get(row, column).to_ascii_uppercase();
        if (optional && text.is_empty()) || allowed.contains(&text.as_str()) {
            Some(text)
        } else {
            self.reject(n, column, Reason::UnknownCode, format!("`{text}`"));
            None
        }
    }
}

/// One accepted row of `episodes.csv`.
pub(crate) struct Episode {
    /// Its row in `episodes.csv`, for reporting sequence problems.
    row: usize,
    from: NaiveDate,
    to: Option<NaiveDate>,
    ls: String,
    place: String,
    rec: String,
}

fn code_of<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

/// Reads the three tables, accepting dates up to the window's end.
pub fn import(header: &str, episodes: &str, reviews: &str, window: Window) -> Imported {
    let mut rejected = Vec::new();
    let (dobs, header_rows) = read_header(header, window, &mut rejected);
    let mut eps = read_episodes(episodes, &dobs, window, &mut rejected);
    let mut episode_count = 0;
    for list in eps.values_mut() {
        *list = check_sequence(std::mem::take(list), &mut rejected);
        episode_count += list.len();
    }
    let (held, review_count) = read_reviews(reviews, &dobs, &eps, window, &mut rejected);
    let mut cases = Vec::new();
    let mut no_episode = Vec::new();
    for (child, dob) in &dobs {
        match eps.get(child).filter(|e| !e.is_empty()) {
            Some(list) => cases.extend(build_case(
                child,
                *dob,
                list,
                held.get(child).map(Vec::as_slice).unwrap_or_default(),
            )),
            None => no_episode.push((header_rows[child], child.clone())),
        }
    }
    no_episode.sort();
    rejected.sort_by_key(|r| (table_order(r.table), r.row));
    Imported {
        cases,
        episodes: episode_count,
        reviews: review_count,
        rejected,
        no_episode,
    }
}

fn table_order(table: &str) -> u8 {
    match table {
        "header.csv" => 0,
        "episodes.csv" => 1,
        _ => 2,
    }
}

/// Each child's date of birth, and the row they are on.
fn read_header(
    text: &str,
    window: Window,
    rejected: &mut Vec<Rejected>,
) -> (BTreeMap<String, NaiveDate>, HashMap<String, usize>) {
    let mut dobs = BTreeMap::new();
    let mut rows_of = HashMap::new();
    let Some(mut t) = Table::read("header.csv", text, &["CHILD", "DOB"], rejected) else {
        return (dobs, rows_of);
    };
    let rows = std::mem::take(&mut t.rows);
    for (n, row) in &rows {
        let child = t.get(row, "CHILD").to_owned();
        let Some(dob) = t.date(*n, row, "DOB") else {
            continue;
        };
        if t.columns.contains_key("SEX") && t.code(*n, row, "SEX", codes::SEX, true).is_none() {
            continue;
        }
        if let Some(reason) = window.too_late(dob) {
            t.reject(*n, "DOB", reason, dob.to_string());
            continue;
        }
        if !valid_id(&child) {
            let detail = format!("`{child}` cannot be a case id");
            t.reject(*n, "CHILD", Reason::UnknownCode, detail);
            continue;
        }
        if dobs.insert(child.clone(), dob).is_some() {
            t.reject(*n, "CHILD", Reason::DuplicateChild, child);
        } else {
            rows_of.insert(child, *n);
        }
    }
    (dobs, rows_of)
}

/// Each child's episodes whose every field is valid, in file order.
fn read_episodes(
    text: &str,
    dobs: &BTreeMap<String, NaiveDate>,
    window: Window,
    rejected: &mut Vec<Rejected>,
) -> BTreeMap<String, Vec<Episode>> {
    let mut eps: BTreeMap<String, Vec<Episode>> = BTreeMap::new();
    let need = ["CHILD", "DECOM", "LS", "PLACE"];
    let Some(mut t) = Table::read("episodes.csv", text, &need, rejected) else {
        return eps;
    };
    let rows = std::mem::take(&mut t.rows);
    for (n, row) in &rows {
        let child = t.get(row, "CHILD").to_owned();
        if !dobs.contains_key(&child) {
            t.reject(*n, "CHILD", Reason::UnknownChild, child);
            continue;
        }
        let (Some(from), Some(to)) = (t.date(*n, row, "DECOM"), t.maybe_date(*n, row, "DEC"))
        else {
            continue;
        };
        let codes = (
            t.code(*n, row, "LS", codes::LS, false),
            t.code(*n, row, "PLACE", codes::PLACE, false),
            t.code(*n, row, "RNE", codes::RNE, true),
            t.code(*n, row, "CIN", codes::CIN, true),
            t.code(*n, row, "REC", codes::REC, true),
        );
        let (Some(ls), Some(place), Some(_), Some(_), Some(rec)) = codes else {
            continue;
        };
        if let Some(end) = to.filter(|end| *end < from) {
            let detail = format!("{end} is before {from}");
            t.reject(*n, "DEC", Reason::EndsBeforeStart, detail);
            continue;
        }
        let late = [("DECOM", Some(from)), ("DEC", to)]
            .into_iter()
            .find_map(|(column, d)| Some((column, d?, window.too_late(d?)?)));
        if let Some((column, date, reason)) = late {
            t.reject(*n, column, reason, date.to_string());
            continue;
        }
        eps.entry(child).or_default().push(Episode {
            row: *n,
            from,
            to,
            ls,
            place,
            rec,
        });
    }
    eps
}

/// Each child's reviews held, and how many. A PN code that does not fit the child's age is a
/// data error in a review that was still held: the review is kept, its code marked not valid.
fn read_reviews(
    text: &str,
    dobs: &BTreeMap<String, NaiveDate>,
    eps: &BTreeMap<String, Vec<Episode>>,
    window: Window,
    rejected: &mut Vec<Rejected>,
) -> (BTreeMap<String, Vec<Review>>, usize) {
    let mut held: BTreeMap<String, Vec<Review>> = BTreeMap::new();
    let mut count = 0;
    let need = ["CHILD", "REVIEW", "REVIEW_CODE"];
    let Some(mut t) = Table::read("reviews.csv", text, &need, rejected) else {
        return (held, count);
    };
    let rows = std::mem::take(&mut t.rows);
    for (n, row) in &rows {
        let child = t.get(row, "CHILD").to_owned();
        let Some(dob) = dobs.get(&child).copied() else {
            t.reject(*n, "CHILD", Reason::UnknownChild, child);
            continue;
        };
        if t.columns.contains_key("DOB") && !t.get(row, "DOB").is_empty() {
            match t.date(*n, row, "DOB") {
                Some(d) if d != dob => {
                    let detail = format!("{d}, header.csv says {dob}");
                    t.reject(*n, "DOB", Reason::DobDiffers, detail);
                    continue;
                }
                Some(_) => {}
                None => continue,
            }
        }
        let (Some(date), Some(code)) = (
            t.date(*n, row, "REVIEW"),
            t.code(*n, row, "REVIEW_CODE", codes::REVIEW_CODE, false),
        ) else {
            continue;
        };
        if let Some(reason) = window.too_late(date) {
            t.reject(*n, "REVIEW", reason, date.to_string());
            continue;
        }
        let first_care = eps.get(&child).and_then(|e| e.first()).map(|e| e.from);
        if first_care.is_none_or(|f| date < f) {
            t.reject(*n, "REVIEW", Reason::ReviewBeforeCare, date.to_string());
            continue;
        }
        let Some(participation) = code_of::<Participation>(&code) else {
            continue;
        };
        let age = crate::model::age_on(dob, date);
        let misfit = match (participation, age >= 4) {
            (Participation::PN0, true) => Some((Reason::Pn0Aged4OrMore, format!("aged {age}"))),
            (c, false) if c != Participation::PN0 => {
                Some((Reason::NotPn0Under4, format!("{code}, aged {age}")))
            }
            _ => None,
        };
        if let Some((reason, detail)) = &misfit {
            let detail = format!("{detail}; imported with the code marked not valid");
            t.reject(*n, "REVIEW_CODE", *reason, detail);
        }
        count += 1;
        held.entry(child).or_default().push(Review {
            date,
            code: participation,
            valid: misfit.is_none(),
        });
    }
    (held, count)
}

fn valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests;
