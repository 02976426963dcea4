//! OmegaT's glossary format: UTF-8 (`.utf8`; `.txt` is read as UTF-8
//! too), one `source<TAB>target<TAB>comment` line per rendering, no header
//! row, `#` lines are comments.
//!
//! OmegaT shows every line's target to the translator as an accepted
//! rendering, so termalign writes:
//!
//! - the approved rendering first: `zh<TAB>en<TAB>note [type: place] [forbidden: A | B]`
//!   (the bracketed tags only when there is something to say);
//! - one line per variant: `zh<TAB>variant<TAB>[variant]`;
//! - forbidden renderings only inside the comment, never as a target, where
//!   OmegaT would offer them.
//!
//! Reading accepts any OmegaT glossary: lines with the same source are one
//! entry, the first target not tagged `[variant]` is the approved rendering,
//! the others are variants.

use std::io::Write;

use super::{Entry, Origin, TermType};
use crate::error::{Error, ErrorKind, Result};

const VARIANT_TAG: &str = "[variant]";

/// Parse an OmegaT glossary into entries (one per source term, in order of
/// first appearance).
pub fn read_entries(text: &str, source: &str) -> Result<Vec<Entry>> {
    struct Group {
        zh: String,
        approved: Option<(String, u64)>,
        variants: Vec<(String, u64)>,
        forbidden: Vec<String>,
        kind: TermType,
        notes: Vec<String>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line = i as u64 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let err = |msg: String| {
            Error::new(ErrorKind::Glossary, msg)
                .with_path(source)
                .with_line(line)
        };
        let mut fields = raw.split('\t');
        let zh = fields.next().unwrap_or("").trim();
        let target = fields.next().unwrap_or("").trim();
        let comment = fields.next().unwrap_or("").trim();
        if zh.is_empty() || target.is_empty() {
            return Err(err(
                "expected `source<TAB>target[<TAB>comment]` with a source and a target".into(),
            ));
        }
        let gi = *index.entry(zh.to_string()).or_insert_with(|| {
            groups.push(Group {
                zh: zh.to_string(),
                approved: None,
                variants: Vec::new(),
                forbidden: Vec::new(),
                kind: TermType::Term,
                notes: Vec::new(),
            });
            groups.len() - 1
        });
        let g = &mut groups[gi];
        if comment == VARIANT_TAG || g.approved.is_some() {
            let extra = comment.strip_prefix(VARIANT_TAG).unwrap_or(comment).trim();
            if !extra.is_empty() && !g.notes.iter().any(|n| n == extra) {
                g.notes.push(extra.to_string());
            }
            g.variants.push((target.to_string(), line));
            continue;
        }
        let (note, kind, forbidden) = split_tags(comment).map_err(err)?;
        g.approved = Some((target.to_string(), line));
        g.kind = kind;
        g.forbidden = forbidden;
        if !note.is_empty() {
            g.notes.insert(0, note);
        }
    }
    Ok(groups
        .into_iter()
        .map(|mut g| {
            let (en, line) = match g.approved {
                Some(a) => a,
                None => g.variants.remove(0),
            };
            Entry {
                zh: g.zh,
                en,
                variants: g.variants.into_iter().map(|v| v.0).collect(),
                forbidden: g.forbidden,
                kind: g.kind,
                note: g.notes.join("; "),
                origin: Origin {
                    source: source.to_string(),
                    line,
                },
            }
        })
        .collect())
}

/// Take the trailing `[type: …]` and `[forbidden: …]` tags off a comment.
fn split_tags(comment: &str) -> std::result::Result<(String, TermType, Vec<String>), String> {
    let mut rest = comment.trim_end();
    let mut kind = TermType::Term;
    let mut forbidden = Vec::new();
    while rest.ends_with(']') {
        let body = &rest[..rest.len() - 1];
        // The last tag opening; a forbidden rendering may itself hold `[`.
        let open = ["[type:", "[forbidden:"]
            .iter()
            .filter_map(|t| body.rfind(t))
            .max();
        let Some(open) = open else { break };
        let tag = &body[open + 1..];
        if let Some(t) = tag.strip_prefix("type:") {
            kind = t.parse()?;
        } else if let Some(f) = tag.strip_prefix("forbidden:") {
            forbidden = f
                .split(" | ")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
        }
        rest = rest[..open].trim_end();
    }
    Ok((rest.to_string(), kind, forbidden))
}

/// Write entries as an OmegaT glossary (see the module documentation).
pub fn write<W: Write>(entries: &[Entry], mut out: W) -> Result<()> {
    for e in entries {
        for field in std::iter::once(&e.zh)
            .chain(std::iter::once(&e.en))
            .chain(&e.variants)
            .chain(&e.forbidden)
            .chain(std::iter::once(&e.note))
        {
            if field.contains(['\t', '\n', '\r']) {
                return Err(Error::new(
                    ErrorKind::Glossary,
                    format!(
                        "`{}`: a tab or line break cannot be carried by an OmegaT glossary",
                        e.zh
                    ),
                )
                .with_path(&e.origin.source)
                .with_line(e.origin.line));
            }
        }
        if let Some(bad) = e.forbidden.iter().find(|f| f.contains(" | ")) {
            return Err(Error::new(
                ErrorKind::Glossary,
                format!("forbidden rendering `{bad}` of `{}` contains ` | `", e.zh),
            )
            .with_path(&e.origin.source)
            .with_line(e.origin.line));
        }
        let mut comment = e.note.clone();
        let mut tag = |t: String| {
            if !comment.is_empty() {
                comment.push(' ');
            }
            comment.push_str(&t);
        };
        if e.kind != TermType::Term {
            tag(format!("[type: {}]", e.kind));
        }
        if !e.forbidden.is_empty() {
            tag(format!("[forbidden: {}]", e.forbidden.join(" | ")));
        }
        if comment.is_empty() {
            writeln!(out, "{}\t{}", e.zh, e.en)?;
        } else {
            writeln!(out, "{}\t{}\t{}", e.zh, e.en, comment)?;
        }
        for v in &e.variants {
            writeln!(out, "{}\t{}\t{VARIANT_TAG}", e.zh, v)?;
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    #[test]
    fn writes_the_documented_layout() {
        let g = Glossary::from_csv_str(
            "zh,en,variants,forbidden,type,note\n\
             一带一路,Belt and Road,BRI|Belt and Road Initiative,\"One Belt, One Road|OBOR\",term,official\n\
             习近平,Xi Jinping,Xi,,person,\n\
             上海精神,Shanghai Spirit,,,term,\n",
            "t",
        )
        .unwrap();
        let mut out = Vec::new();
        write(g.entries(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "一带一路\tBelt and Road\tofficial [forbidden: One Belt, One Road | OBOR]\n\
             一带一路\tBRI\t[variant]\n\
             一带一路\tBelt and Road Initiative\t[variant]\n\
             习近平\tXi Jinping\t[type: person]\n\
             习近平\tXi\t[variant]\n\
             上海精神\tShanghai Spirit\n"
        );
    }

    #[test]
    fn reads_plain_omegat_glossaries() {
        let text = "# my glossary\n\n上海精神\tShanghai Spirit\tfrom the MFA\n\
                    一带一路\tBelt and Road\n一带一路\tBelt and Road Initiative\talso fine\n";
        let es = read_entries(text, "g.txt").unwrap();
        assert_eq!(es.len(), 2);
        assert_eq!(es[0].note, "from the MFA");
        assert_eq!(es[0].origin.line, 3);
        assert_eq!(es[1].variants, ["Belt and Road Initiative"]);
        assert_eq!(es[1].note, "also fine");
    }

    #[test]
    fn bad_lines_name_their_line() {
        for (text, line) in [
            ("甲\tA\n乙\n", 2),
            ("甲\tA\n\t\tB\n", 2),
            ("甲\tA\t[type: animal]\n", 1),
        ] {
            let err = read_entries(text, "g.utf8").unwrap_err();
            assert_eq!(err.line(), Some(line), "{text:?}: {err}");
        }
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn read_entries() {
        use crate::glossary::omegat;
        let text =
            "一带一路\tBelt and Road\tofficial [forbidden: OBOR]\n一带一路\tBRI\t[variant]\n";
        let e = &omegat::read_entries(text, "g.utf8").unwrap()[0];
        assert_eq!(
            (e.en.as_str(), e.note.as_str()),
            ("Belt and Road", "official")
        );
        assert_eq!(
            (e.variants.clone(), e.forbidden.clone()),
            (vec!["BRI".to_string()], vec!["OBOR".to_string()])
        );
    }
}
