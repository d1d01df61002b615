//! Render: Tera templates + an audience's view -> Markdown.
//!
//! Templates are Markdown with Tera tags, editable by staff. Every value a template prints is
//! escaped for Markdown (so `*Kai*` stays `*Kai*`, never emphasis) by the instance's escape
//! function; the typesetter then escapes again for Typst and HTML. Sees views, never Typst.

pub mod context;
pub mod disputes;
pub mod letterhead;
pub mod packs;
pub mod pictures;
pub mod records;
pub mod site;
pub mod withhold;

use serde::Serialize;

use crate::diag::{Diagnostic, Span};
pub use crate::load::templates::TemplateSource;

/// The loaded templates, ready to render: one Tera instance per output format, because Tera
/// has one escape function per instance (Markdown templates escape for Markdown, HTML
/// templates for HTML).
pub struct Renderer {
    markdown: tera::Tera,
    html: tera::Tera,
}

fn escape_markdown(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(crate::typeset::escape_markdown(input).as_bytes())
}

impl Renderer {
    /// Compiles every template; returns every template error at once.
    pub fn new(templates: &[TemplateSource]) -> Result<Renderer, Vec<Diagnostic>> {
        let mut markdown = tera::Tera::new();
        markdown.set_escape_fn(escape_markdown);
        markdown.autoescape_on([".md"]);
        let mut html = tera::Tera::new();
        html.autoescape_on([".html"]);
        for tera in [&mut markdown, &mut html] {
            tera.register_filter("ordinal", ordinal_filter);
            tera.register_filter("count", count_filter);
        }
        let mut problems = Vec::new();
        // Tera checks an `{% include %}` as the including template is added: add the
        // templates that include none first (a form page's style and script).
        let mut ordered: Vec<&TemplateSource> = templates.iter().collect();
        ordered.sort_by_key(|t| t.text.contains("{% include"));
        for t in ordered {
            let tera = if t.name.ends_with(".html") {
                &mut html
            } else {
                &mut markdown
            };
            if let Err(e) = tera.add_raw_template(&t.name, &t.text) {
                problems.push(template_diagnostic(&e, &t.name, Some(&t.text)));
            }
        }
        if problems.is_empty() {
            Ok(Renderer { markdown, html })
        } else {
            Err(problems)
        }
    }

    fn tera(&self, name: &str) -> &tera::Tera {
        if name.ends_with(".html") {
            &self.html
        } else {
            &self.markdown
        }
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera(name).contains_template(name)
    }

    /// Renders one template with a view.
    pub fn render(&self, name: &str, view: &impl Serialize) -> Result<String, Box<Diagnostic>> {
        let context = tera::Context::from_serialize(view).map_err(|e| {
            Box::new(Diagnostic::error(format!(
                "cannot build the view for `{name}`: {e}"
            )))
        })?;
        let mut out = Capped(Vec::new());
        match self.tera(name).render_to(name, &context, &mut out) {
            Ok(()) => String::from_utf8(out.0).map_err(|_| {
                Box::new(Diagnostic::error(format!(
                    "template `{name}` made text that is not UTF-8"
                )))
            }),
            Err(_) if out.0.len() >= MAX_RENDERED_BYTES => Err(Box::new(
                Diagnostic::error(format!(
                    "template error: the template made more than {} MB of text",
                    MAX_RENDERED_BYTES / 1_000_000
                ))
                .in_file(format!("templates/{name}"))
                .hint("a `{% for %}` loop probably runs far more often than meant"),
            )),
            Err(e) => Err(Box::new(template_diagnostic(&e, name, None))),
        }
    }
}

/// `{{ review.number | ordinal }}`: `3rd`, or `3ydd` in a Welsh document.
fn ordinal_filter(n: u32, _: tera::Kwargs, _: &tera::State) -> String {
    context::ordinal(n)
}

/// `{{ n | count(one="review was", many="reviews were") }}`: `1 review was`, `3 reviews
/// were`, so a sentence reads right for a count of one. `many` defaults to `one` with an `s`.
fn count_filter(n: i64, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let one = kwargs.must_get::<&str>("one")?;
    let many = match kwargs.get::<&str>("many")? {
        Some(many) => many.to_owned(),
        None => format!("{one}s"),
    };
    Ok(if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    })
}

/// The most text one template may make: a letter is a few kilobytes, so this only stops a loop
/// that runs away, before it fills the memory.
const MAX_RENDERED_BYTES: usize = 8_000_000;

/// A writer that refuses to grow past [`MAX_RENDERED_BYTES`].
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_RENDERED_BYTES {
            self.0.resize(MAX_RENDERED_BYTES, b' ');
            return Err(std::io::Error::other("too much text"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Maps a Tera error onto a diagnostic at `templates/<name>:line:column`.
fn template_diagnostic(error: &tera::Error, name: &str, text: Option<&str>) -> Diagnostic {
    use tera::ErrorKind;
    // Content pages live in content/, everything else under templates/.
    let file = if name.starts_with("content/") {
        name.to_owned()
    } else {
        format!("templates/{name}")
    };
    let report = match error.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        return Diagnostic::error(format!("template error: {error}"))
            .in_file(file)
            .hint("see templates/README.md for how templates are written");
    };
    let span = report.span();
    let file = match report.filename() {
        "" => file,
        f if f.starts_with("content/") => f.to_owned(),
        f => format!("templates/{f}"),
    };
    let _ = text;
    Diagnostic::error(format!("template error: {}", report.message()))
        .in_file(file)
        .at(Some(Span {
            line: span.start_line,
            column: span.start_col + 1,
            start: span.range.start,
            end: span.range.end.max(span.range.start + 1),
        }))
        .hint("check the `{{ }}` and `{% %}` tags on this line; templates/README.md lists the variables")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, text: &str) -> Vec<TemplateSource> {
        vec![TemplateSource {
            name: name.to_owned(),
            text: text.to_owned(),
        }]
    }

    #[test]
    fn values_are_escaped_for_markdown() {
        let r = Renderer::new(&one("a.md", "Hello {{ name }}")).expect("compiles");
        let out = r
            .render("a.md", &serde_json::json!({"name": "*Kai* <script>"}))
            .expect("renders");
        assert_ne!(out, "Hello *Kai* <script>");
        let html = crate::typeset::markdown_to_html(&out);
        assert!(html.contains("*Kai* &lt;script&gt;"), "{html}");
    }

    #[test]
    fn syntax_errors_point_at_the_template_line() {
        let errors = Renderer::new(&one("letters/x.md", "line one\n{% if %}\n"))
            .err()
            .expect("fails");
        let d = &errors[0];
        assert_eq!(
            d.file.as_deref(),
            Some(std::path::Path::new("templates/letters/x.md"))
        );
        assert_eq!(d.span.map(|s| s.line), Some(2));
    }

    #[test]
    fn rendering_errors_point_at_the_template_line() {
        let r = Renderer::new(&one("b.md", "ok\n\n{{ missing.field }}\n")).expect("compiles");
        let d = r.render("b.md", &serde_json::json!({})).expect_err("fails");
        assert_eq!(d.span.map(|s| s.line), Some(3), "{d:?}");
    }

    #[test]
    fn counts_of_one_read_right() {
        let text = "{{ a | count(one=\"review was\", many=\"reviews were\") }} held; \
                    {{ b | count(one=\"dispute\") }}; {{ c | count(one=\"child\", many=\"children\") }}";
        let r = Renderer::new(&one("c.md", text)).expect("compiles");
        let out = r
            .render("c.md", &serde_json::json!({"a": 1, "b": 0, "c": 12}))
            .expect("renders");
        assert_eq!(out, "1 review was held; 0 disputes; 12 children");
    }
}
