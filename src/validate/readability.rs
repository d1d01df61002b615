//! Reading level: the Flesch reading ease of text as a child will get it.
//!
//! Words and syllables are counted by the `textstat` crate. Sentences are split here, because
//! a letter's structure matters to them and textstat sees only a string: a heading or a list
//! item is a line of its own to the reader even without a full stop, so each block ends a
//! sentence. Phone numbers, email and web addresses are left out of the count: they are read
//! as a whole, not word by word, and the Flesch formula would score `example.org` as a long
//! hard word.

use serde::Serialize;

use crate::typeset::plain::Block;

/// Flesch's formula: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word.
pub fn flesch_reading_ease(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 100.0;
    }
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    206.835 - 1.015 * (w / s) - 84.6 * (y / w)
}

/// A text's counts and score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    /// Flesch reading ease: 100 is very easy, 60 plain English, 30 hard.
    pub ease: f64,
    /// The sentence that is hardest to read (most words times syllables per word).
    pub hardest: Option<String>,
    /// The sentences longer than the easy read limit, when one was given.
    pub long_sentences: Vec<String>,
}

/// Scores blocks of text. `max_words`, for easy read, lists the sentences longer than it.
pub fn score(blocks: &[Block], max_words: Option<usize>) -> Score {
    let mut score = Score {
        words: 0,
        sentences: 0,
        syllables: 0,
        ease: 100.0,
        hardest: None,
        long_sentences: Vec::new(),
    };
    let mut hardest = 0.0;
    for line in lines(blocks) {
        for sentence in sentences(&line) {
            let counted = counted_words(sentence);
            let words = textstat::lexicon_count(&counted);
            if words == 0 {
                continue;
            }
            let syllables = textstat::syllable_count(&counted);
            score.words += words;
            score.syllables += syllables;
            score.sentences += 1;
            // The sentence that pulls the score down most: long, and of long words.
            let difficulty = words as f64 * 1.015 + 84.6 * syllables as f64 / words as f64;
            if difficulty > hardest {
                hardest = difficulty;
                score.hardest = Some(sentence.to_owned());
            }
            if max_words.is_some_and(|max| words > max) {
                score.long_sentences.push(sentence.to_owned());
            }
        }
    }
    score.ease = flesch_reading_ease(score.words, score.sentences, score.syllables);
    score
}

/// The lines a reader reads, block by block; a run of list items of a few words each (the
/// choices on a form: "Yes", "No", "Not sure") is read as one line, a list, so that each
/// choice does not count as an easy sentence of its own and lift the score.
fn lines(blocks: &[Block]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_run = false;
    for block in blocks {
        let text = block.text();
        let short_item = matches!(block, Block::Item { .. })
            && textstat::lexicon_count(&text) <= SHORT_ITEM_WORDS
            && !text.ends_with(['.', '!', '?']);
        match out.last_mut() {
            Some(run) if short_item && in_run => {
                run.push_str(", ");
                run.push_str(&text);
            }
            _ => out.extend(text.lines().map(str::to_owned)),
        }
        in_run = short_item;
    }
    out
}

/// List items of this many words or fewer are read together, as one list.
const SHORT_ITEM_WORDS: usize = 3;

/// Splits a line into sentences after `.`, `!` or `?` followed by a space (so `3.5`,
/// `example.org` and `U.K.` do not end one).
pub fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        let ends = matches!(c, '.' | '!' | '?')
            && bytes
                .get(i + 1)
                .is_none_or(|next| next.is_ascii_whitespace());
        if ends {
            out.push(line[start..=i].trim());
            start = i + 1;
        }
    }
    out.push(line[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// The words of a sentence that count: not phone numbers, email or web addresses.
fn counted_words(sentence: &str) -> String {
    sentence
        .split_whitespace()
        .filter(|w| !w.contains('@') && !w.contains("://") && !w.contains("www."))
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Vec<Block> {
        vec![Block::Paragraph(text.to_owned())]
    }

    /// The figures are worked by hand from the formula: "The cat sat on the mat." is 6 words
    /// of one syllable in one sentence: 206.835 - 1.015 x 6 - 84.6 x 1 = 116.145.
    #[test]
    fn ease_follows_flesch_formula() {
        let s = score(&paragraph("The cat sat on the mat."), None);
        assert_eq!((s.words, s.sentences, s.syllables), (6, 1, 6));
        assert!((s.ease - 116.145).abs() < 1e-9, "{}", s.ease);
        // 20 words, 1 sentence, 40 syllables: 206.835 - 20.3 - 169.2 = 17.335.
        assert!((flesch_reading_ease(20, 1, 40) - 17.335).abs() < 1e-9);
    }

    #[test]
    fn each_block_ends_a_sentence_and_contact_details_do_not_count() {
        let blocks = vec![
            Block::Heading {
                level: 2,
                text: "How to talk to me".into(),
            },
            Block::Item {
                depth: 0,
                marker: String::new(),
                text: "Call me on 07700 900123".into(),
            },
            Block::Item {
                depth: 0,
                marker: String::new(),
                text: "Email me at sam.jones@example.org".into(),
            },
        ];
        let s = score(&blocks, None);
        // 5 + 3 + 3 words: the number and the address are not counted.
        assert_eq!((s.sentences, s.words), (3, 11));
    }

    #[test]
    fn a_list_of_short_choices_is_one_sentence() {
        let item = |text: &str| Block::Item {
            depth: 0,
            marker: String::new(),
            text: text.into(),
        };
        let blocks = vec![
            Block::Heading {
                level: 3,
                text: "How do you feel at school?".into(),
            },
            item("Very sad"),
            item("Sad"),
            item("OK"),
            item("Happy"),
            Block::Paragraph("Thank you.".into()),
            item("a longer item of several words"),
            item("Yes"),
        ];
        let s = score(&blocks, None);
        // The question, the four choices, the thanks; then the long item, and "Yes" alone as
        // it follows an item that is not short.
        assert_eq!(s.sentences, 5, "{s:?}");
        assert_eq!(s.words, 6 + 5 + 2 + 6 + 1);
    }

    #[test]
    fn a_hard_sentence_is_found_and_long_sentences_are_listed() {
        let text = "I am Sam. The multidisciplinary professional network's \
                    consideration of your circumstances necessitated comprehensive \
                    reassessment of placement sustainability arrangements. You are safe.";
        let s = score(&paragraph(text), Some(5));
        assert!(
            s.hardest
                .as_deref()
                .unwrap()
                .starts_with("The multidisciplinary")
        );
        assert_eq!(s.long_sentences.len(), 1);
        assert!(s.ease < 50.0, "{}", s.ease);
    }

    #[test]
    fn sentences_split_at_end_marks_only() {
        assert_eq!(
            sentences("Hello. I cost 3.5 pounds at example.org! Why? Yes"),
            vec!["Hello.", "I cost 3.5 pounds at example.org!", "Why?", "Yes"]
        );
    }
}
