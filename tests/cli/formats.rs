//! Braille and audio copies: made for whoever asks for them (NM-1013, Noah, asks for both),
//! checked against liblouis's own translation cell by cell, measured page by page, and played
//! back as a WAV header a player reads. The outside programs are installed by
//! scripts/test-deps; without them these tests fail and say so.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use iro::typeset::plain::Block;
use iro::typeset::speech::{blocks_to_ssml, blocks_to_wav, complete_wav_header, wav_info};
use iro::typeset::text_languages::Passage;
use iro::typeset::tools::{ESPEAK, LAME, LIBLOUIS, Tool, UEB_TABLE, run};

use super::{AS_OF, Fixture, output};

fn require(tool: Tool) -> PathBuf {
    tool.find().unwrap_or_else(|| {
        panic!(
            "`{}` is not installed: run scripts/test-deps (apt-get install {})",
            tool.program, tool.package
        )
    })
}

/// liblouis's own translation of one line, with the table iro uses.
fn lou_translate(text: &str) -> String {
    let cells = run(
        &require(LIBLOUIS),
        &["--forward", UEB_TABLE],
        text.as_bytes(),
    )
    .expect("lou_translate runs");
    String::from_utf8(cells)
        .expect("ASCII")
        .trim_end()
        .to_owned()
}

/// `iro build` of Noah's documents (all of them, or `--only` a kind) into `out`.
fn build_noah_command(fixture: &Fixture, out: &Path, only: &[&str]) -> assert_cmd::Command {
    let out = out.to_string_lossy();
    let mut args = vec![
        "build", "--case", "NM-1013", "--date", AS_OF, "--as-of", AS_OF,
    ];
    args.extend(only);
    args.extend(["--out", &out]);
    fixture.iro(&args)
}

/// Builds Noah's letters and returns the output folder.
fn build_noah(fixture: &Fixture) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("out");
    let (code, _, stderr) = output(&mut build_noah_command(
        fixture,
        out.path(),
        &["--only", "letters"],
    ));
    assert_eq!(code, 0, "{stderr}");
    out
}

/// A BRF file's pages, each a list of lines.
fn brf_pages(file: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(file).expect("a BRF file is ASCII");
    assert!(
        text.ends_with("\r\n\x0c"),
        "every page ends with a form feed"
    );
    text.split('\x0c')
        .filter(|page| !page.is_empty())
        .map(|page| {
            let page = page.strip_suffix("\r\n").expect("lines end CR LF");
            page.split("\r\n").map(str::to_owned).collect()
        })
        .collect()
}

/// The Braille of the paragraph whose first line begins with `start`: its lines joined, as
/// liblouis would give it on one line.
fn paragraph_from(pages: &[Vec<String>], start: &str) -> String {
    let lines: Vec<&String> = pages.iter().flat_map(|p| &p[..24]).collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with(&format!("  {start}")))
        .unwrap_or_else(|| panic!("no paragraph starting `{start}`"));
    let mut text = lines[first].trim().to_owned();
    // Runover lines start at cell 1; the next paragraph starts at cell 3, a heading further in.
    for line in &lines[first + 1..] {
        if line.is_empty() || line.starts_with(' ') {
            break;
        }
        text.push(' ');
        text.push_str(line);
    }
    text
}

#[test]
fn the_braille_copy_is_liblouis_ueb_cell_by_cell_on_40_by_25_numbered_pages() {
    // UEB grade 2 by hand: "the", "child" and "and" are one-cell wordsigns, a capital is
    // dot 6 (`,`) and a full stop dots 256 (`4`). This proves the table is UEB grade 2.
    assert_eq!(
        lou_translate("The child and the family."),
        ",! * & ! family4"
    );
    let fixture = Fixture::example_unsent();
    let out = build_noah(&fixture);
    let brf = out.path().join("NM-1013/introduction-letter.brf");
    let pages = brf_pages(&brf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page.len(), 25, "page {} has 25 lines", i + 1);
        for line in page {
            assert!(line.chars().count() <= 40, "over 40 cells: {line:?}");
            assert!(line.chars().all(|c| (' '..='~').contains(&c)), "{line:?}");
        }
        // The Braille page number, in UEB, at the right of the last line.
        let number = lou_translate(&(i + 1).to_string());
        assert_eq!(page[24], format!("{number:>40}"));
    }

    // A paragraph of the 13-plus template, with no data in it, against liblouis itself.
    let paragraph = "A review is a meeting about your plan and how your life is going: \
                     what is working, what is not, and what needs to happen next. I will \
                     make sure you know what was decided.";
    let expected = lou_translate(paragraph);
    let got = paragraph_from(&pages, &expected[..12]);
    let cells = |s: &str| s.chars().collect::<Vec<_>>();
    assert_eq!(cells(&got), cells(&expected), "cell by cell");

    // The letter's main heading centred, a section heading at cell 5.
    let heading = lou_translate("Your Independent Reviewing Officer");
    let all: Vec<&String> = pages.iter().flatten().collect();
    assert!(
        all.iter()
            .any(|l| l.trim() == heading && l.len() - heading.len() == (40 - heading.len()) / 2),
        "centred heading {heading:?}"
    );
    let section = lou_translate("Your reviews");
    assert!(all.iter().any(|l| **l == format!("    {section}")));
    // A list: items at cell 1, runovers at cell 3.
    let item = lou_translate("come to all of it or part of it");
    assert!(all.iter().any(|l| **l == item), "{item:?}");
}

#[test]
fn the_audio_copy_is_a_valid_wav_read_in_a_british_voice() {
    let fixture = Fixture::example_unsent();
    let out = build_noah(&fixture);
    let wav = fs::read(out.path().join("NM-1013/introduction-letter.wav")).expect("wav");
    let info = wav_info(&wav).expect("a valid PCM WAV file");
    assert_eq!((info.channels, info.bits), (1, 16));
    assert_eq!(info.sample_rate, 22_050);
    // About 530 words at espeak's 175 words a minute is three minutes.
    assert!(
        (120.0..420.0).contains(&info.seconds),
        "{} seconds",
        info.seconds
    );
}

#[test]
fn audio_grows_with_the_text_and_pauses_at_headings() {
    let espeak = require(ESPEAK);
    let sentence = "I will make sure you know what was decided at your review.";
    let seconds = |blocks: &[Block]| {
        let wav = blocks_to_wav(&english(blocks), &espeak).expect("espeak-ng reads it");
        wav_info(&wav).expect("valid").seconds
    };
    let para = |n: usize| vec![Block::Paragraph(sentence.repeat(n)); 1];
    let (one, three) = (seconds(&para(1)), seconds(&para(3)));
    assert!(three > 2.5 * one, "one {one:.2}s, three {three:.2}s");
    // The same words with the middle one a heading: 1.5 s before a heading and 0.9 s after,
    // against 0.5 s between paragraphs.
    let short = "I will make sure you know.";
    let paragraph = Block::Paragraph(short.into());
    let heading = Block::Heading {
        level: 2,
        text: short.into(),
    };
    let flat = seconds(&[paragraph.clone(), paragraph.clone(), paragraph.clone()]);
    let headed = seconds(&[paragraph.clone(), heading, paragraph]);
    assert!(
        headed - flat > 0.9,
        "with a heading {headed:.2}s, without {flat:.2}s"
    );
}

/// espeak-ng reading standard input in its default way takes 999 bytes at a time and cuts
/// words and tags where a piece ends; iro's recording of a long text must be exactly what
/// espeak-ng makes reading the same SSML whole from a file.
#[test]
fn a_long_text_is_read_whole() {
    let espeak = require(ESPEAK);
    let text = "Your independent reviewing officer also checks that the plan is right. ";
    let blocks: Vec<Block> = (0..12)
        .map(|i| {
            if i % 4 == 0 {
                Block::Heading {
                    level: 2,
                    text: format!("Part {i}"),
                }
            } else {
                Block::Paragraph(text.repeat(4))
            }
        })
        .collect();
    let ssml = blocks_to_ssml(&english(&blocks));
    assert!(ssml.len() > 2_500, "{}", ssml.len());
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("letter.ssml");
    fs::write(&file, &ssml).expect("write");
    let whole = Command::new(&espeak)
        .args(["-v", "en-gb", "-m", "--stdout", "-f"])
        .arg(&file)
        .output()
        .expect("espeak-ng runs");
    let whole = complete_wav_header(whole.stdout).expect("a WAV");
    let ours = blocks_to_wav(&english(&blocks), &espeak).expect("a WAV");
    assert_eq!(ours.len(), whole.len());
    assert!(ours == whole, "the same recording");
}

#[test]
fn the_manifest_lists_braille_and_audio_with_the_print_document_they_come_from() {
    let fixture = Fixture::example_unsent();
    let out = build_noah(&fixture);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).expect("manifest"))
            .expect("json");
    let entries = manifest["outputs"].as_array().expect("outputs");
    for (suffix, variant) in [(".brf", "braille"), (".wav", "audio")] {
        let entry = entries
            .iter()
            .find(|e| e["path"] == format!("NM-1013/introduction-letter{suffix}"))
            .unwrap_or_else(|| panic!("{suffix} listed"));
        assert_eq!(entry["variant"], variant);
        assert_eq!(entry["source"], "NM-1013/introduction-letter.pdf");
        assert!(out.path().join("NM-1013/introduction-letter.pdf").is_file());
        let bytes = fs::metadata(out.path().join(entry["path"].as_str().expect("path")))
            .expect("file")
            .len();
        assert_eq!(entry["bytes"], bytes);
    }
    // Print copies name no source.
    let pdf = entries
        .iter()
        .find(|e| e["path"] == "NM-1013/introduction-letter.pdf")
        .expect("pdf listed");
    assert!(pdf.get("source").is_none());
}

#[test]
fn a_name_that_looks_like_markup_is_read_and_brailled_as_written() {
    let fixture = Fixture::example_unsent();
    let name = "<break time=\"20s\"/>#read(\"x\")*Kai*";
    fixture.edit(
        "cases/NM-1013.yaml",
        "preferred_name: Noah",
        &format!("preferred_name: '{name}'"),
    );
    let out = build_noah(&fixture);
    let pages = brf_pages(&out.path().join("NM-1013/introduction-letter.brf"));
    let joined: String = pages
        .iter()
        .flatten()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let greeting = lou_translate(&format!("Dear {name},"));
    assert!(joined.contains(&greeting), "{greeting:?} not in the BRF");
    let wav = fs::read(out.path().join("NM-1013/introduction-letter.wav")).expect("wav");
    let hostile = wav_info(&wav).expect("valid").seconds;
    let plain = {
        let fixture = Fixture::example_unsent();
        let out = build_noah(&fixture);
        let wav = fs::read(out.path().join("NM-1013/introduction-letter.wav")).expect("wav");
        wav_info(&wav).expect("valid").seconds
    };
    // Had the name been obeyed as SSML, the letter would be 20 s longer; read out, it adds a
    // few words wherever the name appears.
    assert!(hostile - plain < 15.0, "{hostile:.1}s against {plain:.1}s");
}

#[test]
fn a_paragraph_longer_than_a_liblouis_line_is_brailled_whole() {
    let fixture = Fixture::example_unsent();
    // 4,000 characters in one paragraph; lou_translate splits lines of 2,048 bytes.
    let long: String = (1..=500).map(|n| format!("story{n} ")).collect();
    fixture.edit(
        "service.yaml",
        "I love walking my dog on",
        &format!("{} I love walking my dog on", long.trim_end()),
    );
    let out = build_noah(&fixture);
    let pages = brf_pages(&out.path().join("NM-1013/introduction-letter.brf"));
    let joined: String = pages
        .iter()
        .flat_map(|p| &p[..24])
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    for n in [1, 250, 500] {
        let word = lou_translate(&format!("story{n}"));
        assert_eq!(joined.matches(&format!("{word} ")).count(), 1, "{word}");
    }
}

#[test]
fn without_liblouis_or_espeak_the_other_formats_are_made_and_each_is_named_once() {
    let fixture = Fixture::example_unsent();
    let empty = tempfile::tempdir().expect("empty PATH");
    let out = tempfile::tempdir().expect("out");
    let (code, _, stderr) =
        output(build_noah_command(&fixture, out.path(), &[]).env("PATH", empty.path()));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.matches("`lou_translate` is not installed").count(),
        1
    );
    assert_eq!(stderr.matches("`espeak-ng` is not installed").count(), 1);
    assert!(stderr.contains("apt install liblouis-bin"), "{stderr}");
    assert!(stderr.contains("2 Braille documents not made"), "{stderr}");
    assert!(out.path().join("NM-1013/introduction-letter.pdf").is_file());
    assert!(!out.path().join("NM-1013/introduction-letter.brf").exists());
    assert!(!out.path().join("NM-1013/introduction-letter.wav").exists());

    let (code, _, stderr) = output(
        fixture
            .iro(&["check", "--as-of", AS_OF])
            .env("PATH", empty.path()),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr
            .matches("asked for Braille, but `lou_translate` is not installed")
            .count(),
        1,
        "{stderr}"
    );
    assert_eq!(
        stderr
            .matches("asked for audio, but `espeak-ng` is not installed")
            .count(),
        1
    );
    // With the programs there, check says nothing about them.
    let (_, _, stderr) = output(&mut fixture.iro(&["check", "--as-of", AS_OF]));
    assert!(!stderr.contains("is not installed"), "{stderr}");
}

#[test]
fn a_service_that_asks_for_mp3_gets_a_much_smaller_file_of_the_same_length() {
    let wav_out = build_noah(&Fixture::example_unsent());
    let wav_file = wav_out.path().join("NM-1013/introduction-letter.wav");
    let wav = wav_info(&fs::read(&wav_file).expect("wav")).expect("valid");

    let fixture = Fixture::example_unsent();
    fixture.edit("service.yaml", "audio_format: wav", "audio_format: mp3");
    let out = build_noah(&fixture);
    let mp3 = out.path().join("NM-1013/introduction-letter.mp3");
    assert!(!out.path().join("NM-1013/introduction-letter.wav").exists());
    let bytes = fs::read(&mp3).expect("an MP3 file");
    // An MP3 starts with a frame: 11 bits of sync.
    assert!(
        bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0,
        "{:02x?}",
        &bytes[..4]
    );
    let wav_bytes = fs::metadata(&wav_file).expect("wav").len();
    assert!(
        (bytes.len() as u64) < wav_bytes / 5,
        "{} against {wav_bytes}",
        bytes.len()
    );
    // Decoded by lame itself, it plays as long as the WAV, give or take the encoder's padding.
    let decoded = out.path().join("decoded.wav");
    let status = Command::new(require(LAME))
        .arg("--quiet")
        .arg("--decode")
        .arg(&mp3)
        .arg(&decoded)
        .status()
        .expect("lame runs");
    assert!(status.success());
    let seconds = wav_info(&fs::read(&decoded).expect("decoded"))
        .expect("valid")
        .seconds;
    assert!(
        (seconds - wav.seconds).abs() < 0.5,
        "{seconds} against {}",
        wav.seconds
    );
    let manifest = fs::read_to_string(out.path().join("manifest.json")).expect("manifest");
    assert!(manifest.contains("\"path\": \"NM-1013/introduction-letter.mp3\""));

    // Without lame, no audio is made, and the build says why, once.
    let bin = tempfile::tempdir().expect("a PATH without lame");
    for tool in [LIBLOUIS, ESPEAK] {
        std::os::unix::fs::symlink(require(tool), bin.path().join(tool.program)).expect("link");
    }
    let out = tempfile::tempdir().expect("out");
    let (code, _, stderr) =
        output(build_noah_command(&fixture, out.path(), &[]).env("PATH", bin.path()));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.matches("`lame` is not installed").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("2 MP3 audio documents not made"),
        "{stderr}"
    );
    assert!(out.path().join("NM-1013/introduction-letter.brf").is_file());
    assert!(!out.path().join("NM-1013/introduction-letter.mp3").exists());
}

#[test]
fn letters_with_no_braille_are_flagged_and_a_new_liblouis_remakes_the_copies() {
    let fixture = Fixture::example_unsent();
    fixture.edit(
        "cases/NM-1013.yaml",
        "preferred_name: Noah",
        "preferred_name: Ной",
    );
    let out = tempfile::tempdir().expect("out");
    let build = |path: Option<&Path>| {
        let mut cmd = build_noah_command(&fixture, out.path(), &["--only", "letters"]);
        if let Some(path) = path {
            cmd.env("PATH", path);
        }
        let (code, _, stderr) = output(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
        stderr
    };
    let warning = "`NM-1013/introduction-letter.brf` has letters with no Unified English Braille";
    let stderr = build(None);
    assert!(stderr.contains(warning), "{stderr}");
    assert!(stderr.contains("3 written, 0 unchanged"), "{stderr}");
    // Said again while the copy is there, unchanged.
    let stderr = build(None);
    assert!(stderr.contains(warning), "{stderr}");
    assert!(stderr.contains("0 written, 3 unchanged"), "{stderr}");

    // The same liblouis under another version: the Braille and audio are made again, the
    // print letter is not.
    let bin = tempfile::tempdir().expect("bin");
    let wrapper = bin.path().join("lou_translate");
    fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'lou_translate (Liblouis) 99.0'; exit 0; fi\nexec {} \"$@\"\n",
            require(LIBLOUIS).display()
        ),
    )
    .expect("wrapper");
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).expect("chmod");
    std::os::unix::fs::symlink(require(ESPEAK), bin.path().join("espeak-ng")).expect("link");
    let hashes = || -> Vec<(String, String)> {
        let manifest: serde_json::Value =
            serde_json::from_slice(&fs::read(out.path().join("manifest.json")).expect("manifest"))
                .expect("json");
        let mut list: Vec<(String, String)> = manifest["outputs"]
            .as_array()
            .expect("outputs")
            .iter()
            .map(|e| (e["path"].to_string(), e["inputs_sha256"].to_string()))
            .collect();
        list.sort();
        list
    };
    let before = hashes();
    build(Some(bin.path()));
    let after = hashes();
    // Made again (the same bytes, so the files themselves are not rewritten).
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        assert_eq!(old == new, path.ends_with(".pdf\""), "{path}");
    }
}

/// Blocks in English, as one passage.
fn english(blocks: &[Block]) -> Vec<Passage> {
    vec![Passage::new("en", blocks.to_vec())]
}
