//! Reads a PDF's pages back as what a reader sees: lines of text (where, how tall, bold or
//! not) from poppler's `pdftohtml -xml`, and ruled lines and tick boxes from its
//! `pdftocairo -svg`. Positions are in points from the page's top left. Nothing here knows
//! iro's layouts: the rules in `rules.rs` judge what this reads.

use std::path::Path;
use std::process::Command;

/// `pdftohtml -xml` draws at 1.5 pixels a point.
const ZOOM: f64 = 1.5;

/// One run of text in one font, as `pdftohtml` gives it.
#[derive(Clone, Debug)]
pub struct Run {
    pub top: f64,
    pub left: f64,
    pub width: f64,
    pub height: f64,
    pub bold: bool,
    pub text: String,
}

/// A visual line: the runs that share a top edge, left to right.
#[derive(Clone, Debug)]
pub struct Line {
    pub top: f64,
    pub bottom: f64,
    pub left: f64,
    pub right: f64,
    /// Every run on the line is bold (a heading, a label, a question).
    pub bold: bool,
    /// The tallest run: headings are set larger than the text.
    pub height: f64,
    pub text: String,
}

/// A filled or stroked rectangle: a rule to write on, or a box to tick.
#[derive(Clone, Copy, Debug)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub height: f64,
    /// Text lines above the footer, top to bottom.
    pub lines: Vec<Line>,
    /// The footer's top edge (the page number's line).
    pub footer_top: f64,
    /// Rules to write on: long, thin, filled.
    pub rules: Vec<Rect>,
    /// Small square boxes to tick.
    pub boxes: Vec<Rect>,
}

/// The pages of `pdf`, with their lines (and, when `graphics`, rules and boxes).
pub fn read_pages(pdf: &Path, graphics: bool) -> Vec<Page> {
    let xml = run("pdftohtml", &["-xml", "-i", "-q", "-stdout"], pdf);
    let mut pages: Vec<Page> = xml.split("<page ").skip(1).map(read_text_page).collect();
    if graphics {
        let svg = run("pdftocairo", &["-svg"], pdf);
        for (page, text) in pages.iter_mut().zip(svg.split("<page>").skip(1)) {
            read_graphics(page, text);
        }
    }
    pages
}

fn run(program: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (install poppler-utils): {e}"));
    assert!(out.status.success(), "{program} {} failed", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    tag.find(&key)
        .and_then(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .unwrap_or(0.0)
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find(';') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let entity = &rest[i + 1..i + end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..=i + end]),
        }
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

fn read_run(line: &str) -> Option<Run> {
    let line = line.trim();
    let (tag, rest) = line.strip_prefix("<text ")?.split_once('>')?;
    let inner = rest.strip_suffix("</text>")?;
    let bold = inner.starts_with("<b>") && inner.ends_with("</b>");
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(Run {
        top: attr(tag, "top") / ZOOM,
        left: attr(tag, "left") / ZOOM,
        width: attr(tag, "width") / ZOOM,
        height: attr(tag, "height") / ZOOM,
        bold,
        text: unescape(&text),
    })
}

/// Runs whose tops are this close (points) are one line.
const SAME_LINE: f64 = 2.0;

fn read_text_page(xml: &str) -> Page {
    let head = xml.lines().next().unwrap_or_default();
    let height = attr(head, "height") / ZOOM;
    let mut runs: Vec<Run> = xml
        .lines()
        .filter_map(read_run)
        .filter(|r| !r.text.trim().is_empty())
        .collect();
    runs.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left)));
    let mut lines: Vec<Line> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if (run.top - line.top).abs() < SAME_LINE => {
                line.bottom = line.bottom.max(run.top + run.height);
                line.right = line.right.max(run.left + run.width);
                line.left = line.left.min(run.left);
                line.bold &= run.bold;
                line.height = line.height.max(run.height);
                line.text.push_str(&run.text);
            }
            _ => lines.push(Line {
                top: run.top,
                bottom: run.top + run.height,
                left: run.left,
                right: run.left + run.width,
                bold: run.bold,
                height: run.height,
                text: run.text,
            }),
        }
    }
    // The footer is the last line, in the bottom margin, with the page number in it.
    let footer_top = match lines.last() {
        Some(l) if l.top > height * 0.85 && l.text.chars().any(|c| c.is_ascii_digit()) => {
            let top = l.top;
            lines.pop();
            top
        }
        _ => height,
    };
    Page {
        height,
        lines,
        footer_top,
        rules: Vec::new(),
        boxes: Vec::new(),
    }
}

/// The numbers of an SVG path's `d`, as (x, y) pairs, through its `transform` matrix.
fn path_points(tag: &str) -> Vec<(f64, f64)> {
    let field = |name: &str| {
        let key = format!("{name}=\"");
        tag.find(&key).map(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_owned()
        })
    };
    let numbers = |s: &str| -> Vec<f64> {
        s.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    let d = numbers(&field("d").unwrap_or_default());
    let m = field("transform")
        .map(|t| numbers(&t))
        .filter(|m| m.len() == 6)
        .unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    d.chunks_exact(2)
        .map(|p| {
            (
                m[0] * p[0] + m[2] * p[1] + m[4],
                m[1] * p[0] + m[3] * p[1] + m[5],
            )
        })
        .collect()
}

fn read_graphics(page: &mut Page, svg: &str) {
    for tag in svg.split("<path ").skip(1) {
        let tag = &tag[..tag.find("/>").unwrap_or(tag.len())];
        // Curves are faces and glyph outlines, not rules or boxes.
        if tag.contains(" C ") {
            continue;
        }
        let points = path_points(tag);
        if points.is_empty() {
            continue;
        }
        let rect = points.iter().fold(
            Rect {
                x0: f64::MAX,
                y0: f64::MAX,
                x1: f64::MIN,
                y1: f64::MIN,
            },
            |r, &(x, y)| Rect {
                x0: r.x0.min(x),
                y0: r.y0.min(y),
                x1: r.x1.max(x),
                y1: r.y1.max(y),
            },
        );
        let stroked = tag.contains("stroke-width");
        if !stroked && rect.height() < 2.0 && rect.width() > 60.0 {
            page.rules.push(rect);
        } else if stroked
            && (3.0..30.0).contains(&rect.width())
            && (rect.width() - rect.height()).abs() < 1.0
        {
            page.boxes.push(rect);
        }
    }
    page.rules.sort_by(|a, b| a.y0.total_cmp(&b.y0));
}
