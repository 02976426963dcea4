//! Every command shown in README.md and docs/*.md runs.
//!
//! The test extracts each fenced block whose info string starts with `sh`
//! and runs it with `bash -e -o pipefail` in a fresh temporary folder laid
//! out like the repository root: `tests`, `glossary`, `docs` and `NOTICE`
//! are symlinks to the repository's, and a sibling `shared` points at
//! `../shared` when that exists, so repository-relative paths in the docs
//! work unchanged. The freshly built binary is first on PATH as
//! `termalign`, and `cargo run --release --` is rewritten to `termalign`.
//!
//! Not run (documented here so the docs can show them):
//! - lines starting with `cargo test`, `cargo install` or `cargo bench`
//!   (they would rebuild or reinstall the project from inside its tests);
//! - blocks whose info string is `sh measure`: recipes that reproduce a
//!   measured figure (minutes of work, release builds of examples). They
//!   are only checked for shell syntax with `bash -n`.
//!
//! Blocks that mention `../shared` are skipped with a NOTICE when it is
//! absent, and fail under `CI=true`. Output shown for illustration uses
//! another info string (`text`, `json`, `console`…). A command that fails on
//! purpose must say so in the block (`… || test $? -eq 1`, `! …`).

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One fenced `sh` block.
struct Block {
    file: String,
    line: usize,
    measure: bool,
    body: String,
}

fn doc_files() -> Vec<PathBuf> {
    let root = common::root();
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

fn blocks(path: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(common::root())
        .unwrap()
        .display()
        .to_string();
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let fence = line.trim_start();
        match open.take() {
            None => {
                if let Some(info) = fence.strip_prefix("```") {
                    open = Some((i + 1, info.trim().to_string(), String::new()));
                }
            }
            Some((start, info, body)) if fence.starts_with("```") => {
                let mut words = info.split_whitespace();
                if words.next() == Some("sh") {
                    out.push(Block {
                        file: name.clone(),
                        line: start,
                        measure: words.any(|w| w == "measure"),
                        body,
                    });
                }
            }
            Some((start, info, mut body)) => {
                body.push_str(line);
                body.push('\n');
                open = Some((start, info, body));
            }
        }
    }
    assert!(open.is_none(), "{name}: unclosed code fence");
    out
}

/// The block as it is run: cargo commands that would rebuild the project
/// become no-ops, `cargo run --release --` becomes the built binary.
fn runnable(block: &Block) -> String {
    let mut script = String::new();
    for line in block.body.lines() {
        let t = line.trim_start();
        if ["cargo test", "cargo install", "cargo bench"]
            .iter()
            .any(|c| t.starts_with(c))
        {
            script.push_str(": not run by tests/docs_commands.rs\n");
            continue;
        }
        let line = line.replace("cargo run --release -- ", "termalign ");
        assert!(
            block.measure || !line.trim_start().starts_with("cargo "),
            "{}:{}: `{}` cannot run in the docs test; mark the block `sh measure` \
             if it reproduces a figure",
            block.file,
            block.line,
            line.trim()
        );
        script.push_str(&line);
        script.push('\n');
    }
    script
}

fn link(src: &Path, dst: &Path) {
    std::os::unix::fs::symlink(src, dst).unwrap();
}

/// Runs one block in a fresh copy of the repository layout (blocks must
/// not depend on each other's files); the failure report, if it failed.
fn run_block(
    block: &Block,
    script: &str,
    root: &Path,
    shared: &Path,
    have_shared: bool,
    path: &OsStr,
) -> Option<String> {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("termalign");
    std::fs::create_dir(&work).unwrap();
    for name in ["tests", "glossary", "docs", "NOTICE"] {
        link(&root.join(name), &work.join(name));
    }
    if have_shared {
        link(&shared.canonicalize().unwrap(), &tmp.path().join("shared"));
    }
    let out = Command::new("bash")
        .args(["-e", "-o", "pipefail", "-c", script])
        .current_dir(&work)
        .env("PATH", path)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    (!out.status.success()).then(|| {
        format!(
            "{}:{}: exit {:?}\n--- script\n{script}--- stdout\n{}--- stderr\n{}",
            block.file,
            block.line,
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn every_sh_block_in_the_docs_runs() {
    let root = common::root();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_termalign"));
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let shared = root.join("../shared");
    let have_shared = shared.is_dir();

    let all: Vec<Block> = doc_files().iter().flat_map(|f| blocks(f)).collect();
    assert!(all.len() >= 10, "found only {} sh blocks", all.len());
    let mut to_run = Vec::new();
    let (mut checked, mut skipped) = (0, 0);
    for block in &all {
        let script = runnable(block);
        if block.measure {
            let ok = Command::new("bash")
                .args(["-n", "-c", &script])
                .status()
                .unwrap()
                .success();
            assert!(ok, "{}:{}: shell syntax error", block.file, block.line);
            checked += 1;
        } else if block.body.contains("../shared") && !have_shared {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "{}:{}: needs ../shared, absent under CI=true",
                    block.file, block.line
                );
            }
            eprintln!(
                "NOTICE: skipping {}:{}: ../shared is absent",
                block.file, block.line
            );
            skipped += 1;
        } else {
            to_run.push((block, script));
        }
    }
    let ran = to_run.len();

    // Blocks are independent, so they run a few at a time: the MAC-Dev one
    // alone takes several seconds in a debug build.
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some((block, script)) = to_run.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Some(f) = run_block(block, script, &root, &shared, have_shared, &path) {
                        failures.lock().unwrap().push(f);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "docs_commands: {ran} sh blocks run, {skipped} skipped (../shared absent), \
         {checked} `sh measure` blocks syntax-checked"
    );
    assert!(
        failures.is_empty(),
        "{} docs block(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
