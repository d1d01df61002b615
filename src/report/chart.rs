//! The report's charts as SVG, one drawing used by both the PDF and the web page, each with a
//! text alternative that says what it shows.
//!
//! Written by hand: a bar chart and a line of a dozen points are some sixty lines of SVG,
//! where a plotting crate would bring a large dependency tree and fonts of its own. Labels are
//! escaped; the charts use the embedded face so the PDF needs no other font.

/// A chart and the words that say what it shows.
#[derive(Debug, Clone)]
pub struct Chart {
    pub svg: String,
    pub alt: String,
}

const FONT: &str = "Atkinson Hyperlegible, Verdana, sans-serif";
const BAR: &str = "#0b5563";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Horizontal bars, one per (label, value), with the value written at the end of each bar.
pub fn bars(title: &str, rows: &[(String, usize)], unit: &str) -> Chart {
    let label_width = 260.0;
    let bar_space = 300.0;
    let row = 30.0;
    let height = 20.0 + row * rows.len().max(1) as f64;
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 {height}\" width=\"640\" height=\"{height}\" font-family=\"{FONT}\" font-size=\"14\">"
    );
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 10.0 + row * i as f64;
        let width = bar_space * (*value as f64) / max;
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\" fill=\"#1b1b1b\">{label}</text>\
             <rect x=\"{label_width}\" y=\"{y}\" width=\"{width:.1}\" height=\"20\" fill=\"{BAR}\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" fill=\"#1b1b1b\">{value}</text>",
            x = label_width - 8.0,
            ty = y + 15.0,
            label = escape(label),
            vx = label_width + width + 6.0,
        ));
    }
    svg.push_str("</svg>");
    let listed: Vec<String> = rows
        .iter()
        .map(|(label, value)| format!("{label}: {value} {unit}"))
        .collect();
    let alt = if rows.is_empty() {
        format!("{title}: nothing to show.")
    } else {
        format!("Bar chart, {title}. {}.", listed.join("; "))
    };
    Chart { svg, alt }
}

/// A line of percentages by month; months with nothing to count are left as gaps.
pub fn line(title: &str, points: &[(String, Option<f64>)]) -> Chart {
    let (left, top, width, height) = (50.0, 15.0, 560.0, 180.0);
    let step = if points.len() > 1 {
        width / (points.len() - 1) as f64
    } else {
        0.0
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 240\" width=\"640\" height=\"240\" font-family=\"{FONT}\" font-size=\"13\">"
    );
    for pct in [0, 50, 100] {
        let y = top + height * (1.0 - f64::from(pct) / 100.0);
        svg.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"#9a9a9a\" stroke-width=\"1\"/>\
             <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\" fill=\"#1b1b1b\">{pct}%</text>",
            x2 = left + width,
            tx = left - 6.0,
            ty = y + 4.0,
        ));
    }
    let mut path = String::new();
    for (i, (label, value)) in points.iter().enumerate() {
        let x = left + step * i as f64;
        svg.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{ty}\" text-anchor=\"middle\" fill=\"#1b1b1b\">{}</text>",
            escape(label),
            ty = top + height + 20.0,
        ));
        match value {
            Some(v) => {
                let y = top + height * (1.0 - v / 100.0);
                path.push_str(&format!(
                    "{}{x:.1} {y:.1} ",
                    if path.is_empty() { "M" } else { "L" }
                ));
                svg.push_str(&format!(
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"{BAR}\"/>"
                ));
            }
            None => {
                if !path.is_empty() {
                    svg.push_str(&format!(
                        "<path d=\"{path}\" fill=\"none\" stroke=\"{BAR}\" stroke-width=\"2.5\"/>"
                    ));
                }
                path.clear();
            }
        }
    }
    if !path.is_empty() {
        svg.push_str(&format!(
            "<path d=\"{path}\" fill=\"none\" stroke=\"{BAR}\" stroke-width=\"2.5\"/>"
        ));
    }
    svg.push_str("</svg>");
    let listed: Vec<String> = points
        .iter()
        .map(|(label, v)| match v {
            Some(v) => format!("{label}: {v:.0}%"),
            None => format!("{label}: none held"),
        })
        .collect();
    Chart {
        svg,
        alt: format!("Line chart, {title}. {}.", listed.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_escape_labels_and_say_their_values_in_words() {
        let c = bars(
            "disputes by theme",
            &[("<b>care</b> & plan".into(), 3)],
            "disputes",
        );
        assert!(c.svg.contains("&lt;b&gt;care&lt;/b&gt; &amp; plan"));
        assert!(!c.svg.contains("<b>"));
        assert_eq!(
            c.alt,
            "Bar chart, disputes by theme. <b>care</b> & plan: 3 disputes."
        );
    }

    #[test]
    fn a_line_leaves_gaps_and_lists_every_month() {
        let c = line(
            "reviews on time",
            &[
                ("Apr".into(), Some(100.0)),
                ("May".into(), None),
                ("Jun".into(), Some(50.0)),
            ],
        );
        assert_eq!(c.svg.matches("<path").count(), 2);
        assert!(c.alt.contains("May: none held"));
    }
}
