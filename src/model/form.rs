//! A consultation form (`forms/<id>.yaml`) and the answers that come back from one.
//!
//! Forms are data: a service adds or rewords a form by editing YAML, and one Typst layout and
//! one HTML layout draw every form. The doc comments become the JSON Schema's descriptions.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::codes::{MeetingType, Role};

/// A consultation form: sections of questions, for one audience.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The form's id: its file name without `.yaml`. Filled in by iro, never written.
    #[serde(skip_deserializing, default)]
    #[schemars(skip)]
    pub id: String,
    /// The title printed at the top of the form.
    pub title: String,
    /// Who fills it in.
    pub audience: FormAudience,
    /// Child forms: the child's age on the review date, for example `{ from: 8, to: 12 }`.
    pub ages: Option<AgeRange>,
    /// Adult forms: the roles of the people who get this form.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The meetings the form is sent out for (default: Looked After Reviews).
    #[serde(default = "lac_review_only")]
    pub meetings: Vec<MeetingType>,
    /// A few words before the questions (plain text, printed as written).
    pub intro: Option<String>,
    #[schemars(length(min = 1))]
    pub sections: Vec<FormSection>,
}

fn lac_review_only() -> Vec<MeetingType> {
    vec![MeetingType::LacReview]
}

/// Who fills a form in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FormAudience {
    /// The child or young person (chosen by age).
    Child,
    /// A parent or other family member (chosen by role).
    Parent,
    /// A foster carer or residential worker (chosen by role).
    Carer,
    /// A social worker, teacher, nurse or other professional (chosen by role).
    Professional,
}

/// An age range, both ends included.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeRange {
    #[schemars(range(max = 25))]
    pub from: u32,
    #[schemars(range(max = 25))]
    pub to: u32,
}

impl AgeRange {
    pub fn contains(self, age: u32) -> bool {
        (self.from..=self.to).contains(&age)
    }
}

/// A titled group of questions.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormSection {
    pub title: String,
    /// A few words under the section title (plain text).
    pub intro: Option<String>,
    #[schemars(length(min = 1))]
    pub questions: Vec<Question>,
}

/// One question and the kind of answer it takes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique in the form: lowercase letters, digits and `-`. Returned answers are keyed by it.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// The question as printed.
    pub ask: String,
    /// A short hint printed under the question.
    pub help: Option<String>,
    pub answer: AnswerKind,
    /// Free text: how many handwriting lines the printed box has (default 4).
    #[schemars(range(min = 1, max = 20))]
    pub lines: Option<u32>,
    /// Faces: 3 or 5 labels, saddest first. Scale: 2 to 7 words in order. Choose: 2 to 12 items.
    #[serde(default)]
    pub options: Vec<String>,
}

/// The kinds of answer a question can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerKind {
    /// Written (or drawn) in a box.
    Text,
    /// Yes or no.
    YesNo,
    /// A row of faces from sad to happy.
    Faces,
    /// A row of words in order, such as `Not at all`, `A bit`, `A lot`.
    Scale,
    /// Tick as many as apply.
    Choose,
    /// Who I want at my review: the people invited, plus anyone else written in.
    People,
    /// Where and when I want my review: two written answers.
    WhereWhen,
}

impl Question {
    /// Handwriting lines for a free-text answer.
    pub fn lines(&self) -> u32 {
        self.lines.unwrap_or(4)
    }

    /// The choices a reader picks from, as printed and as returned in answers.
    pub fn choices(&self) -> Vec<String> {
        match self.answer {
            AnswerKind::YesNo => vec!["Yes".to_owned(), "No".to_owned()],
            AnswerKind::Faces if self.options.is_empty() => {
                ["Sad", "OK", "Happy"].map(str::to_owned).to_vec()
            }
            _ => self.options.clone(),
        }
    }
}

impl Form {
    /// Every question, in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| &s.questions)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
}

/// Answers returned from a consultation form, as the HTML form saves them and as they are kept
/// in the case file under the review (`meetings[n].responses`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Who answered: `child`, `social-worker` or a person id.
    pub from: String,
    /// The form's id (`forms/<id>.yaml`).
    pub form: String,
    /// The day iro imported the answers.
    pub received: Option<chrono::NaiveDate>,
    /// Question id -> answer, exactly as given.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

/// One answer: words, a list of ticked choices, or where and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Answer {
    Text(String),
    Several(Vec<String>),
    WhereWhen {
        #[serde(default)]
        r#where: String,
        #[serde(default)]
        when: String,
    },
}

impl Answer {
    /// Whether the reader left it blank.
    pub fn is_blank(&self) -> bool {
        match self {
            Answer::Text(t) => t.trim().is_empty(),
            Answer::Several(v) => v.is_empty(),
            Answer::WhereWhen { r#where, when } => {
                r#where.trim().is_empty() && when.trim().is_empty()
            }
        }
    }
}

/// The file the HTML form saves and `iro import-responses` reads.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnedAnswers {
    /// The format's version; always 1.
    pub iro_response: u32,
    pub form: String,
    /// The case id.
    pub case: String,
    /// The review's date, `YYYY-MM-DD`.
    pub review: chrono::NaiveDate,
    /// Who answered: `child`, `social-worker` or a person id.
    pub from: String,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}
