//! The files built into the binary: default templates and layouts (used when a service folder
//! lacks them) and the starter service that `iro init DIR` writes.

/// (path in a service folder, contents).
pub const FILES: &[(&str, &[u8])] = &[
    ("service.yaml", include_bytes!("../service.yaml")),
    (
        "images/iro-hokafor.png",
        include_bytes!("../images/iro-hokafor.png"),
    ),
    (
        "cases/NM-1003.yaml",
        include_bytes!("../cases/NM-1003.yaml"),
    ),
    (
        "carers/FC-204.yaml",
        include_bytes!("../carers/FC-204.yaml"),
    ),
    (
        "templates/README.md",
        include_bytes!("../templates/README.md"),
    ),
    (
        "templates/layouts/letter.typ",
        include_bytes!("../templates/layouts/letter.typ"),
    ),
    (
        "templates/letters/introduction/under-8.md",
        include_bytes!("../templates/letters/introduction/under-8.md"),
    ),
    (
        "templates/letters/introduction/8-to-12.md",
        include_bytes!("../templates/letters/introduction/8-to-12.md"),
    ),
    (
        "templates/letters/introduction/13-plus.md",
        include_bytes!("../templates/letters/introduction/13-plus.md"),
    ),
    (
        "templates/letters/introduction/easy-read.md",
        include_bytes!("../templates/letters/introduction/easy-read.md"),
    ),
];
