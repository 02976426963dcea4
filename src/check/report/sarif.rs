//! SARIF 2.1.0 (OASIS), as GitHub code scanning and other SAST dashboards
//! read it: one run whose tool driver describes every rule (id, name,
//! descriptions, default level), and one result per finding with its rule,
//! level, message, location (file and line) and a partial fingerprint
//! (the baseline fingerprint, so dashboards track findings across commits).

use std::io::Write;

use serde_json::{Value, json};

use super::{Report, Reporter, rules};
use crate::check::{Finding, Rule};
use crate::error::{Error, ErrorKind, Result};

/// The schema URI written in `$schema`.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub(super) struct SarifReporter;

impl Reporter for SarifReporter {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
        let rules: Vec<Value> = rules()
            .map(|r| {
                json!({
                    "id": r.id(),
                    "name": camel(r),
                    "shortDescription": { "text": r.summary() },
                    "fullDescription": { "text": r.summary() },
                    "help": { "text": format!("{} See `termalign check --help` and the README's rules table.", r.summary()) },
                    "defaultConfiguration": { "level": r.default_severity().as_str() },
                    "properties": { "tags": ["terminology", "translation"] },
                })
            })
            .collect();
        let results: Vec<Value> = report.findings.iter().map(result).collect();
        let doc = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "termalign",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)
            .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

fn result(f: &Finding) -> Value {
    let mut location = json!({ "artifactLocation": { "uri": uri(&f.file) } });
    if f.line > 0 {
        location["region"] = json!({ "startLine": f.line });
    }
    let mut props = json!({ "unit": f.unit });
    for (k, v) in [
        ("term", &f.term),
        ("sourceTerm", &f.source_term),
        ("expected", &f.expected),
        ("found", &f.found),
    ] {
        if let Some(v) = v {
            props[k] = json!(v);
        }
    }
    json!({
        "ruleId": f.rule.id(),
        "ruleIndex": Rule::ALL.iter().position(|&r| r == f.rule),
        "level": f.severity.as_str(),
        "message": { "text": f.message },
        "locations": [{ "physicalLocation": location }],
        "partialFingerprints": { "termalign/v1": f.fingerprint },
        "properties": props,
    })
}

/// `TermNearMiss` for `term-near-miss`.
fn camel(r: Rule) -> String {
    r.id()
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A URI reference for a path: forward slashes, and every byte
/// outside the unreserved set (and `/`) percent-encoded (spaces, Chinese
/// file names).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    // An absolute path becomes a file URI; a relative one stays relative
    // (to the repository root, as code scanning expects).
    let mut s = String::with_capacity(path.len() + 7);
    if path.starts_with('/') {
        s.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_names() {
        for (p, want) in [
            ("tm/a b.tmx", "tm/a%20b.tmx"),
            ("新闻.tmx", "%E6%96%B0%E9%97%BB.tmx"),
            ("dir\\x.csv", "dir/x.csv"),
            ("/tmp/a.tmx", "file:///tmp/a.tmx"),
        ] {
            assert_eq!(uri(p), want);
        }
        assert_eq!(camel(Rule::TermNearMiss), "TermNearMiss");
    }
}
