//! The files built into the binary: default templates and layouts (used when a service folder
//! lacks them) and the starter service that `iro init DIR` writes.

/// (path in a service folder, contents).
pub const FILES: &[(&str, &str)] = &[
    ("service.yaml", include_str!("../service.yaml")),
    ("cases/NM-1003.yaml", include_str!("../cases/NM-1003.yaml")),
    ("carers/FC-204.yaml", include_str!("../carers/FC-204.yaml")),
    (
        "templates/README.md",
        include_str!("../templates/README.md"),
    ),
    (
        "templates/layouts/letter.typ",
        include_str!("../templates/layouts/letter.typ"),
    ),
    (
        "templates/letters/introduction/under-8.md",
        include_str!("../templates/letters/introduction/under-8.md"),
    ),
    (
        "templates/letters/introduction/8-to-12.md",
        include_str!("../templates/letters/introduction/8-to-12.md"),
    ),
    (
        "templates/letters/introduction/13-plus.md",
        include_str!("../templates/letters/introduction/13-plus.md"),
    ),
    (
        "templates/letters/introduction/easy-read.md",
        include_str!("../templates/letters/introduction/easy-read.md"),
    ),
];
