//! Never destroy a file, never pass a broken input (issue 12): one test per
//! reproduced problem, each running the real binary in a temp dir.

mod common;

use std::path::Path;
use std::process::Output;

use common::{TestEnv, data, read, stderr, stdout};

fn sco(env: &TestEnv) {
    env.write("zh.txt", read(&data("sco/zh.txt")));
    env.write("en.txt", read(&data("sco/en.txt")));
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// No temporary file of ours anywhere in `dir`.
fn no_temp_files(dir: &Path) {
    for e in walk(dir) {
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.contains(".termalign-") && !name.ends_with(".tmp"),
            "left behind: {}",
            e.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() && !p.is_symlink() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

// Row 1: a FIFO or a symlinked -o is written to, not replaced.
#[cfg(unix)]
#[test]
fn row01_fifo_output_is_written_not_replaced() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let env = TestEnv::new();
    sco(&env);
    let fifo = env.path("out.tmx");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let reader_path = fifo.clone();
    // The reader blocks until a writer opens the FIFO; if the FIFO is
    // replaced instead, the thread is left behind and the checks fail.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut s = String::new();
        std::fs::File::open(&reader_path)
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        tx.send(s).unwrap();
    });
    let o = env.run(&["align", "zh.txt", "en.txt", "-f", "tmx", "-o", "out.tmx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
    let got = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the reader got the TMX");
    assert!(got.contains("<tu>") && got.trim_end().ends_with("</tmx>"));
    no_temp_files(env.dir.path());
}

#[cfg(unix)]
#[test]
fn row01_symlinked_output_writes_through_to_its_target() {
    let env = TestEnv::new();
    sco(&env);
    env.write("real/t.tmx", "old");
    std::os::unix::fs::symlink("real/t.tmx", env.path("link.tmx")).unwrap();
    let o = env.run(&["align", "zh.txt", "en.txt", "-o", "link.tmx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let meta = std::fs::symlink_metadata(env.path("link.tmx")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert!(read(&env.path("real/t.tmx")).contains("<tu>"));
    no_temp_files(env.dir.path());
}

// Row 2: an output that is an input is refused before any work, naming both.
#[test]
fn row02_outputs_that_are_inputs_are_refused() {
    let env = TestEnv::new();
    sco(&env);
    env.write("d.zh", read(&data("sco/zh.txt")));
    env.write("d.en", read(&data("sco/en.txt")));
    let cases: &[&[&str]] = &[
        &["align", "d.zh", "d.en", "-f", "moses", "-o", "d"],
        &["align", "zh.txt", "en.txt", "-f", "csv", "-o", "en.txt"],
    ];
    for args in cases {
        let o = env.run(args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(stderr(&o).contains("it is the input"), "{}", stderr(&o));
    }
    assert_eq!(read(&env.path("d.zh")), read(&data("sco/zh.txt")));
    assert_eq!(read(&env.path("en.txt")), read(&data("sco/en.txt")));
    let o = env.run(&["align", "zh.txt", "en.txt", "-o", "a.tmx"]);
    assert_eq!(code(&o), 0);
    let tmx = read(&env.path("a.tmx"));
    for args in [
        &["check", "a.tmx", "-o", "a.tmx"][..],
        &["check", "a.tmx", "--write-baseline", "a.tmx"],
    ] {
        let o = env.run(args);
        assert_eq!(code(&o), 2, "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("a.tmx") && err.contains("input"), "{err}");
        assert_eq!(read(&env.path("a.tmx")), tmx, "{args:?} changed the input");
    }
}

// Row 3: truncated or non-TMX input is an error with file:line.
#[test]
fn row03_truncated_empty_or_foreign_tmx_is_refused() {
    let env = TestEnv::new();
    sco(&env);
    assert_eq!(
        code(&env.run(&["align", "zh.txt", "en.txt", "-o", "a.tmx"])),
        0
    );
    let tmx = read(&env.path("a.tmx"));
    // Cut right after a unit: every unit read is whole, only the end is missing.
    let cut = tmx[..tmx[tmx.len() / 2..].find("</tu>").unwrap() + tmx.len() / 2 + 6].to_string();
    env.write("cut.tmx", &cut);
    env.write("empty.tmx", "");
    env.write("hello.tmx", "hello world\n");
    for file in ["cut.tmx", "empty.tmx", "hello.tmx"] {
        for args in [
            &["check", file][..],
            &["tm", "stats", file],
            &["tm", "convert", file, "out.csv"],
        ] {
            let o = env.run(args);
            assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(err.contains(&format!("{file}:")), "{args:?}: {err}");
        }
    }
    assert!(!env.path("out.csv").exists());
    // A well-formed memory with no unit does not pass as a clean one.
    env.write(
        "nobody.tmx",
        "<tmx version=\"1.4\"><header/><body></body></tmx>",
    );
    for args in [&["check", "nobody.tmx"][..], &["tm", "stats", "nobody.tmx"]] {
        assert_eq!(code(&env.run(args)), 2, "{args:?}");
    }
}

// Row 4: a truncated TBX is refused by lint and by -g.
#[test]
fn row04_truncated_tbx_is_refused() {
    let env = TestEnv::new();
    sco(&env);
    let o = env.run(&[
        "glossary",
        "convert",
        data("../../glossary/default.csv").to_str().unwrap(),
        "full.tbx",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let full = read(&env.path("full.tbx"));
    // Cut after an entry, as a failed download would: every entry read is
    // whole, only the end is missing.
    let half = full.len() / 2;
    let cut = half + full[half..].find("</termEntry>").unwrap() + "</termEntry>".len();
    env.write("t.tbx", &full[..cut]);
    let o = env.run(&["glossary", "lint", "t.tbx"]);
    assert_ne!(code(&o), 0);
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("t.tbx:") && all.contains("error"), "{all}");
    let o = env.run(&["align", "zh.txt", "en.txt", "-g", "t.tbx", "-o", "x.tmx"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("t.tbx:"), "{}", stderr(&o));
    assert!(!env.path("x.tmx").exists());
}

// Row 5: an unterminated quote is an error naming the line it opened on.
#[test]
fn row05_unterminated_quote_is_an_error_at_its_line() {
    let env = TestEnv::new();
    sco(&env);
    env.write(
        "g.csv",
        "zh,en\n测试术语,\"Test Term\n上海精神,Shanghai Spirit\n",
    );
    let o = env.run(&["glossary", "lint", "g.csv"]);
    assert_ne!(code(&o), 0);
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("g.csv:2: error"), "{all}");
    let o = env.run(&["align", "zh.txt", "en.txt", "-g", "g.csv", "-o", "x.tmx"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("g.csv:2:"), "{}", stderr(&o));
    // A quoted field across lines, closed, is fine.
    env.write(
        "ok.csv",
        "zh,en\n测试术语,\"Test\nTerm\"\n上海精神,Shanghai Spirit\n",
    );
    assert_eq!(code(&env.run(&["glossary", "lint", "ok.csv"])), 0);
}

// Row 6: --excel-safe (default with --bom) neutralises formula cells.
#[test]
fn row06_spreadsheet_formulas_are_neutralised_in_excel_mode() {
    let env = TestEnv::new();
    env.write("zh.txt", "=HYPERLINK(\"http://x\",\"点击\")。\n");
    env.write("en.txt", "=HYPERLINK(\"http://x\",\"click\").\n");
    let o = env.run(&["align", "zh.txt", "en.txt", "--bom", "-o", "x.csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let csv = read(&env.path("x.csv"));
    assert!(csv.contains("\"'=HYPERLINK"), "{csv}");
    let o = env.run(&["align", "zh.txt", "en.txt", "-o", "plain.csv"]);
    assert_eq!(code(&o), 0);
    assert!(read(&env.path("plain.csv")).contains("\"=HYPERLINK"));
    let o = env.run(&[
        "align",
        "zh.txt",
        "en.txt",
        "--bom",
        "--excel-safe=false",
        "-o",
        "exact.csv",
    ]);
    assert_eq!(code(&o), 0);
    assert!(read(&env.path("exact.csv")).contains("\"=HYPERLINK"));
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

// Row 7: per-side encodings; Chinese UTF-16 without BOM detected; a side
// with no text of its language is an error, not an empty TM.
#[test]
fn row07_encodings_per_side() {
    let env = TestEnv::new();
    sco(&env);
    env.write("zh16.txt", utf16le(&read(&data("sco/zh.txt"))));
    let o = env.run(&[
        "align",
        "--encoding",
        "utf-16le",
        "zh16.txt",
        "en.txt",
        "-o",
        "a.tmx",
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("en.txt"), "{}", stderr(&o));
    assert!(!env.path("a.tmx").exists());
    for args in [
        &[
            "align",
            "--zh-encoding",
            "utf-16le",
            "zh16.txt",
            "en.txt",
            "-o",
            "b.tmx",
        ][..],
        &["align", "zh16.txt", "en.txt", "-o", "b.tmx"],
    ] {
        let o = env.run(args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(read(&env.path("b.tmx")).matches("<tu>").count() > 40);
    }
}

// Row 8: manifest rows stay under the manifest's folder.
#[test]
fn row08_manifest_paths_are_confined() {
    let env = TestEnv::new();
    env.write("m/zh/a.txt", read(&data("sco/zh.txt")));
    env.write("m/en/a.txt", read(&data("sco/en.txt")));
    let outside = env.write("secret.txt", "TOP SECRET line one.\n");
    for (name, row) in [
        ("abs.csv", format!("zh/a.txt,{}", outside.display())),
        ("up.csv", "zh/a.txt,../secret.txt".to_string()),
    ] {
        env.write(&format!("m/{name}"), format!("zh,en\n{row}\n"));
        let o = env.run(&["align", "--manifest", &format!("m/{name}"), "-o", "x.tmx"]);
        assert_eq!(code(&o), 2, "{name}");
        assert!(
            stderr(&o).contains(&format!("m/{name}:2:")),
            "{}",
            stderr(&o)
        );
        assert!(!env.path("x.tmx").exists());
    }
    let o = env.run(&[
        "align",
        "--manifest",
        "m/up.csv",
        "--allow-outside",
        "-o",
        "x.tmx",
    ]);
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    env.write("m/ok.csv", "zh,en\nzh/a.txt,en/a.txt\n");
    let o = env.run(&["align", "--manifest", "m/ok.csv", "-o", "ok.tmx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

// Row 9: a symlink loop in a batch folder is skipped, reported and counted.
#[cfg(unix)]
#[test]
fn row09_symlink_loop_is_skipped_and_counted() {
    let env = TestEnv::new();
    env.write("b/zh/a.txt", read(&data("sco/zh.txt")));
    env.write("b/en/a.txt", read(&data("sco/en.txt")));
    std::os::unix::fs::symlink("self.txt", env.path("b/zh/self.txt")).unwrap();
    let o = env.run(&[
        "align", "--zh-dir", "b/zh", "--en-dir", "b/en", "-o", "x.tmx",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("self.txt"), "{err}");
    assert!(err.contains("1 failed"), "{err}");
    assert!(read(&env.path("x.tmx")).matches("<tu>").count() > 40);
}

// Row 9 (end): a batch that pairs nothing is exit 2 saying why.
#[test]
fn row09_batch_without_pairs_is_an_error() {
    let env = TestEnv::new();
    env.write("c/zh/a.txt", read(&data("sco/zh.txt")));
    env.write("c/en/b.txt", read(&data("sco/en.txt")));
    let o = env.run(&[
        "align", "--zh-dir", "c/zh", "--en-dir", "c/en", "--pair", "name", "-o", "x.tmx",
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no pair found"), "{}", stderr(&o));
    assert!(!env.path("x.tmx").exists());
}

/// A pair big enough that aligning it takes a while (seconds in a debug
/// build).
fn big_pair(env: &TestEnv) {
    let (zh, en) = (read(&data("sco/zh.txt")), read(&data("sco/en.txt")));
    env.write("big/zh.txt", format!("{zh}\n").repeat(40));
    env.write("big/en.txt", format!("{en}\n").repeat(40));
}

// Row 10: SIGTERM removes the temporary file.
#[cfg(unix)]
#[test]
fn row10_sigterm_removes_the_temporary_file() {
    let env = TestEnv::new();
    big_pair(&env);
    let child = env
        .cmd()
        .args(["align", "big/zh.txt", "big/en.txt", "-o", "big/out.tmx"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The output is opened before the work: wait for its temporary file.
    let started = std::time::Instant::now();
    let temp = loop {
        let found = std::fs::read_dir(env.path("big"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(".out.tmx.termalign-"));
        if let Some(t) = found {
            break t;
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "no temporary file appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    assert!(temp.ends_with(".tmp"), "{temp}");
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let out = child.wait_with_output().unwrap();
    if out.status.success() {
        // Finished before the signal landed: the output is whole.
        assert!(read(&env.path("big/out.tmx")).ends_with("</tmx>\n"));
    } else {
        assert_eq!(out.status.code(), Some(128 + libc::SIGTERM));
        assert!(!env.path("big/out.tmx").exists());
    }
    no_temp_files(env.dir.path());
}

// Row 10: past `ulimit -f`, the write fails with a clear error (no SIGXFSZ
// death) and nothing is left behind.
#[cfg(unix)]
#[test]
fn row10_file_size_limit_is_a_clear_error() {
    if !common::have_program("sh") {
        return;
    }
    let env = TestEnv::new();
    sco(&env);
    let o = std::process::Command::new("sh")
        .current_dir(env.dir.path())
        .arg("-c")
        .arg(format!(
            "ulimit -f 20; exec '{}' align zh.txt en.txt -o out.tmx",
            env!("CARGO_BIN_EXE_termalign")
        ))
        .output();
    let o = match o {
        Ok(o) => o,
        Err(e) => panic!("sh: {e}"),
    };
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("File too large"), "{}", stderr(&o));
    assert!(!env.path("out.tmx").exists());
    no_temp_files(env.dir.path());
}

// Row 11: an unwritable output is found before any work (before the inputs
// are even read).
#[test]
fn row11_unwritable_output_fails_before_work() {
    let env = TestEnv::new();
    sco(&env);
    let o = env.run(&["align", "zh.txt", "missing.txt", "-o", "no/such/dir/x.tmx"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("no/such/dir"), "{err}");
    assert!(
        !err.contains("missing.txt"),
        "the input was read first: {err}"
    );
}

// Row 12: an over-long line is broken with a warning, and aligned.
#[test]
fn row12_overlong_lines_are_broken_with_a_warning() {
    let env = TestEnv::new();
    let zh = read(&data("sco/zh.txt")).replace('\n', "");
    let en = read(&data("sco/en.txt")).replace('\n', " ");
    // One line per side, longer than the limit.
    let times = 20_000 / zh.chars().count().min(en.chars().count()) + 1;
    env.write("zh.txt", zh.repeat(times));
    env.write("en.txt", en.repeat(times));
    let o = env.run(&["align", "zh.txt", "en.txt", "-o", "x.tmx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("longer than 20000 characters"),
        "{}",
        stderr(&o)
    );
    assert!(read(&env.path("x.tmx")).matches("<tu>").count() > 40);
}

// Row 13: the small ones.
#[test]
fn row13_small_items() {
    let env = TestEnv::new();
    sco(&env);
    // `align - -`: standard input is one stream.
    let o = env.run(&["align", "-", "-"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("standard input"), "{}", stderr(&o));
    // eval: empty gold, empty bead, repeated index.
    env.write("p.tsv", "0\t0\n");
    for (gold, why) in [
        ("", "no bead"),
        (",\t,\n", "empty bead"),
        ("0\t0\n0\t1\n", "already in the bead at line 1"),
    ] {
        env.write("g.tsv", gold);
        let o = env.run(&["eval", "g.tsv", "p.tsv"]);
        assert_eq!(code(&o), 2, "{gold:?}");
        assert!(stderr(&o).contains(why), "{gold:?}: {}", stderr(&o));
    }
    // A duplicate zh with the same rendering: accepted by -g, a warning in lint.
    env.write(
        "dup.csv",
        "zh,en\n上海精神,Shanghai Spirit\n上海精神,Shanghai Spirit\n",
    );
    let lint = env.run(&["glossary", "lint", "dup.csv"]);
    assert_eq!(code(&lint), 0, "{}{}", stdout(&lint), stderr(&lint));
    assert!(stdout(&lint).contains("warning") || stderr(&lint).contains("warning"));
    let o = env.run(&["align", "zh.txt", "en.txt", "-g", "dup.csv", "-o", "d.tmx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[cfg(target_os = "linux")]
#[test]
fn row13_stdout_write_errors_name_stdout() {
    let env = TestEnv::new();
    sco(&env);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        eprintln!("NOTICE: skipping: /dev/full is absent");
        return;
    };
    let o = env
        .cmd()
        .args(["align", "zh.txt", "en.txt"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("<stdout>"), "{}", stderr(&o));
}
