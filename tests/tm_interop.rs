//! Real TMX clients accept what termalign writes: xmllint (DTD and the
//! rules the DTD cannot express), translate-toolkit, and OmegaT 3.6 in
//! console mode, all driven by `scripts/interop_tmx.sh`. Each test prints a
//! NOTICE and skips when its client is absent, and fails under CI=true.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestEnv, data, stderr, stdout};

fn have_translate_toolkit() -> bool {
    let ok = Command::new("/usr/bin/python3")
        .args(["-c", "import translate.storage.tmx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "required under CI=true: translate-toolkit (/usr/bin/python3 -c 'import translate')"
        );
        eprintln!("NOTICE: skipping: translate-toolkit is not installed");
    }
    ok
}

/// The seed pair's TMX and a TMX converted from a memory full of what
/// breaks clients (control characters, `]]>`, `&`, `<`, padding, an empty
/// side).
fn sample(env: &TestEnv) -> Vec<std::path::PathBuf> {
    let o = env.run(&[
        "align",
        data("sco/zh.txt").to_str().unwrap(),
        data("sco/en.txt").to_str().unwrap(),
        "-o",
        "sco.tmx",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    env.write(
        "dirty.csv",
        "zh,en\n\
         \"控制\u{1}字符。\",\"control\u{7} char\u{1b}.\"\n\
         \"a]]>b。\",\"x ]]> y.\"\n\
         \"研发<R&D>。\",\"R&D <lab> & co.\"\n\
         \"空句。\",\"\"\n\
         \"  前后空格。\u{3000}\",\"  padded.\t\"\n",
    );
    let o = env.run(&["tm", "convert", "dirty.csv", "dirty.tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    vec![env.path("sco.tmx"), env.path("dirty.tmx")]
}

fn run_step(step: &str, files: &[std::path::PathBuf]) -> String {
    let script = common::root().join("scripts/interop_tmx.sh");
    let o = Command::new("bash")
        .arg(&script)
        .args(["--step", step])
        .args(files)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{step}: exit {:?}\n{}\n{}",
        o.status.code(),
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

#[test]
fn xmllint_validates_dtd_and_rules() {
    if !common::have_program("xmllint") {
        return;
    }
    let env = TestEnv::new();
    let files = sample(&env);
    let out = run_step("xmllint", &files);
    assert!(out.contains("dirty.tmx: DTD-valid, 4 tu"), "{out}");
    // The step can fail: a padded seg is refused.
    let bad = env.path("padded.tmx");
    let text = std::fs::read_to_string(&files[0])
        .unwrap()
        .replacen("<seg>", "<seg> ", 1);
    std::fs::write(&bad, text).unwrap();
    let o = Command::new("bash")
        .arg(common::root().join("scripts/interop_tmx.sh"))
        .args(["--step", "xmllint"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("leading or trailing whitespace"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn translate_toolkit_reads_every_unit() {
    if !have_translate_toolkit() {
        return;
    }
    let env = TestEnv::new();
    let files = sample(&env);
    let out = run_step("ttk", &files);
    assert!(
        out.contains("4 units, 4 with zh-CN and en-US, 4 <tu>"),
        "{out}"
    );
}

#[test]
fn omegat_pretranslates_every_segment() {
    if !(common::have_program("omegat") && common::have_program("java") && have_translate_toolkit())
    {
        return;
    }
    assert!(Path::new("/usr/share/omegat/OmegaT.jar").exists());
    let env = TestEnv::new();
    let files = sample(&env);
    let out = run_step("omegat", &files);
    assert_eq!(
        out.matches("0 remaining, every translation matches")
            .count(),
        2,
        "{out}"
    );
}
