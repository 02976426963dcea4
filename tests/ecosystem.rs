//! termalign among other tools: CI report schemas (JUnit XSD, SARIF 2.1.0
//! JSON schema), `-` as standard input and output, shell completions, the
//! man page, `--color` and `-q`.

mod common;

use std::process::Command;

use common::{TestEnv, data, have_program, have_python_module, shared, stderr, stdout};
use termalign::check::Rule;

fn planted() -> String {
    data("check/planted.tmx").display().to_string()
}

/// A clean memory: one unit without findings.
const CLEAN: &str = "zh,en\n上海合作组织成员国领导人出席会议。,Leaders of SCO member states attended the meeting.\n";

#[test]
fn junit_is_valid_against_the_jenkins_schema() {
    let (Some(xsd), true) = (shared("ci/junit-10.xsd"), have_program("xmllint")) else {
        return;
    };
    let env = TestEnv::new();
    let clean = env.write("clean.csv", CLEAN);
    let clean = clean.display().to_string();
    let tm = planted();
    let runs: [&[&str]; 4] = [
        &[&tm],
        &[&tm, "--fail-on", "never"],
        &[&tm, "--fail-on", "warning"],
        &[&clean],
    ];
    for (i, args) in runs.iter().enumerate() {
        let out = env.path(&format!("r{i}.xml"));
        let mut a = vec!["check", "--format", "junit", "-o", out.to_str().unwrap()];
        a.extend_from_slice(args);
        let o = env.run(&a);
        assert!(o.status.code() != Some(2), "{}", stderr(&o));
        let v = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(&xsd)
            .arg(&out)
            .output()
            .unwrap();
        assert!(v.status.success(), "{args:?}: {}", stderr(&v));
        let xml = std::fs::read_to_string(&out).unwrap();
        // The location is kept: in the name and in the failure text.
        if i == 0 {
            assert!(xml.contains("name=\"unit 6 (line 30)\""), "{xml}");
            assert!(
                xml.contains(&format!("{tm}:30: error number-mismatch")),
                "{xml}"
            );
        }
        if i == 3 {
            assert!(xml.contains("tests=\"1\" failures=\"0\""), "{xml}");
        }
    }
}

#[test]
fn sarif_is_valid_against_the_oasis_schema() {
    let Some(schema) = shared("ci/sarif-schema-2.1.0.json") else {
        return;
    };
    if !have_python_module("jsonschema") {
        return;
    }
    let env = TestEnv::new();
    let clean = env.write("clean.csv", CLEAN);
    let tm = planted();
    let abs = data("check/planted.csv").display().to_string();
    let base = format!("--base-uri={}", data("").display());
    let runs: [&[&str]; 4] = [
        &[&tm],
        &[&abs, &base],
        &[&tm, "--base-uri", "https://example.org/repo/blob/main"],
        &[clean.to_str().unwrap()],
    ];
    let mut files = Vec::new();
    for (i, args) in runs.iter().enumerate() {
        let out = env.path(&format!("r{i}.sarif"));
        let mut a = vec!["check", "--format", "sarif", "-o", out.to_str().unwrap()];
        a.extend_from_slice(args);
        let o = env.run(&a);
        assert!(o.status.code() != Some(2), "{}", stderr(&o));
        files.push(out);
    }
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  v = jsonschema.Draft4Validator(schema)\n\
                  for f in sys.argv[2:]:\n\
                  \x20   errs = list(v.iter_errors(json.load(open(f))))\n\
                  \x20   for e in errs: print(f, list(e.path), e.message)\n\
                  \x20   if errs: sys.exit(1)\n";
    let v = Command::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .args(&files)
        .output()
        .unwrap();
    assert!(v.status.success(), "{}{}", stdout(&v), stderr(&v));

    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[1]).unwrap()).unwrap();
    let run = &doc["runs"][0];
    assert!(
        run["tool"]["driver"]["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let loc = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(loc["uri"], "check/planted.csv");
    assert_eq!(loc["uriBaseId"], "SRCROOT");
    let root = run["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with("/tests/data/"),
        "{root}"
    );
}

/// Every rule's helpUri anchor is a heading of docs/rules.md, and names
/// differ from ids.
#[test]
fn rules_are_documented_where_sarif_points() {
    let doc = std::fs::read_to_string(common::root().join("docs/rules.md")).unwrap();
    let env = TestEnv::new();
    let out = env.run(&["check", &planted(), "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), Rule::ALL.len());
    for r in rules {
        let id = r["id"].as_str().unwrap();
        let name = r["name"].as_str().unwrap();
        assert_ne!(name.to_lowercase(), id.to_lowercase());
        assert!(name.chars().next().unwrap().is_ascii_uppercase(), "{name}");
        let uri = r["helpUri"].as_str().unwrap();
        assert!(uri.ends_with(&format!("docs/rules.md#{id}")), "{uri}");
        assert!(
            doc.contains(&format!("\n## {id}\n")),
            "docs/rules.md lacks `## {id}`"
        );
        assert!(
            doc.contains(&format!("`{name}`")),
            "docs/rules.md lacks {name}"
        );
    }
}

#[test]
fn dash_is_standard_input_and_output() {
    let env = TestEnv::new();
    let csv = std::fs::read(data("check/planted.csv")).unwrap();
    // check: a memory on standard input needs its format.
    let o = env.run_with_stdin(&["check", "-"], &csv);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--input-format"), "{}", stderr(&o));
    let o = env.run_with_stdin(&["check", "-", "--input-format", "csv", "-o", "-"], &csv);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("<stdin>:7: error number-mismatch"),
        "{}",
        stdout(&o)
    );
    assert!(env.files().is_empty(), "no file named -: {:?}", env.files());
    // tm convert - -: CSV in, TMX out (the default on standard output).
    let o = env.run_with_stdin(
        &[
            "tm",
            "convert",
            "-",
            "-",
            "--input-format",
            "csv",
            "--date",
            "2024-07-04",
        ],
        &csv,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = o.stdout;
    assert!(String::from_utf8_lossy(&tmx).contains("<prop type=\"x-termalign-waive\">"));
    // … and back through a pipe: tm convert - x.csv, tm stats -.
    let o = env.run_with_stdin(
        &["tm", "convert", "-", "back.csv", "--input-format", "tmx"],
        &tmx,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let back = std::fs::read_to_string(env.path("back.csv")).unwrap();
    assert!(
        back.starts_with("zh,en,score,bead,doc,terms,plant,waive\n"),
        "{back}"
    );
    let o = env.run_with_stdin(
        &["tm", "stats", "-", "--input-format", "tmx", "--json"],
        &tmx,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["units"], 12);
    let o = env.run_with_stdin(
        &[
            "tm",
            "merge",
            "-",
            "back.csv",
            "--input-format",
            "csv",
            "-o",
            "-",
            "-f",
            "csv",
        ],
        &csv,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // The same 12 units twice: the header and 12 rows.
    assert_eq!(stdout(&o).lines().count(), 1 + 12);
    assert!(
        stderr(&o).contains("12 duplicate(s) removed"),
        "{}",
        stderr(&o)
    );
    // glossary convert - -.
    let glossary = "zh,en\n一带一路,Belt and Road\n";
    let o = env.run_with_stdin(
        &[
            "glossary", "convert", "-", "-", "--from", "csv", "--to", "tbx",
        ],
        glossary.as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("<term>Belt and Road</term>"),
        "{}",
        stdout(&o)
    );
    // align -o -.
    let zh = data("sco/zh.txt").display().to_string();
    let en = data("sco/en.txt").display().to_string();
    let o = env.run(&["align", &zh, &en, "-o", "-", "-f", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("zh,en,score"));
    let files = env.files();
    assert_eq!(files, ["back.csv"], "no file named -");
}

#[test]
fn completions_and_man_page() {
    let env = TestEnv::new();
    for (shell, marker) in [
        ("bash", "_termalign()"),
        ("zsh", "#compdef termalign"),
        ("fish", "complete -c termalign "),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[termalign]"),
    ] {
        let o = env.run(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(s.contains(marker), "{shell}");
        assert!(s.contains("check") && s.contains("input-format"), "{shell}");
    }
    let o = env.run(&["man"]);
    let page = stdout(&o);
    assert!(page.contains(".TH termalign 1"), "{page}");
    assert!(page.contains("completions"));
    let o = env.run(&["man", "--dir", "man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in ["termalign.1", "termalign-check.1", "termalign-tm-convert.1"] {
        let text = std::fs::read_to_string(env.path("man").join(page)).unwrap();
        assert!(text.contains(".SH"), "{page}");
    }
    if have_program("man") {
        let o = Command::new("man")
            .args(["-l", "-P", "cat"])
            .arg(env.path("man/termalign-check.1"))
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        assert!(stdout(&o).contains("--fail-on"), "{}", stderr(&o));
    }
}

#[test]
fn color_follows_flag_and_environment() {
    let env = TestEnv::new();
    let tm = planted();
    let colored = |args: &[&str], vars: &[(&str, &str)]| {
        let mut c = env.cmd();
        c.args(["check", &tm]).args(args);
        for v in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR"] {
            c.env_remove(v);
        }
        for (k, v) in vars {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        stdout(&o).contains("\x1b[")
    };
    // Standard output is a pipe here: auto means no colour…
    assert!(!colored(&[], &[]));
    // … unless forced, by the flag or the CI variables.
    assert!(colored(&["--color", "always"], &[]));
    assert!(colored(&["--color=always"], &[("NO_COLOR", "1")]));
    assert!(colored(&[], &[("FORCE_COLOR", "1")]));
    assert!(colored(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!colored(&[], &[("FORCE_COLOR", "0")]));
    assert!(!colored(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    // The flag works on every command (it is global).
    for args in [
        &["tm", "stats", "--color", "never", &tm][..],
        &["--color", "always", "glossary", "stats"],
    ] {
        let o = env.run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn quiet_silences_everything_but_errors_and_the_exit_status() {
    let env = TestEnv::new();
    let tm = planted();
    let o = env.run(&["check", "-q", &tm]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    let o = env.run(&["check", &tm, "--quiet", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    // A report asked for with -o is still written, without the summary.
    let o = env.run(&["check", &tm, "-q", "-o", "r.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    assert!(env.path("r.json").exists());
    // tm and glossary notes go too; errors stay.
    let o = env.run(&["tm", "merge", &tm, &tm, "-o", "m.csv", "-q"]);
    assert!(o.status.success() && o.stderr.is_empty(), "{}", stderr(&o));
    let o = env.run(&[
        "-q",
        "glossary",
        "convert",
        &data("glossary/house.csv").display().to_string(),
        "g.tbx",
    ]);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let o = env.run(&["tm", "stats", "-q", "missing.tmx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.tmx"));
}

/// A JSON Lines input that fails to parse still names its document.
#[test]
fn jsonl_errors_keep_the_document_name() {
    let env = TestEnv::new();
    let input = "{\"doc\":\"x\"}\n{\"doc\":\"y\",\"zh\":\"你好。\",\"en\":\"Hello.\"}\n";
    let o = env.run_with_stdin(&["align", "--jsonl", "-q"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["doc"], "x");
    assert_eq!(lines[0]["line"], 1);
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("missing field `zh`")
    );
    assert_eq!(lines[1]["doc"], "y");
}

/// `eval` and `check --baseline` read `-` too.
#[test]
fn eval_and_baseline_read_standard_input() {
    let env = TestEnv::new();
    let gold = env.write("gold.tsv", "0\t0\n1,2\t1\n");
    let o = env.run_with_stdin(&["eval", gold.to_str().unwrap(), "-"], b"0\t0\n1,2\t1\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let tm = planted();
    let o = env.run(&["check", &tm, "--write-baseline", "b.json"]);
    assert_eq!(o.status.code(), Some(0));
    let baseline = std::fs::read(env.path("b.json")).unwrap();
    // --write-baseline - writes it on standard output (the report to a file).
    let o = env.run(&["check", &tm, "--write-baseline", "-", "-o", "r.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, baseline);
    let o = env.run(&["check", &tm, "--write-baseline", "-"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run_with_stdin(
        &["check", &tm, "--baseline", "-", "--fail-on", "warning"],
        &baseline,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// `-g -`: a glossary on standard input (CSV here; TBX and TSV sniffed).
#[test]
fn glossary_from_standard_input() {
    let env = TestEnv::new();
    let glossary = "zh,en,forbidden\n上海精神,Shanghai Spirit,founding ethos\n";
    let o = env.run_with_stdin(
        &[
            "check",
            &planted(),
            "-g",
            "-",
            "--no-default-glossary",
            "--format",
            "json",
        ],
        glossary.as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let forbidden: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "term-forbidden")
        .collect();
    // Units 2 and 12 use it (12 waives only term-missing).
    assert_eq!(forbidden.len(), 2, "{v}");
    assert!(forbidden.iter().all(|f| f["found"] == "founding ethos"));
}

/// `glossary lint -` and `glossary stats -`, the format sniffed.
#[test]
fn glossary_lint_and_stats_read_standard_input() {
    let env = TestEnv::new();
    let bad = "zh,en,forbidden\n一带一路,Belt and Road,Belt and Road\n";
    let o = env.run_with_stdin(&["glossary", "lint", "-"], bad.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).starts_with("<stdin>:2: error:"),
        "{}",
        stdout(&o)
    );
    let tbx = env.run(&[
        "glossary",
        "convert",
        &data("glossary/house.csv").display().to_string(),
        "-",
        "--to",
        "tbx",
    ]);
    assert!(tbx.status.success(), "{}", stderr(&tbx));
    let o = env.run_with_stdin(&["glossary", "lint", "-"], &tbx.stdout);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = env.run_with_stdin(&["glossary", "stats", "-", "--format", "json"], &tbx.stdout);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["stats"]["entries"].as_u64().unwrap() > 0, "{v}");
}
