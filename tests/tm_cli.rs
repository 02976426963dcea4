//! The translation-memory writers, readers and `termalign tm` commands,
//! driven through the real binary on the seed pair.

mod common;

use std::path::Path;

use common::{TestEnv, data, read, stderr, stdout};
use termalign::tm::ReadUnit;
use termalign::tm::read;

const DATE: &str = "2024-07-04T09:05:00Z";

fn align(env: &TestEnv, extra: &[&str]) -> std::process::Output {
    let zh = data("sco/zh.txt");
    let en = data("sco/en.txt");
    let mut args = vec!["align", zh.to_str().unwrap(), en.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.run(&args)
}

fn units(path: &Path) -> Vec<ReadUnit> {
    read::open(path)
        .unwrap()
        .collect::<termalign::Result<_>>()
        .unwrap()
}

fn ok(o: &std::process::Output) {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        stderr(o)
    );
}

#[test]
fn tmx_header_languages_and_reproducible_date() {
    let env = TestEnv::new();
    ok(&align(&env, &["-o", "a.tmx", "--date", DATE]));
    ok(&align(&env, &["-o", "b.tmx", "--date", DATE]));
    let a = read(&env.path("a.tmx"));
    assert_eq!(a, read(&env.path("b.tmx")), "same input, same bytes");
    assert!(a.contains(r#"creationdate="20240704T090500Z""#));
    for attr in [
        "creationtool=\"termalign\"",
        "creationtoolversion=",
        "segtype=\"sentence\"",
        "o-tmf=",
        "adminlang=",
        "srclang=\"zh-CN\"",
        "datatype=\"plaintext\"",
    ] {
        assert!(a.contains(attr), "{attr}");
    }
    // Every tu: props, then the zh-CN tuv, then the en-US tuv.
    for tu in a.split("<tu>").skip(1) {
        let z = tu.find(r#"<tuv xml:lang="zh-CN">"#).unwrap();
        let e = tu.find(r#"<tuv xml:lang="en-US">"#).unwrap();
        let p = tu.find(r#"<prop type="x-confidence">"#).unwrap();
        assert!(p < z && z < e);
        assert!(tu.contains(r#"<prop type="x-doc">"#) && tu.contains(r#"<prop type="x-bead">"#));
    }
    // SOURCE_DATE_EPOCH fixes the date too.
    let o = env
        .cmd()
        .env("SOURCE_DATE_EPOCH", "1720083900")
        .args([
            "align",
            data("sco/zh.txt").to_str().unwrap(),
            data("sco/en.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    ok(&o);
    assert_eq!(stdout(&o), a);

    ok(&align(
        &env,
        &[
            "-o",
            "c.tmx",
            "--src-lang",
            "zh-hans",
            "--tgt-lang",
            "en-GB",
        ],
    ));
    let c = read(&env.path("c.tmx"));
    assert!(c.contains(r#"srclang="zh-Hans""#) && c.contains(r#"<tuv xml:lang="en-GB">"#));
    ok(&align(&env, &["-o", "d.tmx", "--src-lang", "zh-TW"]));
}

#[test]
fn bad_writer_options_fail_before_any_output() {
    let env = TestEnv::new();
    for (args, word) in [
        (&["--src-lang", "zh_CN"][..], "write `zh-CN`"),
        (&["--tgt-lang", "*all*"][..], "*all*"),
        (&["--src-lang", "en-US"][..], "same language"),
        (&["--date", "yesterday"][..], "YYYYMMDDThhmmssZ"),
        (&["--min-confidence", "1.5"][..], "from 0 to 1"),
    ] {
        let mut a = vec!["-o", "out.tmx"];
        a.extend_from_slice(args);
        let o = align(&env, &a);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(word), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one-line error: {err}");
        assert!(env.files().is_empty(), "{args:?} left {:?}", env.files());
    }
    let o = align(&env, &["-f", "moses"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o OUT"));
}

#[test]
fn every_format_holds_the_same_pairs() {
    let env = TestEnv::new();
    ok(&align(&env, &["-o", "sco.tmx", "--date", DATE]));
    ok(&align(&env, &["-o", "sco.csv"]));
    ok(&align(&env, &["-o", "sco.tsv"]));
    ok(&align(&env, &["-o", "sco", "-f", "moses"]));
    ok(&align(&env, &["-o", "sco.beads", "-f", "beads"]));
    ok(&align(&env, &["-o", "sco.jsonl"]));
    let tmx = units(&env.path("sco.tmx"));
    let csv = units(&env.path("sco.csv"));
    let tsv = units(&env.path("sco.tsv"));
    assert!(tmx.len() > 40);
    assert_eq!(
        csv,
        tsv.iter()
            .map(|u| ReadUnit {
                file: u.file.replace(".tsv", ".csv"),
                ..u.clone()
            })
            .collect::<Vec<_>>()
    );
    let pairs: Vec<(String, String)> = csv
        .iter()
        .filter(|u| !u.source.is_empty() && !u.target.is_empty())
        .map(|u| (u.source.clone(), u.target.clone()))
        .collect();
    let tmx_pairs: Vec<(String, String)> = tmx
        .iter()
        .map(|u| (u.source.clone(), u.target.clone()))
        .collect();
    assert_eq!(pairs, tmx_pairs);
    let zh = read(&env.path("sco.zh"));
    let en = read(&env.path("sco.en"));
    let moses: Vec<(String, String)> = zh
        .lines()
        .zip(en.lines())
        .map(|(z, e)| (z.to_string(), e.to_string()))
        .collect();
    assert_eq!(moses, tmx_pairs);
    // Beads cover every sentence of both sides once, in order.
    let beads = read(&env.path("sco.beads"));
    let (mut zi, mut ei) = (Vec::new(), Vec::new());
    for line in beads.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "{line}");
        let conf: f64 = cols[2].parse().unwrap();
        assert!((0.0..=1.0).contains(&conf));
        zi.extend(
            cols[0]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<usize>().unwrap()),
        );
        ei.extend(
            cols[1]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<usize>().unwrap()),
        );
    }
    assert_eq!(zi, (0..zi.len()).collect::<Vec<_>>());
    assert_eq!(ei, (0..ei.len()).collect::<Vec<_>>());
    assert_eq!(beads.lines().count(), csv.len());
    // JSONL: one object per bead, texts equal to the CSV's.
    let jsonl = read(&env.path("sco.jsonl"));
    for (line, u) in jsonl.lines().zip(&csv) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["zh"], u.source.as_str());
        assert_eq!(v["en"], u.target.as_str());
        assert!(v["zh_indices"].is_array() && v["confidence"].is_number());
    }
}

#[test]
fn min_confidence_drops_from_tmx_and_flags_in_csv() {
    let env = TestEnv::new();
    ok(&align(&env, &["-o", "all.csv"]));
    let all = units(&env.path("all.csv"));
    let score = |u: &ReadUnit| -> f64 {
        u.props
            .iter()
            .find(|(k, _)| k == "score")
            .unwrap()
            .1
            .parse()
            .unwrap()
    };
    let pairs: Vec<&ReadUnit> = all
        .iter()
        .filter(|u| !u.source.is_empty() && !u.target.is_empty())
        .collect();
    // A threshold that splits the real scores of the seed pair.
    let mut scores: Vec<f64> = pairs.iter().map(|u| score(u)).collect();
    scores.sort_by(f64::total_cmp);
    // Half a rounding unit above a printed (3-decimal) score, so that the
    // printed scores decide exactly which units fall below it.
    let min = scores[scores.len() / 10].max(0.001) + 0.0005;
    let min_s = format!("{min}");
    let below = pairs.iter().filter(|u| score(u) < min).count();
    assert!(below > 0, "the seed pair has no score below {min}");
    let o = align(&env, &["-o", "hi.tmx", "--min-confidence", &min_s]);
    ok(&o);
    assert!(
        stderr(&o).contains(&format!("left out {below} unit(s) below --min-confidence")),
        "{}",
        stderr(&o)
    );
    assert_eq!(units(&env.path("hi.tmx")).len(), pairs.len() - below);
    ok(&align(
        &env,
        &["-o", "flag.csv", "--min-confidence", &min_s],
    ));
    let csv = read(&env.path("flag.csv"));
    assert!(csv.starts_with("zh,en,score,bead,doc,terms,low_confidence\n"));
    let flagged = units(&env.path("flag.csv"));
    assert_eq!(flagged.len(), all.len(), "CSV keeps every unit");
    for u in &flagged {
        let flag = &u
            .props
            .iter()
            .find(|(k, _)| k == "low_confidence")
            .unwrap()
            .1;
        assert_eq!(flag == "true", score(u) < min, "{u:?}");
    }
}

#[test]
fn hygiene_through_the_binary() {
    // A CSV memory holding what breaks TMX clients, converted to TMX.
    let env = TestEnv::new();
    env.write(
        "dirty.csv",
        "zh,en,score\n\
         \"控制\u{1}字符\",\"control\u{7} char\u{1b}\",0.9\n\
         \"a]]>b\",\"x ]]> y\",0.9\n\
         \"R&D<研发>\",\"R&D <lab> & co\",0.9\n\
         \"空句。\",\"\",0.9\n\
         \"  前后空格\u{3000}\",\"  padded\t\",0.9\n",
    );
    let o = env.run(&["tm", "convert", "dirty.csv", "clean.tmx", "--date", DATE]);
    ok(&o);
    assert!(
        stderr(&o).contains("removed 3 character(s) that XML 1.0 forbids"),
        "{}",
        stderr(&o)
    );
    let tmx = read(&env.path("clean.tmx"));
    assert!(tmx.contains("<seg>控制字符</seg>") && tmx.contains("<seg>control char</seg>"));
    assert!(tmx.contains("<seg>a]]&gt;b</seg>"));
    assert!(
        tmx.contains("<seg>R&amp;D&lt;研发&gt;</seg>")
            && tmx.contains("<seg>R&amp;D &lt;lab&gt; &amp; co</seg>")
    );
    assert!(tmx.contains("<seg>前后空格</seg>") && tmx.contains("<seg>padded</seg>"));
    assert!(!tmx.contains("空句"), "one-sided unit left out of TMX");
    assert!(!tmx.contains("<seg></seg>") && !tmx.contains("<seg> "));
    assert_eq!(units(&env.path("clean.tmx")).len(), 4);
    if let Some(dtd) = common::shared("tmx/tmx14.dtd")
        && common::have_program("xmllint")
    {
        let v = std::process::Command::new("xmllint")
            .args(["--noout", "--nonet", "--dtdvalid"])
            .arg(dtd)
            .arg(env.path("clean.tmx"))
            .output()
            .unwrap();
        assert!(v.status.success(), "{}", stderr(&v));
    }
}

#[test]
fn round_trip_write_read_write() {
    let env = TestEnv::new();
    ok(&align(&env, &["-o", "a.tmx", "--date", DATE]));
    for (from, to) in [
        ("a.tmx", "b.csv"),
        ("b.csv", "c.tsv"),
        ("c.tsv", "d.tmx"),
        ("d.tmx", "e.tmx"),
    ] {
        ok(&env.run(&["tm", "convert", from, to, "--date", DATE]));
    }
    assert_eq!(read(&env.path("a.tmx")), read(&env.path("d.tmx")));
    assert_eq!(read(&env.path("a.tmx")), read(&env.path("e.tmx")));
    // Languages of a TMX input are kept.
    ok(&align(
        &env,
        &[
            "-o",
            "h.tmx",
            "--src-lang",
            "zh-Hans",
            "--tgt-lang",
            "en-GB",
        ],
    ));
    ok(&env.run(&["tm", "convert", "h.tmx", "i.tmx"]));
    assert!(read(&env.path("i.tmx")).contains(r#"<tuv xml:lang="zh-Hans">"#));
}

#[test]
fn merge_and_stats() {
    let env = TestEnv::new();
    ok(&align(&env, &["-o", "a.tmx", "--date", DATE]));
    let a = units(&env.path("a.tmx"));
    // b: the same memory plus a second translation of one source and a new pair.
    env.write(
        "b.csv",
        format!(
            "zh,en,score,doc\n\"{}\",Another translation.,0.5,b\n新句子。,A new sentence.,0.9,b\n\"{}\",\"{} \",0.8,b\n",
            a[0].source, a[1].source, a[1].target
        ),
    );
    let o = env.run(&[
        "tm", "merge", "a.tmx", "b.csv", "-o", "m.tmx", "--date", DATE,
    ]);
    ok(&o);
    assert!(
        stderr(&o).contains("1 duplicate(s) removed"),
        "{}",
        stderr(&o)
    );
    let m = units(&env.path("m.tmx"));
    assert_eq!(m.len(), a.len() + 2);
    // The duplicate kept is the later one, with its properties.
    let dup = m.iter().find(|u| u.source == a[1].source).unwrap();
    assert!(dup.props.contains(&("x-doc".into(), "b".into())), "{dup:?}");

    let o = env.run(&["tm", "stats", "m.tmx"]);
    ok(&o);
    let s = stdout(&o);
    let count = |label: &str| -> usize {
        let line = s
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap();
        line.split_whitespace().last().unwrap().parse().unwrap()
    };
    assert_eq!(count("units"), a.len() + 2, "{s}");
    assert_eq!(count("duplicates"), 0, "{s}");
    assert_eq!(count("sources with several targets"), 1, "{s}");
    assert_eq!(count("languages zh-CN → en-US"), a.len() + 2, "{s}");
    assert!(
        s.contains(&format!("m.tmx:{}: {}", m[0].line, a[0].source)),
        "{s}"
    );
    let o = env.run(&["tm", "stats", "--json", "b.csv"]);
    ok(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["units"], 3);
    let o = env.run(&["tm", "stats", "--json", "m.tmx"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["languages"]["zh-CN → en-US"], a.len() + 2);
}

#[test]
fn bad_memories_are_clear_errors_without_output() {
    let env = TestEnv::new();
    env.write(
        "bomb.tmx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n <!ENTITY a \"aaaaaaaaaa\">\n <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"zh\"><seg>&b;</seg></tuv></tu></body></tmx>\n",
    );
    env.write(
        "broken.tmx",
        "<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"zh\"><seg>一</seg></tuv></tu>\n<tu><tuv xml:lang=\"zh\"><seg>二</tuv></tu>\n</body></tmx>\n",
    );
    env.write("nocol.csv", "zh,fr\n一,un\n");
    env.write("ok.csv", "zh,en\n一,one\n");
    for (args, want) in [
        (
            &["tm", "convert", "bomb.tmx", "out.csv"][..],
            "bomb.tmx:3: format error: DOCTYPE declares entities",
        ),
        (
            &["tm", "convert", "broken.tmx", "out.csv"][..],
            "broken.tmx:3: format error: malformed XML",
        ),
        (
            &["tm", "merge", "nocol.csv", "-o", "out.tmx"][..],
            "nocol.csv:1: format error: missing column `en`",
        ),
        (
            &["tm", "stats", "missing.tmx"][..],
            "missing.tmx: I/O error",
        ),
        (
            &["tm", "convert", "nocol.csv", "out.xyz"][..],
            "out.xyz: configuration error: cannot tell the format",
        ),
        (
            &["tm", "convert", "notes.txt", "out.tmx"][..],
            "notes.txt: configuration error",
        ),
    ] {
        let o = env.run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("termalign: {want}")),
            "{args:?}: {err}"
        );
        assert!(
            env.files()
                .iter()
                .all(|f| !f.starts_with("out") && !f.starts_with(".out")),
            "{args:?} left {:?}",
            env.files()
        );
    }
}

#[test]
fn bom_for_excel() {
    let env = TestEnv::new();
    ok(&align(&env, &["-o", "x.csv", "--bom"]));
    let bytes = std::fs::read(env.path("x.csv")).unwrap();
    assert!(bytes.starts_with("\u{FEFF}zh,en,score,bead,doc,terms\n".as_bytes()));
    // And it reads back.
    assert!(!units(&env.path("x.csv")).is_empty());
}
