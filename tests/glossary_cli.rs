//! `termalign glossary lint|convert|stats` and `-g` loading, driven through
//! the real binary.

mod common;

use common::{TestEnv, data, stderr, stdout};

fn fixture(rel: &str) -> String {
    data(&format!("glossary/{rel}")).display().to_string()
}

/// One failing fixture per lint rule: the exact findings and exit status.
#[test]
fn lint_each_rule_has_a_failing_fixture() {
    let env = TestEnv::new();
    // (fixture, exit status, expected stdout lines after the path)
    let cases: &[(&str, i32, &[&str])] = &[
        ("clean.csv", 0, &[]),
        (
            "encoding.csv",
            2,
            &[
                ":3: error: not UTF-8: invalid byte 0xC4 at byte 45 (it decodes as gb18030; save it as UTF-8) [encoding]",
            ],
        ),
        (
            "format.csv",
            2,
            &[
                ":1: error: unknown column(s) source; allowed: zh,en,variants,forbidden,type,note [format]",
            ],
        ),
        (
            "required.csv",
            2,
            &[":3: error: empty `en` for `两国方案` [required]"],
        ),
        (
            "type.csv",
            2,
            &[
                ":2: error: unknown type `slogan` (expected term, person, place, org, title or abbr) [type]",
            ],
        ),
        (
            "blank.csv",
            0,
            &[
                ":2: warning: `en` has leading or trailing blanks: `Shanghai Spirit ` [blank]",
                ":3: warning: empty item in `variants`: `BRI||Belt and Road Initiative` [blank]",
            ],
        ),
        (
            "duplicate.csv",
            0,
            &[
                ":4: warning: duplicate entry for `上海精神` (first at line 2); loading merges their variants and forbidden renderings: merge the rows [duplicate]",
            ],
        ),
        (
            "duplicate-conflict.tsv",
            2,
            &[
                ":3: error: `上海精神` has approved rendering `Spirit of Shanghai` here and `Shanghai Spirit` at line 2 [duplicate]",
            ],
        ),
        (
            "forbidden.csv",
            2,
            &[
                ":2: error: forbidden rendering `Belt-and-Road` of `一带一路` is its approved rendering `Belt and Road` [forbidden]",
            ],
        ),
        (
            "nested.csv",
            0,
            &[
                ":3: warning: `共建一带一路` contains `一带一路`, but its rendering `OBOR cooperation` uses `OBOR`, which line 2 forbids for `一带一路` [nested]",
            ],
        ),
    ];
    for &(name, code, lines) in cases {
        let path = fixture(&format!("lint/{name}"));
        let out = env.run(&["glossary", "lint", &path]);
        let want: String = lines.iter().map(|l| format!("{path}{l}\n")).collect();
        assert_eq!(stdout(&out), want, "{name}: {}", stderr(&out));
        assert_eq!(out.status.code(), Some(code), "{name}: {}", stderr(&out));
        // Warnings fail only under --strict.
        let strict = env.run(&["glossary", "lint", "--strict", &path]);
        let want_strict = match (code, lines.is_empty()) {
            (2, _) => 2,
            (_, true) => 0,
            _ => 1,
        };
        assert_eq!(strict.status.code(), Some(want_strict), "{name} --strict");
    }
}

#[test]
fn lint_shipped_glossary_is_clean_even_strict() {
    let env = TestEnv::new();
    let out = env.run(&[
        "glossary",
        "lint",
        "--strict",
        &common::root()
            .join("glossary/default.csv")
            .display()
            .to_string(),
    ]);
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("803 entries: 0 error(s), 0 warning(s)"));
}

#[test]
fn lint_across_files_names_both_places() {
    let env = TestEnv::new();
    let (a, b) = (fixture("conflict/a.csv"), fixture("conflict/b.csv"));
    let out = env.run(&["glossary", "lint", &a, &b]);
    assert_eq!(
        stdout(&out),
        format!(
            "{b}:3: error: `小院高墙` has approved rendering `small yard with high walls` here and `small yard, high fence` at {a}:3 [duplicate]\n"
        )
    );
    assert_eq!(out.status.code(), Some(2));
}

/// The same zh with different approved en in two -g files is an error
/// naming both files and lines, exit 2, nothing on stdout.
#[test]
fn two_glossaries_that_disagree_are_an_error() {
    let env = TestEnv::new();
    let zh = env.write("zh.txt", "面对小院高墙。\n");
    let (a, b) = (fixture("conflict/a.csv"), fixture("conflict/b.csv"));
    let zh = zh.display().to_string();
    let out = env.run(&["segment", "--lang", "zh", "-g", &a, "-g", &b, &zh]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!(
            "termalign: {b}:3: glossary error: `小院高墙` has approved rendering `small yard with high walls` here and `small yard, high fence` at {a}:3\n"
        )
    );
}

/// A user glossary overrides the built-in rendering, with a note; without
/// the built-in glossary there is nothing to override.
#[test]
fn user_glossary_overrides_builtin_with_a_note() {
    let env = TestEnv::new();
    let zh = env
        .write("zh.txt", "英国和新开发银行。\n")
        .display()
        .to_string();
    let house = fixture("house.csv");
    let out = env.run(&["segment", "--lang", "zh", "-g", &house, &zh]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "termalign: note: {house}:2: `英国` is rendered `United Kingdom`, overriding `Britain` (<builtin>:461)\n"
        )
    );
    let out = env.run(&[
        "segment",
        "--lang",
        "zh",
        "--no-default-glossary",
        "-g",
        &house,
        &zh,
    ]);
    assert_eq!(stderr(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn convert_names_formats_and_leaves_nothing_on_error() {
    let env = TestEnv::new();
    let src = common::root()
        .join("glossary/default.csv")
        .display()
        .to_string();
    let out = env.run(&["glossary", "convert", &src, "g.tbx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(": 803 entries"));
    let out = env.run(&["glossary", "convert", "g.tbx", "g.utf8"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env.run(&["glossary", "convert", "g.utf8", "back.tsv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env.run(&["glossary", "convert", "back.tsv", "g.out", "--to", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        common::read(&env.path("g.out")),
        common::read(&common::root().join("glossary/default.csv"))
    );

    // Errors: unknown output format; bad input leaves no output file.
    let out = env.run(&["glossary", "convert", "g.tbx", "g.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("g.json: configuration error: cannot tell the output format"));
    env.write("bad.csv", "zh,en,colour\n甲,A,red\n");
    let before = env.files();
    let out = env.run(&["glossary", "convert", "bad.csv", "bad.tbx"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "termalign: bad.csv:1: glossary error: unknown column(s) colour; allowed: zh,en,variants,forbidden,type,note\n"
    );
    assert_eq!(env.files(), before);
    env.write(
        "x.tbx",
        "<!DOCTYPE martif [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n<martif/>\n",
    );
    let out = env.run(&["glossary", "convert", "x.tbx", "x.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("x.tbx:1: format error: the DOCTYPE declares entities"));
    assert!(!env.path("x.csv").exists());
}

#[test]
fn stats_by_type_ambiguity_and_coverage() {
    let env = TestEnv::new();
    let seed = data("sco/zh.txt").display().to_string();
    let out = env.run(&["glossary", "stats", "--text", &seed]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("entries: 803\nby type:\n  term      243\n  person    114\n  place     217\n  org       139\n  title      58\n  abbr       32\n"), "{text}");
    assert!(
        text.contains("  Shanghai Cooperation Organization: 上海合作组织, 上合组织\n"),
        "{text}"
    );
    assert!(text.contains("coverage (zh text, "), "{text}");
    assert!(
        text.contains("  上海合作组织  Shanghai Cooperation Organization\n"),
        "{text}"
    );

    let en = data("sco/en.txt").display().to_string();
    let out = env.run(&["glossary", "stats", "--format", "json", "--text", &en]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["coverage"]["lang"], "en");
    assert_eq!(v["stats"]["entries"], 803);
    let terms = v["coverage"]["terms"].as_array().unwrap();
    assert!(terms.iter().any(|t| t["zh"] == "上海精神"), "{terms:?}");

    let house = fixture("house.csv");
    let out = env.run(&["glossary", "stats", &house]);
    assert!(stdout(&out).starts_with("entries: 2\n"));
}
