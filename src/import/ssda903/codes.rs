//! The SSDA903 code lists, as the DfE's guide to the children looked after return defines them
//! for every collection year a service may still import (2016-17 to 2025-26), and what each
//! placement code means for iro.
//!
//! Sources: DfE, "Children looked after by local authorities in England: guide to the SSDA903
//! collection", 2023 to 2024, 2024 to 2025 and 2025 to 2026 (gov.uk, "children looked after
//! return" guides), checked against the code lists of the DfE-endorsed validator
//! (data-to-insight/csc-validator-be-903, rules 101, 144, 146 and 149 for each year). A return
//! holds only one year's codes, but a service imports its old returns too, so each list is the
//! union over the years.

/// SEX: `1`/`2` until 2023-24; `M`, `F` and `U` (not known) from 2024-25.
pub const SEX: &[&str] = &["1", "2", "M", "F", "U"];

/// LS, legal status (unchanged 2016-17 to 2025-26).
pub const LS: &[&str] = &[
    "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
];

/// RNE, reason for new episode.
pub const RNE: &[&str] = &["S", "P", "L", "T", "B", "U"];

/// CIN, category of need.
pub const CIN: &[&str] = &["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"];

/// PLACE (PL in the XML), placement type. K3 came in 2024-25; in 2025-26 Z11 to Z14 replaced
/// Z1, and H5 and P2 were withdrawn (they stay valid in the older returns).
pub const PLACE: &[&str] = &[
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
    "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1", "Z11", "Z12", "Z13",
    "Z14",
];

/// REC, reason episode ceased (`X1`: the episode ends but the period of care goes on).
pub const REC: &[&str] = &[
    "X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47",
    "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9",
];

/// REVIEW_CODE, how the child took part in the review.
pub const REVIEW_CODE: &[&str] = &["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

/// The placement type a 903 placement code is.
pub fn placement_type(code: &str) -> crate::model::PlacementType {
    use crate::model::PlacementType;
    match code {
        "U1" | "U2" | "U3" => PlacementType::KinshipCare,
        "U4" | "U5" | "U6" => PlacementType::FosterCare,
        "K1" => PlacementType::SecureUnit,
        "K2" | "R1" | "S1" => PlacementType::ResidentialHome,
        "P1" => PlacementType::PlacedWithParents,
        "A3" | "A4" | "A5" | "A6" => PlacementType::Adoption,
        // K3 is supported accommodation registered with Ofsted (from 2024-25), which took the
        // place of H5 and P2.
        "H5" | "P2" | "K3" => PlacementType::SupportedAccommodation,
        "R2" => PlacementType::Hospital,
        "R5" => PlacementType::YoungOffenderInstitution,
        _ => PlacementType::Other,
    }
}
