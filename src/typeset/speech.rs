//! Audio: blocks read aloud by espeak-ng, as a WAV file: in a British English voice, or in
//! the voice of the language they are written in (Welsh, say).
//!
//! The blocks become SSML so that the voice pauses where a sighted reader's eye would: a long
//! pause around each heading, a shorter one after each paragraph, list item and table row.
//! All text is escaped for XML, so a name like `<break time="9s"/>` is read out, not obeyed.
//! Phone numbers are spoken digit by digit, as people read them.

use std::path::Path;

use super::plain::{Block, table_lines};
use super::text_languages::{Passage, ssml_lang, voice};
use super::tools::{self, ToolError, VOICE};

/// Pauses, in milliseconds.
const BEFORE_HEADING: u32 = 1500;
const AFTER_HEADING: u32 = 900;
const AFTER_BLOCK: u32 = 500;

/// Reads blocks aloud with espeak-ng (at `program`) and returns the WAV file. `--stdin`
/// makes espeak-ng read all its input at once; without it, it reads in pieces of 999 bytes
/// and cuts words (and SSML tags) where a piece ends.
pub fn blocks_to_wav(passages: &[Passage], program: &Path) -> Result<Vec<u8>, ToolError> {
    let ssml = blocks_to_ssml(passages);
    let first = passages.first().map_or("en", |p| p.lang.as_str());
    let voice = voice(first).unwrap_or(VOICE);
    let wav = tools::run(
        program,
        &["-v", voice, "-m", "--stdin", "--stdout"],
        ssml.as_bytes(),
    )?;
    complete_wav_header(wav).map_err(|problem| ToolError::BadOutput {
        program: program.display().to_string(),
        problem,
    })
}

/// Encodes a WAV recording as MP3 with `lame` (at `program`): mono, 48 kbit/s, which keeps
/// speech clear at about a seventh of the WAV's size. No tags are written, so no text from the
/// document reaches lame's arguments.
pub fn wav_to_mp3(wav: &[u8], program: &Path) -> Result<Vec<u8>, ToolError> {
    tools::run(program, &["--quiet", "-m", "m", "-b", "48", "-", "-"], wav)
}

/// The SSML espeak-ng reads, on one line: espeak-ng ignores a break that follows a line
/// break. Between two blocks there is one pause, the longer of the two asked for, as
/// espeak-ng does not add up breaks that follow one another. The recording is in the first
/// passage's language; a passage in another language is a `voice` of its own, which
/// espeak-ng reads with that language's voice.
pub fn blocks_to_ssml(passages: &[Passage]) -> String {
    let first = passages
        .first()
        .map_or("en".to_owned(), |p| ssml_lang(&p.lang));
    let mut out = format!("<speak version=\"1.0\" xml:lang=\"{first}\">");
    // The pause the last block asked for after it; none before the first words.
    let mut pause = None;
    let mut say = |out: &mut String, before: u32, text: &str, after: u32| {
        if let Some(last) = pause {
            out.push_str(&format!(" <break time=\"{}ms\"/> ", before.max(last)));
        }
        out.push_str(&escape_xml(&spoken(text)));
        // A line that ends without a full stop would run into the next.
        if !text.ends_with(['.', '!', '?', ':']) {
            out.push('.');
        }
        pause = Some(after);
    };
    for passage in passages {
        let lang = ssml_lang(&passage.lang);
        let own_voice = lang != first;
        if own_voice {
            out.push_str(&format!(" <voice xml:lang=\"{lang}\">"));
        }
        for block in &passage.blocks {
            match block {
                Block::Heading { text, .. } => {
                    say(&mut out, BEFORE_HEADING, text, AFTER_HEADING);
                }
                Block::Table { header, rows } => {
                    for line in table_lines(header, rows) {
                        say(&mut out, 0, &line, AFTER_BLOCK);
                    }
                }
                _ => say(&mut out, 0, &block.text(), AFTER_BLOCK),
            }
        }
        if own_voice {
            out.push_str("</voice>");
        }
    }
    out.push_str("</speak>");
    out
}

/// Escapes text for SSML, which is XML; control characters become spaces. Square brackets
/// become round ones (neither is spoken): espeak-ng reads `[[...]]` as raw phonemes, which
/// would let a name make the recording say what the print copy does not.
fn escape_xml(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    super::html::escape_html(&text)
}

/// The text as it should be spoken: a UK phone number (a group of digits starting with 0,
/// ten or more digits in all, perhaps in groups) becomes its digits one by one, groups
/// separated by a short pause, so that `07700 900123` is not "seven thousand seven hundred".
pub fn spoken(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let starts_number = words[i].starts_with('0') && is_digit_group(words[i]);
        if starts_number {
            let mut end = i;
            let mut digits = 0;
            while end < words.len() && is_digit_group(words[end]) && digits < 11 {
                digits += words[end].chars().filter(char::is_ascii_digit).count();
                end += 1;
            }
            if digits >= 10 {
                let groups: Vec<String> = words[i..end]
                    .iter()
                    .map(|w| {
                        let trailing: String = w.chars().filter(|c| !c.is_ascii_digit()).collect();
                        let spaced: Vec<String> = w
                            .chars()
                            .filter(char::is_ascii_digit)
                            .map(String::from)
                            .collect();
                        format!("{}{trailing}", spaced.join(" "))
                    })
                    .collect();
                out.push(groups.join(", "));
                i = end;
                continue;
            }
        }
        out.push(words[i].to_owned());
        i += 1;
    }
    out.join(" ")
}

/// Digits, perhaps followed by punctuation (`900123.` or `900123,`).
fn is_digit_group(word: &str) -> bool {
    let digits = word.trim_end_matches(['.', ',', ')', ';', ':']);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// espeak-ng writing to a pipe cannot go back to fill in the RIFF and data sizes, so it
/// leaves them as "unknown"; many players refuse such a file. This sets them.
pub fn complete_wav_header(mut wav: Vec<u8>) -> Result<Vec<u8>, String> {
    if wav.len() < 12 || &wav[..4] != b"RIFF" || &wav[8..12] != b"WAVE" {
        return Err("espeak-ng did not give back a WAV file".to_owned());
    }
    let mut at = 12;
    while at + 8 <= wav.len() {
        let id = &wav[at..at + 4];
        if id == b"data" {
            let size = (wav.len() - at - 8) as u32;
            wav[at + 4..at + 8].copy_from_slice(&size.to_le_bytes());
            let riff = (wav.len() - 8) as u32;
            wav[4..8].copy_from_slice(&riff.to_le_bytes());
            return Ok(wav);
        }
        let size = u32::from_le_bytes([wav[at + 4], wav[at + 5], wav[at + 6], wav[at + 7]]);
        at += 8 + size as usize + (size as usize & 1);
    }
    Err("espeak-ng's WAV file has no sound in it".to_owned())
}

/// What a WAV file holds: its sample rate, channels, bits per sample and length in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WavInfo {
    pub sample_rate: u32,
    pub channels: u16,
    pub bits: u16,
    pub seconds: f64,
}

/// Reads a PCM WAV file's header, checking that its sizes agree with its length.
pub fn wav_info(wav: &[u8]) -> Result<WavInfo, String> {
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(wav.get(at..at + 4)?.try_into().ok()?))
    };
    let u16_at = |at: usize| -> Option<u16> {
        Some(u16::from_le_bytes(wav.get(at..at + 2)?.try_into().ok()?))
    };
    if wav.get(..4) != Some(b"RIFF") || wav.get(8..12) != Some(b"WAVE") {
        return Err("not a RIFF WAVE file".into());
    }
    if u32_at(4) != Some((wav.len() - 8) as u32) {
        return Err("the RIFF size is not the file's size".into());
    }
    let mut at = 12;
    let mut format = None;
    while let (Some(id), Some(size)) = (wav.get(at..at + 4), u32_at(at + 4)) {
        let body = at + 8;
        match id {
            b"fmt " => {
                let pcm = u16_at(body) == Some(1);
                let (Some(channels), Some(rate), Some(bits)) =
                    (u16_at(body + 2), u32_at(body + 4), u16_at(body + 14))
                else {
                    return Err("a short fmt chunk".into());
                };
                if !pcm {
                    return Err("not PCM".into());
                }
                format = Some((rate, channels, bits));
            }
            b"data" => {
                let (rate, channels, bits) = format.ok_or("data before fmt")?;
                if body + size as usize != wav.len() {
                    return Err("the data size is not the file's size".into());
                }
                let frame = u32::from(channels) * u32::from(bits / 8);
                return Ok(WavInfo {
                    sample_rate: rate,
                    channels,
                    bits,
                    seconds: f64::from(size) / f64::from(rate * frame.max(1)),
                });
            }
            _ => {}
        }
        at = body + size as usize + (size as usize & 1);
    }
    Err("no data chunk".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_read_digit_by_digit_and_other_numbers_are_not() {
        assert_eq!(spoken("Call 07700 900123."), "Call 0 7 7 0 0, 9 0 0 1 2 3.");
        assert_eq!(
            spoken("Ring 01632960000 today"),
            "Ring 0 1 6 3 2 9 6 0 0 0 0 today"
        );
        assert_eq!(spoken("On 25 November 2026"), "On 25 November 2026");
        assert_eq!(spoken("Room 0 is here"), "Room 0 is here");
    }

    #[test]
    fn ssml_pauses_at_headings_and_escapes_every_name() {
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: "Hello <break time=\"9s\"/> & Kai".into(),
            },
            Block::Paragraph("I am your IRO".into()),
        ];
        let ssml = blocks_to_ssml(&english(&blocks));
        assert!(ssml.contains("Hello &lt;break time=&quot;9s&quot;/&gt; &amp; Kai"));
        let phonemes = blocks_to_ssml(&english(&[Block::Paragraph("Dear [[fVk]]".into())]));
        assert!(phonemes.contains("Dear ((fVk))."), "{phonemes}");
        assert!(!ssml.contains("9s\"/>"));
        // No pause before the first words; one pause, the longer, between blocks.
        assert!(ssml.starts_with("<speak version=\"1.0\" xml:lang=\"en-GB\">Hello"));
        assert!(ssml.ends_with(&format!(
            "Kai. <break time=\"{AFTER_HEADING}ms\"/> I am your IRO.</speak>"
        )));
        assert!(!ssml.contains('\n'));
        let blocks = [Block::Paragraph("One".into()), blocks[0].clone()];
        assert!(
            blocks_to_ssml(&english(&blocks))
                .contains(&format!("One. <break time=\"{BEFORE_HEADING}ms\"/> Hello"))
        );
    }

    fn english(blocks: &[Block]) -> Vec<Passage> {
        vec![Passage::new("en", blocks.to_vec())]
    }

    #[test]
    fn a_passage_in_another_language_has_its_own_voice() {
        let welsh = Passage::new("cy", vec![Block::Paragraph("Bore da".into())]);
        let english = Passage::new("en", vec![Block::Paragraph("Good morning".into())]);
        let ssml = blocks_to_ssml(&[welsh, english]);
        assert_eq!(
            ssml,
            format!(
                "<speak version=\"1.0\" xml:lang=\"cy\">Bore da. \
                 <voice xml:lang=\"en-GB\"> <break time=\"{AFTER_BLOCK}ms\"/> Good morning.</voice></speak>"
            )
        );
    }

    #[test]
    fn a_streamed_header_gets_its_sizes() {
        let mut wav = b"RIFF\xff\xff\xff\x7fWAVEfmt ".to_vec();
        wav.extend(16u32.to_le_bytes());
        wav.extend(1u16.to_le_bytes()); // PCM
        wav.extend(1u16.to_le_bytes()); // mono
        wav.extend(22050u32.to_le_bytes());
        wav.extend(44100u32.to_le_bytes());
        wav.extend(2u16.to_le_bytes());
        wav.extend(16u16.to_le_bytes());
        wav.extend(b"data\xff\xff\xff\x7f");
        wav.extend(vec![0u8; 44100]);
        assert!(wav_info(&wav).is_err());
        let wav = complete_wav_header(wav).expect("a WAV file");
        let info = wav_info(&wav).expect("valid");
        assert_eq!((info.sample_rate, info.channels, info.bits), (22050, 1, 16));
        assert!((info.seconds - 1.0).abs() < 1e-9);
        assert!(complete_wav_header(b"not a wav".to_vec()).is_err());
    }
}
