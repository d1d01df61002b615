//! A local authority's SSDA903 return (the looked after children data it sends the DfE) into
//! case files: `header.csv`, `episodes.csv` and `reviews.csv`, columns found by name.
//!
//! Rows that break the return's own rules are rejected one by one, each with its table, row
//! and column, and the rest go on. The return holds no names, so every case says so
//! (`name to be added`) rather than inventing one. Pure: takes the tables' text, returns
//! cases and rejections; merging with existing case files is [`merge`].

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::model::{Case, LegalStatus, MeetingStatus, MeetingType, Participation, PlacementType};

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

/// Why a row was rejected.
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
        }
    }
}

/// What an import made.
#[derive(Debug, Default)]
pub struct Imported {
    pub cases: Vec<Case>,
    pub episodes: usize,
    pub reviews: usize,
    pub rejected: Vec<Rejected>,
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

const SEX: &[&str] = &["1", "2"];
const LS: &[&str] = &[
    "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
];
const RNE: &[&str] = &["S", "P", "L", "T", "B", "U"];
const CIN: &[&str] = &["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"];
const PLACE: &[&str] = &[
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", "T0",
    "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
];
const REC: &[&str] = &[
    "X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47",
    "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9",
];
const REVIEW_CODE: &[&str] = &["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

/// The placement type a 903 placement code is.
pub fn placement_type(code: &str) -> PlacementType {
    match code {
        "U1" | "U2" | "U3" => PlacementType::KinshipCare,
        "U4" | "U5" | "U6" => PlacementType::FosterCare,
        "K1" => PlacementType::SecureUnit,
        "K2" | "R1" | "S1" => PlacementType::ResidentialHome,
        "P1" => PlacementType::PlacedWithParents,
        "A3" | "A4" | "A5" | "A6" => PlacementType::Adoption,
        "H5" | "P2" => PlacementType::SupportedAccommodation,
        "R2" => PlacementType::Hospital,
        "R5" => PlacementType::YoungOffenderInstitution,
        _ => PlacementType::Other,
    }
}

struct Episode {
    from: NaiveDate,
    to: Option<NaiveDate>,
    ls: String,
    place: String,
    rec: String,
}

fn code_of<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

/// Reads the three tables; `as_of` is the last day anything may be dated.
pub fn import(header: &str, episodes: &str, reviews: &str, as_of: NaiveDate) -> Imported {
    let mut rejected = Vec::new();
    let mut dobs: BTreeMap<String, NaiveDate> = BTreeMap::new();
    if let Some(mut t) = Table::read("header.csv", header, &["CHILD", "DOB"], &mut rejected) {
        let rows = std::mem::take(&mut t.rows);
        for (n, row) in &rows {
            let child = t.get(row, "CHILD").to_owned();
            let Some(dob) = t.date(*n, row, "DOB") else {
                continue;
            };
            if t.columns.contains_key("SEX") && t.code(*n, row, "SEX", SEX, true).is_none() {
                continue;
            }
            if dob > as_of {
                t.reject(*n, "DOB", Reason::AfterAsOf, dob.to_string());
                continue;
            }
            if !valid_id(&child) {
                t.reject(
                    *n,
                    "CHILD",
                    Reason::UnknownCode,
                    format!("`{child}` cannot be a case id"),
                );
                continue;
            }
            if dobs.insert(child.clone(), dob).is_some() {
                t.reject(*n, "CHILD", Reason::DuplicateChild, child);
            }
        }
    }
    let mut eps: BTreeMap<String, Vec<Episode>> = BTreeMap::new();
    let mut episode_count = 0;
    if let Some(mut t) = Table::read(
        "episodes.csv",
        episodes,
        &["CHILD", "DECOM", "LS", "PLACE"],
        &mut rejected,
    ) {
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
                t.code(*n, row, "LS", LS, false),
                t.code(*n, row, "PLACE", PLACE, false),
                t.code(*n, row, "RNE", RNE, true),
                t.code(*n, row, "CIN", CIN, true),
                t.code(*n, row, "REC", REC, true),
            );
            let (Some(ls), Some(place), Some(_), Some(_), Some(rec)) = codes else {
                continue;
            };
            if let Some(end) = to.filter(|end| *end < from) {
                t.reject(
                    *n,
                    "DEC",
                    Reason::EndsBeforeStart,
                    format!("{end} is before {from}"),
                );
                continue;
            }
            if let Some(late) = std::iter::once(from).chain(to).find(|d| *d > as_of) {
                t.reject(*n, "DECOM", Reason::AfterAsOf, late.to_string());
                continue;
            }
            episode_count += 1;
            eps.entry(child).or_default().push(Episode {
                from,
                to,
                ls,
                place,
                rec,
            });
        }
    }
    for list in eps.values_mut() {
        list.sort_by_key(|e| e.from);
    }
    let mut held: BTreeMap<String, Vec<(NaiveDate, Participation)>> = BTreeMap::new();
    let mut review_count = 0;
    if let Some(mut t) = Table::read(
        "reviews.csv",
        reviews,
        &["CHILD", "REVIEW", "REVIEW_CODE"],
        &mut rejected,
    ) {
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
                        t.reject(
                            *n,
                            "DOB",
                            Reason::DobDiffers,
                            format!("{d}, header.csv says {dob}"),
                        );
                        continue;
                    }
                    Some(_) => {}
                    None => continue,
                }
            }
            let (Some(date), Some(code)) = (
                t.date(*n, row, "REVIEW"),
                t.code(*n, row, "REVIEW_CODE", REVIEW_CODE, false),
            ) else {
                continue;
            };
            if date > as_of {
                t.reject(*n, "REVIEW", Reason::AfterAsOf, date.to_string());
                continue;
            }
            let first_care = eps.get(&child).and_then(|e| e.first()).map(|e| e.from);
            if first_care.is_none_or(|f| date < f) {
                t.reject(*n, "REVIEW", Reason::ReviewBeforeCare, date.to_string());
                continue;
            }
            let age = crate::model::age_on(dob, date);
            match (code.as_str(), age >= 4) {
                ("PN0", true) => {
                    t.reject(
                        *n,
                        "REVIEW_CODE",
                        Reason::Pn0Aged4OrMore,
                        format!("aged {age}"),
                    );
                    continue;
                }
                (c, false) if c != "PN0" => {
                    t.reject(
                        *n,
                        "REVIEW_CODE",
                        Reason::NotPn0Under4,
                        format!("{c}, aged {age}"),
                    );
                    continue;
                }
                _ => {}
            }
            let Some(code) = code_of::<Participation>(&code) else {
                continue;
            };
            review_count += 1;
            held.entry(child).or_default().push((date, code));
        }
    }
    let cases = dobs
        .iter()
        .filter_map(|(child, dob)| {
            build_case(
                child,
                *dob,
                eps.get(child).map(Vec::as_slice).unwrap_or_default(),
                held.get(child),
            )
        })
        .collect();
    Imported {
        cases,
        episodes: episode_count,
        reviews: review_count,
        rejected,
    }
}

fn valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// One child's case from their episodes and reviews. Episodes that follow on without a gap
/// (one ends the day the next starts) are one period of care until an episode ends with a
/// reason other than `X1`.
fn build_case(
    child: &str,
    dob: NaiveDate,
    episodes: &[Episode],
    reviews: Option<&Vec<(NaiveDate, Participation)>>,
) -> Option<Case> {
    let mut looked_after: Vec<serde_json::Value> = Vec::new();
    let mut legal_status: Vec<serde_json::Value> = Vec::new();
    let mut placements: Vec<serde_json::Value> = Vec::new();
    let mut open: Option<(NaiveDate, Option<NaiveDate>)> = None;
    let mut last_ls: Option<&str> = None;
    for (i, e) in episodes.iter().enumerate() {
        let continues = i > 0 && episodes[i - 1].to == Some(e.from) && episodes[i - 1].rec == "X1";
        if !continues {
            if let Some((from, to)) = open.take() {
                looked_after.push(serde_json::json!({"from": from, "to": to}));
            }
            open = Some((e.from, e.to));
            last_ls = None;
        } else if let Some(period) = open.as_mut() {
            period.1 = e.to;
        }
        if last_ls != Some(e.ls.as_str()) && code_of::<LegalStatus>(&e.ls).is_some() {
            legal_status.push(serde_json::json!({"code": e.ls, "from": e.from}));
            last_ls = Some(&e.ls);
        }
        placements.push(serde_json::json!({
            "type": placement_type(&e.place),
            "from": e.from,
            "to": e.to,
        }));
    }
    if let Some((from, to)) = open {
        looked_after.push(serde_json::json!({"from": from, "to": to}));
    }
    let meetings: Vec<serde_json::Value> = reviews
        .into_iter()
        .flatten()
        .map(|(date, code)| {
            serde_json::json!({
                "type": MeetingType::LacReview,
                "date": date,
                "status": MeetingStatus::Held,
                "participation": code,
            })
        })
        .collect();
    let value = serde_json::json!({
        "id": child,
        "child": {"legal_name": NAME_TO_BE_ADDED, "date_of_birth": dob},
        "legal_status": legal_status,
        "looked_after": looked_after,
        "placements": placements,
        "meetings": meetings,
    });
    serde_json::from_value(value).ok()
}

/// The imported case merged into an existing case file's: what the return carries (date of
/// birth, legal status, periods of care, placement types and dates, reviews held and their
/// participation codes) comes from the return; everything else (names, people, contacts,
/// views, decisions, carers and addresses of placements) stays as the file had it.
pub fn merge(existing: &Case, imported: &Case) -> Case {
    let mut out = existing.clone();
    out.child.date_of_birth = imported.child.date_of_birth;
    out.legal_status = imported.legal_status.clone();
    out.looked_after = imported.looked_after.clone();
    out.placements = imported
        .placements
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if let Some(old) = existing.placements.iter().find(|o| o.from == p.from) {
                p.carer = old.carer.clone();
                p.provider = old.provider.clone();
                p.address = old.address.clone();
                p.confidential = old.confidential;
            }
            p
        })
        .collect();
    for review in &imported.meetings {
        match out
            .meetings
            .iter_mut()
            .find(|m| m.kind == MeetingType::LacReview && m.date == review.date)
        {
            Some(m) => {
                m.participation = review.participation;
                m.status = MeetingStatus::Held;
            }
            None => out.meetings.push(review.clone()),
        }
    }
    out.meetings.sort_by_key(|m| m.date);
    out
}

#[cfg(test)]
mod tests;
