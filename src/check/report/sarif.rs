//! SARIF 2.1.0 (OASIS), as GitHub code scanning and other SAST dashboards
//! read it: one run whose tool driver describes every rule (id, name,
//! descriptions, default level), and one result per finding with its rule,
//! level, message, location (file and line) and a partial fingerprint
//! (the baseline fingerprint, so dashboards track findings across commits).
//!
//! Rules have a PascalCase `name` distinct from their id, a `helpUri` into
//! `docs/rules.md`, and the driver an `informationUri`. With a base URI
//! (`--base-uri`), locations are relative to `SRCROOT`, defined in the
//! run's `originalUriBaseIds`. The output is valid against the OASIS
//! schema and clean under Microsoft's SARIF Multitool (tested in CI).

use std::io::Write;

use serde_json::{Value, json};

use super::{RULES_URL, Report, Reporter, help_uri, rules};
use crate::check::{Finding, Rule};
use crate::error::{Error, ErrorKind, Result};

/// The schema URI written in `$schema`.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub(super) struct SarifReporter {
    pub(super) base_uri: Option<String>,
}

/// The `uriBaseId` relative locations use with a base URI.
const SRCROOT: &str = "SRCROOT";

impl Reporter for SarifReporter {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
        let rules: Vec<Value> = rules()
            .map(|r| {
                json!({
                    "id": r.id(),
                    "name": r.name(),
                    "shortDescription": { "text": r.summary() },
                    "fullDescription": { "text": r.summary() },
                    "help": { "text": format!("{} See {}.", r.summary(), help_uri(r)) },
                    "helpUri": help_uri(r),
                    "defaultConfiguration": { "level": r.default_severity().as_str() },
                    "properties": { "tags": ["terminology", "translation"] },
                })
            })
            .collect();
        let base = self.base_uri.as_deref().map(base_with_slash);
        let results: Vec<Value> = report
            .findings
            .iter()
            .map(|f| result(f, base.as_deref()))
            .collect();
        let mut doc = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "termalign",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "fullName": format!("termalign {} (rules: {RULES_URL})", env!("CARGO_PKG_VERSION")),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        if let Some(base) = &base {
            doc["runs"][0]["originalUriBaseIds"] = json!({ SRCROOT: { "uri": base } });
        }
        serde_json::to_writer_pretty(&mut *out, &doc)
            .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// A base URI as SARIF wants it: ending in `/`.
fn base_with_slash(base: &str) -> String {
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// The artifact location of `file`: relative to `SRCROOT` when there is a
/// base and the path is relative (or an absolute path under a `file:` base).
fn artifact_location(file: &str, base: Option<&str>) -> Value {
    let Some(base) = base else {
        return json!({ "uri": uri(file) });
    };
    // Relative names are relative to the working folder; under a `file:`
    // base that may be another folder, compare absolute paths.
    let absolute = match std::env::current_dir() {
        Ok(cwd) if base.starts_with("file://") && !file.starts_with('/') => {
            cwd.join(file).display().to_string()
        }
        _ => file.to_string(),
    };
    let u = uri(&absolute);
    if !u.starts_with("file://") {
        return json!({ "uri": u, "uriBaseId": SRCROOT });
    }
    match u.strip_prefix(base) {
        Some(rel) if !rel.is_empty() => json!({ "uri": rel, "uriBaseId": SRCROOT }),
        _ => json!({ "uri": u }),
    }
}

fn result(f: &Finding, base: Option<&str>) -> Value {
    let mut location = json!({ "artifactLocation": artifact_location(&f.file, base) });
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
        for r in Rule::ALL {
            assert_ne!(r.name().to_lowercase(), r.id().to_lowercase(), "{r}");
            assert!(r.name().chars().next().unwrap().is_ascii_uppercase());
        }
    }

    #[test]
    fn locations_relative_to_a_base() {
        let base = Some("file:///repo/");
        for (file, want) in [
            (
                "/repo/tm/a.tmx",
                json!({ "uri": "tm/a.tmx", "uriBaseId": "SRCROOT" }),
            ),
            (
                "/elsewhere/a.tmx",
                json!({ "uri": "file:///elsewhere/a.tmx" }),
            ),
        ] {
            assert_eq!(artifact_location(file, base), want, "{file}");
        }
        assert_eq!(
            artifact_location("tm/a.tmx", None),
            json!({ "uri": "tm/a.tmx" })
        );
        assert_eq!(base_with_slash("https://x.org/r"), "https://x.org/r/");
    }
}
