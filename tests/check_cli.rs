//! `termalign check` end to end: the real binary on the planted fixtures
//! and the SCO sample, every report format parsed back, exit codes,
//! baselines, waivers, and errors with file and line.

mod common;

use common::{TestEnv, data, stderr, stdout};
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use serde_json::Value;

/// (unit, rule) expected from the planted fixtures (see tests/data/check).
const PLANTED: [(u64, &str); 8] = [
    (2, "term-missing"),
    (3, "term-forbidden"),
    (4, "term-case"),
    (5, "term-near-miss"),
    (6, "number-mismatch"),
    (7, "untranslated"),
    (9, "inconsistent-target"),
    (11, "inconsistent-source"),
];

fn planted(ext: &str) -> String {
    data(&format!("check/planted.{ext}")).display().to_string()
}

fn json(env: &TestEnv, args: &[&str]) -> (Value, i32) {
    let mut a = vec!["check", "--format", "json"];
    a.extend_from_slice(args);
    let out = env.run(&a);
    let code = out.status.code().unwrap();
    let v: Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
    (v, code)
}

fn pairs(v: &Value) -> Vec<(u64, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["unit"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn planted_errors_are_found_in_tmx_and_csv() {
    let env = TestEnv::new();
    for (ext, first_line) in [("tmx", 5), ("csv", 2)] {
        let (v, code) = json(&env, &[&planted(ext)]);
        assert_eq!(code, 1, "{ext}");
        let want: Vec<(u64, String)> = PLANTED.iter().map(|&(u, r)| (u, r.into())).collect();
        assert_eq!(pairs(&v), want, "{ext}");
        // Lines: TMX units every 5 lines from 5, CSV rows from 2.
        let step = if ext == "tmx" { 5 } else { 1 };
        for f in v["findings"].as_array().unwrap() {
            let unit = f["unit"].as_u64().unwrap();
            assert_eq!(
                f["line"].as_u64().unwrap(),
                first_line + step * (unit - 1),
                "{ext}"
            );
            assert_eq!(f["file"].as_str().unwrap(), planted(ext));
        }
        let s = &v["summary"];
        assert_eq!(
            (s["errors"].as_u64(), s["warnings"].as_u64()),
            (Some(4), Some(4))
        );
        assert_eq!(s["waived"], 1, "{ext}: the waived unit 12");
        assert_eq!(s["failed"], true);
    }
}

#[test]
fn exit_codes_follow_fail_on() {
    let env = TestEnv::new();
    let tm = planted("tmx");
    let code = |args: &[&str]| env.run(args).status.code().unwrap();
    assert_eq!(code(&["check", &tm]), 1);
    assert_eq!(code(&["check", &tm, "--fail-on", "never"]), 0);
    // Only warnings left when the error rules are off.
    let no_errors = [
        "check",
        &tm,
        "--disable",
        "term-missing",
        "--disable",
        "term-forbidden",
        "--disable",
        "untranslated",
        "--rule",
        "number-mismatch=warning",
    ];
    assert_eq!(code(&no_errors), 0);
    let mut strict = no_errors.to_vec();
    strict.extend(["--fail-on", "warning"]);
    assert_eq!(code(&strict), 1);
    // Demoting a rule demotes its findings.
    let (v, c) = json(
        &env,
        &[
            &tm,
            "--rule",
            "term-missing=note",
            "--rule",
            "term-forbidden=warning",
            "--rule",
            "number-mismatch=warning",
            "--disable",
            "untranslated",
        ],
    );
    assert_eq!(c, 0);
    let findings = v["findings"].as_array().unwrap();
    let missing: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule"] == "term-missing")
        .collect();
    assert!(!missing.is_empty());
    assert!(missing.iter().all(|f| f["severity"] == "note"));
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "term-forbidden" && f["severity"] == "warning")
    );
    // Usage errors are 2.
    assert_eq!(code(&["check", &tm, "--rule", "term-mising"]), 2);
    assert_eq!(code(&["check", &tm, "--rule", "term-case=fatal"]), 2);
    assert_eq!(
        code(&[
            "check",
            &tm,
            "--rule",
            "term-case",
            "--disable",
            "term-case"
        ]),
        2
    );
    assert_eq!(code(&["check"]), 2);
}

#[test]
fn the_sample_tm_passes_and_document_pairs_are_checked() {
    let env = TestEnv::new();
    let zh = data("sco/zh.txt").display().to_string();
    let en = data("sco/en.txt").display().to_string();
    let out = env.run(&["align", &zh, &en, "-o", "sco.tmx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (tmx, code) = json(&env, &["sco.tmx"]);
    assert_eq!(code, 0, "{tmx}");
    assert_eq!(tmx["summary"]["errors"], 0);
    // The same pairs, aligned on the fly, reported at zh.txt's lines.
    let (doc, code) = json(&env, &["--zh", &zh, "--en", &en]);
    assert_eq!(code, 0);
    assert_eq!(pairs(&doc), pairs(&tmx));
    let zh_text = std::fs::read_to_string(&zh).unwrap();
    let zh_lines: Vec<&str> = zh_text.lines().collect();
    assert!(!doc["findings"].as_array().unwrap().is_empty());
    for f in doc["findings"].as_array().unwrap() {
        assert_eq!(f["file"].as_str().unwrap(), zh);
        // The unit's first sentence starts on that line, and its term is
        // there or in the next lines (the fixture breaks some sentences).
        let line = f["line"].as_u64().unwrap() as usize;
        let from_there = zh_lines[line - 1..].join("\n");
        let term = f["term"].as_str().unwrap();
        let at = from_there.find(term).unwrap_or(usize::MAX);
        assert!(at < 600, "{term} not near line {line}");
    }
    // --fail-on warning makes the sample's warnings fail.
    let (_, code) = json(&env, &["sco.tmx", "--fail-on", "warning"]);
    assert_eq!(code, 1);
}

#[test]
fn junit_parses_back() {
    let env = TestEnv::new();
    let out = env.run(&["check", &planted("tmx"), "--format", "junit"]);
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    let mut reader = Reader::from_str(&xml);
    let mut cases: Vec<(String, bool)> = Vec::new();
    let mut suite_counts = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name).unwrap().map(|a| {
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned()
                    })
                };
                match e.name().into_inner() {
                    "testsuite" => {
                        suite_counts = Some((attr("tests").unwrap(), attr("failures").unwrap()))
                    }
                    "testcase" => cases.push((attr("name").unwrap(), false)),
                    "failure" => {
                        cases.last_mut().unwrap().1 = true;
                        assert!(attr("message").is_some() && attr("type").is_some());
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // One testcase per unit with findings; failures are the units with an
    // error (the default --fail-on).
    assert_eq!(cases.len(), 8);
    assert_eq!(suite_counts, Some(("8".to_string(), "4".to_string())));
    let failing: Vec<&str> = cases.iter().filter(|c| c.1).map(|c| c.0.as_str()).collect();
    assert_eq!(
        failing,
        [
            "unit 2 (line 10)",
            "unit 3 (line 15)",
            "unit 6 (line 30)",
            "unit 7 (line 35)"
        ]
    );
}

#[test]
fn sarif_has_the_fields_code_scanning_needs() {
    let env = TestEnv::new();
    let out = env.run(&["check", &planted("tmx"), "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(
        v["$schema"]
            .as_str()
            .unwrap()
            .contains("sarif-schema-2.1.0")
    );
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "termalign");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "term-missing",
            "term-forbidden",
            "term-case",
            "term-near-miss",
            "number-mismatch",
            "inconsistent-target",
            "inconsistent-source",
            "untranslated"
        ]
    );
    for r in run["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(r["shortDescription"]["text"].as_str().unwrap().len() > 20);
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), PLANTED.len());
    for (res, (unit, rule)) in results.iter().zip(PLANTED) {
        assert_eq!(res["ruleId"], rule);
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx], rule);
        let level = res["level"].as_str().unwrap();
        assert!(["error", "warning"].contains(&level));
        assert!(!res["message"]["text"].as_str().unwrap().is_empty());
        let loc = &res["locations"][0]["physicalLocation"];
        assert!(
            loc["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with("tests/data/check/planted.tmx")
        );
        assert_eq!(loc["region"]["startLine"], 5 + 5 * (unit - 1));
        assert_eq!(
            res["partialFingerprints"]["termalign/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[2]["level"], "warning");
}

#[test]
fn github_and_text_formats() {
    let env = TestEnv::new();
    let tm = planted("tmx");
    let out = env.run(&["check", &tm, "--format", "github"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), PLANTED.len() + 1);
    assert!(lines[0].starts_with(&format!(
        "::error file={},line=10,title=termalign term-missing 上海精神::",
        tm.replace(':', "%3A").replace(',', "%2C")
    )));
    // The forbidden rendering's comma is data (not escaped) in the message.
    assert!(lines[1].contains("\"One Belt, One Road\""), "{}", lines[1]);
    assert!(lines[2].starts_with("::warning "));
    assert!(lines[PLANTED.len()].starts_with("termalign: checked 12 units"));

    let out = env.run(&["check", &tm]);
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "{tm}:10: error term-missing: 上海精神 is in the source"
        )),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no color when not a terminal");
}

#[test]
fn report_files_are_atomic_and_output_is_deterministic() {
    let env = TestEnv::new();
    let tm = planted("tmx");
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        for format in ["text", "json", "junit", "github", "sarif"] {
            let out = env
                .cmd()
                .args(["check", &tm, "--format", format])
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            outputs.push((format, out.stdout));
        }
    }
    for i in 0..5 {
        assert_eq!(outputs[i], outputs[i + 5], "{}", outputs[i].0);
    }
    let out = env.run(&["check", &tm, "--format", "sarif", "-o", "r.sarif"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("checked 12 units: 4 errors"));
    assert_eq!(std::fs::read(env.path("r.sarif")).unwrap(), outputs[4].1);
    // A failing run leaves no report file behind.
    let out = env.run(&["check", "missing.tmx", "-o", "x.json", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!env.path("x.json").exists());
    assert_eq!(env.files(), ["r.sarif"]);
}

#[test]
fn baseline_suppresses_accepted_findings_wherever_they_move() {
    let env = TestEnv::new();
    let tm = planted("tmx");
    let out = env.run(&["check", &tm, "--write-baseline", "base.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("recorded 8 finding(s)"));
    let written = std::fs::read(env.path("base.json")).unwrap();
    let b: Value = serde_json::from_slice(&written).unwrap();
    assert_eq!(b["version"], 1);
    assert_eq!(b["findings"].as_array().unwrap().len(), 8);

    let (v, code) = json(&env, &[&tm, "--baseline", "base.json"]);
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["findings"], 0);
    assert_eq!(v["summary"]["baselined"], 8);

    // Move the units (reverse them, shifting every line) and add a new
    // error: only the new one is reported.
    let csv = std::fs::read_to_string(planted("csv")).unwrap();
    let mut lines: Vec<&str> = csv.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    let new_row = "上海精神很重要。,The founding ethos matters.,new,";
    let moved = format!("{header}\n{new_row}\n{}\n", lines.join("\n"));
    env.write("moved.csv", moved);
    let (v, code) = json(&env, &["moved.csv", "--baseline", "base.json"]);
    assert_eq!(code, 1);
    assert_eq!(pairs(&v), [(1, "term-missing".to_string())]);
    assert_eq!(v["summary"]["baselined"], 8);

    // Re-writing from the moved TM gives the same accepted set, byte for byte
    // (the new row aside).
    env.write("moved2.csv", format!("{header}\n{}\n", lines.join("\n")));
    let out = env.run(&["check", "moved2.csv", "--write-baseline", "base2.json"]);
    assert_eq!(out.status.code(), Some(0));
    let b2: Value =
        serde_json::from_slice(&std::fs::read(env.path("base2.json")).unwrap()).unwrap();
    let fps = |b: &Value| -> Vec<String> {
        b["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(fps(&b), fps(&b2));

    // A broken baseline is an input error.
    env.write(
        "bad.json",
        "{\"tool\":\"termalign\",\n\"version\":1,\n\"findings\":[{]}",
    );
    let out = env.run(&["check", &tm, "--baseline", "bad.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.json:3: format error"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn waivers_in_tmx_props_and_csv_columns() {
    let env = TestEnv::new();
    // Unit 12 of the fixtures waives its term-missing; waive more here.
    let csv = std::fs::read_to_string(planted("csv")).unwrap();
    let waived = csv
        .lines()
        .map(|l| {
            if l.contains(",term-forbidden,") {
                l.trim_end_matches(',').to_string() + ",term-forbidden"
            } else if l.contains(",untranslated,") {
                l.trim_end_matches(',').to_string() + ",all"
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    env.write("w.csv", waived + "\n");
    let (v, _) = json(&env, &["w.csv"]);
    let rules: Vec<String> = pairs(&v).into_iter().map(|p| p.1).collect();
    assert!(!rules.contains(&"term-forbidden".to_string()));
    assert!(!rules.contains(&"untranslated".to_string()));
    assert_eq!(v["summary"]["waived"], 3);

    let tmx = std::fs::read_to_string(planted("tmx")).unwrap().replace(
        "<prop type=\"x-plant\">term-case</prop>",
        "<prop type=\"x-plant\">term-case</prop><prop type=\"x-termalign-waive\">bogus-rule</prop>",
    );
    env.write("w.tmx", tmx);
    let out = env.run(&["check", "w.tmx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("w.tmx:20: format error: unit 4: waiver: unknown rule `bogus-rule`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn input_errors_name_file_and_line() {
    let env = TestEnv::new();
    let tm = planted("tmx");
    env.write("g.csv", "zh,en,type\n甲,A,term\n乙,B,animal\n");
    let out = env.run(&["check", &tm, "-g", "g.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("g.csv:3: glossary error: unknown type `animal`"));

    env.write("bad.tmx", "<tmx version=\"1.4\"><header srclang=\"zh-CN\"/><body>\n<tu><tuv xml:lang=\"zh-CN\"><seg>甲</seg></tuv>\n</body></tmx>\n");
    let out = env.run(&["check", "bad.tmx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("termalign: bad.tmx:"),
        "{}",
        stderr(&out)
    );

    let out = env.run(&["check", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("notes.txt"));
}

#[test]
fn presegmented_document_pairs_are_read_line_by_line() {
    let env = TestEnv::new();
    // One sentence per line, without final stops: segmenting would re-join
    // the lines as one broken sentence.
    env.write(
        "zh.txt",
        "上海合作组织峰会在天津举行\n各方支持“一带一路”倡议\n汪淼出席了会议\n",
    );
    env.write(
        "en.txt",
        "The SCO summit was held in Tianjin\nAll parties support the One Belt One Road initiative\nWang Miao attended the meeting\n",
    );
    let doc = ["--zh", "zh.txt", "--en", "en.txt"];
    let (joined, _) = json(&env, &doc);
    assert_eq!(joined["summary"]["units"], 1, "{joined}");

    let mut args = doc.to_vec();
    args.push("--presegmented");
    let (v, code) = json(&env, &args);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["summary"]["units"], 3, "{v}");
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "term-forbidden", "{v}");
    assert_eq!(
        (&f["unit"], &f["line"], &f["file"]),
        (&2.into(), &2.into(), &"zh.txt".into())
    );

    // The same pairs as checking what `align --presegmented` writes.
    let out = env.run(&[
        "align",
        "--presegmented",
        "zh.txt",
        "en.txt",
        "-o",
        "tm.tmx",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (tm, _) = json(&env, &["tm.tmx"]);
    assert_eq!(tm["summary"]["units"], 3);
    assert_eq!(pairs(&tm), pairs(&v));
}

#[test]
fn jobs_bound_the_threads_and_not_the_report() {
    let env = TestEnv::new();
    let tm = planted("tmx");
    let run = |j: &str| {
        let out = env.run(&["check", &tm, "--format", "json", "-j", j]);
        (out.status.code(), stdout(&out))
    };
    let one = run("1");
    assert_eq!(one.0, Some(1));
    assert_eq!(one, run("3"));
    let out = env.run(&["check", &tm, "--jobs", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("-j must be at least 1"),
        "{}",
        stderr(&out)
    );
}
