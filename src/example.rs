//! Fictional case files at scale, for benchmarks and load tests.
//!
//! Deterministic: the same seed gives the same cases. A tiny xorshift generator is used in
//! place of the `rand` crate because the output must stay byte-identical across crate versions
//! (rand documents that its value streams may change).

use chrono::{Datelike, Days, NaiveDate};

use crate::model::*;
use crate::schedule::{Calendar, add_months};

/// A deterministic pseudo-random source.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Alex", "Bea", "Cal", "Dani", "Eli", "Fern", "Gus", "Hana", "Ira", "Jude", "Kit", "Lola",
    "Milo", "Nell", "Otis", "Pia", "Quin", "Rae", "Sol", "Tess", "Uma", "Vic", "Wren", "Zed",
];
const LAST: &[&str] = &[
    "Ashdown",
    "Birchall",
    "Coltrane",
    "Dunmore",
    "Elwood",
    "Fairley",
    "Greaves",
    "Hollins",
    "Ingram",
    "Jessop",
    "Kettle",
    "Lumley",
    "Marsh",
    "Nettleton",
    "Oakes",
    "Pryor",
];

/// Generates `count` valid case files for `service`, as of `as_of`, with reviews on the
/// statutory rhythm. Placements name no carer household, so any service folder will do.
pub fn generate_cases(service: &Service, count: usize, seed: u64, as_of: NaiveDate) -> Vec<Case> {
    let mut rng = Rng(seed.max(1));
    let calendar = Calendar::of_service(service);
    let iros: Vec<&TeamMember> = service
        .team
        .iter()
        .filter(|m| m.role == TeamRole::Iro)
        .collect();
    (0..count)
        .map(|n| generate_case(&mut rng, n, &iros, service, &calendar, as_of))
        .collect()
}

fn generate_case(
    rng: &mut Rng,
    n: usize,
    iros: &[&TeamMember],
    service: &Service,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> Case {
    let age_days = 200 + rng.below(17 * 365);
    let dob = as_of - Days::new(age_days);
    let care_days = 30 + rng.below(age_days.saturating_sub(30).min(8 * 365));
    let from = as_of - Days::new(care_days);
    let surname = *rng.pick(LAST);
    let first = *rng.pick(FIRST);
    let iro = iros.get(n % iros.len().max(1)).map(|m| m.id.clone());
    let t = &service.timescales;
    let mut meetings = Vec::new();
    let mut due = calendar.add_working_days(from, t.first_review_working_days);
    while due < as_of {
        let date = due - Days::new(rng.below(10));
        let date = if calendar.is_working_day(date) {
            date
        } else {
            due
        };
        let age = age_on(dob, date);
        let participation = if age < 4 {
            Participation::PN0
        } else {
            *rng.pick(&Participation::ALL[1..])
        };
        meetings.push(review(rng, date, participation, calendar));
        let months = if meetings.len() == 1 {
            t.second_review_months
        } else {
            t.later_review_months
        };
        due = add_months(date, months);
    }
    let permanence = (meetings.len() >= 2).then(|| Permanence {
        plan: *rng.pick(&[
            PermanencePlan::LongTermFostering,
            PermanencePlan::ReturnHome,
        ]),
        agreed: meetings[1].date,
        detail: None,
    });
    Case {
        id: format!("GEN-{:05}", n + 1),
        child: Child {
            legal_name: format!("{first} {surname}"),
            preferred_name: Some(first.to_owned()),
            date_of_birth: dob,
            pronouns: None,
            language: "en".to_owned(),
            interpreter: false,
            communication_needs: Vec::new(),
            formats: Vec::new(),
        },
        legal_status: vec![LegalStatusPeriod {
            code: *rng.pick(&[LegalStatus::C2, LegalStatus::C1, LegalStatus::V2]),
            from,
        }],
        looked_after: vec![CarePeriod {
            from,
            to: None,
            reviews_before: None,
        }],
        placements: vec![Placement {
            kind: PlacementType::FosterCare,
            from,
            to: None,
            carer: None,
            provider: Some("Northmoor Fostering".to_owned()),
            address: Some(Address {
                lines: vec![
                    format!("{} Example Row", 1 + rng.below(200)),
                    "Northmoor".to_owned(),
                ],
                postcode: Some("NM1 1AA".to_owned()),
            }),
            confidential: rng.below(10) == 0,
        }],
        iro: iro.map(|id| IroAllocation {
            id,
            allocated: from,
            introduced: Some(calendar.add_working_days(from, 2)),
        }),
        social_worker: Some(Professional {
            name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
            team: Some("Children in Care Team".to_owned()),
            phone: Some(format!("01632 960{:03}", rng.below(1000))),
            email: Some("social.work@example.org".to_owned()),
            send_by: None,
            address: None,
        }),
        people: vec![Person {
            id: "mum".to_owned(),
            name: format!("{} {surname}", rng.pick(FIRST)),
            role: Role::Mother,
            parental_responsibility: true,
            phone: Some(format!("07700 900{:03}", rng.below(1000))),
            email: None,
            address: None,
            language: "en".to_owned(),
            formats: Vec::new(),
            invited: true,
            details_withheld: false,
            no_contact: false,
            risk: false,
            send_by: None,
        }],
        meetings,
        child_protection: None,
        secure: None,
        private_fostering: None,
        disputes: Vec::new(),
        permanence_plan: permanence,
        extra_review_requests: Vec::new(),
        school: None,
        gp: None,
    }
}

fn review(
    rng: &mut Rng,
    date: NaiveDate,
    participation: Participation,
    calendar: &Calendar,
) -> Meeting {
    let decisions = (0..2 + rng.below(2))
        .map(|k| Decision {
            for_child: None,
            text: format!(
                "Action {} agreed at the review of {}",
                k + 1,
                date.format("%-d %B %Y")
            ),
            owner: Some(if k % 2 == 0 { "social-worker" } else { "iro" }.to_owned()),
            due: Some(add_months(date, 1 + (k as u32 % 3))),
            status: DecisionStatus::Done,
            done: Some(add_months(date, 1)),
        })
        .collect();
    Meeting {
        kind: MeetingType::LacReview,
        date,
        status: MeetingStatus::Held,
        time: Some(format!("{:02}:00", 9 + date.day() % 7)),
        venue: None,
        chair: None,
        attended: vec![
            "child".to_owned(),
            "social-worker".to_owned(),
            "mum".to_owned(),
        ],
        responses: Vec::new(),
        for_child: Default::default(),
        apologies: Vec::new(),
        participation: Some(participation),
        participation_valid: true,
        child_knows_iro: Some(true),
        advocate_offered: Some(true),
        views: Vec::new(),
        discussion: Default::default(),
        decisions,
        packs_sent: None,
        decisions_sent: Some(calendar.add_working_days(date, 3)),
        record_sent: Some(calendar.add_working_days(date, 15)),
    }
}

/// What [`write_generated_service`] made.
#[derive(Debug, Clone, Copy)]
pub struct Generated {
    pub children: usize,
    pub reviews: usize,
    pub yaml_bytes: usize,
}

impl std::fmt::Display for Generated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "generated {} cases, {} reviews, {:.1} MB of YAML",
            self.children,
            self.reviews,
            self.yaml_bytes as f64 / 1e6
        )
    }
}

/// Writes a service folder of `count` generated children into `dir`, with the service file
/// and images of the example service in `example` (for benchmarks and tests at scale).
pub fn write_generated_service(
    example: &std::path::Path,
    dir: &std::path::Path,
    count: usize,
    seed: u64,
    as_of: NaiveDate,
) -> std::io::Result<Generated> {
    use std::fs;
    let text = fs::read_to_string(example.join("service.yaml"))?;
    let value = crate::load::yaml::parse_value(&text)
        .map_err(|d| std::io::Error::other(d.message.clone()))?;
    let service: Service = serde_json::from_value(value).map_err(std::io::Error::other)?;
    fs::create_dir_all(dir.join("cases"))?;
    fs::create_dir_all(dir.join("images"))?;
    fs::write(dir.join("service.yaml"), &text)?;
    for entry in fs::read_dir(example.join("images"))? {
        let entry = entry?;
        fs::copy(entry.path(), dir.join("images").join(entry.file_name()))?;
    }
    let mut generated = Generated {
        children: count,
        reviews: 0,
        yaml_bytes: 0,
    };
    for case in generate_cases(&service, count, seed, as_of) {
        let yaml = serde_saphyr::to_string(&case).map_err(std::io::Error::other)?;
        generated.reviews += case.meetings.len();
        generated.yaml_bytes += yaml.len();
        fs::write(dir.join(format!("cases/{}.yaml", case.id)), yaml)?;
    }
    Ok(generated)
}

/// The SSDA903 tables (`header.csv`, `episodes.csv`, `reviews.csv`) a return of these cases
/// would hold: one episode per placement, each review with its participation code. For
/// testing `iro import-903` at scale; the sex column is made up, the return needs one.
pub fn ssda903_tables(cases: &[Case]) -> (String, String, String) {
    let date = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut header = String::from("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
    let mut episodes = String::from(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n",
    );
    let mut reviews = String::from("CHILD,DOB,REVIEW,REVIEW_CODE\n");
    for (n, case) in cases.iter().enumerate() {
        let dob = date(case.child.date_of_birth);
        header.push_str(&format!("{},{},{dob},WBRI,,,\n", case.id, 1 + n % 2));
        for (i, p) in case.placements.iter().enumerate() {
            let ls = case
                .legal_status_on(p.from)
                .map_or("V2".to_owned(), |c| format!("{c:?}"));
            let place = match p.kind {
                PlacementType::KinshipCare => "U1",
                PlacementType::ResidentialHome => "K2",
                PlacementType::SecureUnit => "K1",
                PlacementType::PlacedWithParents => "P1",
                PlacementType::Adoption => "A3",
                PlacementType::SupportedAccommodation => "H5",
                PlacementType::Hospital => "R2",
                PlacementType::YoungOffenderInstitution => "R5",
                _ => "U4",
            };
            let follows = case
                .placements
                .get(i + 1)
                .is_some_and(|next| Some(next.from) == p.to);
            let rec = match p.to {
                None => "",
                Some(_) if follows => "X1",
                Some(_) => "E13",
            };
            episodes.push_str(&format!(
                "{},{},{},{ls},N1,{place},PR1,{},{rec},,,,\n",
                case.id,
                date(p.from),
                if i == 0 { "S" } else { "P" },
                p.to.map(date).unwrap_or_default(),
            ));
        }
        for m in case.held(MeetingType::LacReview) {
            if let Some(code) = m.participation {
                reviews.push_str(&format!("{},{dob},{},{code:?}\n", case.id, date(m.date)));
            }
        }
    }
    (header, episodes, reviews)
}
