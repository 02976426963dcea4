//! The walking skeleton, driven through the real binary: segment and align
//! the seed pair, validate the TMX, and reject bad input cleanly.

mod common;

use common::{TestEnv, data, read, stderr, stdout};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn segment_seed_matches_gold_and_loses_nothing() {
    let env = TestEnv::new();
    for lang in ["zh", "en"] {
        let input = data(&format!("sco/{lang}.txt"));
        let out = env.run(&["segment", "--lang", lang, input.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let got = stdout(&out);
        assert_eq!(got, read(&data(&format!("sco/{lang}.sents.txt"))), "{lang}");
        // Concatenated segments equal the input, whitespace aside.
        assert_eq!(squeeze(&got), squeeze(&read(&input)), "{lang}");
        // Two articles: exactly one blank separator line.
        assert_eq!(got.lines().filter(|l| l.is_empty()).count(), 1, "{lang}");
    }
}

#[test]
fn align_seed_to_tmx_and_csv() {
    let env = TestEnv::new();
    let zh = data("sco/zh.txt");
    let en = data("sco/en.txt");
    let out = env.run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "-o",
        "sco.tmx",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tmx = read(&env.path("sco.tmx"));
    assert!(tmx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">"));
    assert!(tmx.contains("srclang=\"zh-CN\""));
    let tus = tmx.matches("<tu>").count();
    assert!(tus >= 50, "{tus} units");
    assert!(!tmx.contains("<seg></seg>"));
    // zh-CN tuv comes first in every unit.
    for tu in tmx.split("<tu>").skip(1) {
        let zh_at = tu.find("xml:lang=\"zh-CN\"").unwrap();
        let en_at = tu.find("xml:lang=\"en-US\"").unwrap();
        assert!(zh_at < en_at);
    }
    if common::have_program("xmllint")
        && let Some(dtd) = common::shared("tmx/tmx14.dtd")
    {
        let v = std::process::Command::new("xmllint")
            .args(["--noout", "--nonet", "--dtdvalid"])
            .arg(&dtd)
            .arg(env.path("sco.tmx"))
            .output()
            .unwrap();
        assert!(v.status.success(), "xmllint: {}", stderr(&v));
    }

    let out = env.run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "-o",
        "sco.csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut rdr = csv::Reader::from_path(env.path("sco.csv")).unwrap();
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        ["zh", "en", "score", "bead", "doc", "terms"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    // Nothing lost: every sentence of both sides is in exactly one row.
    let zh_all: String = rows.iter().map(|r| r[0].to_string()).collect();
    let en_all: String = rows.iter().map(|r| r[1].to_string()).collect();
    assert_eq!(squeeze(&zh_all), squeeze(&read(&zh)));
    assert_eq!(squeeze(&en_all), squeeze(&read(&en)));
    assert!(
        rows.iter().any(|r| &r[3] == "1-0"),
        "the untranslated sentence is kept"
    );
}

#[test]
fn align_writes_tmx_to_stdout_by_default() {
    let env = TestEnv::new();
    let out = env.run(&[
        "align",
        data("sco/zh.txt").to_str().unwrap(),
        data("sco/en.txt").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("<tmx version=\"1.4\">"));
}

#[test]
fn bad_input_is_one_line_exit_2_and_leaves_no_file() {
    let env = TestEnv::new();
    let good = data("sco/en.txt");
    env.write("empty.txt", "");
    env.write("blank.txt", "\n  \n");
    env.write("bad.txt", b"\xE4\xB8\x8A\xFF\xFE\n");
    let cases = [
        ("missing.txt", "missing.txt"),
        ("empty.txt", "empty.txt: empty input"),
        ("blank.txt", "blank.txt: empty input"),
        ("bad.txt", "bad.txt:1: encoding error"),
    ];
    for (input, want) in cases {
        let out = env.run(&["align", input, good.to_str().unwrap(), "-o", "out.tmx"]);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{input}: {err}");
        assert!(err.contains(want), "{input}: {err}");
        assert!(!env.path("out.tmx").exists(), "{input}");
        assert!(
            env.files().iter().all(|f| !f.contains("out.tmx")),
            "{:?}",
            env.files()
        );
    }
}

#[test]
fn unknown_output_extension_is_a_usage_error() {
    let env = TestEnv::new();
    let zh = data("sco/zh.txt");
    let en = data("sco/en.txt");
    let out = env.run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "-o",
        "x.docx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format"));
    assert!(!env.path("x.docx").exists());
}

#[test]
fn binary_alignment_of_the_fixture_scores_against_gold() {
    use termalign::align::eval::{Counts, parse_beads};
    let env = TestEnv::new();
    let out = env.run(&[
        "align",
        data("sco/zh.txt").to_str().unwrap(),
        data("sco/en.txt").to_str().unwrap(),
        "--format",
        "beads",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Drop the confidence column: the gold format has two.
    let pred_text: String = stdout(&out)
        .lines()
        .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join("\t") + "\n")
        .collect();
    let pred = parse_beads(&pred_text, "pred").unwrap();
    let gold = parse_beads(&read(&data("sco/gold.tsv")), "gold.tsv").unwrap();
    let mut c = Counts::default();
    c.add(&gold, &pred);
    let f1 = c.scores().strict.f1;
    assert!(f1 >= 0.9, "strict F1 {f1:.3} < 0.9");
}
