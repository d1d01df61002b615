//! The layout rules of issue 18, judged on pages read back from a PDF (`read.rs`): what a
//! reader would call a badly made page, whatever made it.

use super::read::{Line, Page, Rect};

/// What kind of document a PDF is, from its file name: the rules differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A letter, notice or record: it ends with a signature.
    Letter,
    /// A form to fill in by hand: questions, ruled lines and boxes; no signature.
    Form,
    /// A page with no signature (the public site's large print pages).
    Page,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Theme {
    Standard,
    LargePrint,
    EasyRead,
}

impl Theme {
    pub fn of(file_name: &str) -> Theme {
        if file_name.ends_with(".large-print.pdf") {
            Theme::LargePrint
        } else if file_name.ends_with(".easy-read.pdf") {
            Theme::EasyRead
        } else {
            Theme::Standard
        }
    }

    /// The gap between two lines (a line's top to the last one's bottom, as a share of the
    /// line's height) above which they are in different paragraphs: each theme sets its own
    /// leading and paragraph spacing.
    /// How much of a page before the last may be left empty: large print fills its pages;
    /// easy read and standard print keep a question or a section whole, at a third at most.
    fn most_empty(self) -> f64 {
        match self {
            Theme::LargePrint => 0.25,
            Theme::Standard | Theme::EasyRead => 1.0 / 3.0,
        }
    }

    fn paragraph_gap(self) -> f64 {
        match self {
            Theme::Standard => 0.35,
            Theme::LargePrint => 0.5,
            Theme::EasyRead => 0.75,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A heading or bold label is the last line of a page.
    HeadingAtFoot,
    /// A question's ruled lines split with fewer than three under it, or a doubled rule.
    SplitAnswer,
    /// The closing and signature apart, or with fewer than two lines before them.
    LoneSignature,
    /// A page after the first holding three lines or fewer.
    ThinPage,
    /// A choice's label wraps onto a line of its own under its box.
    WrappedChoice,
    /// Text or a rule reaches into the footer's space.
    TouchesFooter,
    /// A page before the last left more than a quarter empty (a third in standard print and
    /// easy read).
    WastedSpace,
}

pub const RULES: [Rule; 7] = [
    Rule::HeadingAtFoot,
    Rule::SplitAnswer,
    Rule::LoneSignature,
    Rule::ThinPage,
    Rule::WrappedChoice,
    Rule::TouchesFooter,
    Rule::WastedSpace,
];

#[derive(Clone, Debug)]
pub struct Defect {
    pub rule: Rule,
    /// 1-based.
    pub page: usize,
    pub what: String,
}

/// Content must end this far (points) above the footer's top edge.
const FOOTER_CLEARANCE: f64 = 6.0;
/// A ruled line this close to another is a doubled rule.
const DOUBLED: f64 = 3.0;

/// Every defect in a document's pages.
pub fn check(pages: &[Page], kind: Kind, theme: Theme) -> Vec<Defect> {
    let mut out = Vec::new();
    let mut add = |rule, page: usize, what: String| {
        out.push(Defect {
            rule,
            page: page + 1,
            what,
        })
    };
    let signature = if kind == Kind::Letter {
        signature_check(pages, theme, &mut add)
    } else {
        None
    };
    for (i, page) in pages.iter().enumerate() {
        let next = pages.get(i + 1);
        let last = next.is_none();
        let bottom = content_bottom(page);
        if bottom > page.footer_top - FOOTER_CLEARANCE {
            add(
                Rule::TouchesFooter,
                i,
                format!(
                    "content ends {:.1}pt from the footer",
                    page.footer_top - bottom
                ),
            );
        }
        if !last && page.footer_top - bottom > page.height * theme.most_empty() {
            add(
                Rule::WastedSpace,
                i,
                format!("{:.0}pt left empty", page.footer_top - bottom),
            );
        }
        let items = page.lines.len() + page.rules.len();
        if i > 0 && items <= 3 && signature != Some(i) {
            add(Rule::ThinPage, i, format!("{items} lines"));
        }
        if let (Some(foot), Some(next)) = (page.lines.last(), next) {
            let foot_is_last = page.rules.last().is_none_or(|r| r.y0 < foot.top);
            if foot.bold && foot_is_last {
                let rule = if starts_with_rules(next) {
                    Rule::SplitAnswer
                } else {
                    Rule::HeadingAtFoot
                };
                add(rule, i, format!("`{}` ends the page", foot.text.trim()));
            }
        }
        if kind == Kind::Form {
            answer_checks(page, next, i, &mut add);
            for what in wrapped_choices(page) {
                add(Rule::WrappedChoice, i, what);
            }
        }
    }
    out
}

/// The lowest ink above the footer.
fn content_bottom(page: &Page) -> f64 {
    let lines = page.lines.iter().map(|l| l.bottom);
    let shapes = page.rules.iter().chain(&page.boxes).map(|r| r.y1);
    lines.chain(shapes).fold(0.0, f64::max)
}

/// Whether a page opens with ruled lines, before any text: the end of the last page's answer.
fn starts_with_rules(page: &Page) -> bool {
    match (page.rules.first(), page.lines.first()) {
        (Some(rule), Some(line)) => rule.y0 < line.top,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The ruled lines at a page's foot, after its last text.
fn trailing_rules(page: &Page) -> usize {
    let last_text = page.lines.last().map_or(0.0, |l| l.bottom);
    page.rules.iter().filter(|r| r.y0 > last_text).count()
}

fn answer_checks(
    page: &Page,
    next: Option<&Page>,
    i: usize,
    add: &mut impl FnMut(Rule, usize, String),
) {
    for pair in page.rules.windows(2) {
        if pair[1].y0 - pair[0].y0 < DOUBLED && overlap(&pair[0], &pair[1]) {
            add(
                Rule::SplitAnswer,
                i,
                format!("doubled rule at {:.0}pt", pair[0].y0),
            );
        }
    }
    let kept = trailing_rules(page);
    if kept > 0 && kept < 3 && next.is_some_and(starts_with_rules) {
        add(
            Rule::SplitAnswer,
            i,
            format!("{kept} answer line(s) under the question, the rest overleaf"),
        );
    }
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1
}

/// Lines with no box of their own that start under a box on the line just above: a label
/// that wrapped.
fn wrapped_choices(page: &Page) -> Vec<String> {
    let has_box = |l: &Line| page.boxes.iter().any(|b| b.y0 < l.bottom && b.y1 > l.top);
    let mut out = Vec::new();
    for pair in page.lines.windows(2) {
        let (above, below) = (&pair[0], &pair[1]);
        // A wrapped label is set in the label's own font and size, at its leading; the
        // words under a list of choices ("Anyone else:") are smaller.
        let same_size = (below.height - above.height).abs() < 0.5;
        let close = below.top < above.bottom + 0.5 * above.height;
        if !has_box(above) || has_box(below) || !same_size || !close {
            continue;
        }
        let under_a_box = page
            .boxes
            .iter()
            .any(|b| b.y0 < above.bottom && b.y1 > above.top && (below.left - b.x0).abs() < 2.5);
        if under_a_box {
            out.push(format!("`{}` wraps under its box", below.text.trim()));
        }
    }
    out
}

/// Checks the closing and signature; returns the page the signature ends on (0-based): that
/// page is judged by this rule (two lines of the letter before the closing, the closing with
/// the signature), not as a thin page.
fn signature_check(
    pages: &[Page],
    theme: Theme,
    add: &mut impl FnMut(Rule, usize, String),
) -> Option<usize> {
    let lines: Vec<(usize, &Line)> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| page.lines.iter().map(move |l| (p, l)))
        .collect();
    let n = lines.len();
    if n == 0 {
        return None;
    }
    // The signature: the last paragraph; the closing ("Best wishes,") the short line
    // ending with a comma just before it, if there is one.
    let mut start = n - 1;
    while start > 0 {
        let (pa, a) = lines[start - 1];
        let (pb, b) = lines[start];
        if pa != pb || b.top - a.bottom > theme.paragraph_gap() * b.height {
            break;
        }
        start -= 1;
    }
    if start > 0 {
        let closing = lines[start - 1].1.text.trim();
        if closing.ends_with(',') && closing.chars().count() <= 40 {
            start -= 1;
        }
    }
    let (first_page, first) = lines[start];
    let last_page = lines[n - 1].0;
    if first_page != last_page {
        add(
            Rule::LoneSignature,
            last_page,
            format!("`{}` on the page before the signature", first.text.trim()),
        );
    }
    let before = lines[..start]
        .iter()
        .filter(|(p, _)| *p == first_page)
        .count();
    if before < 2 {
        add(
            Rule::LoneSignature,
            first_page,
            format!(
                "{before} line(s) of the letter before `{}`",
                first.text.trim()
            ),
        );
    }
    Some(last_page)
}
