//! Finding the documents of a batch: walking `--zh-dir`/`--en-dir`
//! (recursive, `--glob`), reading a `--manifest`, and pairing files by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;

/// A file found under a batch folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// The path to open.
    pub path: PathBuf,
    /// The path relative to the folder it was found in, `/`-separated; it
    /// names the documents in the output.
    pub rel: String,
}

/// Every regular file under `dir` (recursively, in byte order of their
/// relative paths, hidden files and folders skipped) whose relative path
/// matches one of `globs` (all files when `globs` is empty). A glob without
/// `/` matches the file name at any depth (`*.txt`); one with `/` matches
/// the relative path (`2024/**/*.txt`).
pub fn walk(dir: &Path, globs: &[String]) -> Result<Vec<FileEntry>> {
    walk_skipping(dir, globs).map(|(files, _)| files)
}

/// [`walk`], and the entries it had to skip: symbolic link loops, dangling
/// links, folders it may not read, each as an error naming the path. One
/// bad entry does not stop the walk; a missing `dir` does.
pub fn walk_skipping(dir: &Path, globs: &[String]) -> Result<(Vec<FileEntry>, Vec<Error>)> {
    let set = glob_set(globs)?;
    let meta = std::fs::metadata(dir).map_err(|e| Error::io(e).with_path(dir))?;
    if !meta.is_dir() {
        return Err(Error::new(ErrorKind::Config, "not a folder").with_path(dir));
    }
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let why = match e.loop_ancestor() {
                    Some(a) => format!("symbolic link loop (back to {})", a.display()),
                    None => e
                        .io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string()),
                };
                skipped.push(Error::new(ErrorKind::Io, why).with_path(path));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_string(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        if let Some(set) = &set {
            let name = entry.file_name().to_string_lossy();
            if !set.is_match(&rel) && !set.is_match(name.as_ref()) {
                continue;
            }
        }
        out.push(FileEntry {
            path: entry.path().to_path_buf(),
            rel,
        });
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((out, skipped))
}

fn glob_set(globs: &[String]) -> Result<Option<GlobSet>> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| {
            Error::new(ErrorKind::Config, format!("bad --glob `{g}`: {}", e.kind()))
        })?;
        b.add(glob);
    }
    b.build()
        .map(Some)
        .map_err(|e| Error::new(ErrorKind::Config, e.to_string()))
}

fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Markers that name a language in file and folder names.
fn is_marker(token: &str, lang: Lang) -> bool {
    let t = token.to_lowercase();
    match lang {
        Lang::Zh => matches!(
            t.as_str(),
            "zh" | "zho" | "chi" | "chs" | "cn" | "chinese" | "中文" | "中"
        ),
        Lang::En => matches!(t.as_str(), "en" | "eng" | "english" | "英文" | "英"),
    }
}

/// Region and script subtags that may follow a language marker (`zh-CN`,
/// `en_US`, `zh-Hans`); dropped from the key so `a.zh-CN.txt` pairs with
/// `a.en.txt`.
fn is_subtag(token: &str, lang: Lang) -> bool {
    let t = token.to_lowercase();
    match lang {
        Lang::Zh => matches!(t.as_str(), "cn" | "hans" | "hant" | "tw" | "hk" | "sg"),
        Lang::En => matches!(t.as_str(), "us" | "gb" | "uk" | "au" | "ca"),
    }
}

/// The name under which a file of language `lang` pairs with its
/// counterpart: its relative path with the language markers (`zh`, `cn`,
/// `chinese`, `en`, `english`… as whole `/._-`-separated tokens, with a
/// following region subtag) replaced by `{L}`. Returns the key and whether
/// a marker was found.
pub fn name_key(rel: &str, lang: Lang) -> (String, bool) {
    // Tokens alternate with separators; keep the separators as they are.
    let mut parts: Vec<(String, bool)> = Vec::new(); // (text, is_separator)
    let mut cur = String::new();
    for c in rel.chars() {
        if matches!(c, '/' | '.' | '_' | '-' | ' ') {
            if !cur.is_empty() {
                parts.push((std::mem::take(&mut cur), false));
            }
            parts.push((c.to_string(), true));
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        parts.push((cur, false));
    }
    let mut key = String::with_capacity(rel.len());
    let mut found = false;
    let mut i = 0;
    while i < parts.len() {
        let (text, sep) = &parts[i];
        if !sep && is_marker(text, lang) {
            key.push_str("{L}");
            found = true;
            // Drop `-CN` / `_US` right after the marker.
            if let (Some((s, true)), Some((sub, false))) = (parts.get(i + 1), parts.get(i + 2))
                && (s == "-" || s == "_")
                && is_subtag(sub, lang)
            {
                i += 3;
                continue;
            }
        } else {
            key.push_str(text);
        }
        i += 1;
    }
    (key, found)
}

/// The result of pairing files by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NamePairing {
    /// (Chinese index, English index), in Chinese order.
    pub pairs: Vec<(usize, usize)>,
    /// Chinese files with no English counterpart.
    pub unpaired_zh: Vec<usize>,
    /// English files with no Chinese counterpart.
    pub unpaired_en: Vec<usize>,
}

/// Pair files whose [`name_key`]s are equal: the same relative path, or the
/// same path with the language marker swapped (`a.zh.txt` ↔ `a.en.txt`,
/// `zh/x.txt` ↔ `en/x.txt`). When two files of one side share a key, the
/// first (in path order) is paired and the other reported unpaired.
pub fn pair_by_name(zh: &[FileEntry], en: &[FileEntry]) -> NamePairing {
    let mut en_keys: BTreeMap<String, usize> = BTreeMap::new();
    for (j, f) in en.iter().enumerate() {
        en_keys.entry(name_key(&f.rel, Lang::En).0).or_insert(j);
    }
    let mut used = vec![false; en.len()];
    let mut out = NamePairing::default();
    for (i, f) in zh.iter().enumerate() {
        match en_keys.get(&name_key(&f.rel, Lang::Zh).0) {
            Some(&j) if !used[j] => {
                used[j] = true;
                out.pairs.push((i, j));
            }
            _ => out.unpaired_zh.push(i),
        }
    }
    out.unpaired_en = (0..en.len()).filter(|&j| !used[j]).collect();
    out
}

/// Split the files of one folder holding both languages by their markers:
/// a file is Chinese when its path has a Chinese marker and no English
/// one, and the reverse. Files with neither (or both) are returned third.
pub fn split_by_marker(files: Vec<FileEntry>) -> (Vec<FileEntry>, Vec<FileEntry>, Vec<FileEntry>) {
    let (mut zh, mut en, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for f in files {
        match (name_key(&f.rel, Lang::Zh).1, name_key(&f.rel, Lang::En).1) {
            (true, false) => zh.push(f),
            (false, true) => en.push(f),
            _ => other.push(f),
        }
    }
    (zh, en, other)
}

/// One row of a manifest: a pair of files (or of articles within them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestRow {
    /// The Chinese file (relative paths are resolved against the manifest's
    /// folder).
    pub zh: PathBuf,
    /// The English file.
    pub en: PathBuf,
    /// The document name for the output (the `zh` value when absent).
    pub doc: String,
    /// 1-based article of the Chinese file (`zh_article`), or all.
    pub zh_article: Option<usize>,
    /// 1-based article of the English file (`en_article`), or all.
    pub en_article: Option<usize>,
    /// 1-based line in the manifest.
    pub line: u64,
}

/// Read a manifest: CSV with a header naming at least `zh` and `en`, and
/// optionally `doc`, `zh_article`, `en_article` (1-based article numbers),
/// `score` and `status`. Rows whose `status` is present and not `paired`
/// are skipped, so a `--pairs-out` file is a valid manifest. Relative paths
/// are resolved against the manifest's folder.
pub fn read_manifest(path: &Path) -> Result<Vec<ManifestRow>> {
    read_manifest_with(path, false)
}

/// [`read_manifest`]; with `allow_outside`, rows may name absolute paths
/// and paths outside the manifest's folder.
pub fn read_manifest_with(path: &Path, allow_outside: bool) -> Result<Vec<ManifestRow>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(e).with_path(path))?;
    let text = crate::decode::decode(&bytes, Default::default()).map_err(|e| e.with_path(path))?;
    parse_manifest_with(&text.text, path, allow_outside)
}

/// Where a manifest row's path may point: under the manifest's folder
/// (lexically, and through symbolic links when the file exists).
fn confined(base: &Path, rel: &str) -> std::result::Result<(), String> {
    use std::path::Component;
    let p = Path::new(rel);
    if p.is_absolute() || p.has_root() {
        return Err(format!(
            "`{rel}` is an absolute path: manifest paths are relative to the manifest's folder (--allow-outside permits it)"
        ));
    }
    let mut depth = 0usize;
    for c in p.components() {
        match c {
            Component::ParentDir if depth == 0 => {
                return Err(format!(
                    "`{rel}` leads outside the manifest's folder (--allow-outside permits it)"
                ));
            }
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    let dir = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    if let (Ok(root), Ok(target)) = (dir.canonicalize(), dir.join(p).canonicalize())
        && !target.starts_with(&root)
    {
        return Err(format!(
            "`{rel}` is a link to {}, outside the manifest's folder (--allow-outside permits it)",
            target.display()
        ));
    }
    Ok(())
}

/// [`read_manifest_with`] on text already read; `path` names the file in
/// errors and anchors relative paths.
pub fn parse_manifest_with(
    text: &str,
    path: &Path,
    allow_outside: bool,
) -> Result<Vec<ManifestRow>> {
    let base = path.parent().unwrap_or(Path::new(""));
    let err = |line: u64, msg: String| {
        Error::new(ErrorKind::Format, msg)
            .with_path(path)
            .with_line(line)
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| err(1, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect::<Vec<_>>();
    let col = |name: &str| headers.iter().position(|h| h == name);
    const KNOWN: [&str; 7] = [
        "zh",
        "en",
        "doc",
        "zh_article",
        "en_article",
        "score",
        "status",
    ];
    if let Some(h) = headers.iter().find(|h| !KNOWN.contains(&h.as_str())) {
        return Err(err(
            1,
            format!(
                "unknown column `{h}` (expected zh,en,doc and optionally zh_article,en_article,score,status)"
            ),
        ));
    }
    let (Some(zh_col), Some(en_col)) = (col("zh"), col("en")) else {
        return Err(err(
            1,
            "the header must name the columns `zh` and `en` (and optionally `doc`)".into(),
        ));
    };
    let (doc_col, za_col, ea_col, status_col) = (
        col("doc"),
        col("zh_article"),
        col("en_article"),
        col("status"),
    );
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(line, e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::trim).unwrap_or("");
        if let Some(sc) = status_col
            && get(Some(sc)) != "paired"
        {
            continue;
        }
        let (zh, en) = (get(Some(zh_col)), get(Some(en_col)));
        if zh.is_empty() || en.is_empty() {
            return Err(err(line, "empty `zh` or `en` path".into()));
        }
        if !allow_outside {
            for p in [zh, en] {
                confined(base, p).map_err(|m| err(line, m))?;
            }
        }
        let article = |c: Option<usize>, name: &str| -> Result<Option<usize>> {
            let v = get(c);
            if v.is_empty() {
                return Ok(None);
            }
            match v.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(Some(n)),
                _ => Err(err(
                    line,
                    format!("`{name}` must be an article number from 1, not `{v}`"),
                )),
            }
        };
        let doc = get(doc_col);
        rows.push(ManifestRow {
            zh: base.join(zh),
            en: base.join(en),
            doc: if doc.is_empty() {
                zh.to_string()
            } else {
                doc.to_string()
            },
            zh_article: article(za_col, "zh_article")?,
            en_article: article(ea_col, "en_article")?,
            line,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys() {
        let cases = [
            ("a.txt", Lang::Zh, "a.txt", false),
            ("a.zh.txt", Lang::Zh, "a.{L}.txt", true),
            ("a.ZH-CN.txt", Lang::Zh, "a.{L}.txt", true),
            ("a_zh_hans.txt", Lang::Zh, "a_{L}.txt", true),
            ("a.en-US.txt", Lang::En, "a.{L}.txt", true),
            ("english/2024/07/x.txt", Lang::En, "{L}/2024/07/x.txt", true),
            ("中文/x.txt", Lang::Zh, "{L}/x.txt", true),
            ("zhang.txt", Lang::Zh, "zhang.txt", false),
            ("cn-report.txt", Lang::Zh, "{L}-report.txt", true),
            ("men.txt", Lang::En, "men.txt", false),
        ];
        for (rel, lang, key, found) in cases {
            assert_eq!(name_key(rel, lang), (key.to_string(), found), "{rel}");
        }
    }

    #[test]
    fn pairs_by_swapped_marker_and_reports_leftovers() {
        let f = |rel: &str| FileEntry {
            path: rel.into(),
            rel: rel.into(),
        };
        let zh = [f("zh/1.txt"), f("zh/2.txt"), f("x.zh.txt"), f("x.cn.txt")];
        let en = [f("en/2.txt"), f("en/1.txt"), f("x.en.txt"), f("en/3.txt")];
        let p = pair_by_name(&zh, &en);
        assert_eq!(p.pairs, [(0, 1), (1, 0), (2, 2)]);
        assert_eq!(p.unpaired_zh, [3]);
        assert_eq!(p.unpaired_en, [3]);
    }

    #[test]
    fn splits_one_folder_by_marker() {
        let f = |rel: &str| FileEntry {
            path: rel.into(),
            rel: rel.into(),
        };
        let (zh, en, other) = split_by_marker(vec![
            f("a.zh.txt"),
            f("a.en.txt"),
            f("README.md"),
            f("zh/en.txt"),
        ]);
        let rels = |v: Vec<FileEntry>| v.into_iter().map(|f| f.rel).collect::<Vec<_>>();
        assert_eq!(rels(zh), ["a.zh.txt"]);
        assert_eq!(rels(en), ["a.en.txt"]);
        assert_eq!(rels(other), ["README.md", "zh/en.txt"]);
    }

    #[test]
    fn manifest_rows_and_errors() {
        let p = Path::new("/m/list.csv");
        let text = "zh,en,doc\na.txt,b.txt,first\n/abs/c.txt,d.txt,\n";
        // Confined by default: an absolute path (or `..` out) is an error
        // at its line.
        let e = parse_manifest_with(text, p, false).unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert!(e.message().contains("absolute"), "{e}");
        let e = parse_manifest_with("zh,en\nx/../../c.txt,d.txt\n", p, false).unwrap_err();
        assert!(e.message().contains("outside"), "{e}");
        parse_manifest_with("zh,en\nx/../c.txt,d.txt\n", p, false).unwrap();
        let rows = parse_manifest_with(text, p, true).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].zh, Path::new("/m/a.txt"));
        assert_eq!(rows[0].doc, "first");
        assert_eq!((rows[0].line, rows[1].line), (2, 3));
        assert_eq!(rows[1].zh, Path::new("/abs/c.txt"));
        assert_eq!(rows[1].doc, "/abs/c.txt");

        // A --pairs-out file reads back: unpaired rows are skipped.
        let rows = parse_manifest_with(
            "zh,en,doc,score,zh_article,en_article,status\n\
             a.txt,b.txt,a.txt#2,0.61,2,1,paired\n\
             c.txt,,c.txt,0.02,1,,unpaired\n",
            p,
            false,
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].zh_article, rows[0].en_article), (Some(2), Some(1)));

        let bad = [
            (
                "zh,doc\na,b\n",
                "list.csv:1: format error: the header must name",
            ),
            (
                "zh,en,lang\na,b,c\n",
                "list.csv:1: format error: unknown column `lang`",
            ),
            (
                "zh,en\na,b\n,c\n",
                "list.csv:3: format error: empty `zh` or `en`",
            ),
            ("zh,en\na,b\nc\n", "list.csv:3: format error:"),
            (
                "zh,en,zh_article\na,b,0\n",
                "list.csv:2: format error: `zh_article` must be",
            ),
        ];
        for (text, want) in bad {
            let e = parse_manifest_with(text, p, false).unwrap_err().to_string();
            assert!(e.starts_with(&format!("/m/{want}")), "{text:?}: {e}");
        }
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn name_key() {
        use crate::{Lang, batch::discover::name_key};
        assert_eq!(name_key("2024/a.zh.txt", Lang::Zh).0, "2024/a.{L}.txt");
        assert_eq!(name_key("2024/a.en.txt", Lang::En).0, "2024/a.{L}.txt");
        assert_eq!(
            name_key("zh/2024/a.txt", Lang::Zh),
            ("{L}/2024/a.txt".into(), true)
        );
        assert_eq!(
            name_key("a_zh-CN.txt", Lang::Zh).0,
            name_key("a_en.txt", Lang::En).0
        );
        assert_eq!(
            name_key("enrich.txt", Lang::En),
            ("enrich.txt".into(), false)
        );
    }

    #[test]
    fn pair_by_name() {
        use crate::batch::discover::{FileEntry, pair_by_name};
        let f = |rel: &str| FileEntry {
            path: rel.into(),
            rel: rel.into(),
        };
        let zh = [f("a.zh.txt"), f("b.zh.txt"), f("c.txt")];
        let en = [f("b.en.txt"), f("a.en.txt"), f("d.txt")];
        let p = pair_by_name(&zh, &en);
        assert_eq!(p.pairs, [(0, 1), (1, 0)]);
        assert_eq!((p.unpaired_zh, p.unpaired_en), (vec![2], vec![2]));
    }
}
