//! Any text as a letter's Markdown: the Typst markup made from it always parses, so no value
//! can break out of its text (a stray `]`, `#`, `$` or `//` would leave an error node).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let markup = iro::typeset::markdown_to_typst(text);
    let root = typst::syntax::parse(&markup);
    assert!(
        !root.diagnosis().errors,
        "generated Typst does not parse:\n{markup}\nfrom:\n{text:?}"
    );
});
