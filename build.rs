//! Distils the built-in Chinese–English lexicon from CC-CEDICT.
//!
//! The data comes from the `chinese_dictionary` 3.0.0 crate (a build
//! dependency), which ships CC-CEDICT (CC BY-SA 4.0) as a bincode-serialised
//! `HashMap<u32, WordEntry>`. That crate has no API to iterate its entries,
//! so this script reads its `data/data.dictionary` file (see [`data_file`])
//! and writes `OUT_DIR/cedict.bin`, which the library
//! embeds with `include_bytes!`. The table is read in place at run time, so
//! loading it costs nothing (see `src/lexicon/builtin.rs` for the layout and
//! reader).
//!
//! Only the headwords and the raw gloss text are kept: the aligner's gloss
//! parser and stemmer run on that text exactly as on a `--dict` file, so the
//! built-in lexicon gives the same stems as the same CC-CEDICT lines would.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chinese_dictionary::WordEntry;

/// File format version; the reader checks it.
const VERSION: u32 = 2;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TERMALIGN_CEDICT_DATA");
    let src = data_file();
    println!("cargo:rerun-if-changed={}", src.display());
    let bytes = std::fs::read(&src)
        .unwrap_or_else(|e| panic!("cannot read CC-CEDICT data {}: {e}", src.display()));
    let data: HashMap<u32, WordEntry> = bincode::deserialize(&bytes)
        .unwrap_or_else(|e| panic!("cannot decode CC-CEDICT data {}: {e}", src.display()));
    let table = build_table(data);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("cedict.bin");
    std::fs::write(&out, table).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The version pinned in Cargo.toml (the last release with the data inside).
const PACKAGE: &str = "chinese_dictionary-3.0.0";
const DATA: &str = "data/data.dictionary";

/// `data/data.dictionary` of the `chinese_dictionary` package Cargo built:
/// `TERMALIGN_CEDICT_DATA` when set, else where Cargo unpacks registry
/// packages (`$CARGO_HOME/registry/src/*/`), else where `cargo metadata`
/// says the package is (vendored or patched sources), offline first.
fn data_file() -> PathBuf {
    if let Some(p) = std::env::var_os("TERMALIGN_CEDICT_DATA") {
        return PathBuf::from(p);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    if let Some(home) = cargo_home
        && let Ok(dirs) = std::fs::read_dir(home.join("registry/src"))
    {
        let mut found: Vec<PathBuf> = dirs
            .filter_map(|d| Some(d.ok()?.path().join(PACKAGE).join(DATA)))
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        if let Some(p) = found.into_iter().next() {
            return p;
        }
    }
    let mut errors = String::new();
    for offline in [true, false] {
        match metadata_dir(offline) {
            Ok(dir) => return dir.join(DATA),
            Err(e) => errors.push_str(&format!("\n{e}")),
        }
    }
    panic!("cannot find {PACKAGE}/{DATA} (set TERMALIGN_CEDICT_DATA to its path):{errors}");
}

/// The package directory of `chinese_dictionary` 3.0.0 from `cargo metadata`.
fn metadata_dir(offline: bool) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"))
        .join("Cargo.toml");
    // The host platform only: other platforms' packages are never built
    // here and need not be downloaded.
    let host = std::env::var("HOST").expect("HOST");
    let mut cmd = std::process::Command::new(cargo);
    cmd.args(["metadata", "--format-version", "1"])
        .args(["--filter-platform", &host, "--manifest-path"])
        .arg(&manifest);
    if offline {
        cmd.arg("--offline");
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run `cargo metadata`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`cargo metadata` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata JSON: {e}"))?;
    let pkg = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "chinese_dictionary" && p["version"] == "3.0.0")
        .ok_or("chinese_dictionary 3.0.0 is not among the resolved packages")?;
    let toml = pkg["manifest_path"].as_str().ok_or("no manifest_path")?;
    Ok(Path::new(toml)
        .parent()
        .ok_or("no package dir")?
        .to_path_buf())
}

/// Bits of a table slot that hold the headword id + 1; the rest hold the
/// top bits of the headword's hash, so a probe that meets another
/// headword is mostly told apart without reading that headword.
/// `src/lexicon/builtin.rs` reads the same layout (table version 2).
const ID_BITS: u32 = 18;

/// FNV-1a, the hash the reader uses for its open-addressing table.
fn fnv(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Lay out the table (all integers little-endian u32):
///
/// ```text
/// header   magic "TACD", version, n (headwords), slots (power of two),
///          max_chars, heads_len, glosses_len
/// table    slots × u32: 0 for an empty slot, else headword id + 1 in the
///          low ID_BITS bits and the top 32 - ID_BITS bits of the
///          headword's hash above them
/// heads    (n + 1) × u32 offsets into the headword bytes (sorted headwords)
/// glosses  n × (start, end) u32 ranges into the gloss bytes
/// bytes    headwords, then glosses (UTF-8)
/// ```
///
/// A headword's gloss text is `/g1/g2/…/` for each of its CC-CEDICT entries
/// in file order, concatenated: the same ranges a `--dict` load chains.
fn build_table(data: HashMap<u32, WordEntry>) -> Vec<u8> {
    let mut entries: Vec<WordEntry> = data.into_values().collect();
    entries.sort_by_key(|e| e.word_id);
    // Headword → its gloss text, simplified form first (as `--dict`).
    let mut gloss: HashMap<String, String> = HashMap::new();
    for e in &entries {
        let mut text = String::from("/");
        for g in &e.english {
            text.push_str(g);
            text.push('/');
        }
        for (k, h) in [&e.simplified, &e.traditional].into_iter().enumerate() {
            if k == 1 && e.traditional == e.simplified {
                break;
            }
            gloss.entry(h.clone()).or_default().push_str(&text);
        }
    }
    let mut heads: Vec<(String, String)> = gloss.into_iter().collect();
    heads.sort();
    let n = heads.len();
    assert!(n < (1 << ID_BITS), "{n} headwords: raise ID_BITS");
    let slots = (n * 2).next_power_of_two();
    let mut table = vec![0u32; slots];
    let mut head_bytes = Vec::new();
    let mut head_off = vec![0u32];
    let mut gloss_bytes = Vec::new();
    let mut gloss_rng = Vec::with_capacity(n);
    let mut seen: HashMap<&str, (u32, u32)> = HashMap::new();
    let mut max_chars = 0u32;
    for (id, (h, g)) in heads.iter().enumerate() {
        head_bytes.extend_from_slice(h.as_bytes());
        head_off.push(u32::try_from(head_bytes.len()).expect("headwords under 4 GiB"));
        max_chars = max_chars.max(h.chars().count() as u32);
        // Traditional and simplified forms often share their gloss text.
        let r = *seen.entry(g.as_str()).or_insert_with(|| {
            let s = gloss_bytes.len() as u32;
            gloss_bytes.extend_from_slice(g.as_bytes());
            (s, gloss_bytes.len() as u32)
        });
        gloss_rng.push(r);
        let hash = fnv(h.as_bytes());
        let mut slot = (hash as usize) & (slots - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        let tag = (hash >> (32 + ID_BITS)) as u32;
        table[slot] = (id as u32 + 1) | (tag << ID_BITS);
    }
    let mut out = Vec::new();
    let put = |v: u32, out: &mut Vec<u8>| out.extend_from_slice(&v.to_le_bytes());
    out.extend_from_slice(b"TACD");
    for v in [
        VERSION,
        n as u32,
        slots as u32,
        max_chars,
        head_bytes.len() as u32,
        gloss_bytes.len() as u32,
    ] {
        put(v, &mut out);
    }
    for v in table {
        put(v, &mut out);
    }
    for v in head_off {
        put(v, &mut out);
    }
    for (s, e) in gloss_rng {
        put(s, &mut out);
        put(e, &mut out);
    }
    out.extend_from_slice(&head_bytes);
    out.extend_from_slice(&gloss_bytes);
    out
}
