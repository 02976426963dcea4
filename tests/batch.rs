//! Batch mode through the real binary: directories, pairing by name and by
//! content, ordered parallel output, bad documents, manifests, shards and
//! the JSON Lines protocol.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;

use common::{TestEnv, data, read, stderr, stdout};

/// Gold beads of the SCO fixture as (zh sentences, en sentences).
fn sco_beads() -> Vec<(Vec<String>, Vec<String>)> {
    let lines = |f: &str| -> Vec<String> {
        read(&data(f))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect()
    };
    let (zh, en) = (lines("sco/zh.sents.txt"), lines("sco/en.sents.txt"));
    let idx = |s: &str| -> Vec<usize> {
        s.split(',')
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().unwrap())
            .collect()
    };
    read(&data("sco/gold.tsv"))
        .lines()
        .map(|l| {
            let (z, e) = l.split_once('\t').unwrap();
            (
                idx(z).into_iter().map(|i| zh[i].clone()).collect(),
                idx(e).into_iter().map(|i| en[i].clone()).collect(),
            )
        })
        .collect()
}

/// `n` distinct presegmented document pairs cut from the SCO gold beads
/// (overlapping windows of varying length), written as zh/dNN.txt and
/// en/dNN.txt.
fn write_sco_batch(env: &TestEnv, n: usize) {
    let beads = sco_beads();
    for d in 0..n {
        let start = (d * 3) % (beads.len() - 8);
        let len = 4 + d % 5;
        let (mut zh, mut en) = (String::new(), String::new());
        for (z, e) in &beads[start..start + len] {
            for s in z {
                zh.push_str(s);
                zh.push('\n');
            }
            for s in e {
                en.push_str(s);
                en.push('\n');
            }
        }
        env.write(&format!("zh/d{d:02}.txt"), zh);
        env.write(&format!("en/d{d:02}.txt"), en);
    }
}

/// `termalign align --presegmented --zh-dir zh --en-dir en -o OUT`, plus
/// `extra` flags, in `env`.
fn run_batch(env: &TestEnv, extra: &[&str], out: &str) -> std::process::Output {
    let mut args = vec![
        "align",
        "--presegmented",
        "--zh-dir",
        "zh",
        "--en-dir",
        "en",
        "-o",
        out,
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

fn csv_docs(csv: &str) -> Vec<String> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let mut docs: Vec<String> = r.records().map(|rec| rec.unwrap()[4].to_string()).collect();
    docs.dedup();
    docs
}

#[test]
fn one_and_two_threads_write_identical_bytes() {
    let env = TestEnv::new();
    write_sco_batch(&env, 16);
    for j in ["1", "2"] {
        let o = run_batch(&env, &["-j", j], &format!("out{j}.csv"));
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let (a, b) = (read(&env.path("out1.csv")), read(&env.path("out2.csv")));
    assert_eq!(a, b, "-j1 and -j2 differ");
    // TMX too, with a fixed creation date.
    for j in ["1", "2"] {
        let o = run_batch(
            &env,
            &["-j", j, "--date", "2024-07-04"],
            &format!("out{j}.tmx"),
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let tmx = read(&env.path("out1.tmx"));
    assert_eq!(tmx, read(&env.path("out2.tmx")), "-j1 and -j2 TMX differ");
    assert!(tmx.matches("<tu>").count() > 16 * 3, "{tmx}");
    // Input order: documents in path order, every one present.
    let want: Vec<String> = (0..16).map(|d| format!("d{d:02}.txt")).collect();
    assert_eq!(csv_docs(&a), want);
    // Real alignments: most rows are the gold 1-1 pairs we cut.
    assert!(a.lines().count() > 16 * 4, "{a}");

    // The same through JSON Lines, also byte-identical across -j.
    let mut input = String::new();
    for d in 0..16 {
        let zh = read(&env.path(&format!("zh/d{d:02}.txt")));
        let en = read(&env.path(&format!("en/d{d:02}.txt")));
        input.push_str(&serde_json::json!({"doc": d.to_string(), "zh": zh, "en": en}).to_string());
        input.push('\n');
    }
    let run = |j: &str| {
        let o = env.run_with_stdin(
            &["align", "--jsonl", "--presegmented", "-q", "-j", j],
            &input,
        );
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let (a, b) = (run("1"), run("2"));
    assert_eq!(a, b);
    assert_eq!(a.lines().count(), 16);
}

#[test]
fn a_corrupt_file_in_the_middle_is_reported_and_skipped() {
    let env = TestEnv::new();
    write_sco_batch(&env, 7);
    // Not UTF-8 and not GB18030: a UTF-16 BOM followed by a lone surrogate.
    env.write("zh/d03.txt", b"\xff\xfe\x00\xd8bad");
    // An empty English side.
    env.write("en/d05.txt", "\n \n");
    let o = run_batch(&env, &["-j", "2"], "out.csv");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("zh/d03.txt:1: encoding error:"), "{err}");
    assert!(err.contains("en/d05.txt: empty input:"), "{err}");
    assert!(err.contains("(skipped)"), "{err}");
    assert!(
        err.contains("5 documents, 5 pairs, 0 unpaired, 2 failed"),
        "{err}"
    );
    let out = read(&env.path("out.csv"));
    assert_eq!(
        csv_docs(&out),
        ["d00.txt", "d01.txt", "d02.txt", "d04.txt", "d06.txt"]
    );

    // --keep-going=false: stop at the first bad document (exit 2), keeping
    // the documents before it, in a complete file.
    let o = run_batch(&env, &["-j", "2", "--keep-going=false"], "stop.csv");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("encoding error").count(), 1, "{err}");
    let out = read(&env.path("stop.csv"));
    assert_eq!(csv_docs(&out), ["d00.txt", "d01.txt", "d02.txt"]);
}

/// Tiny deterministic generator, for renaming files "at random".
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

fn read_pairs(path: &Path) -> Vec<(String, String, String, String, String, String)> {
    let mut r = csv::Reader::from_path(path).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "zh",
            "en",
            "doc",
            "score",
            "zh_article",
            "en_article",
            "status"
        ]
    );
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                rec[1].to_string(),
                rec[4].to_string(),
                rec[5].to_string(),
                rec[6].to_string(),
                rec[3].to_string(),
            )
        })
        .collect()
}

#[test]
fn content_pairing_recovers_renamed_pairs() {
    let Some(mac) = common::shared("align/mac-dev") else {
        return;
    };
    let env = TestEnv::new();
    // Chinese: the six MAC-Dev chapters and the SCO fixture (two articles,
    // one sentence per line, a blank line between them).
    let mut truth = Vec::new(); // (zh name, zh article, en name, en article)
    let mut en_names: Vec<String> = (0..7)
        .map(|i| format!("{:08x}.txt", 0x9e37_79b9u32.wrapping_mul(i + 1)))
        .collect();
    shuffle(&mut en_names, 0x5eed);
    for (k, id) in ["001", "002", "003", "004", "005", "006"]
        .iter()
        .enumerate()
    {
        env.write(
            &format!("zh/{id}.txt"),
            read(&mac.join(format!("zh/{id}.txt"))),
        );
        env.write(
            &format!("en/{}", en_names[k]),
            read(&mac.join(format!("en/{id}.txt"))),
        );
        truth.push((
            format!("zh/{id}.txt"),
            "1",
            format!("en/{}", en_names[k]),
            "1",
        ));
    }
    env.write("zh/sco.txt", read(&data("sco/zh.sents.txt")));
    env.write(
        &format!("en/{}", en_names[6]),
        read(&data("sco/en.sents.txt")),
    );
    truth.push(("zh/sco.txt".into(), "1", format!("en/{}", en_names[6]), "1"));
    truth.push(("zh/sco.txt".into(), "2", format!("en/{}", en_names[6]), "2"));

    let o = run_batch(
        &env,
        &["--pair", "content", "--pairs-out", "pairs.csv"],
        "tm.csv",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pairs = read_pairs(&env.path("pairs.csv"));
    let got: Vec<(String, &str, String, &str)> = pairs
        .iter()
        .map(|p| (p.0.clone(), p.2.as_str(), p.1.clone(), p.3.as_str()))
        .collect();
    assert_eq!(got, truth, "{}", read(&env.path("pairs.csv")));
    assert!(pairs.iter().all(|p| p.4 == "paired"));
    let scores: Vec<f64> = pairs.iter().map(|p| p.5.parse().unwrap()).collect();
    eprintln!("content pairing scores: {scores:?}");
    // Every article pair was aligned, into input order.
    let tm = read(&env.path("tm.csv"));
    assert_eq!(
        csv_docs(&tm),
        [
            "001.txt",
            "002.txt",
            "003.txt",
            "004.txt",
            "005.txt",
            "006.txt",
            "sco.txt#1",
            "sco.txt#2"
        ]
    );

    // The report reads back as a manifest and gives the same TM.
    let o = env.run(&[
        "align",
        "--presegmented",
        "--manifest",
        "pairs.csv",
        "-o",
        "tm3.csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read(&env.path("tm3.csv")), tm);

    // Remove two English files: their Chinese partners are reported
    // unpaired (never forced onto another file), the rest stay right.
    std::fs::remove_file(env.path(&format!("en/{}", en_names[0]))).unwrap();
    std::fs::remove_file(env.path(&format!("en/{}", en_names[3]))).unwrap();
    let o = run_batch(
        &env,
        &["--pair", "content", "--pairs-out", "pairs2.csv"],
        "tm2.csv",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("unpaired Chinese document: 001.txt"), "{err}");
    assert!(err.contains("unpaired Chinese document: 004.txt"), "{err}");
    let pairs = read_pairs(&env.path("pairs2.csv"));
    let paired: Vec<(String, String)> = pairs
        .iter()
        .filter(|p| p.4 == "paired")
        .map(|p| (p.0.clone(), p.1.clone()))
        .collect();
    let want: Vec<(String, String)> = truth
        .iter()
        .filter(|t| !t.0.ends_with("001.txt") && !t.0.ends_with("004.txt"))
        .map(|t| (t.0.clone(), t.2.clone()))
        .collect();
    assert_eq!(paired, want);
}

#[test]
fn multi_article_files_pair_by_content_without_presegmentation() {
    // The raw seed (two articles, scraped line breaks) against the English
    // version, under unrelated names, plus a Chinese file with no partner.
    let env = TestEnv::new();
    env.write("zh/2024/seed.txt", read(&data("sco/zh.txt")));
    env.write("zh/2024/other.txt", "天气很好。今天我们去公园散步。\n");
    env.write("en/x/y.txt", read(&data("sco/en.wrapped.txt")));
    let o = env.run(&[
        "align",
        "--zh-dir",
        "zh",
        "--en-dir",
        "en",
        "--pair",
        "content",
        "--pairs-out",
        "p.csv",
        "-o",
        "tm.csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pairs = read_pairs(&env.path("p.csv"));
    let rows: Vec<(&str, &str, &str, &str, &str)> = pairs
        .iter()
        .map(|p| {
            (
                p.0.as_str(),
                p.1.as_str(),
                p.2.as_str(),
                p.3.as_str(),
                p.4.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("zh/2024/seed.txt", "en/x/y.txt", "1", "1", "paired"),
            ("zh/2024/seed.txt", "en/x/y.txt", "2", "2", "paired"),
            ("zh/2024/other.txt", "", "1", "", "unpaired"),
        ]
    );
    let tm = read(&env.path("tm.csv"));
    assert_eq!(csv_docs(&tm), ["2024/seed.txt#1", "2024/seed.txt#2"]);
    // Each article's title pairs with its own title.
    assert!(
        tm.contains(
            "习近平出席上海合作组织成员国元首理事会第二十四次会议,Xi Jinping attends 24th meeting"
        ),
        "{tm}"
    );
}

#[test]
fn pairs_by_name_with_swapped_markers_in_one_folder() {
    let env = TestEnv::new();
    let (zh, en) = (read(&data("sco/zh.txt")), read(&data("sco/en.txt")));
    env.write("archive/a.zh.txt", &zh);
    env.write("archive/a.en-US.txt", &en);
    env.write("archive/zh/b.txt", &zh);
    env.write("archive/en/b.txt", &en);
    env.write("archive/zh/c.txt", &zh);
    env.write("archive/notes.md", "not a document");
    env.write("archive/.hidden.zh.txt", &zh);
    let o = env.run(&[
        "align",
        "--zh-dir",
        "archive",
        "--en-dir",
        "archive",
        "--glob",
        "*.txt",
        "--pairs-out",
        "pairs.csv",
        "-o",
        "tm.csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        read(&env.path("pairs.csv")),
        "zh,en,doc,score,zh_article,en_article,status\n\
         archive/a.zh.txt,archive/a.en-US.txt,a.zh.txt,,,,paired\n\
         archive/zh/b.txt,archive/en/b.txt,zh/b.txt,,,,paired\n\
         archive/zh/c.txt,,zh/c.txt,,,,unpaired\n"
    );
    let err = stderr(&o);
    assert!(err.contains("unpaired Chinese document: zh/c.txt"), "{err}");
    assert!(
        err.contains("2 documents, 4 pairs, 1 unpaired, 0 failed"),
        "{err}"
    );
    assert_eq!(
        csv_docs(&read(&env.path("tm.csv"))),
        ["a.zh.txt#1", "a.zh.txt#2", "zh/b.txt#1", "zh/b.txt#2"]
    );
}

#[test]
fn shards_split_the_batch_and_cover_it() {
    let env = TestEnv::new();
    write_sco_batch(&env, 9);
    let run = |extra: &[&str], out: &str| {
        let o = run_batch(&env, extra, out);
        assert!(o.status.success(), "{}", stderr(&o));
        read(&env.path(out))
    };
    let all = run(&[], "all.csv");
    let parts: Vec<String> = (1..=3)
        .map(|k| run(&["--shard", &format!("{k}/3")], &format!("p{k}.csv")))
        .collect();
    assert_eq!(csv_docs(&parts[1]), ["d01.txt", "d04.txt", "d07.txt"]);
    let mut rows: Vec<&str> = parts.iter().flat_map(|p| p.lines().skip(1)).collect();
    let mut want: Vec<&str> = all.lines().skip(1).collect();
    rows.sort();
    want.sort();
    assert_eq!(rows, want);
    let o = env.run(&[
        "align", "--zh-dir", "zh", "--en-dir", "en", "--shard", "4/3",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not K/N"), "{}", stderr(&o));
}

#[test]
fn manifest_rows_and_errors() {
    let env = TestEnv::new();
    env.write("d/zh.txt", read(&data("sco/zh.txt")));
    env.write("d/en.txt", read(&data("sco/en.txt")));
    env.write(
        "d/list.csv",
        "zh,en,doc,zh_article,en_article\nzh.txt,en.txt,second,2,2\nzh.txt,en.txt,whole,,\n",
    );
    let o = env.run(&["align", "--manifest", "d/list.csv", "-o", "tm.csv", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "--quiet prints nothing on success");
    let tm = read(&env.path("tm.csv"));
    assert_eq!(csv_docs(&tm), ["second", "whole#1", "whole#2"]);
    assert!(
        tm.contains("习近平出席“上海合作组织+”阿斯塔纳峰会并发表重要讲话,"),
        "{tm}"
    );

    env.write("d/bad.csv", "zh,en\nzh.txt,en.txt\nzh.txt\n");
    let o = env.run(&["align", "--manifest", "d/bad.csv", "-o", "bad.tmx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("termalign: d/bad.csv:3: format error:"),
        "{}",
        stderr(&o)
    );
    assert!(!env.path("bad.tmx").exists());
}

#[test]
fn jsonl_round_trip_matches_single_document_mode() {
    let env = TestEnv::new();
    let (zh, en) = (read(&data("sco/zh.txt")), read(&data("sco/en.txt")));
    let input = format!(
        "{}\n\n{}\n{{\"doc\":\"empty\",\"zh\":\"你好。\",\"en\":\"\"}}\nnot json\n{}\n",
        serde_json::json!({"doc": "sco", "zh": zh, "en": en}),
        serde_json::json!({"doc": "tiny", "zh": "上海精神很重要。", "en": "The Shanghai Spirit matters."}),
        serde_json::json!({"zh": "你好。", "en": "Hello."}),
    );
    let o = env.run_with_stdin(&["align", "--jsonl", "-j", "2"], &input);
    assert_eq!(
        o.status.code(),
        Some(1),
        "bad lines → exit 1: {}",
        stderr(&o)
    );
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs: Vec<&str> = lines
        .iter()
        .map(|l| l["doc"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(docs, ["sco", "tiny", "empty", "-", "line 6"]);
    assert_eq!(lines[2]["line"], 4);
    assert!(
        lines[2]["error"].as_str().unwrap().contains("empty input"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3]["line"], 5);
    assert!(
        lines[3]["error"]
            .as_str()
            .unwrap()
            .starts_with("<stdin>:5: format error")
    );
    assert_eq!(
        lines[1]["beads"][0]["terms"],
        serde_json::json!(["上海精神"])
    );

    // The beads equal what `termalign align ZH EN --format csv` writes.
    env.write("zh.txt", &zh);
    env.write("en.txt", &en);
    let single = env.run(&["align", "zh.txt", "en.txt", "--format", "csv"]);
    assert!(single.status.success());
    let mut r = csv::Reader::from_reader(single.stdout.as_slice());
    let want: Vec<(String, String, String, String)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[0].into(), rec[1].into(), rec[3].into(), rec[2].into())
        })
        .collect();
    let got: Vec<(String, String, String, String)> = lines[0]["beads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["zh"].as_str().unwrap().into(),
                b["en"].as_str().unwrap().into(),
                b["bead"].as_str().unwrap().into(),
                format!("{:.3}", b["score"].as_f64().unwrap()),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn jsonl_answers_each_document_before_the_next_arrives() {
    // A driver that waits for each answer before sending the next line
    // (as an interactive worker does) must not deadlock.
    let env = TestEnv::new();
    let mut child = env
        .cmd()
        .args(["align", "--jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for (i, (zh, en)) in [
        ("你好。", "Hello."),
        ("上海精神很重要。", "The Shanghai Spirit matters."),
    ]
    .into_iter()
    .enumerate()
    {
        writeln!(
            stdin,
            "{}",
            serde_json::json!({"doc": i.to_string(), "zh": zh, "en": en})
        )
        .unwrap();
        stdin.flush().unwrap();
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("an answer per document, before the next line is sent");
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["doc"], i.to_string());
        assert_eq!(v["beads"][0]["en"], en);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn single_pair_mode_is_unchanged_and_flags_are_checked() {
    let env = TestEnv::new();
    let o = env.run(&["align"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["align", "a.txt", "--zh-dir", "x", "--en-dir", "y"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
    let o = env.run(&["align", "--zh-dir", "zh"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["align", "--jsonl", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--format does not apply to --jsonl"),
        "{}",
        stderr(&o)
    );
    let zh = data("sco/zh.txt");
    let en = data("sco/en.txt");
    let o = env.run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "--shard",
        "1/2",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "", "single mode prints no summary");
}

/// Swap the sides of a presegmented pair, keeping one sentence of each
/// language where it belongs (so each file still holds some text of its
/// language and is read, not refused): the Chinese file is then mostly
/// English and the English one mostly Chinese.
fn swap_pair(env: &TestEnv, zh: &str, en: &str) {
    let (z, e) = (read(&env.path(zh)), read(&env.path(en)));
    let first = |t: &str| t.lines().next().unwrap().to_string();
    env.write(zh, format!("{}\n{e}", first(&z)));
    env.write(en, format!("{}\n{z}", first(&e)));
}

/// A batch pair that looks wrong (here swapped) is named in a warning,
/// counted as suspicious and aligned with the others (exit 0); with
/// --strict it is skipped like an unreadable document, the others are
/// written, and the run exits 2.
#[test]
fn a_swapped_pair_in_a_batch_warns_or_fails_under_strict() {
    let env = TestEnv::new();
    write_sco_batch(&env, 5);
    swap_pair(&env, "zh/d02.txt", "en/d02.txt");
    let run = |extra: &[&str], out: &str| run_batch(&env, &[&["-j", "2"], extra].concat(), out);
    let want = "zh/d02.txt looks English and en/d02.txt looks Chinese: the inputs seem swapped";
    let o = run(&[], "out.csv");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("termalign: warning: {want}")),
        "{err}"
    );
    // Only the swapped pair draws a warning.
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.contains("5 documents, 5 pairs, 0 unpaired, 0 failed, 1 suspicious;"),
        "{err}"
    );
    assert_eq!(
        csv_docs(&read(&env.path("out.csv"))),
        ["d00.txt", "d01.txt", "d02.txt", "d03.txt", "d04.txt"]
    );

    let o = run(&["--strict"], "strict.csv");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(want), "{err}");
    assert!(err.contains("(--strict) (skipped)"), "{err}");
    assert!(
        err.contains("4 documents, 4 pairs, 0 unpaired, 1 failed, 1 suspicious;"),
        "{err}"
    );
    assert!(
        err.contains("1 document pair(s) looked wrong and were skipped (--strict)"),
        "{err}"
    );
    // Nothing of the refused pair is written; the rest is, in order.
    assert_eq!(
        csv_docs(&read(&env.path("strict.csv"))),
        ["d00.txt", "d01.txt", "d03.txt", "d04.txt"]
    );

    // A manifest's pairs are checked the same way.
    env.write(
        "pairs.csv",
        "zh,en\nzh/d01.txt,en/d01.txt\nzh/d02.txt,en/d02.txt\n",
    );
    let o = env.run(&[
        "align",
        "--presegmented",
        "--manifest",
        "pairs.csv",
        "-o",
        "m.csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("d02.txt looks English and"), "{err}");
    assert!(err.contains("1 suspicious"), "{err}");
    // The same pairs in their right order raise nothing, --strict or not.
    swap_pair(&env, "zh/d02.txt", "en/d02.txt");
    let o = run(&["--strict"], "fixed.csv");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("suspicious"), "{}", stderr(&o));
}

/// A JSON Lines record whose sides look wrong draws a warning naming its
/// line and doc and is aligned; with --strict it gets an error line, as a
/// malformed record does (exit 1).
#[test]
fn a_swapped_jsonl_record_warns_or_is_an_error_under_strict() {
    let env = TestEnv::new();
    let (zh, en) = (
        "上海精神很重要。各方支持一带一路。",
        "The Shanghai Spirit matters. All sides support the Belt and Road.",
    );
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"doc": "ok", "zh": zh, "en": en}),
        serde_json::json!({"doc": "sw", "zh": en, "en": zh}),
        serde_json::json!({"doc": "ok2", "zh": zh, "en": en}),
    );
    let run = |extra: &[&str]| {
        let args: Vec<&str> = ["align", "--jsonl", "-j", "2"]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        let o = env.run_with_stdin(&args, &input);
        let lines: Vec<serde_json::Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (o, lines)
    };
    let want = "`zh` looks English and `en` looks Chinese: the inputs seem swapped";
    let (o, lines) = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("termalign: warning: <stdin>:2 (doc `sw`): {want}")),
        "{err}"
    );
    assert!(
        err.contains("3 documents, 3 pairs, 0 unpaired, 0 failed, 1 suspicious;"),
        "{err}"
    );
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l["beads"].is_array()), "{lines:?}");

    let (o, lines) = run(&["--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("<stdin>:2: configuration error: "), "{err}");
    assert!(err.contains(want), "{err}");
    assert!(err.contains("(doc `sw`) (skipped)"), "{err}");
    let docs: Vec<&str> = lines.iter().map(|l| l["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["ok", "sw", "ok2"]);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1].get("beads").is_none(), "{}", lines[1]);
    assert!(
        lines[1]["error"].as_str().unwrap().contains(want),
        "{}",
        lines[1]
    );
    assert!(lines[0]["beads"].is_array() && lines[2]["beads"].is_array());
}
