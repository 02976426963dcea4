//! Reports of a check run, one [`Reporter`] per format: plain text for
//! people and editors, JSON for scripts, JUnit XML for GitLab and Jenkins,
//! GitHub Actions workflow commands, and SARIF 2.1.0 for code scanning.
//!
//! ```
//! use termalign::check::report::{Format, Report, Summary};
//! let summary = Summary::new(&[], 3, 0, 0, Some(termalign::check::Severity::Error));
//! let report = Report { findings: &[], summary };
//! let mut out = Vec::new();
//! Format::Json.reporter(false).write(&report, &mut out).unwrap();
//! let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert_eq!(v["summary"]["units"], 3);
//! ```

mod github;
mod json;
mod junit;
mod sarif;
mod text;

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::{Finding, Rule, Severity};
use crate::error::Result;
use crate::format_table::format_table;

#[cfg(test)]
use github::{escape_data, escape_property};

/// Counts over a run, after waivers and the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Units checked.
    pub units: usize,
    /// Findings reported.
    pub findings: usize,
    /// Of which errors.
    pub errors: usize,
    /// Of which warnings.
    pub warnings: usize,
    /// Of which notes.
    pub notes: usize,
    /// Findings not reported because their unit waives the rule.
    pub waived: usize,
    /// Findings not reported because the baseline holds them.
    pub baselined: usize,
    /// Reported findings per rule id (rules with none left out).
    pub by_rule: BTreeMap<&'static str, usize>,
    /// The lowest severity that fails the run (`null`: never).
    pub fail_on: Option<Severity>,
    /// True when some finding is at or above `fail_on`: the exit status is 1.
    pub failed: bool,
}

impl Summary {
    /// Count `findings`.
    pub fn new(
        findings: &[Finding],
        units: usize,
        waived: usize,
        baselined: usize,
        fail_on: Option<Severity>,
    ) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let mut by_rule = BTreeMap::new();
        for f in findings {
            *by_rule.entry(f.rule.id()).or_insert(0) += 1;
        }
        Summary {
            units,
            findings: findings.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            waived,
            baselined,
            by_rule,
            fail_on,
            failed: fail_on.is_some_and(|t| findings.iter().any(|f| f.severity >= t)),
        }
    }

    /// True when a finding of `severity` fails the run.
    pub fn fails(&self, severity: Severity) -> bool {
        self.fail_on.is_some_and(|t| severity >= t)
    }

    /// One line for people: `checked 55 units: 0 errors, 4 warnings, 0 notes`.
    pub fn line(&self) -> String {
        let mut s = format!(
            "checked {} unit{}: {} error{}, {} warning{}, {} note{}",
            self.units,
            plural(self.units),
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.notes,
            plural(self.notes),
        );
        if self.waived > 0 || self.baselined > 0 {
            s.push_str(&format!(
                " ({} waived, {} in the baseline)",
                self.waived, self.baselined
            ));
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What a reporter writes: the findings (in input order) and their summary.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// Findings to report.
    pub findings: &'a [Finding],
    /// Their counts.
    pub summary: Summary,
}

/// Writes a [`Report`] in one format.
pub trait Reporter {
    /// Write the whole report.
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> Result<()>;
}

format_table! {
    /// Report formats.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format ("format") {
        /// `file:line: severity rule: message`, then a summary line.
        Text = "text",
        /// `{"findings":[…],"summary":{…}}`.
        Json = "json",
        /// JUnit XML: one testcase per unit with findings.
        Junit = "junit",
        /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
        Github = "github",
        /// SARIF 2.1.0.
        Sarif = "sarif",
    }
}

impl Format {
    /// The reporter for this format; `color` only affects text.
    pub fn reporter(self, color: bool) -> Box<dyn Reporter> {
        match self {
            Format::Text => Box::new(text::TextReporter { color }),
            Format::Json => Box::new(json::JsonReporter),
            Format::Junit => Box::new(junit::JunitReporter),
            Format::Github => Box::new(github::GithubReporter),
            Format::Sarif => Box::new(sarif::SarifReporter),
        }
    }
}

/// The short title of a finding: `term-missing 上海精神`, the term as
/// the unit writes it (`上海合作組織` in a traditional-script unit).
fn title(f: &Finding) -> String {
    match f.source_term.as_ref().or(f.term.as_ref()) {
        Some(t) => format!("{} {t}", f.rule.id()),
        None => f.rule.id().to_string(),
    }
}

/// All rules, for formats that describe them (SARIF).
fn rules() -> impl Iterator<Item = Rule> {
    Rule::ALL.into_iter()
}

#[cfg(test)]
mod tests;
