//! `termalign review` and `check --format html` end to end, without a
//! browser: the page is self-contained, the embedded JSON holds the counts
//! the checker and aligner produce, hostile text cannot escape its data
//! block, and bad input fails with the file's name and leaves no page.
//! (tests/browser/test_review.py drives the page itself in Chromium.)

mod common;

use common::{TestEnv, data, stderr};
use serde_json::Value;

const OPEN: &str = "<script type=\"application/json\" id=\"review-data\">";

/// The JSON data block of a page.
fn embedded(html: &str) -> Value {
    let start = html.find(OPEN).expect("data block") + OPEN.len();
    let end = start + html[start..].find("</script>").expect("end of data block");
    serde_json::from_str(&html[start..end]).expect("data block is JSON")
}

fn page(env: &TestEnv, args: &[&str]) -> (String, Value) {
    let out = env.run(args);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = args[args.iter().position(|a| *a == "-o").unwrap() + 1];
    let html = std::fs::read_to_string(env.path(path)).unwrap();
    let v = embedded(&html);
    (html, v)
}

fn seed() -> (String, String) {
    (
        data("sco/zh.txt").display().to_string(),
        data("sco/en.txt").display().to_string(),
    )
}

#[test]
fn seed_page_is_self_contained_and_counts_match_the_aligner() {
    let env = TestEnv::new();
    let (zh, en) = seed();
    let (html, v) = page(&env, &["review", &zh, &en, "-o", "r.html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Self-contained: no external resource of any kind.
    for needle in [
        "src=\"http",
        "href=\"http",
        "<link",
        "@import",
        "url(http",
        "<script src",
    ] {
        assert!(!html.contains(needle), "page refers to {needle}");
    }
    assert_eq!(html.matches("<script").count(), 2);

    // Counts: the beads `align` writes, by shape.
    let out = env.run(&["align", &zh, &en, "-f", "csv", "-o", "a.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut rdr = csv::Reader::from_path(env.path("a.csv")).unwrap();
    let mut shapes = std::collections::BTreeMap::<String, u64>::new();
    let mut n = 0;
    for r in rdr.records() {
        let r = r.unwrap();
        *shapes.entry(r[3].to_string()).or_default() += 1;
        n += 1;
    }
    let s = &v["summary"];
    assert_eq!(s["beads"], n);
    assert_eq!(v["docs"][0]["b"].as_array().unwrap().len() as u64, 5 * n);
    for (k, c) in &shapes {
        assert_eq!(s["shapes"][k], *c, "shape {k}");
    }
    assert_eq!(v["docs"][0]["name"], zh.as_str());

    // Findings: the same as `check --zh --en` reports, rule by rule.
    let out = env.run(&[
        "check",
        "--zh",
        &zh,
        "--en",
        &en,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut rules = std::collections::BTreeMap::<String, u64>::new();
    for f in report["findings"].as_array().unwrap() {
        *rules.entry(f["rule"].as_str().unwrap().into()).or_default() += 1;
    }
    assert!(!rules.is_empty(), "the seed has findings to show");
    for (k, c) in &rules {
        assert_eq!(s["rules"][k], *c, "rule {k}");
    }
    assert_eq!(
        s["findings"],
        report["findings"].as_array().unwrap().len() as u64
    );
    // Glossary terms are marked on both sides, as pairs of the same entry.
    let d = &v["docs"][0];
    assert!(!d["zt"].as_array().unwrap().is_empty());
    assert!(!d["et"].as_array().unwrap().is_empty());
    assert!(
        v["terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t[0] == "一带一路")
    );
}

#[test]
fn hostile_text_stays_data() {
    let env = TestEnv::new();
    let evil = "</script><script>alert(1)</script><!-- & \"q\" 'a' \u{202E}rtl\u{2028}\u{1}";
    let mut w = csv::Writer::from_path(env.path("m.csv")).unwrap();
    w.write_record(["zh", "en", "score", "doc"]).unwrap();
    w.write_record([
        &format!("中文{evil}。"),
        &format!("English {evil}."),
        "0.3",
        evil,
    ])
    .unwrap();
    w.flush().unwrap();
    drop(w);
    let title = "<img src=x onerror=alert(1)> & \"t\"";
    let (html, v) = page(&env, &["review", "m.csv", "-o", "r.html", "--title", title]);
    // Only the template's own closing tags: the data cannot end its block.
    assert_eq!(html.matches("</script>").count(), 2);
    assert_eq!(html.matches("<script").count(), 2);
    assert!(!html.contains("<!--"));
    assert!(!html.contains("<img"));
    assert!(!html.contains('\u{2028}'));
    assert!(html.contains("<title>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;t&quot;</title>"));
    // …and the text comes back intact from the JSON.
    let d = &v["docs"][0];
    assert_eq!(d["name"], evil);
    let zh: String = d["zh"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(zh.contains("</script><script>alert(1)</script>"));
    assert!(zh.contains('\u{202E}') && zh.contains('\u{2028}'));
    assert_eq!(v["title"], title);
}

#[test]
fn memory_input_groups_documents_and_keeps_scores() {
    let env = TestEnv::new();
    let (zh, en) = seed();
    let out = env.run(&["align", &zh, &en, "-o", "a.tmx", "--date", "2024-07-04"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, v) = page(&env, &["review", "a.tmx", "-o", "r.html"]);
    let docs = v["docs"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["name"], zh.as_str());
    let tmx = std::fs::read_to_string(env.path("a.tmx")).unwrap();
    assert_eq!(v["summary"]["beads"], tmx.matches("<tu>").count() as u64);
    // Scores come from x-confidence.
    let b = docs[0]["b"].as_array().unwrap();
    assert!(b.chunks(5).all(|c| c[4].as_i64().unwrap() >= 0));
    assert_eq!(v["src"], "zh-CN");
}

#[test]
fn check_html_opens_on_findings_and_keeps_the_exit_status() {
    let env = TestEnv::new();
    let planted = data("check/planted.tmx").display().to_string();
    let out = env.run(&["check", &planted, "--format", "html", "-o", "c.html"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("checked"));
    let html = std::fs::read_to_string(env.path("c.html")).unwrap();
    let v = embedded(&html);
    assert_eq!(v["focus"], "findings");
    let out = env.run(&["check", &planted, "--format", "json", "--fail-on", "never"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["summary"]["findings"],
        report["findings"].as_array().unwrap().len() as u64
    );
    let out = env.run(&[
        "check",
        &planted,
        "--format",
        "html",
        "--fail-on",
        "never",
        "-o",
        "d.html",
    ]);
    assert_eq!(out.status.code(), Some(0));
    // A document pair, aligned on the fly, to standard output.
    let (zh, en) = seed();
    let out = env.run(&["check", "--zh", &zh, "--en", &en, "--format", "html"]);
    assert!(out.status.code().unwrap() < 2, "{}", stderr(&out));
    let v = embedded(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(v["docs"][0]["name"], zh.as_str());
    assert!(v["summary"]["findings"].as_u64().unwrap() > 0);
}

#[test]
fn bad_input_exits_2_with_the_file_and_leaves_no_page() {
    let env = TestEnv::new();
    let (zh, _) = seed();
    env.write("bad.csv", "zh,en\n\"unterminated,x\n");
    env.write("noheader.csv", "a,b\n1,2\n");
    env.write(
        "bad.tmx",
        "<tmx><body><tu><tuv xml:lang=\"zh\"><seg>x</tuv></tu>",
    );
    env.write("empty.txt", "   \n");
    env.write("latin1.txt", b"caf\xe9 \xff\xfe\xfd");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["review", "missing.txt", &zh], "missing.txt"),
        (vec!["review", &zh, "empty.txt"], "empty.txt"),
        (vec!["review", "noheader.csv"], "noheader.csv"),
        (vec!["review", "bad.tmx"], "bad.tmx"),
        (vec!["review", "missing.tmx"], "missing.tmx"),
        (vec!["review", &zh], "got 1 input"),
        (
            vec!["review", "--zh-dir", "nowhere", "--en-dir", "nowhere2"],
            "nowhere",
        ),
    ];
    for (mut args, needle) in cases {
        args.extend(["-o", "out.html"]);
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(needle),
            "{args:?}: {} lacks {needle}",
            stderr(&out)
        );
        assert!(!env.path("out.html").exists(), "{args:?} left a page");
    }
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("out"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn batch_gives_one_page_with_every_document() {
    let env = TestEnv::new();
    let zh = std::fs::read_to_string(data("sco/zh.txt")).unwrap();
    let en = std::fs::read_to_string(data("sco/en.txt")).unwrap();
    env.write("zh/a.txt", &zh);
    env.write("en/a.txt", &en);
    env.write("zh/b.txt", "各方支持“一带一路”。他们在2024年会面。");
    env.write(
        "en/b.txt",
        "All sides support the Belt and Road. They met in 2024.",
    );
    let (_, v) = page(
        &env,
        &[
            "review", "--zh-dir", "zh", "--en-dir", "en", "-o", "b.html", "-j", "2",
        ],
    );
    let docs = v["docs"].as_array().unwrap();
    // The seed file holds two articles: each is a document of its own.
    let names: Vec<&str> = docs.iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names[0].ends_with("#1") && names[1].ends_with("#2"),
        "{names:?}"
    );
    assert_eq!(v["summary"]["documents"], 3);
    let beads: u64 = docs
        .iter()
        .map(|d| d["b"].as_array().unwrap().len() as u64 / 5)
        .sum();
    assert_eq!(v["summary"]["beads"], beads);
    // A manifest names the same pairs.
    env.write("pairs.csv", "zh,en,doc\nzh/b.txt,en/b.txt,bee\n");
    let (_, m) = page(&env, &["review", "--manifest", "pairs.csv", "-o", "m.html"]);
    assert_eq!(m["docs"][0]["name"], "bee");
    assert_eq!(m["docs"][0]["b"], docs[2]["b"]);
    // Same page whatever the thread count.
    let one = env.run(&[
        "review", "--zh-dir", "zh", "--en-dir", "en", "-o", "c.html", "-j", "1",
    ]);
    assert!(one.status.success());
    assert_eq!(
        std::fs::read(env.path("b.html")).unwrap(),
        std::fs::read(env.path("c.html")).unwrap()
    );
}
