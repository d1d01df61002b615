//! The notice that a review moved (issue 15): a booked review whose date changes after its
//! consultation pack went gets a `review-moved` notice for everyone the pack went to, in the
//! folder of the pack for the new date; the old pack stays in the archive as it went and
//! leaves `out/`; a sent notice is not made again.

use std::path::Path;

use serde_json::Value;

use crate::build::{build, document_text, tree};
use crate::leaks::{locating, yaml};
use crate::{Fixture, output};

/// Sends what `args` name, as on `day`; panics when iro cannot.
pub(crate) fn send(fx: &Fixture, out: &Path, day: &str, args: &[&str]) {
    let mut all = vec!["send", "--out", out.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    all.extend(["--date", day, "--as-of", day]);
    let (code, _, stderr) = output(&mut fx.iro(&all));
    assert_eq!(code, 0, "iro send {args:?} failed:\n{stderr}");
}

/// The archive's entries of one kind, under one folder.
fn sent(fx: &Fixture, folder: &str, kind: &str) -> Vec<Value> {
    let index: Value =
        serde_json::from_slice(&std::fs::read(fx.file("sent/index.json")).expect("an index"))
            .expect("json");
    let docs = index["documents"].as_array().expect("documents").iter();
    docs.filter(|d| d["kind"] == kind && d["path"].as_str().is_some_and(|p| p.starts_with(folder)))
        .cloned()
        .collect()
}

/// Everyone the pack in `folder` went to, by reader id.
fn readers_of(fx: &Fixture, folder: &str) -> Vec<String> {
    let mut readers: Vec<String> = sent(fx, folder, "pack-invitation")
        .iter()
        .filter_map(|d| d["reader"].as_str().map(str::to_owned))
        .collect();
    readers.sort();
    readers.dedup();
    readers
}

/// Builds `case` as of `day`, sends it, and moves its booked review from `from` to `to`.
fn send_then_move(fx: &Fixture, out: &Path, case: &str, day: &str, from: &str, to: &str) {
    build(fx, out, &["--as-of", day]);
    send(fx, out, day, &["--case", case]);
    let file = format!("cases/{case}.yaml");
    assert!(fx.read(&file).contains("packs_sent:"), "sending records it");
    fx.edit(
        &file,
        &format!("    date: {from}\n"),
        &format!("    date: {to}\n"),
    );
    build(fx, out, &["--as-of", day]);
}

#[test]
fn everyone_who_got_the_pack_is_told_the_review_moved_and_the_old_pack_stays_as_it_went() {
    let fx = Fixture::example();
    let out = fx.file("out");
    let day = "2026-11-25";
    build(&fx, &out, &["--as-of", day]);
    send(&fx, &out, day, &["--case", "NM-1003"]);
    let archived = fx.file("sent/2026-11-25/NM-1003/pack-2026-12-09");
    let before = tree(&archived);
    assert!(
        before.contains_key("mum-invitation.pdf"),
        "{:?}",
        before.keys()
    );
    let readers = readers_of(&fx, "NM-1003/pack-2026-12-09/");
    assert!(
        readers.len() >= 5 && readers.contains(&"child".to_owned()),
        "{readers:?}"
    );

    fx.edit(
        "cases/NM-1003.yaml",
        "    date: 2026-12-09\n",
        "    date: 2026-12-11\n",
    );
    build(&fx, &out, &["--as-of", day]);
    let pack = out.join("NM-1003/pack-2026-12-11");
    for reader in &readers {
        let notice = pack.join(format!("{reader}-review-moved.pdf"));
        let text = document_text(&notice).unwrap_or_else(|| panic!("no notice for {reader}"));
        for date in ["9 December 2026", "11 December 2026"] {
            assert!(
                text.contains(date),
                "{reader}'s notice lacks {date}: {text}"
            );
        }
    }
    // Those told keep the invitation and form they had: no new ones, which would contradict
    // the notice ("you do not need a new one").
    assert!(!pack.join("mum-invitation.pdf").exists());
    assert!(!pack.join("mum-form.pdf").exists());
    assert!(
        !out.join("NM-1003/pack-2026-12-09").exists(),
        "the old pack left `out/`"
    );
    assert_eq!(
        tree(&archived),
        before,
        "the old pack stays in the archive as it went"
    );

    send(
        &fx,
        &out,
        "2026-11-26",
        &["--case", "NM-1003", "--only", "review-moved"],
    );
    let notices = sent(&fx, "NM-1003/pack-2026-12-11/", "review-moved");
    assert_eq!(notices.len(), readers.len(), "{notices:?}");
    build(&fx, &out, &["--as-of", day]);
    assert_eq!(
        sent(&fx, "NM-1003/", "review-moved").len(),
        readers.len(),
        "one notice each"
    );
    let (code, _, stderr) = output(&mut fx.iro(&[
        "send",
        "--out",
        out.to_str().expect("utf-8 path"),
        "--case",
        "NM-1003",
        "--only",
        "review-moved",
        "--as-of",
        day,
        "--dry-run",
    ]));
    assert_eq!(code, 1, "no notice is left to send: {stderr}");
    assert!(stderr.contains("nothing to send"), "{stderr}");
    // Sent, they left `out/` for the archive, and the build did not make them again.
    for reader in &readers {
        let notice = pack.join(format!("{reader}-review-moved.pdf"));
        assert!(!notice.exists(), "{} was made again", notice.display());
    }
    assert!(
        !pack.join("mum-invitation.pdf").exists(),
        "told it moved, mum gets no second invitation"
    );
}

/// See: issue 22. The notice holds back what the invitation does.
#[test]
fn a_parents_notice_for_a_confidential_placement_holds_nothing_that_locates_the_child() {
    let fx = Fixture::example();
    let out = fx.file("out");
    let secrets = locating(&yaml(&fx.file("cases/NM-1009.yaml")), &fx);
    assert!(secrets.iter().any(|s| s == "Price-Evans"), "{secrets:?}");
    send_then_move(
        &fx,
        &out,
        "NM-1009",
        "2026-11-27",
        "2026-12-16",
        "2026-12-18",
    );
    let pack = out.join("NM-1009/pack-2026-12-18");
    for reader in ["mum", "dad"] {
        let text = document_text(&pack.join(format!("{reader}-review-moved.pdf"))).expect("text");
        assert!(
            text.contains("16 December 2026") && text.contains("18 December 2026"),
            "{text}"
        );
        for secret in &secrets {
            assert!(
                !text.to_lowercase().contains(&secret.to_lowercase()),
                "{reader}'s notice holds `{secret}`: {text}"
            );
        }
    }
    let carer = document_text(&pack.join("gareth-review-moved.pdf")).expect("text");
    assert!(
        carer.contains("Price-Evans"),
        "the carers' own copy names the venue: {carer}"
    );
}
