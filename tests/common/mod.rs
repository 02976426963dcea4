//! Helpers shared by the integration tests: run the real binary in a temp
//! dir, find fixtures, and skip (or fail under CI) when `../shared` or an
//! outside program is missing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under tests/data.
pub fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// The news fixture documents (`tests/data/news/*/` holding a `gold.tsv`),
/// in name order.
pub fn news_docs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data("news"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("gold.tsv").is_file())
        .collect();
    v.sort();
    v
}

/// The shared data folder (`../shared`), or None after printing a notice.
/// Under `CI=true` a missing folder is a failure, not a skip.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = root().join("../shared").join(rel);
    if p.exists() {
        return Some(p);
    }
    require_or_skip(&format!("{} is absent", p.display()))
}

/// True when an outside program is on PATH; otherwise a notice (or a
/// failure under CI).
pub fn have_program(name: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(name).is_file()));
    found || require_or_skip::<()>(&format!("program `{name}` is not installed")).is_some()
}

/// True when `python3` can import `module`; otherwise a notice (or a
/// failure under CI).
pub fn have_python_module(module: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    ok || require_or_skip::<()>(&format!("python3 module `{module}` is not installed")).is_some()
}

fn require_or_skip<T>(why: &str) -> Option<T> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("required under CI=true: {why}");
    }
    eprintln!("NOTICE: skipping: {why}");
    None
}

/// A scratch directory and the binary.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_termalign"));
        c.current_dir(self.dir.path());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run termalign")
    }

    /// Run with `input` on standard input (written from another thread,
    /// so a large input cannot deadlock against a full stdout pipe).
    pub fn run_with_stdin(&self, args: &[&str], input: impl AsRef<[u8]>) -> Output {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = self
            .cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run termalign");
        let mut stdin = child.stdin.take().expect("stdin");
        let text = input.as_ref().to_vec();
        let w = std::thread::spawn(move || {
            // The binary may exit before reading everything (an error).
            let _ = stdin.write_all(&text);
        });
        let o = child.wait_with_output().expect("wait for termalign");
        w.join().expect("stdin writer");
        o
    }

    /// Files in the temp dir (to prove nothing partial was left behind).
    pub fn files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Read a fixture as a string.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
