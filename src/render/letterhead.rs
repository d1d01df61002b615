//! The letterhead: what a layout prints around a document's body (the service's name and
//! colour, the office, the addressee, the date and reference), one typed view for every
//! document, site page and report. The typesetter serves it to the layout as `/data.json`,
//! data that is never evaluated as code.

use serde::Serialize;

use super::context::address_lines;
use crate::model::{Office, Service};

/// What the layouts (`templates/layouts/*.typ`) and the Braille and audio header
/// (`templates/formats/header.md`) may print around a body. Absent fields print nothing.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Letterhead {
    pub service_name: String,
    /// The house colour, `#RRGGBB`.
    pub accent: String,
    /// The sender's office.
    pub address_lines: Option<Vec<String>>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The document's date as printed (`25 November 2026`).
    pub date: Option<String>,
    /// Whom a letter is addressed to, as this copy may give it.
    pub recipient_lines: Option<Vec<String>>,
    /// `Our ref: NM-1001`.
    pub reference: Option<String>,
    /// For an amended copy of a sent document: what it replaces (`Amended: this replaces the
    /// copy sent on 2 December 2026`).
    pub amends: Option<String>,
    /// For a form: the form's view, which the form layout draws.
    pub form: Option<serde_json::Value>,
}

impl Letterhead {
    /// The service alone: its name, in the language being written, and colour (the annual
    /// report).
    pub fn of_service(service: &Service) -> Letterhead {
        let lang = super::context::current_language();
        Letterhead {
            service_name: service.service.name_in(&lang).to_owned(),
            accent: service.branding.colour.clone(),
            ..Letterhead::default()
        }
    }

    /// The service and an office's address and phone (a public page, a letter).
    pub fn from_office(service: &Service, office: Option<&Office>) -> Letterhead {
        Letterhead {
            address_lines: office.map(|o| address_lines(&o.address)),
            phone: office.map(|o| o.phone.clone()),
            ..Letterhead::of_service(service)
        }
    }

    /// As the layout reads it.
    pub fn to_data(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a letterhead is plain strings and lists")
    }
}
