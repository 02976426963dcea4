//! `termalign segment` through the real binary: the gold sentence lists,
//! JSON Lines spans, every input encoding and line-end convention, bad
//! bytes, and glossary-protected terms.

mod common;

use common::{TestEnv, data, read, stderr, stdout};
use termalign::Lang;
use termalign::segment::Segmenter;

fn segment(env: &TestEnv, args: &[&str]) -> std::process::Output {
    let mut all = vec!["segment"];
    all.extend_from_slice(args);
    env.run(&all)
}

#[test]
fn seed_has_two_articles_with_titles_and_matches_gold() {
    for (lang, l) in [("zh", Lang::Zh), ("en", Lang::En)] {
        let text = read(&data(&format!("sco/{lang}.txt")));
        let segs = Segmenter::new(l).segment(&text);
        let gold = read(&data(&format!("sco/{lang}.sents.txt")));
        let want: Vec<&str> = gold.lines().filter(|l| !l.is_empty()).collect();
        let got: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(got, want, "{lang}");
        let titles: Vec<(usize, usize)> = segs
            .iter()
            .filter(|s| s.is_title)
            .map(|s| (s.index, s.article))
            .collect();
        let second = if lang == "zh" { 25 } else { 24 };
        assert_eq!(titles, [(0, 0), (second, 1)], "{lang}");
        assert_eq!(segs.last().unwrap().article, 1, "{lang}");
    }
}

#[test]
fn hard_wrapped_english_matches_gold() {
    let env = TestEnv::new();
    let wrapped = data("sco/en.wrapped.txt");
    assert!(read(&wrapped).lines().all(|l| l.chars().count() <= 72));
    let out = segment(&env, &["--lang", "en", wrapped.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), read(&data("sco/en.sents.txt")));
}

#[test]
fn jsonl_carries_spans_paragraphs_and_articles() {
    let env = TestEnv::new();
    for lang in ["zh", "en"] {
        let input = data(&format!("sco/{lang}.txt"));
        let text = read(&input);
        let out = segment(
            &env,
            &["--lang", lang, "--format", "jsonl", input.to_str().unwrap()],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let rows: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        let gold = read(&data(&format!("sco/{lang}.sents.txt")));
        assert_eq!(rows.len(), gold.lines().filter(|l| !l.is_empty()).count());
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        let mut last_paragraph = 0;
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r["index"], i);
            let seg = r["text"].as_str().unwrap();
            let b = &r["span"]["bytes"];
            let (bs, be) = (
                b["start"].as_u64().unwrap() as usize,
                b["end"].as_u64().unwrap() as usize,
            );
            let c = &r["span"]["chars"];
            let (cs, ce) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert!(bs >= last_end, "spans in order, not overlapping");
            last_end = be;
            let by_bytes = &text[bs..be];
            let by_chars: String = chars[cs..ce].iter().collect();
            assert_eq!(by_bytes, by_chars, "byte and char spans agree");
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(squeeze(by_bytes), squeeze(seg), "span covers the sentence");
            let p = r["paragraph"].as_u64().unwrap();
            assert!(p >= last_paragraph);
            last_paragraph = p;
        }
        let articles: Vec<u64> = rows
            .iter()
            .map(|r| r["article"].as_u64().unwrap())
            .collect();
        assert_eq!(articles.first(), Some(&0));
        assert_eq!(articles.last(), Some(&1));
        assert!(articles.windows(2).all(|w| w[0] <= w[1]));
        let titles = rows.iter().filter(|r| r["is_title"] == true).count();
        assert_eq!(titles, 2, "{lang}");
    }
}

#[test]
fn jsonl_format_is_exact() {
    let env = TestEnv::new();
    let input = env.write("doc.txt", "\n标题\n\n新华社北京7月5日电 甲。“乙！”\r\n");
    let out = segment(
        &env,
        &["--lang", "zh", "--format", "jsonl", input.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let want = concat!(
        r#"{"index":0,"article":0,"paragraph":0,"is_title":true,"is_furniture":false,"text":"标题","span":{"bytes":{"start":1,"end":7},"chars":{"start":1,"end":3}}}"#,
        "\n",
        r#"{"index":1,"article":0,"paragraph":1,"is_title":false,"is_furniture":false,"text":"新华社北京7月5日电 甲。","span":{"bytes":{"start":9,"end":42},"chars":{"start":5,"end":18}}}"#,
        "\n",
        r#"{"index":2,"article":0,"paragraph":1,"is_title":false,"is_furniture":false,"text":"“乙！”","span":{"bytes":{"start":42,"end":54},"chars":{"start":18,"end":22}}}"#,
        "\n",
    );
    assert_eq!(stdout(&out), want);
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn every_encoding_and_line_end_gives_the_same_sentences() {
    let env = TestEnv::new();
    let text = read(&data("sco/zh.txt"));
    let gold = read(&data("sco/zh.sents.txt"));
    let crlf = text.replace('\n', "\r\n");
    let cr = text.replace('\n', "\r");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    let gb18030 = encoding_rs::GB18030.encode(&text).0.into_owned();
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        ("utf8.txt", text.clone().into_bytes(), &[]),
        ("bom.txt", bom, &[]),
        ("crlf.txt", crlf.clone().into_bytes(), &[]),
        ("cr.txt", cr.into_bytes(), &[]),
        ("utf16le.txt", utf16(&crlf, true), &[]),
        ("utf16be.txt", utf16(&text, false), &[]),
        ("gb18030.txt", gb18030, &[]),
        ("gbk.txt", gbk.clone(), &["--encoding", "gbk"]),
        ("gbk-detected.txt", gbk, &[]),
    ];
    for (name, bytes, extra) in cases {
        let path = env.write(name, bytes);
        let mut args = vec!["--lang", "zh", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = segment(&env, &args);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(stdout(&out), gold, "{name}");
        assert_eq!(stderr(&out), "", "{name}: no warning for clean input");
    }
}

#[test]
fn invalid_bytes_are_one_line_errors_with_offset_unless_lossy() {
    let env = TestEnv::new();
    let path = env.write("bad.txt", b"First line.\nSecond \xFF line.\n");
    let out = segment(&env, &["--lang", "en", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "", "no partial output");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.txt:2: encoding error: invalid UTF-8 byte 0xFF"),
        "{err}"
    );
    assert!(err.contains("(at byte 19)"), "{err}");

    let out = segment(&env, &["--lang", "en", "--lossy", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "First line.\nSecond \u{FFFD} line.\n");
    let err = stderr(&out);
    assert!(
        err.contains("warning") && err.contains("replacing 1 undecodable"),
        "{err}"
    );

    // A GBK file with one corrupt byte: GB18030 is blamed, at that byte.
    let mut gbk = encoding_rs::GBK.encode("第一句。\n第二句").0.into_owned();
    let at = gbk.len();
    gbk.push(0xFF);
    let path = env.write("bad-gbk.txt", &gbk);
    let out = segment(&env, &["--lang", "zh", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad-gbk.txt:2: encoding error: invalid gb18030 byte 0xFF"),
        "{err}"
    );
    assert!(err.contains(&format!("(at byte {at})")), "{err}");
    let out = segment(&env, &["--lang", "zh", "--lossy", path.to_str().unwrap()]);
    assert_eq!(stdout(&out), "第一句。\n第二句\u{FFFD}\n");
    assert!(
        stderr(&out).contains("decoded as gb18030"),
        "{}",
        stderr(&out)
    );

    let out = segment(
        &env,
        &[
            "--lang",
            "zh",
            "--encoding",
            "klingon",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown encoding `klingon`"));
}

#[test]
fn output_keeps_original_width_forms() {
    let env = TestEnv::new();
    let input = "增长５．２％。ＳＣＯ峰会开幕！会议　继续。";
    let path = env.write("wide.txt", input);
    let out = segment(&env, &["--lang", "zh", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "增长５．２％。\nＳＣＯ峰会开幕！\n会议　继续。\n"
    );
}

#[test]
fn glossary_terms_are_never_split() {
    let env = TestEnv::new();
    let glossary = env.write(
        "terms.csv",
        "zh,en\n你好！中国,Hello! China\n联合国安理会,U.N. Security Council\n",
    );
    let zh = env.write("zh.txt", "活动主题为“你好！中国”系列。各方支持。\n");
    let en = env.write(
        "en.txt",
        "The theme was Hello! China this year. All agreed.\n",
    );
    let cases = [
        (
            "zh",
            &zh,
            "活动主题为“你好！中国”系列。\n各方支持。\n",
            "活动主题为“你好！\n中国”系列。\n各方支持。\n",
        ),
        (
            "en",
            &en,
            "The theme was Hello! China this year.\nAll agreed.\n",
            "The theme was Hello!\nChina this year.\nAll agreed.\n",
        ),
    ];
    for (lang, path, with, without) in cases {
        let p = path.to_str().unwrap();
        let g = glossary.to_str().unwrap();
        let out = segment(&env, &["--lang", lang, "--no-default-glossary", "-g", g, p]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), with, "{lang} with the glossary");
        let out = segment(&env, &["--lang", lang, "--no-default-glossary", p]);
        assert_eq!(stdout(&out), without, "{lang} without it");
    }
}

#[test]
fn reads_standard_input() {
    let env = TestEnv::new();
    let mut child = env
        .cmd()
        .args(["segment", "--lang", "en"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Mr. Smith came. He sat.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(stdout(&out), "Mr. Smith came.\nHe sat.\n");
}
