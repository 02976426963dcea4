//! One function per rule. The term rules share one analysis of the unit
//! ([`TermAnalysis`]): each source term gets exactly one outcome (ok, wrong
//! case, near miss, forbidden, missing), so a term never yields both a
//! near miss and a missing rendering.

use std::collections::HashMap;

use crate::glossary::{EntryId, Rendering, TermType};
use crate::lang::{Lang, fold_width, is_han};
use crate::numbers;
use crate::tm::ReadUnit;

use super::near_miss::{Token, demonym, near_miss, tokens};
use super::{Checker, Finding, FindingParts, Rule};

/// `untranslated`: the target is empty, equals the source, or more than
/// [`super::CheckOptions::max_han_share`] of its letters are Han.
pub fn untranslated(c: &Checker, unit: &ReadUnit) -> Option<Finding> {
    if !c.options.enabled(Rule::Untranslated) || unit.source.trim().is_empty() {
        return None;
    }
    let target = unit.target.trim();
    let message = if target.is_empty() {
        "the target is empty".to_string()
    } else if squeezed(target).eq(squeezed(&unit.source)) {
        "the target equals the source".to_string()
    } else {
        let (mut letters, mut han) = (0usize, 0usize);
        for c in target.chars() {
            if c.is_ascii() {
                letters += usize::from(c.is_ascii_alphabetic());
            } else if c.is_alphabetic() {
                letters += 1;
                han += usize::from(is_han(c));
            }
        }
        let share = if letters == 0 {
            0.0
        } else {
            han as f64 / letters as f64
        };
        if share <= c.options.max_han_share {
            return None;
        }
        format!(
            "the target is mostly Chinese ({:.0}% of its letters are Han characters)",
            share * 100.0
        )
    };
    c.finding(
        Rule::Untranslated,
        unit,
        FindingParts {
            found: Some(short(target)),
            message,
            ..FindingParts::default()
        },
    )
}

/// How one source term fared in the target.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// An accepted rendering is there, exactly.
    Ok,
    /// An accepted rendering is there with other letter case.
    Case { expected: String, found: String },
    /// Something close to an accepted rendering is there.
    NearMiss {
        expected: String,
        found: String,
        similarity: f64,
    },
    /// Nothing accepted or close is there.
    Missing,
}

/// A source term and its outcome.
#[derive(Debug, Clone)]
pub(crate) struct TermOutcome {
    entry: EntryId,
    outcome: Outcome,
}

/// A forbidden rendering found in the target, for a source term (or a term
/// nested in it: 共建一带一路 holds 一带一路).
#[derive(Debug, Clone)]
pub(crate) struct ForbiddenHit {
    entry: EntryId,
    found: String,
}

/// The glossary terms of a unit's source and what its target does with them.
#[derive(Debug, Clone, Default)]
pub struct TermAnalysis {
    terms: Vec<TermOutcome>,
    /// Each source term as written in the source, where that differs from
    /// its glossary form (another script), to quote it in findings.
    written: Vec<(EntryId, String)>,
    forbidden: Vec<ForbiddenHit>,
}

impl TermAnalysis {
    /// Find the source terms and classify each against the target.
    pub fn new(c: &Checker, unit: &ReadUnit) -> TermAnalysis {
        let mut entries: Vec<EntryId> = Vec::new();
        let mut written = Vec::new();
        for hit in c.matcher.find_zh(&unit.source) {
            if !entries.contains(&hit.entry) {
                entries.push(hit.entry);
                let text = &unit.source[hit.span.bytes.clone()];
                if text != c.glossary.get(hit.entry).zh {
                    written.push((hit.entry, text.to_string()));
                }
            }
        }
        if entries.is_empty() {
            return TermAnalysis::default();
        }
        let en_hits = c.matcher.find_en(&unit.target);
        let mut window_cache: Option<Vec<Token>> = None;
        let mut out = TermAnalysis {
            written,
            ..TermAnalysis::default()
        };
        for &entry in &entries {
            let e = c.glossary.get(entry);
            let mut case = None;
            let mut hyphen = None;
            let mut ok = false;
            for h in en_hits.iter().filter(|h| h.entry == entry) {
                let form = match h.rendering {
                    Rendering::Approved => &e.en,
                    Rendering::Variant(i) => &e.variants[i],
                    Rendering::Forbidden(_) => continue,
                };
                let (found, form_c) = (canon(&h.found), canon(form));
                if found.starts_with(&form_c) {
                    ok = true;
                    break;
                }
                if found.to_lowercase().starts_with(&form_c.to_lowercase()) {
                    // English capitalizes a title before a name and not
                    // elsewhere (`acting President Mokhber`, `the SCO
                    // secretary-general`): word-initial case is style.
                    if e.kind == TermType::Title && same_but_initials(&found, &form_c) {
                        ok = true;
                        break;
                    }
                    case.get_or_insert((form.clone(), h.found.clone()));
                } else {
                    hyphen.get_or_insert((form.clone(), h.found.clone()));
                }
            }
            let outcome = if ok {
                Outcome::Ok
            } else if let Some((expected, found)) = case {
                Outcome::Case { expected, found }
            } else if let Some((expected, found)) = hyphen {
                let similarity = strsim::normalized_damerau_levenshtein(&expected, &found);
                Outcome::NearMiss {
                    expected,
                    found,
                    similarity,
                }
            } else {
                let tokens = window_cache.get_or_insert_with(|| tokens(&unit.target));
                if e.kind == TermType::Place && demonym(e.accepted(), tokens) {
                    out.terms.push(TermOutcome {
                        entry,
                        outcome: Outcome::Ok,
                    });
                    continue;
                }
                match near_miss(c, entry, &unit.target, tokens) {
                    Some((expected, found, similarity)) => Outcome::NearMiss {
                        expected,
                        found,
                        similarity,
                    },
                    None => Outcome::Missing,
                }
            };
            out.terms.push(TermOutcome { entry, outcome });
        }
        // Forbidden renderings of the source terms and of the terms nested
        // in them, once per (entry, text found).
        for &entry in &entries {
            for &id in std::iter::once(&entry).chain(&c.nested[entry.0 as usize]) {
                for h in en_hits.iter().filter(|h| h.entry == id) {
                    if matches!(h.rendering, Rendering::Forbidden(_))
                        && !out
                            .forbidden
                            .iter()
                            .any(|f| f.entry == id && f.found == h.found)
                    {
                        out.forbidden.push(ForbiddenHit {
                            entry: id,
                            found: h.found.clone(),
                        });
                    }
                }
            }
        }
        out
    }

    /// The term of `entry` as the source writes it, when not as the
    /// glossary does.
    fn written(&self, entry: EntryId) -> Option<&str> {
        self.written
            .iter()
            .find(|(e, _)| *e == entry)
            .map(|(_, t)| t.as_str())
    }

    /// How a finding names the term of `entry`: as the source writes it,
    /// with the glossary's form when that differs (`上海合作組織 (glossary:
    /// 上海合作组织)`).
    fn name(&self, c: &Checker, entry: EntryId) -> String {
        let zh = &c.glossary.get(entry).zh;
        match self.written(entry) {
            Some(w) => format!("{w} (glossary: {zh})"),
            None => zh.clone(),
        }
    }

    fn has_forbidden_for(&self, c: &Checker, entry: EntryId) -> bool {
        self.forbidden
            .iter()
            .any(|f| f.entry == entry || c.nested[entry.0 as usize].contains(&f.entry))
    }
}

/// `term-missing`: a source term with no accepted rendering, nothing close
/// to one and no forbidden one in the target (those have their own rules).
/// Terms of the generic types ([`super::CheckOptions::generic_types`]) get
/// the generic severity.
pub fn term_missing(c: &Checker, unit: &ReadUnit, a: &TermAnalysis, out: &mut Vec<Finding>) {
    for t in &a.terms {
        if t.outcome != Outcome::Missing || a.has_forbidden_for(c, t.entry) {
            continue;
        }
        let e = c.glossary.get(t.entry);
        let mut message = format!(
            "{} is in the source; expected \"{}\"",
            a.name(c, t.entry),
            e.en
        );
        if !e.variants.is_empty() {
            message.push_str(" or one of \"");
            message.push_str(&e.variants.join("\", \""));
            message.push('"');
        }
        message.push_str(" in the target");
        let severity = super::is_generic(e)
            .then_some(c.options.generic_severity)
            .filter(|_| c.options.enabled(Rule::TermMissing));
        out.extend(c.finding(
            Rule::TermMissing,
            unit,
            FindingParts {
                term: Some(e.zh.clone()),
                source_term: a.written(t.entry).map(String::from),
                expected: Some(e.en.clone()),
                found: None,
                message,
                severity,
            },
        ));
    }
}

/// `term-forbidden`: a forbidden rendering of a source term in the target.
pub fn term_forbidden(c: &Checker, unit: &ReadUnit, a: &TermAnalysis, out: &mut Vec<Finding>) {
    for f in &a.forbidden {
        let e = c.glossary.get(f.entry);
        out.extend(c.finding(
            Rule::TermForbidden,
            unit,
            FindingParts {
                term: Some(e.zh.clone()),
                source_term: a.written(f.entry).map(String::from),
                expected: Some(e.en.clone()),
                found: Some(f.found.clone()),
                message: format!(
                    "\"{}\" is a forbidden rendering of {}; use \"{}\"",
                    f.found,
                    a.name(c, f.entry),
                    e.en
                ),
                severity: None,
            },
        ));
    }
}

/// `term-case`: an accepted rendering with other letter case.
pub fn term_case(c: &Checker, unit: &ReadUnit, a: &TermAnalysis, out: &mut Vec<Finding>) {
    for t in &a.terms {
        let Outcome::Case { expected, found } = &t.outcome else {
            continue;
        };
        let e = c.glossary.get(t.entry);
        out.extend(c.finding(
            Rule::TermCase,
            unit,
            FindingParts {
                term: Some(e.zh.clone()),
                source_term: a.written(t.entry).map(String::from),
                expected: Some(expected.clone()),
                found: Some(found.clone()),
                message: format!(
                    "\"{found}\" should be written \"{expected}\" (rendering of {})",
                    a.name(c, t.entry)
                ),
                severity: None,
            },
        ));
    }
}

/// `term-near-miss`: the target has a string close to an accepted
/// rendering, but not equal to it; reported instead of `term-missing`.
pub fn term_near_miss(c: &Checker, unit: &ReadUnit, a: &TermAnalysis, out: &mut Vec<Finding>) {
    for t in &a.terms {
        let Outcome::NearMiss {
            expected,
            found,
            similarity,
        } = &t.outcome
        else {
            continue;
        };
        let e = c.glossary.get(t.entry);
        out.extend(c.finding(
            Rule::TermNearMiss,
            unit,
            FindingParts {
                term: Some(e.zh.clone()),
                source_term: a.written(t.entry).map(String::from),
                expected: Some(expected.clone()),
                found: Some(found.clone()),
                message: format!(
                    "\"{found}\" is close to \"{expected}\" (rendering of {}) but not equal \
                     (similarity {similarity:.2})",
                    a.name(c, t.entry)
                ),
                severity: None,
            },
        ));
    }
}

/// `inconsistent-target`: units whose normalized source occurs elsewhere
/// with another normalized target. The most frequent target of a source
/// (on a tie, the alphabetically first, so that the order of units does not
/// matter) is the reference; every unit translating it otherwise gets a
/// finding naming the reference's first unit.
pub fn inconsistent_target(
    c: &Checker,
    units: &[ReadUnit],
    keys: &[Option<ConsistencyKey>],
) -> Vec<(usize, Finding)> {
    inconsistent(c, units, keys, Rule::InconsistentTarget)
}

/// `inconsistent-source`: the reverse of `inconsistent-target`, the same
/// normalized target for different sources.
pub fn inconsistent_source(
    c: &Checker,
    units: &[ReadUnit],
    keys: &[Option<ConsistencyKey>],
) -> Vec<(usize, Finding)> {
    inconsistent(c, units, keys, Rule::InconsistentSource)
}

/// A unit's normalized (source, target), as the `inconsistent-*` rules
/// compare them.
pub type ConsistencyKey = (String, String);

/// The (source, target) keys the `inconsistent-*` rules group units by;
/// `None` for units left out (untranslated, or an empty side).
pub fn consistency_key(unit: &ReadUnit) -> Option<ConsistencyKey> {
    let (s, t) = (norm_source(&unit.source), norm_target(&unit.target));
    (!s.is_empty() && !t.is_empty()).then_some((s, t))
}

fn inconsistent(
    c: &Checker,
    units: &[ReadUnit],
    keys: &[Option<ConsistencyKey>],
    rule: Rule,
) -> Vec<(usize, Finding)> {
    if !c.options.enabled(rule) {
        return Vec::new();
    }
    let by_target = rule == Rule::InconsistentTarget;
    let keyed: Vec<Option<(&String, &String)>> = keys
        .iter()
        .map(|k| {
            k.as_ref()
                .map(|(s, t)| if by_target { (s, t) } else { (t, s) })
        })
        .collect();
    // key → [(value, count, first unit index)], values in first-seen order.
    let mut groups: HashMap<&String, Vec<(&String, usize, usize)>> = HashMap::new();
    for (i, kv) in keyed.iter().enumerate() {
        let Some((k, v)) = *kv else { continue };
        let vals = groups.entry(k).or_default();
        match vals.iter_mut().find(|(x, _, _)| *x == v) {
            Some(slot) => slot.1 += 1,
            None => vals.push((v, 1, i)),
        }
    }
    let mut out = Vec::new();
    for (i, kv) in keyed.iter().enumerate() {
        let Some((k, v)) = *kv else { continue };
        let vals = &groups[k];
        if vals.len() < 2 {
            continue;
        }
        // The most frequent value; on a tie the smallest, so the choice
        // (and so which units are flagged, and their fingerprints) does not
        // depend on the order of the units.
        let reference = vals
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .expect("two values");
        if reference.0 == v {
            continue;
        }
        let r = &units[reference.2];
        let u = &units[i];
        let (expected, found, message) = if by_target {
            (
                r.target.clone(),
                u.target.clone(),
                format!(
                    "the same source is translated \"{}\" in unit {} ({}:{})",
                    short(&r.target),
                    r.number,
                    r.file,
                    r.line
                ),
            )
        } else {
            (
                r.source.clone(),
                u.source.clone(),
                format!(
                    "the same target translates \"{}\" in unit {} ({}:{})",
                    short(&r.source),
                    r.number,
                    r.file,
                    r.line
                ),
            )
        };
        out.extend(
            c.finding(
                rule,
                u,
                FindingParts {
                    source_term: None,
                    term: None,
                    expected: Some(expected),
                    found: Some(found),
                    message,
                    severity: None,
                },
            )
            .map(|f| (i, f)),
        );
    }
    out
}

/// True when `found` starts with `form` up to the case of word-initial
/// letters.
fn same_but_initials(found: &str, form: &str) -> bool {
    let fold = |s: &str| -> Vec<char> {
        let mut prev_alnum = false;
        s.chars()
            .map(|c| {
                let out = if prev_alnum {
                    c
                } else {
                    c.to_lowercase().next().unwrap_or(c)
                };
                prev_alnum = c.is_alphanumeric();
                out
            })
            .collect()
    };
    let (f, g) = (fold(found), fold(form));
    f.len() >= g.len() && f[..g.len()] == g[..]
}

/// Curly quotes to straight and dashes to hyphens, width folded: the
/// typographic variation that is never a finding.
fn canon(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '‐' | '‑' | '–' | '—' => '-',
            '‘' | '’' | '`' | '´' => '\'',
            '“' | '”' => '"',
            c => fold_width(c),
        })
        .collect()
}

/// Width folded, without whitespace (to compare source and target).
fn squeezed(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace()).map(fold_width)
}

/// The key a source is grouped by: width folded, lower-cased, without
/// whitespace.
pub(crate) fn norm_source(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_width)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key a target is grouped by: typographic variation folded
/// ([`canon`]), lower-cased, whitespace collapsed.
pub(crate) fn norm_target(s: &str) -> String {
    canon(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// At most 80 chars of `s`, for messages.
fn short(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX - 1).collect();
        t.push('…');
        t
    }
}

/// `number-mismatch`: a number or date of the source whose canonical key
/// ([`crate::numbers`]: 七月四日 ↔ July 4, 1000 ↔ 1,000, 23 ↔ twenty-three)
/// is nowhere in the target. Presence is enough: a date the source repeats
/// (dateline and body) need only be in the target once. One finding per key.
pub fn number_mismatch(c: &Checker, unit: &ReadUnit, out: &mut Vec<Finding>) {
    if !c.options.enabled(Rule::NumberMismatch) {
        return;
    }
    // Most sentences hold no number: skip the extractor for them.
    let numeral = |c: char| {
        matches!(c, '0'..='9' | '０'..='９'
            // A lone 一 is never a number to the extractor (一带一路); 一
            // in a number comes with another of these (十一, 一百, 一月, 第一).
            | '零' | '〇' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
            | '十' | '百' | '千' | '万' | '亿' | '两' | '月' | '第')
    };
    if !unit.source.chars().any(numeral) {
        return;
    }
    let source = numbers::extract(&unit.source, Lang::Zh);
    if source.is_empty() {
        return;
    }
    let target = numbers::keys(&unit.target, Lang::En);
    let mut seen: Vec<&str> = Vec::new();
    for m in &source {
        if seen.contains(&m.key.as_str()) || target.binary_search(&m.key).is_ok() {
            continue;
        }
        seen.push(&m.key);
        let text = &unit.source[m.span.bytes.clone()];
        out.extend(c.finding(
            Rule::NumberMismatch,
            unit,
            FindingParts {
                source_term: None,
                term: Some(text.to_string()),
                expected: Some(m.key.clone()),
                found: None,
                message: if text == m.key {
                    format!("{text} is in the source but not in the target")
                } else {
                    format!("{text} ({}) is in the source but not in the target", m.key)
                },
                severity: None,
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_initials() {
        for (found, form, same) in [
            ("acting President", "acting president", true),
            ("SCO secretary-general", "SCO Secretary-General", true),
            ("SCO SECRETARY", "SCO Secretary", false),
        ] {
            assert_eq!(same_but_initials(found, form), same, "{found}");
        }
    }
}
