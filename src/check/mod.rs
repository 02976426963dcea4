//! Terminology checks over translation memory, for CI: every unit's target
//! is checked against the glossary terms of its source (missing, forbidden,
//! wrong case, near-miss renderings), against the source's numbers, and
//! for untranslated text; across units, the same source translated two ways
//! (and the reverse) is reported.
//!
//! The [`Checker`] is built once from a glossary and [`CheckOptions`] and is
//! `Sync`: units are checked in parallel with rayon, and the findings come
//! out in input order whatever the thread count. Reports ([`report`]) and
//! baselines ([`baseline`]) work on the [`Finding`]s.
//!
//! ```
//! use termalign::check::{CheckOptions, Checker, Rule};
//! use termalign::glossary::Glossary;
//! use termalign::tm::ReadUnit;
//!
//! let g = Glossary::from_csv_str(
//!     "zh,en,variants,forbidden\n一带一路,Belt and Road,BRI,\"One Belt, One Road\"\n",
//!     "t.csv",
//! ).unwrap();
//! let checker = Checker::new(g, CheckOptions::default()).unwrap();
//! let unit = ReadUnit {
//!     number: 1, file: "tm.tmx".into(), line: 7,
//!     source: "共建一带一路。".into(),
//!     target: "Build the One Belt, One Road.".into(),
//!     ..ReadUnit::default()
//! };
//! let run = checker.check(&[unit]).unwrap();
//! assert_eq!(run.findings.len(), 1);
//! assert_eq!(run.findings[0].rule, Rule::TermForbidden);
//! assert_eq!(run.findings[0].found.as_deref(), Some("One Belt, One Road"));
//! ```

pub mod baseline;
pub(crate) mod near_miss;
pub mod report;
pub(crate) mod rules;

use std::fmt;
use std::str::FromStr;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};
use crate::format_table::format_table;
use crate::glossary::{Entry, EntryId, Glossary, TermMatcher, TermType};
use crate::lang::fold_width;
use crate::tm::ReadUnit;

format_table! {
    /// How serious a finding is. Ordered: `Note < Warning < Error` (by
    /// discriminant; the rows are in help order).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Severity ("severity") {
        /// Wrong.
        Error (2) = "error",
        /// Probably wrong.
        Warning (1) = "warning",
        /// Worth a look; never fails a build unless `--fail-on` asks for it.
        Note (0) = "note",
    }
}

impl Severity {
    /// The lower-case name (`error`, `warning`, `note`), also SARIF's level.
    pub fn as_str(self) -> &'static str {
        self.name()
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A check. Each has a stable id (used on the command line, in waivers,
/// baselines and reports) and a default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A Chinese glossary term is in the source and no accepted rendering
    /// is in the target.
    TermMissing,
    /// A forbidden rendering of a source term is in the target.
    TermForbidden,
    /// An accepted rendering is in the target with different letter case.
    TermCase,
    /// The target holds a string close to an accepted rendering, but not
    /// equal to it.
    TermNearMiss,
    /// A number or date of the source is absent from the target.
    NumberMismatch,
    /// The same source is translated differently elsewhere in the TM.
    InconsistentTarget,
    /// The same target translates different sources elsewhere in the TM.
    InconsistentSource,
    /// The target is empty, equals the source, or is mostly Chinese.
    Untranslated,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 8] = [
        Rule::TermMissing,
        Rule::TermForbidden,
        Rule::TermCase,
        Rule::TermNearMiss,
        Rule::NumberMismatch,
        Rule::InconsistentTarget,
        Rule::InconsistentSource,
        Rule::Untranslated,
    ];

    /// The rule's id, e.g. `term-missing`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::TermMissing => "term-missing",
            Rule::TermForbidden => "term-forbidden",
            Rule::TermCase => "term-case",
            Rule::TermNearMiss => "term-near-miss",
            Rule::NumberMismatch => "number-mismatch",
            Rule::InconsistentTarget => "inconsistent-target",
            Rule::InconsistentSource => "inconsistent-source",
            Rule::Untranslated => "untranslated",
        }
    }

    /// The severity a finding of this rule has unless configured otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::TermMissing | Rule::TermForbidden | Rule::Untranslated => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// One line saying what the rule finds.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::TermMissing => {
                "A glossary term is in the source, and neither its approved rendering nor a variant is in the target."
            }
            Rule::TermForbidden => {
                "A forbidden rendering of a glossary term in the source is in the target."
            }
            Rule::TermCase => {
                "An approved rendering is in the target, but its letter case differs from the glossary."
            }
            Rule::TermNearMiss => {
                "The target holds a string close to an approved rendering (a misspelling or hyphenation), but not equal to it."
            }
            Rule::NumberMismatch => {
                "A number or date of the source is absent from the target after normalization."
            }
            Rule::InconsistentTarget => {
                "The same (normalized) source is translated differently elsewhere in the translation memory."
            }
            Rule::InconsistentSource => {
                "The same (normalized) target translates different sources elsewhere in the translation memory."
            }
            Rule::Untranslated => {
                "The target is empty, equals the source, or is mostly Chinese characters."
            }
        }
    }

    fn index(self) -> usize {
        Rule::ALL.iter().position(|&r| r == self).unwrap_or(0)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Rule, String> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.id() == s)
            .ok_or_else(|| {
                let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
                format!("unknown rule `{s}` (expected one of {})", ids.join(", "))
            })
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// One problem found in one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// Its severity (the rule's, as configured).
    pub severity: Severity,
    /// The unit's 1-based number in its file, in input order.
    pub unit: usize,
    /// The file the unit was read from.
    pub file: String,
    /// The 1-based line where the unit starts.
    pub line: u64,
    /// The Chinese glossary term (or number) concerned, if any, as the
    /// glossary writes it.
    pub term: Option<String>,
    /// The term as the unit's source writes it, when that differs from
    /// [`Finding::term`] (another script: `上海合作組織` for the entry
    /// `上海合作组织`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_term: Option<String>,
    /// What the target should hold.
    pub expected: Option<String>,
    /// What the target holds instead, if anything.
    pub found: Option<String>,
    /// A sentence for humans.
    pub message: String,
    /// A fingerprint of the finding that does not depend on where the unit
    /// is (its number, line or file), only on its text: see [`baseline`].
    pub fingerprint: String,
}

/// Near-miss thresholds, on renderings and target windows lower-cased with
/// hyphens read as spaces. A window is a near miss of a rendering when its
/// normalized Damerau–Levenshtein similarity is at least `min_similarity`,
/// or its Jaro–Winkler similarity is at least `min_jaro_winkler` and its
/// normalized Damerau–Levenshtein similarity at least `min_similarity_jw`
/// (Jaro–Winkler alone rewards a shared prefix too much: `Kazakh` is 0.92
/// from `Kazakhstan`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearMiss {
    /// Normalized Damerau–Levenshtein similarity that alone makes a near miss.
    pub min_similarity: f64,
    /// Jaro–Winkler similarity that makes a near miss together with
    /// `min_similarity_jw`.
    pub min_jaro_winkler: f64,
    /// The Damerau–Levenshtein floor for the Jaro–Winkler path.
    pub min_similarity_jw: f64,
    /// Renderings shorter than this many letters are never fuzzy-matched
    /// (short names and acronyms would match common words).
    pub min_letters: usize,
}

impl Default for NearMiss {
    fn default() -> NearMiss {
        NearMiss {
            min_similarity: 0.85,
            min_jaro_winkler: 0.93,
            min_similarity_jw: 0.72,
            min_letters: 5,
        }
    }
}

/// What the checker checks and how severe each rule is.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOptions {
    /// Severity per rule (indexed like [`Rule::ALL`]); `None` turns it off.
    severities: [Option<Severity>; 8],
    /// The severity of `term-missing` for generic entries (see
    /// [`is_generic`]): places, titles, and common-noun terms of one or two
    /// words, which English often renders by an adjective, a pronoun or a
    /// reworded phrase (成员国领导人 → `the leaders`). Set it to the rule's
    /// severity to treat every entry alike.
    pub generic_severity: Severity,
    /// Near-miss thresholds.
    pub near_miss: NearMiss,
    /// A target with more than this share of Han characters among its
    /// letters is untranslated.
    pub max_han_share: f64,
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        let mut severities = [None; 8];
        for r in Rule::ALL {
            severities[r.index()] = Some(r.default_severity());
        }
        CheckOptions {
            severities,
            generic_severity: Severity::Warning,
            near_miss: NearMiss::default(),
            max_han_share: 0.5,
        }
    }
}

impl CheckOptions {
    /// The severity of `rule`, or `None` when it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.severities[rule.index()]
    }

    /// Turn `rule` on with `severity`.
    pub fn set_severity(&mut self, rule: Rule, severity: Severity) {
        self.severities[rule.index()] = Some(severity);
    }

    /// Turn `rule` off.
    pub fn disable(&mut self, rule: Rule) {
        self.severities[rule.index()] = None;
    }

    /// True when `rule` is on.
    pub fn enabled(&self, rule: Rule) -> bool {
        self.severity(rule).is_some()
    }
}

/// True for glossary entries whose absence from a target is often a
/// legitimate rewording rather than a terminology error: places (rendered
/// by an adjective not in the glossary: 俄罗斯总统 → `Russian President`),
/// titles, and `term` entries whose approved rendering is a common noun
/// phrase — all lower case and at most two words (`summit`, `member state`,
/// `new era`). Names of people and bodies, abbreviations, and formulations
/// that are capitalized or three words or longer (`Shanghai Spirit`,
/// `small yard, high fence`, `two-state solution`) are not generic.
///
/// ```
/// use termalign::check::is_generic;
/// use termalign::glossary::Glossary;
/// let g = Glossary::builtin();
/// assert!(is_generic(g.find_zh("峰会").unwrap()));
/// assert!(is_generic(g.find_zh("俄罗斯").unwrap()));
/// assert!(!is_generic(g.find_zh("上海精神").unwrap()));
/// assert!(!is_generic(g.find_zh("两国方案").unwrap()));
/// ```
pub fn is_generic(entry: &Entry) -> bool {
    match entry.kind {
        TermType::Place | TermType::Title => true,
        TermType::Term => {
            !entry.en.chars().any(char::is_uppercase) && near_miss::tokens(&entry.en).len() <= 2
        }
        TermType::Person | TermType::Org | TermType::Abbr => false,
    }
}

/// The outcome of checking a set of units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckRun {
    /// The findings, in input order (unit, then rule, then term).
    pub findings: Vec<Finding>,
    /// Units checked.
    pub units: usize,
    /// Findings not reported because the unit waives their rule.
    pub waived: usize,
}

/// The property (TMX `<prop type=…>`) or CSV column that waives rules on
/// one unit: a list of rule ids separated by commas, spaces or `|`, or `all`.
pub const WAIVE_PROPS: [&str; 2] = ["x-termalign-waive", "waive"];

/// Checks units against a glossary. Build once; `Sync`.
pub struct Checker {
    glossary: Glossary,
    matcher: TermMatcher,
    options: CheckOptions,
    /// For each entry, the entries whose `zh` lies inside its own (for
    /// 共建一带一路, 一带一路), so their forbidden renderings count too.
    nested: Vec<Vec<EntryId>>,
    /// For each entry, accepted renderings prepared for fuzzy matching.
    fuzzy: Vec<Vec<near_miss::FuzzyForm>>,
}

impl Checker {
    /// Build the matchers for `glossary`. Fails when the glossary's term
    /// automaton cannot be built ([`TermMatcher::new`]).
    pub fn new(glossary: Glossary, options: CheckOptions) -> Result<Checker> {
        let matcher = TermMatcher::new(&glossary)?;
        let nested = nested_entries(&glossary);
        let fuzzy = glossary
            .entries()
            .iter()
            .map(|e| {
                e.accepted()
                    .filter_map(|f| near_miss::FuzzyForm::new(f, options.near_miss.min_letters))
                    .collect()
            })
            .collect();
        Ok(Checker {
            glossary,
            matcher,
            options,
            nested,
            fuzzy,
        })
    }

    /// The glossary in use.
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The options in use.
    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// Check every unit, in parallel, and the units against each other.
    /// Findings come in input order. Fails on a waiver naming an unknown rule.
    pub fn check(&self, units: &[ReadUnit]) -> Result<CheckRun> {
        self.check_stream(|| Ok(units.iter().cloned().map(Ok)))
    }

    /// [`Checker::check`] over a stream of units too large to hold: `open`
    /// gives the stream from its start, and is called a second time when
    /// an `inconsistent-*` rule is on (so it must give the same units
    /// again: a file, not a pipe). Memory holds the findings, about 100
    /// bytes per unit (digests of its normalized texts) and, in the second
    /// pass, only the units whose source or target is translated more than
    /// one way. The findings are those [`Checker::check`] gives.
    ///
    /// ```
    /// use termalign::check::{CheckOptions, Checker};
    /// use termalign::glossary::Glossary;
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("tm.csv");
    /// std::fs::write(&path, "zh,en\n你好。,Hello.\n你好。,Hi.\n你好。,Hello.\n").unwrap();
    /// let checker = Checker::new(Glossary::new(), CheckOptions::default()).unwrap();
    /// let run = checker.check_stream(|| termalign::tm::read::open(&path)).unwrap();
    /// assert_eq!(run.units, 3);
    /// assert_eq!(run.findings[0].found.as_deref(), Some("Hi."));
    /// ```
    pub fn check_stream<I, F>(&self, mut open: F) -> Result<CheckRun>
    where
        F: FnMut() -> Result<I>,
        I: Iterator<Item = Result<ReadUnit>>,
    {
        /// Units checked in parallel at a time: enough to keep the threads
        /// busy, few enough to keep memory flat.
        const CHUNK: usize = 4096;
        let by_target = self.options.enabled(Rule::InconsistentTarget);
        let by_source = self.options.enabled(Rule::InconsistentSource);
        let across_on = by_target || by_source;
        let mut run = CheckRun::default();
        // Per unit index, in order: the findings of the one-unit rules.
        let mut own: Vec<(usize, Finding)> = Vec::new();
        // (key digest, value digest, unit index) per rule, for grouping.
        let mut tgt_rows: Vec<(u128, u128, u32)> = Vec::new();
        let mut src_rows: Vec<(u128, u128, u32)> = Vec::new();
        let mut units = open()?;
        let mut chunk: Vec<ReadUnit> = Vec::with_capacity(CHUNK);
        let mut index = 0usize;
        loop {
            chunk.clear();
            for u in units.by_ref().take(CHUNK) {
                chunk.push(u?);
            }
            if chunk.is_empty() {
                break;
            }
            let checked: Vec<Checked> = chunk
                .par_iter()
                .map(|u| {
                    let waiver = Waiver::of(u)?;
                    let findings = self.check_unit_all(u);
                    // Untranslated units would only add noise to the comparisons.
                    let key = (across_on && !findings.iter().any(|f| f.rule == Rule::Untranslated))
                        .then(|| rules::consistency_key(u))
                        .flatten()
                        .map(|(s, t)| (digest(&s), digest(&t)));
                    Ok((findings, key, waiver))
                })
                .collect::<Result<_>>()?;
            for (findings, key, waiver) in checked {
                let i = index;
                index += 1;
                for f in findings {
                    if waiver.waives(f.rule) {
                        run.waived += 1;
                    } else {
                        own.push((i, f));
                    }
                }
                if let Some((s, t)) = key {
                    let i = u32::try_from(i).map_err(|_| {
                        Error::new(
                            ErrorKind::Config,
                            "more than 4 billion units: split the memory",
                        )
                    })?;
                    if by_target {
                        tgt_rows.push((s, t, i));
                    }
                    if by_source {
                        src_rows.push((t, s, i));
                    }
                }
            }
        }
        drop(units);
        run.units = index;
        // The units whose key has two values or more: only they can get an
        // `inconsistent-*` finding, and the rules need their texts.
        let mut wanted: Vec<u32> = Vec::new();
        for rows in [&mut tgt_rows, &mut src_rows] {
            rows.sort_unstable();
            for group in rows.chunk_by(|a, b| a.0 == b.0) {
                if group.first().map(|g| g.1) != group.last().map(|g| g.1) {
                    wanted.extend(group.iter().map(|g| g.2));
                }
            }
            *rows = Vec::new();
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut across: Vec<(usize, Finding)> = Vec::new();
        if !wanted.is_empty() {
            let mut subset: Vec<ReadUnit> = Vec::with_capacity(wanted.len());
            let mut next = wanted.iter().peekable();
            for (i, u) in open()?.enumerate() {
                let Some(&&w) = next.peek() else { break };
                if i as u32 == w {
                    subset.push(u?);
                    next.next();
                }
            }
            if subset.len() != wanted.len() {
                return Err(Error::new(
                    ErrorKind::Io,
                    "the input changed while it was being checked",
                ));
            }
            let keys: Vec<_> = subset.iter().map(rules::consistency_key).collect();
            let found = rules::inconsistent_target(self, &subset, &keys)
                .into_iter()
                .chain(rules::inconsistent_source(self, &subset, &keys));
            for (k, f) in found {
                if Waiver::of(&subset[k])?.waives(f.rule) {
                    run.waived += 1;
                } else {
                    across.push((wanted[k] as usize, f));
                }
            }
            // Per unit: inconsistent-target before inconsistent-source, as
            // the rules ran; a stable sort keeps that.
            across.sort_by_key(|(i, _)| *i);
        }
        // Merge: each unit's own findings, then its `inconsistent-*` ones.
        let mut across = across.into_iter().peekable();
        let mut findings = Vec::with_capacity(own.len() + across.len());
        let mut own = own.into_iter().peekable();
        loop {
            let take_own = match (own.peek(), across.peek()) {
                (Some(a), Some(b)) => a.0 <= b.0,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let next = if take_own { own.next() } else { across.next() };
            findings.extend(next.map(|(_, f)| f));
        }
        run.findings = findings;
        Ok(run)
    }

    /// The findings of the rules that look at one unit alone (all but the
    /// `inconsistent-*` rules), waivers not applied.
    pub fn check_unit(&self, unit: &ReadUnit) -> Vec<Finding> {
        self.check_unit_all(unit)
    }

    fn check_unit_all(&self, unit: &ReadUnit) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(f) = rules::untranslated(self, unit) {
            // Every term and number of an untranslated unit would be
            // missing: one finding says it all.
            out.push(f);
            return out;
        }
        let terms = rules::TermAnalysis::new(self, unit);
        rules::term_missing(self, unit, &terms, &mut out);
        rules::term_forbidden(self, unit, &terms, &mut out);
        rules::term_case(self, unit, &terms, &mut out);
        rules::term_near_miss(self, unit, &terms, &mut out);
        rules::number_mismatch(self, unit, &mut out);
        out.sort_by_key(|f| f.rule.index());
        out
    }

    fn finding(&self, rule: Rule, unit: &ReadUnit, parts: FindingParts) -> Option<Finding> {
        let severity = parts.severity.or(self.options.severity(rule))?;
        let fingerprint = baseline::fingerprint(
            rule,
            &unit.source,
            &unit.target,
            parts.term.as_deref(),
            parts.found.as_deref(),
        );
        Some(Finding {
            rule,
            severity,
            unit: unit.number,
            file: unit.file.clone(),
            line: unit.line,
            term: parts.term,
            source_term: parts.source_term,
            expected: parts.expected,
            found: parts.found,
            message: parts.message,
            fingerprint,
        })
    }
}

/// The variable parts of a finding, filled in by the rules.
#[derive(Debug, Default)]
struct FindingParts {
    term: Option<String>,
    source_term: Option<String>,
    expected: Option<String>,
    found: Option<String>,
    message: String,
    /// Overrides the rule's severity (generic term types); only used when
    /// the rule is on.
    severity: Option<Severity>,
}

/// One unit after the one-unit rules: its findings, the digests of its
/// consistency key, its waiver.
type Checked = (Vec<Finding>, Option<(u128, u128)>, Waiver);

/// A 128-bit digest of a normalized text, so the `inconsistent-*` rules
/// group units without holding their texts (two SipHash-1-3 runs under
/// different keys; a collision is as likely as a random 128-bit match).
fn digest(s: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |salt: u8| {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        s.hash(&mut h);
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

/// The rules one unit waives.
#[derive(Debug, Default)]
struct Waiver {
    all: bool,
    rules: Vec<Rule>,
}

impl Waiver {
    fn of(unit: &ReadUnit) -> Result<Waiver> {
        let mut w = Waiver::default();
        for (key, value) in &unit.props {
            if !WAIVE_PROPS.contains(&key.as_str()) {
                continue;
            }
            for word in value
                .split(|c: char| c == ',' || c == '|' || c == ';' || c.is_whitespace())
                .filter(|w| !w.is_empty())
            {
                if word == "all" || word == "*" {
                    w.all = true;
                    continue;
                }
                let rule = word.parse::<Rule>().map_err(|e| {
                    Error::new(
                        ErrorKind::Format,
                        format!("unit {}: waiver: {e}", unit.number),
                    )
                    .with_path(&unit.file)
                    .with_line(unit.line)
                })?;
                w.rules.push(rule);
            }
        }
        Ok(w)
    }

    fn waives(&self, rule: Rule) -> bool {
        self.all || self.rules.contains(&rule)
    }
}

fn nested_entries(glossary: &Glossary) -> Vec<Vec<EntryId>> {
    let pats: Vec<String> = glossary
        .entries()
        .iter()
        .map(|e| e.zh.chars().map(fold_width).collect())
        .collect();
    let Ok(ac) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(&pats)
    else {
        return vec![Vec::new(); pats.len()];
    };
    let ac: AhoCorasick = ac;
    pats.iter()
        .enumerate()
        .map(|(i, p)| {
            let mut v: Vec<EntryId> = ac
                .find_overlapping_iter(p)
                .map(|m| m.pattern().as_usize())
                .filter(|&j| j != i)
                .map(|j| EntryId(j as u32))
                .collect();
            v.sort();
            v.dedup();
            v
        })
        .collect()
}

#[cfg(test)]
mod stream_tests {
    use super::*;

    /// The whole-memory algorithm `check` had before streaming: per-unit
    /// findings, then the `inconsistent-*` rules over all units, then
    /// waivers.
    fn reference(c: &Checker, units: &[ReadUnit]) -> Vec<Finding> {
        let mut per_unit: Vec<Vec<Finding>> = units.iter().map(|u| c.check_unit_all(u)).collect();
        let keys: Vec<_> = per_unit
            .iter()
            .zip(units)
            .map(|(f, u)| {
                (!f.iter().any(|f| f.rule == Rule::Untranslated))
                    .then(|| rules::consistency_key(u))
                    .flatten()
            })
            .collect();
        let across = rules::inconsistent_target(c, units, &keys)
            .into_iter()
            .chain(rules::inconsistent_source(c, units, &keys));
        for (i, f) in across {
            per_unit[i].push(f);
        }
        per_unit
            .into_iter()
            .zip(units)
            .flat_map(|(fs, u)| {
                let w = Waiver::of(u).unwrap();
                fs.into_iter().filter(move |f| !w.waives(f.rule))
            })
            .collect()
    }

    #[test]
    fn streaming_gives_the_whole_memory_findings() {
        let g = Glossary::from_csv_str(
            "zh,en,forbidden\n一带一路,Belt and Road,OBOR\n上海精神,Shanghai Spirit,\n",
            "g.csv",
        )
        .unwrap();
        let c = Checker::new(g, CheckOptions::default()).unwrap();
        let texts = [
            ("共建一带一路。", "Build the Belt and Road."),
            ("共建一带一路。", "Build the OBOR."),
            ("弘扬上海精神。", "Carry forward the Shanghai Spirit."),
            ("共建一带一路。", "Build the Belt and Road."),
            ("弘扬上海精神。", "Carry forward the spirit."),
            ("弘扬上海精神。", "Carry forward the spirit."),
            ("你好。", "Hello."),
            ("再见。", "Hello."),
            ("没有翻译。", ""),
            ("并列。", "Tie A."),
            ("并列。", "Tie B."),
        ];
        let units: Vec<ReadUnit> = (0..300)
            .map(|i| {
                let (zh, en) = texts[(i * 7) % texts.len()];
                let props = if i % 13 == 0 {
                    vec![("waive".to_string(), "inconsistent-target".to_string())]
                } else {
                    Vec::new()
                };
                ReadUnit {
                    number: i % 150 + 1,
                    file: if i < 150 { "a.tmx" } else { "b.tmx" }.into(),
                    line: i as u64 + 1,
                    source: zh.into(),
                    target: en.into(),
                    props,
                    ..ReadUnit::default()
                }
            })
            .collect();
        let run = c.check(&units).unwrap();
        assert_eq!(run.findings, reference(&c, &units));
        assert!(
            run.findings
                .iter()
                .any(|f| f.rule == Rule::InconsistentTarget)
        );
        assert!(
            run.findings
                .iter()
                .any(|f| f.rule == Rule::InconsistentSource)
        );
        assert!(run.waived > 0);
        assert_eq!(run.units, 300);
    }
}
