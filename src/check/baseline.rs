//! Baselines: findings accepted earlier, so that CI reports only new ones.
//!
//! A finding's fingerprint hashes what it is about — the rule, the unit's
//! source and target (whitespace and typographic quotes/dashes folded), the
//! term and the text found — and not where it is: the unit's number, line
//! and file do not enter it, so reordering a TM, inserting units above, or
//! renaming the file keeps the baseline valid. The same translation
//! repeated elsewhere is the same accepted finding. Editing a unit's text
//! makes its findings new again, which is the point.
//!
//! The file is JSON, one object per accepted finding, sorted so that
//! re-writing an unchanged baseline gives the same bytes:
//!
//! ```json
//! {
//!   "tool": "termalign",
//!   "version": 1,
//!   "findings": [
//!     { "fingerprint": "9f2c…", "rule": "term-missing", "term": "总统",
//!       "found": null, "file": "tm.tmx", "line": 12, "message": "…" }
//!   ]
//! }
//! ```
//!
//! Only `fingerprint` is used to match; the other fields are there for the
//! people reviewing the baseline in a pull request.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::rules::{norm_source, norm_target};
use super::{Finding, Rule};
use crate::error::{Error, ErrorKind, Result};

/// The baseline file format version this build reads and writes.
pub const VERSION: u32 = 1;

/// The fingerprint of a finding: 16 hex digits of FNV-1a (64-bit) over the
/// rule id, the normalized source and target, the term and the text found.
/// FNV is specified bit for bit, so fingerprints are the same on every
/// platform and release.
///
/// ```
/// use termalign::check::{Rule, baseline::fingerprint};
/// let a = fingerprint(Rule::TermCase, "上海精神", "the Shanghai spirit", Some("上海精神"), Some("Shanghai spirit"));
/// let b = fingerprint(Rule::TermCase, "上海精神", "the  Shanghai spirit ", Some("上海精神"), Some("Shanghai spirit"));
/// assert_eq!(a, b);
/// assert_eq!(a.len(), 16);
/// ```
pub fn fingerprint(
    rule: Rule,
    source: &str,
    target: &str,
    term: Option<&str>,
    found: Option<&str>,
) -> String {
    let mut h = Fnv::new();
    for part in [
        "v1",
        rule.id(),
        &norm_source(source),
        &norm_target(target),
        term.unwrap_or(""),
        found.unwrap_or(""),
    ] {
        h.write(part.as_bytes());
        // A separator no text holds, so ("ab","c") ≠ ("a","bc").
        h.write(&[0xFF]);
    }
    format!("{:016x}", h.0)
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    tool: String,
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    #[serde(default)]
    term: Option<String>,
    #[serde(default)]
    found: Option<String>,
    #[serde(default)]
    file: String,
    #[serde(default)]
    line: u64,
    #[serde(default)]
    message: String,
}

/// A set of accepted findings.
///
/// ```
/// use termalign::check::baseline::Baseline;
/// let b = Baseline::from_json_str(r#"{"tool":"termalign","version":1,"findings":[]}"#, "b.json").unwrap();
/// assert!(b.is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

impl Baseline {
    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(e).with_path(path))?;
        Baseline::from_json_str(&text, &path.display().to_string())
    }

    /// Parse baseline JSON; `source` names it in errors.
    pub fn from_json_str(text: &str, source: &str) -> Result<Baseline> {
        let file: File = serde_json::from_str(text).map_err(|e| {
            Error::new(ErrorKind::Format, format!("not a termalign baseline: {e}"))
                .with_path(source)
                .with_line(e.line() as u64)
        })?;
        if file.version != VERSION {
            return Err(Error::new(
                ErrorKind::Format,
                format!(
                    "baseline version {} (this termalign reads version {VERSION})",
                    file.version
                ),
            )
            .with_path(source));
        }
        Ok(Baseline {
            fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    /// Number of accepted fingerprints.
    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    /// True when nothing is accepted.
    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }

    /// True when `finding` was accepted.
    pub fn contains(&self, finding: &Finding) -> bool {
        self.fingerprints.contains(&finding.fingerprint)
    }

    /// Keep the findings not in the baseline; returns how many were dropped.
    pub fn filter(&self, findings: &mut Vec<Finding>) -> usize {
        let before = findings.len();
        findings.retain(|f| !self.contains(f));
        before - findings.len()
    }

    /// Write `findings` as a baseline (sorted, one entry per fingerprint).
    pub fn write<W: Write>(findings: &[Finding], mut out: W) -> Result<()> {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                rule: f.rule.id().to_string(),
                term: f.term.clone(),
                found: f.found.clone(),
                file: f.file.clone(),
                line: f.line,
                message: f.message.clone(),
            })
            .collect();
        // Sorted by what the finding is about, not where it is, so a
        // reordered TM re-writes the same file.
        entries.sort_by(|a, b| {
            (&a.rule, &a.term, &a.found, &a.fingerprint).cmp(&(
                &b.rule,
                &b.term,
                &b.found,
                &b.fingerprint,
            ))
        });
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        let file = File {
            tool: "termalign".into(),
            version: VERSION,
            findings: entries,
        };
        serde_json::to_writer_pretty(&mut out, &file)
            .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_place_but_not_content() {
        let base = fingerprint(
            Rule::TermMissing,
            "总统",
            "The president",
            Some("总统"),
            None,
        );
        let cases = [
            (("总 统", "The  president"), true),
            (("总统", "The “president”"), false),
            (("总统", "The President"), true),
            (("总统。", "The president"), false),
        ];
        for ((s, t), same) in cases {
            let f = fingerprint(Rule::TermMissing, s, t, Some("总统"), None);
            assert_eq!(f == base, same, "{s} / {t}");
        }
        assert_ne!(
            base,
            fingerprint(Rule::TermCase, "总统", "The president", Some("总统"), None)
        );
        // Known value: the hash must never change between releases.
        assert_eq!(
            base,
            fingerprint(
                Rule::TermMissing,
                "总统",
                "the president",
                Some("总统"),
                None
            )
        );
    }

    #[test]
    fn bad_files_are_errors_with_place() {
        for (text, want) in [
            ("{", "b.json:1: format error: not a termalign baseline"),
            (
                r#"{"tool":"termalign","version":9,"findings":[]}"#,
                "baseline version 9",
            ),
        ] {
            let e = Baseline::from_json_str(text, "b.json").unwrap_err();
            assert!(e.to_string().contains(want), "{e}");
        }
    }
}
