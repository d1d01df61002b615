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
    (
        "templates/layouts/form.typ",
        include_bytes!("../templates/layouts/form.typ"),
    ),
    (
        "templates/forms/form.html",
        include_bytes!("../templates/forms/form.html"),
    ),
    (
        "templates/packs/invitation/13-plus.md",
        include_bytes!("../templates/packs/invitation/13-plus.md"),
    ),
    (
        "templates/packs/invitation/8-to-12.md",
        include_bytes!("../templates/packs/invitation/8-to-12.md"),
    ),
    (
        "templates/packs/invitation/adult-easy-read.md",
        include_bytes!("../templates/packs/invitation/adult-easy-read.md"),
    ),
    (
        "templates/packs/invitation/adult.md",
        include_bytes!("../templates/packs/invitation/adult.md"),
    ),
    (
        "templates/packs/invitation/easy-read.md",
        include_bytes!("../templates/packs/invitation/easy-read.md"),
    ),
    (
        "templates/packs/invitation/under-8.md",
        include_bytes!("../templates/packs/invitation/under-8.md"),
    ),
    ("forms/README.md", include_bytes!("../forms/README.md")),
    ("forms/carer.yaml", include_bytes!("../forms/carer.yaml")),
    (
        "forms/child-4-7.yaml",
        include_bytes!("../forms/child-4-7.yaml"),
    ),
    (
        "forms/child-8-12.yaml",
        include_bytes!("../forms/child-8-12.yaml"),
    ),
    ("forms/health.yaml", include_bytes!("../forms/health.yaml")),
    ("forms/parent.yaml", include_bytes!("../forms/parent.yaml")),
    ("forms/school.yaml", include_bytes!("../forms/school.yaml")),
    (
        "forms/social-worker.yaml",
        include_bytes!("../forms/social-worker.yaml"),
    ),
    (
        "forms/young-person-13-plus.yaml",
        include_bytes!("../forms/young-person-13-plus.yaml"),
    ),
];
