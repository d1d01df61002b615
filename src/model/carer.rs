//! A foster carer household (`carers/<id>.yaml`), reviewed once a year by an IRO.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::case::{Address, Meeting, Professional};
use super::codes::Format;

/// A foster carer household.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarerHousehold {
    /// The household id, used by placements in case files, for example `FC-014`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"))]
    pub id: String,
    /// How the household is named in letters, for example `Sam and Alex Rivers`.
    pub name: String,
    /// The adults approved as carers.
    pub carers: Vec<Carer>,
    /// The date the household was approved (day 0 of the first review's clock).
    pub approved: NaiveDate,
    /// The terms of approval, for example `up to 2 children aged 0-11`.
    pub approval_terms: Option<String>,
    /// The household address. It is always confidential to the children's families.
    pub address: Option<Address>,
    pub supervising_social_worker: Option<Professional>,
    /// The IRO who chairs the household's reviews (an id in `service.yaml`).
    pub reviewing_officer: Option<String>,
    /// Foster carer reviews held or planned, oldest first.
    #[serde(default)]
    pub reviews: Vec<Meeting>,
}

/// One approved carer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Carer {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub formats: Vec<Format>,
    /// The carer's language, as an ISO 639-1 code: their review's record follows it.
    #[serde(default = "super::case::english")]
    #[schemars(regex(pattern = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"))]
    pub language: String,
}
