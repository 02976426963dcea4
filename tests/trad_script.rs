//! Traditional-script releases with the (simplified) built-in glossary: the
//! seed, its gold sentences and the planted-error memory converted to Hong
//! Kong and Taiwan script with OpenCC (`tests/data/trad/`, see its README)
//! must give the same term hits, alignment and check findings as the
//! simplified originals.

mod common;

use std::collections::BTreeMap;

use termalign::Pipeline;
use termalign::align::Aligner;
use termalign::align::eval::parse_beads;
use termalign::align::eval::text::{CompactIndex, TextCounts, span_beads};
use termalign::check::{CheckOptions, Checker};
use termalign::glossary::{Glossary, TermMatcher};
use termalign::script::{Script, detect, fold};

const VARIANTS: [(&str, Script); 2] = [("hk", Script::HongKong), ("tw", Script::Taiwan)];

fn read(rel: &str) -> String {
    common::read(&common::data(rel))
}

/// Hits per entry zh, with the text found for each.
fn hits(m: &TermMatcher, g: &Glossary, text: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for h in m.find_zh(text) {
        out.entry(g.get(h.entry).zh.clone())
            .or_default()
            .push(text[h.span.bytes.clone()].to_string());
    }
    out
}

#[test]
fn traditional_seed_finds_the_simplified_terms() {
    let g = Glossary::builtin();
    let m = TermMatcher::new(&g).unwrap();
    let simp = read("sco/zh.txt");
    let base = hits(&m, &g, &simp);
    let total: usize = base.values().map(Vec::len).sum();
    assert!(total > 150, "{total} hits in the simplified seed");
    for (v, script) in VARIANTS {
        let text = read(&format!("trad/sco.{v}.zh.txt"));
        assert_eq!(detect(&text), Some(script), "{v}");
        let found = hits(&m, &g, &text);
        // Same entries, at least as many times each (up to the original's).
        let same: usize = base
            .iter()
            .map(|(zh, h)| h.len().min(found.get(zh).map_or(0, Vec::len)))
            .sum();
        let ratio = same as f64 / total as f64;
        eprintln!("{v}: {same} of {total} term occurrences ({ratio:.3})");
        assert!(ratio >= 0.98, "{v}: {same}/{total}");
        // Hits quote the text as written, in its own script.
        let sco = &found["上海合作组织"];
        assert!(sco.iter().all(|t| t == "上海合作組織"), "{sco:?}");
    }
}

fn text_f1(zh_rel: &str, sents_rel: &str) -> f64 {
    let zh = read(zh_rel);
    let en = read("sco/en.txt");
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let doc = p.align_texts(&zh, &en);
    let gold = parse_beads(&read("sco/gold.tsv"), "gold.tsv").unwrap();
    let (zi, ei) = (CompactIndex::new(&zh), CompactIndex::new(&en));
    let zs: Vec<String> = read(sents_rel)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(String::from)
        .collect();
    let es: Vec<String> = read("sco/en.sents.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(String::from)
        .collect();
    let zg = zi.locate(&zs, sents_rel).unwrap();
    let eg = ei.locate(&es, "en.sents.txt").unwrap();
    let pred = span_beads(&doc.alignment.beads, &doc.zh, &doc.en, &zi, &ei);
    let mut c = TextCounts::default();
    c.add(&gold, &zg, &eg, &pred, "sco").unwrap();
    c.scores().f1
}

#[test]
fn traditional_seed_aligns_as_well_as_simplified() {
    let simp = text_f1("sco/zh.txt", "sco/zh.sents.txt");
    for (v, _) in VARIANTS {
        let f1 = text_f1(
            &format!("trad/sco.{v}.zh.txt"),
            &format!("trad/sco.{v}.zh.sents.txt"),
        );
        eprintln!("text-level F1: simplified {simp:.4}, {v} {f1:.4}");
        assert!((simp - f1).abs() <= 0.005, "{v}: {f1:.4} vs {simp:.4}");
    }
}

#[test]
fn check_finds_the_same_errors_in_a_traditional_memory() {
    let checker = Checker::new(Glossary::builtin(), CheckOptions::default()).unwrap();
    let run = |rel: &str| {
        let units: Vec<_> = termalign::tm::read::open(&common::data(rel))
            .unwrap()
            .collect::<termalign::Result<_>>()
            .unwrap();
        let findings = checker.check(&units).unwrap().findings;
        findings
            .into_iter()
            // Texts quoted from the unit are in its own script.
            .map(|f| {
                let fold = |t: Option<String>| t.map(|t| fold(&t).into_owned());
                (f.unit, f.rule, f.term, fold(f.expected), fold(f.found))
            })
            .collect::<Vec<_>>()
    };
    for ext in ["tmx", "csv"] {
        let simp = run(&format!("check/planted.{ext}"));
        assert!(simp.len() >= 8, "{simp:#?}");
        for (v, _) in VARIANTS {
            let trad = run(&format!("trad/check.{v}.planted.{ext}"));
            eprintln!(
                "{v}.{ext}: {} findings, simplified {}",
                trad.len(),
                simp.len()
            );
            assert_eq!(trad, simp, "{v}.{ext}");
        }
    }
    // Findings quote the unit's own text, with the glossary entry.
    let units: Vec<_> = termalign::tm::read::open(&common::data("trad/check.hk.planted.tmx"))
        .unwrap()
        .collect::<termalign::Result<_>>()
        .unwrap();
    let run = checker.check(&units).unwrap();
    let forbidden = run
        .findings
        .iter()
        .find(|f| f.rule == termalign::check::Rule::TermForbidden)
        .unwrap();
    assert_eq!(forbidden.term.as_deref(), Some("一带一路"));
    assert_eq!(forbidden.source_term.as_deref(), Some("一帶一路"));
    assert!(
        forbidden.message.contains("一帶一路 (glossary: 一带一路)"),
        "{}",
        forbidden.message
    );
}

#[test]
fn tmx_says_what_the_text_is_and_merge_keeps_scripts_apart() {
    let env = common::TestEnv::new();
    let en = common::data("sco/en.txt");
    let en = en.to_str().unwrap();
    for (zh, out) in [
        ("sco/zh.txt", "cn.tmx"),
        ("trad/sco.hk.zh.txt", "hk.tmx"),
        ("trad/sco.tw.zh.txt", "tw.tmx"),
    ] {
        let zh = common::data(zh);
        let o = env.run(&[
            "align",
            zh.to_str().unwrap(),
            en,
            "-o",
            out,
            "--date",
            "2024-07-04",
        ]);
        assert!(o.status.success(), "{}", common::stderr(&o));
    }
    let hk = std::fs::read_to_string(env.path("hk.tmx")).unwrap();
    assert!(hk.contains(r#"srclang="zh-HK""#));
    assert!(!hk.contains(r#"xml:lang="zh-CN""#));
    // x-terms quote the unit's text, then the glossary entry.
    assert!(
        hk.contains("上海合作組織成員國元首理事會=上海合作组织成员国元首理事会"),
        "{hk}"
    );
    let tw = std::fs::read_to_string(env.path("tw.tmx")).unwrap();
    assert!(tw.contains(r#"xml:lang="zh-TW""#));
    let cn = std::fs::read_to_string(env.path("cn.tmx")).unwrap();
    assert!(!cn.contains("zh-HK") && !cn.contains("=习近平"));

    let count = |s: &str, tag: &str| s.matches(&format!("xml:lang=\"{tag}\"")).count();
    let units = count(&cn, "zh-CN");
    let o = env.run(&["tm", "merge", "cn.tmx", "hk.tmx", "-o", "m.tmx"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let m = std::fs::read_to_string(env.path("m.tmx")).unwrap();
    assert_eq!((count(&m, "zh-CN"), count(&m, "zh-HK")), (units, units));
    // Told otherwise, every unit is what --src-lang says.
    let o = env.run(&[
        "tm",
        "merge",
        "cn.tmx",
        "hk.tmx",
        "-o",
        "m2.tmx",
        "--src-lang",
        "zh-Hant",
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let m = std::fs::read_to_string(env.path("m2.tmx")).unwrap();
    assert_eq!(count(&m, "zh-Hant"), 2 * units);
}

#[test]
fn glossary_lint_notes_script_collisions_and_convert_writes_traditional() {
    let env = common::TestEnv::new();
    env.write(
        "g.csv",
        "zh,en\n台湾,Taiwan\n上海精神,Shanghai Spirit\n臺灣,Taiwan region\n发展,development\n發展,development\n",
    );
    let o = env.run(&["glossary", "lint", "g.csv"]);
    let out = common::stdout(&o) + &common::stderr(&o);
    // Different renderings: an error (loading refuses it); the same: a warning.
    assert!(
        out.contains(
            "g.csv:4: error: `臺灣` and `台湾` (line 2) are the same term in another script"
        ),
        "{out}"
    );
    assert!(
        out.contains("g.csv:6: warning: `發展` and `发展` (line 5)"),
        "{out}"
    );
    assert!(out.contains("[script]"), "{out}");
    assert!(
        Glossary::load(&env.path("g.csv"))
            .unwrap_err()
            .to_string()
            .contains("`臺灣` has approved rendering")
    );

    // A traditional-script house entry overrides the built-in simplified one.
    env.write(
        "house.csv",
        "zh,en\n上海合作組織,Shanghai Cooperation Organisation\n",
    );
    let mut g = Glossary::builtin();
    let notes = g.overlay(Glossary::load(&env.path("house.csv")).unwrap());
    assert_eq!(notes.len(), 1);
    let e = g.find_zh("上海合作组织").unwrap();
    assert_eq!(e.en, "Shanghai Cooperation Organisation");
    let m = TermMatcher::new(&g).unwrap();
    let hits = m.find_zh("上海合作组织成立");
    assert_eq!(g.get(hits[0].entry).en, "Shanghai Cooperation Organisation");

    // The shipped glossary has no such pair.
    let shipped_path = common::root().join("glossary/default.csv");
    let shipped = shipped_path.to_str().unwrap();
    let o = env.run(&["glossary", "lint", "--strict", shipped]);
    assert!(o.status.success(), "{}", common::stdout(&o));

    let convert = |from: &str, to: &str, script: &str| {
        env.run(&["glossary", "convert", from, to, "--script", script])
    };
    let o = convert(shipped, "hk.csv", "zh-HK");
    assert!(o.status.success(), "{}", common::stderr(&o));
    let hk = std::fs::read_to_string(env.path("hk.csv")).unwrap();
    assert!(hk.contains("\n上海合作組織,"), "{hk}");
    // The converted glossary finds the same terms in the simplified seed.
    let g = Glossary::builtin();
    let h = Glossary::load(&env.path("hk.csv")).unwrap();
    assert_eq!(g.len(), h.len());
    let text = read("sco/zh.txt");
    let count = |g: &Glossary| TermMatcher::new(g).unwrap().find_zh(&text).len();
    assert_eq!(count(&g), count(&h));

    let o = convert("g.csv", "tw.tbx", "zh-TW");
    assert!(!o.status.success(), "two entries become one: an error");
    let o = convert(shipped, "tw.tbx", "zh-TW");
    assert!(o.status.success(), "{}", common::stderr(&o));
    let tbx = std::fs::read_to_string(env.path("tw.tbx")).unwrap();
    assert!(tbx.contains(r#"<langSet xml:lang="zh-TW">"#));
    let o = convert("g.csv", "x.csv", "fr");
    assert!(!o.status.success());
    assert!(common::stderr(&o).contains("names no Chinese script"));
}

/// Word boundaries (char offsets) of jieba's tokenisation.
fn boundaries(
    t: &termalign::lexicon::ZhTokenizer,
    text: &str,
) -> std::collections::BTreeSet<usize> {
    let mut at = 0;
    let mut out = std::collections::BTreeSet::new();
    for w in t.words(text) {
        at += w.chars().count();
        out.insert(at);
    }
    out
}

/// jieba's dictionary is simplified: tokenising the script-folded text (what
/// the aligner does) gives the simplified text's words; tokenising the
/// traditional text as it is loses many.
#[test]
fn folded_traditional_text_tokenises_like_simplified() {
    let g = Glossary::builtin();
    let t = termalign::lexicon::ZhTokenizer::for_glossary(&g);
    let simp = read("sco/zh.txt");
    let base = boundaries(&t, &simp);
    let agree = |b: &std::collections::BTreeSet<usize>| {
        let both = b.intersection(&base).count() as f64;
        // F1 of the boundaries.
        2.0 * both / (b.len() + base.len()) as f64
    };
    for (v, _) in VARIANTS {
        let text = read(&format!("trad/sco.{v}.zh.txt"));
        let raw = agree(&boundaries(&t, &text));
        let folded = agree(&boundaries(&t, &fold(&text)));
        eprintln!(
            "{v}: word-boundary F1 against the simplified text: raw {raw:.3}, folded {folded:.3}"
        );
        assert!(folded >= 0.995, "{v}: {folded:.3}");
        assert!(folded > raw);
    }
}

#[test]
fn dictionary_finds_words_in_any_script() {
    let d = termalign::lexicon::Dictionary::builtin();
    if d.is_empty() {
        eprintln!("NOTICE: skipping: no built-in lexicon in this build");
        return;
    }
    // CC-CEDICT has both scripts' headwords; regional variants fold.
    for w in [
        "线路", "線路", "綫路", "里面", "裡面", "裏面", "台湾", "臺灣",
    ] {
        assert!(d.lookup_any_script(w).is_some(), "{w}");
    }
    assert_eq!(d.lookup_any_script("綫路"), d.lookup("线路"));
}

#[test]
fn csv_says_what_the_text_is_and_converts_back() {
    let env = common::TestEnv::new();
    let (zh, en) = (
        common::data("trad/sco.tw.zh.txt"),
        common::data("sco/en.txt"),
    );
    let o = env.run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "-o",
        "tw.csv",
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let csv = std::fs::read_to_string(env.path("tw.csv")).unwrap();
    assert!(
        csv.starts_with("zh,en,score,bead,doc,terms,lang\n"),
        "{csv}"
    );
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",zh-TW")));
    let o = env.run(&["tm", "convert", "tw.csv", "tw.tmx"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let tmx = std::fs::read_to_string(env.path("tw.tmx")).unwrap();
    assert!(
        tmx.contains(r#"<tuv xml:lang="zh-TW">"#) && !tmx.contains("x-lang"),
        "{tmx}"
    );
    // A simplified memory keeps its six columns.
    let zh = common::data("sco/zh.txt");
    let o = env.run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "-o",
        "cn.csv",
    ]);
    assert!(o.status.success());
    let csv = std::fs::read_to_string(env.path("cn.csv")).unwrap();
    assert!(csv.starts_with("zh,en,score,bead,doc,terms\n"));
}

#[test]
fn a_simplified_protected_term_protects_its_traditional_form() {
    use termalign::{Lang, segment::Segmenter};
    let text = "他加入了雅虎！財經。後來離開了。";
    let plain = Segmenter::new(Lang::Zh).segment(text);
    assert_eq!(plain.len(), 3, "{plain:?}");
    for term in ["雅虎！财经", "雅虎！財經"] {
        let seg = Segmenter::new(Lang::Zh).with_protected_terms([term]);
        let s: Vec<String> = seg.segment(text).into_iter().map(|s| s.text).collect();
        assert_eq!(s, ["他加入了雅虎！財經。", "後來離開了。"], "{term}");
    }
}

#[test]
fn merge_never_takes_units_of_two_scripts_for_duplicates() {
    let env = common::TestEnv::new();
    let tmx = |lang: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"{lang}\"/><body>\n\
             <tu><tuv xml:lang=\"{lang}\"><seg>2024年7月4日</seg></tuv><tuv xml:lang=\"en-US\"><seg>4 July 2024</seg></tuv></tu>\n\
             </body></tmx>\n"
        )
    };
    env.write("cn.tmx", tmx("zh-CN"));
    env.write("hk.tmx", tmx("zh-HK"));
    let o = env.run(&["tm", "merge", "cn.tmx", "hk.tmx", "-o", "m.tmx"]);
    assert!(
        common::stderr(&o).contains("0 duplicate(s) removed, 2 written"),
        "{}",
        common::stderr(&o)
    );
    let o = env.run(&[
        "tm",
        "merge",
        "cn.tmx",
        "hk.tmx",
        "-o",
        "m.tmx",
        "--src-lang",
        "zh-HK",
    ]);
    assert!(
        common::stderr(&o).contains("1 duplicate(s) removed, 1 written"),
        "{}",
        common::stderr(&o)
    );
}

/// `script::convert` (ferrous-opencc) writes what the opencc tool wrote.
#[test]
fn conversion_matches_the_opencc_tool() {
    use termalign::script::convert;
    let simp = read("sco/zh.txt");
    for (v, script) in VARIANTS {
        assert_eq!(
            convert(&simp, script),
            read(&format!("trad/sco.{v}.zh.txt")),
            "{v}"
        );
    }
}
