//! `iro report`: the annual report for a period as a PDF (standard and large print), a web page
//! with its charts inside it, and a CSV file of every table.

use std::collections::HashMap;

use chrono::Datelike;

use crate::diag::Diagnostic;
use crate::load::{Loaded, load_service_folder};
use crate::model::ServiceData;
use crate::render::Renderer;
use crate::report::chart::{Chart, bars, line};
use crate::report::tables::{ChartView, Narrative, csv_files, report_view};
use crate::report::{Figures, Period, figures};
use crate::schedule::DueItem;
use crate::typeset::{Document, Theme, Typesetter, html_page, inline_image, markdown_to_html};
use crate::validate::{Validated, validate_service};

/// A report's files: (path under the report's folder, bytes).
pub type ReportFiles = Vec<(String, Vec<u8>)>;

/// What `iro report` was asked for.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub service: std::path::PathBuf,
    pub period: Period,
    /// The day the service folder is checked as of.
    pub as_of: chrono::NaiveDate,
    /// Nothing while any file has an error.
    pub strict: bool,
}

/// What a report run found and made.
pub struct Reported {
    /// The files read, to show diagnostics with.
    pub loaded: Loaded,
    pub validated: Validated,
    /// The report's files, or why it could not be made; `None` when the service folder could
    /// not be read.
    pub files: Option<Result<ReportFiles, Diagnostic>>,
}

/// Checks the service folder and makes the report for the period from every valid file.
pub fn report(options: &ReportOptions) -> Reported {
    let mut loaded = load_service_folder(&options.service);
    let mut validated = validate_service(&mut loaded, options.as_of).strict(options.strict);
    let (prepared, problems) = super::prepare_templates(&options.service);
    validated.diagnostics.extend(problems);
    let files = match (&validated.data, prepared) {
        (Some(data), Some(prepared)) => Some(narrative(&options.service, options.period).and_then(
            |narrative| {
                make_report(
                    data,
                    &validated.schedules,
                    options.period,
                    &prepared.renderer,
                    &prepared.layouts.letter,
                    narrative,
                )
            },
        )),
        _ => None,
    };
    Reported {
        loaded,
        validated,
        files,
    }
}

/// Where a service writes its own words for a period's report: `report/2025-26.md`.
pub fn narrative_path(service: &std::path::Path, period: Period) -> std::path::PathBuf {
    let name = period.name().replace(' ', "-");
    service.join("report").join(format!("{name}.md"))
}

/// The service's own words for the period, when it has written them.
fn narrative(service: &std::path::Path, period: Period) -> Result<Narrative, Diagnostic> {
    let path = narrative_path(service, period);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Narrative::of(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Narrative::default()),
        Err(e) => Err(Diagnostic::error(format!("cannot read the report's own words: {e}"))
            .in_file(&path)
            .hint("save it as UTF-8 text (Markdown), or move it away to make the report without it")),
    }
}

/// The report's files: (path under the report's folder, bytes).
pub fn make_report(
    data: &ServiceData,
    schedules: &HashMap<String, Vec<DueItem>>,
    period: Period,
    templates: &Renderer,
    letter_layout: &str,
    narrative: Narrative,
) -> Result<ReportFiles, Diagnostic> {
    let this = figures(data, schedules, period);
    let previous = figures(data, schedules, period.previous());
    let charts = charts(&this, period);
    let views: Vec<ChartView> = charts
        .iter()
        .map(|(path, c)| ChartView {
            path: path.clone(),
            alt: c.alt.clone(),
        })
        .collect();
    let view = report_view(&data.service, period, &this, &previous, views, narrative);
    let markdown = templates
        .render("report/annual.md", &view)
        .map_err(|d| *d)?;
    let title = format!(
        "Independent Reviewing Service annual report {}",
        period.name()
    );
    let lang = data.service.service.language.as_str();
    let images: Vec<(String, Vec<u8>)> = charts
        .iter()
        .map(|(p, c)| (p.clone(), c.svg.clone().into_bytes()))
        .collect();
    let letterhead = crate::render::letterhead::Letterhead::of_service(&data.service).to_data();
    let typesetter = Typesetter::new();
    let mut files = Vec::new();
    for (theme, name) in [
        (Theme::Standard, "report.pdf"),
        (Theme::LargePrint, "report.large-print.pdf"),
    ] {
        let pdf = typesetter
            .pdf(&Document {
                markdown: &markdown,
                theme,
                title: &title,
                lang,
                layout: letter_layout,
                data: &letterhead,
                date: None,
                images: &images,
                second: None,
            })
            .map_err(|e| {
                Diagnostic::error(format!("cannot typeset the report: {e}"))
                    .in_file("templates/report/annual.md")
            })?;
        files.push((name.to_owned(), pdf));
    }
    let mut body = markdown_to_html(&markdown);
    for (path, chart) in &charts {
        // The page carries its charts, so it works from any folder without a network.
        body = inline_image(&body, path, chart.svg.as_bytes());
    }
    files.push((
        "report.html".to_owned(),
        html_page(&body, &title, lang, Theme::Standard).into_bytes(),
    ));
    for (name, bytes) in csv_files(&this, &previous) {
        files.push((name.to_owned(), bytes));
    }
    Ok(files)
}

fn charts(f: &Figures, period: Period) -> Vec<(String, Chart)> {
    let participation: Vec<(String, usize)> = f
        .participation()
        .into_iter()
        .map(|(code, n)| {
            (
                code.map_or("Not recorded".to_owned(), |c| format!("{c:?}")),
                n,
            )
        })
        .collect();
    let themes: Vec<(String, usize)> = f
        .disputes_by_theme()
        .into_iter()
        .map(|(t, n)| (t.replace('-', " "), n))
        .collect();
    let months: Vec<(String, Option<f64>)> = f
        .reviews_by_month(period)
        .into_iter()
        .map(|(month, held, on_time)| {
            let label = format!("{} {}", month.format("%b"), month.year() % 100);
            let share = (held > 0).then(|| 100.0 * on_time as f64 / held as f64);
            (label, share)
        })
        .collect();
    vec![
        (
            "/charts/reviews-by-month.svg".to_owned(),
            line("Looked After Reviews held on time, by month", &months),
        ),
        (
            "/charts/participation.svg".to_owned(),
            bars(
                "reviews by how the child took part",
                &participation,
                "reviews",
            ),
        ),
        (
            "/charts/disputes.svg".to_owned(),
            bars("disputes raised by theme", &themes, "disputes"),
        ),
    ]
}
