//! Easy read pictures named in a template (`![](picture:phone)`) made into images the
//! typesetter and the web page embed: the picture's file, its alt text in the document's
//! language, and the title `picture` that sets it beside the point after it.

use pulldown_cmark::{Event, Parser, Tag};

use crate::load::pictures::{Picture, Pictures};
use crate::typeset::{PICTURE_TITLE, escape_markdown};

/// The scheme of a picture's name in a template.
const SCHEME: &str = "picture:";

/// A picture a template names that is not in the set, or that has no words for a reader who
/// cannot see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureProblem {
    Unknown { name: String, known: Vec<String> },
    NoAlt { name: String, lang: String },
}

impl std::fmt::Display for PictureProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PictureProblem::Unknown { name, known } => write!(
                f,
                "there is no picture `{name}`; the pictures are {}",
                known.join(", ")
            ),
            PictureProblem::NoAlt { name, lang } => write!(
                f,
                "picture `{name}` has no alt text in `{lang}`: write it in the template, `![what it shows](picture:{name})`, or under `{name}: alt:` in pictures.yaml"
            ),
        }
    }
}

/// Whether a template's text may name a picture: a rebuild makes its documents again when a
/// picture changes, and a text that names none is placed as it is.
pub fn may_name_pictures(text: &str) -> bool {
    text.contains(SCHEME)
}

/// `markdown` with each `picture:` image made into its file, and the pictures it shows.
pub fn place<'p>(
    markdown: &str,
    lang: &str,
    pictures: &'p Pictures,
) -> Result<(String, Vec<&'p Picture>), PictureProblem> {
    if !may_name_pictures(markdown) {
        return Ok((markdown.to_owned(), Vec::new()));
    }
    let mut out = String::with_capacity(markdown.len());
    let mut shown: Vec<&Picture> = Vec::new();
    let mut done = 0;
    let mut events =
        Parser::new_ext(markdown, crate::typeset::markdown_options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::Image { dest_url, .. }) = event else {
            continue;
        };
        let Some(name) = dest_url.strip_prefix(SCHEME) else {
            continue;
        };
        let name = name.trim();
        let picture = pictures.get(name).ok_or_else(|| PictureProblem::Unknown {
            name: name.to_owned(),
            known: pictures.names().map(str::to_owned).collect(),
        })?;
        // The template's own words first, then the set's in the document's language.
        let mut written = String::new();
        for (event, _) in events.by_ref() {
            match event {
                Event::End(pulldown_cmark::TagEnd::Image) => break,
                Event::Text(text) | Event::Code(text) => written.push_str(&text),
                _ => {}
            }
        }
        let alt = match written.trim() {
            "" => escape_markdown(alt_in(picture, lang).ok_or_else(|| PictureProblem::NoAlt {
                name: name.to_owned(),
                lang: lang.to_owned(),
            })?),
            own => escape_markdown(own),
        };
        out.push_str(&markdown[done..range.start]);
        out.push_str(&format!("![{alt}]({} \"{PICTURE_TITLE}\")", picture.path));
        done = range.end;
        if !shown.iter().any(|p| p.path == picture.path) {
            shown.push(picture);
        }
    }
    out.push_str(&markdown[done..]);
    Ok((out, shown))
}

/// A picture's alt text in `lang` (or its primary language: `cy` for `cy-GB`).
fn alt_in<'p>(picture: &'p Picture, lang: &str) -> Option<&'p str> {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    (picture.alt.get(lang).or_else(|| picture.alt.get(primary)))
        .map(String::as_str)
        .filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn built_in() -> Pictures {
        crate::load::pictures::load_pictures(Path::new("/nonexistent")).0
    }

    #[test]
    fn a_named_picture_becomes_its_file_with_alt_text_in_the_letters_language() {
        let pictures = built_in();
        let (markdown, shown) =
            place("## Hi\n\n![](picture:phone)\n\nCall me.", "cy", &pictures).unwrap();
        assert_eq!(
            markdown,
            "## Hi\n\n![Ffôn](/pictures/phone.svg \"picture\")\n\nCall me."
        );
        assert_eq!(shown.len(), 1);
        // The template's own words win, and one picture shown twice is embedded once.
        let (markdown, shown) = place(
            "![A red phone](picture:phone) a ![](picture:phone)",
            "en",
            &pictures,
        )
        .unwrap();
        assert!(
            markdown.starts_with("![A red phone](/pictures/phone.svg"),
            "{markdown}"
        );
        assert!(
            markdown.ends_with("![A telephone](/pictures/phone.svg \"picture\")"),
            "{markdown}"
        );
        assert_eq!(shown.len(), 1);
    }

    #[test]
    fn an_unknown_picture_names_the_ones_there_are() {
        let problem = place("![](picture:unicorn)", "en", &built_in()).unwrap_err();
        let message = problem.to_string();
        assert!(
            message.contains("`unicorn`") && message.contains("phone"),
            "{message}"
        );
    }

    #[test]
    fn a_language_with_no_alt_text_is_a_problem_not_an_empty_alt() {
        let problem = place("![](picture:phone)", "pl", &built_in()).unwrap_err();
        assert_eq!(
            problem,
            PictureProblem::NoAlt {
                name: "phone".into(),
                lang: "pl".into()
            }
        );
        // Written in the template, it needs nothing from the set.
        assert!(place("![Telefon](picture:phone)", "pl", &built_in()).is_ok());
    }
}
