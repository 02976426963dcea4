//! The `eval` subcommand and the aligner's options (`--presegmented`,
//! `--dict`), driven through the real binary.

mod common;

use common::{TestEnv, stderr, stdout};

#[test]
fn eval_prints_strict_and_lax_scores() {
    let env = TestEnv::new();
    env.write("gold.tsv", "0\t0\n1,2\t1\n3\t\n");
    env.write("pred.tsv", "0\t0\t0.99\n1\t1\t0.7\n2\t\t0.5\n3\t\t0.9\n");
    let out = env.run(&["eval", "gold.tsv", "pred.tsv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // 2 of 4 predicted beads exact, 1 of 2 gold pairs; lax 3/4 and 2/2.
    assert_eq!(
        stdout(&out),
        "strict\tP=0.5000\tR=0.5000\tF1=0.5000\nlax\tP=0.7500\tR=1.0000\tF1=0.8571\n"
    );
}

#[test]
fn eval_dirs_micro_average() {
    let env = TestEnv::new();
    env.write("g/a.tsv", "0\t0\n1\t1\n");
    env.write("g/b.tsv", "0\t0\n1\t1\n2\t2\n");
    env.write("p/a.tsv", "0\t0\n1\t1\n");
    env.write("p/b.tsv", "0,1\t0,1\n2\t2\n");
    let out = env.run(&[
        "eval",
        "--gold-dir",
        "g",
        "--pred-dir",
        "p",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // Micro: 3 exact of 4 predicted; 3 of 5 gold pairs found.
    assert_eq!(v["strict"]["precision"], 0.75);
    assert_eq!(v["strict"]["recall"], 0.6);
}

#[test]
fn eval_rejects_bad_lines_with_file_and_line() {
    let env = TestEnv::new();
    env.write("gold.tsv", "0\t0\n");
    env.write("pred.tsv", "0\t0\nx\t1\n");
    let out = env.run(&["eval", "gold.tsv", "pred.tsv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("pred.tsv:2:") && err.contains("`x`"), "{err}");
    let out = env.run(&["eval", "--gold-dir", "nowhere", "--pred-dir", "p"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A presegmented pair whose English line 2 has no Chinese source; only
/// lexical evidence places it.
const INSERTION_ZH: &str = "老人在河边钓鱼。\n孩子们在学校读书。\n\n天下雨了。\n";
const INSERTION_EN: &str = "The old man fished by the river.\nIt was a quiet morning in the village, long ago.\nThe children studied at school.\n\nIt rained.\n";

#[test]
fn presegmented_with_a_tsv_dictionary() {
    let env = TestEnv::new();
    // Line 2 of the English is an insertion; the dictionary ties the rest.
    env.write("zh.txt", INSERTION_ZH);
    env.write("en.txt", INSERTION_EN);
    env.write(
        "d.tsv",
        "老人\told man\n河边\triver bank\n钓鱼\tto fish\n孩子\tchild\n学校\tschool\n读书\tto study\n下雨\tto rain\n",
    );
    let out = env.run(&[
        "align",
        "zh.txt",
        "en.txt",
        "--presegmented",
        "--dict",
        "d.tsv",
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = stdout(&out);
    let mut r = ::csv::Reader::from_reader(csv.as_bytes());
    let beads: Vec<String> = r.records().map(|rec| rec.unwrap()[3].to_string()).collect();
    assert_eq!(beads, ["1-1", "0-1", "1-1", "1-1"], "{csv}");
    // A bad dictionary line is an error with its file and line.
    env.write("bad.tsv", "老人\told man\nnonsense\n");
    let out = env.run(&[
        "align",
        "zh.txt",
        "en.txt",
        "--presegmented",
        "--dict",
        "bad.tsv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.tsv:2:"), "{}", stderr(&out));
}

/// The bead shapes `align --help` and docs/alignment.md name are exactly the aligner's
/// (`ScoreParams::default().beads`), and `--max-bead N` keeps every bead within N
/// sentences a side.
#[test]
fn bead_shapes_are_one_documented_set_and_max_bead_limits_them() {
    let env = TestEnv::new();
    let shapes: Vec<String> = termalign::ScoreParams::default()
        .beads
        .iter()
        .map(|(k, _)| k.to_string())
        .collect();
    let help = stdout(&env.run(&["align", "--help"]));
    let listed = shapes.join(", ").replace(", 4-1", " and 4-1");
    let flat: String = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&listed), "--help lists {listed}:\n{help}");
    // The alignment model's page (moved out of the README) lists them too.
    let doc = std::fs::read_to_string(common::root().join("docs/alignment.md")).unwrap();
    let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let want = format!("**Beads** {}:", shapes.join(", "));
    assert!(doc.contains(&want), "docs/alignment.md lists {want}");
    // The seed pair has 1-2 and 2-1 beads by default; each --max-bead
    // keeps every bead within its limit.
    let zh = common::data("sco/zh.txt");
    let en = common::data("sco/en.txt");
    for n in ["1", "2", "3", "4"] {
        let out = env.run(&[
            "align",
            zh.to_str().unwrap(),
            en.to_str().unwrap(),
            "-f",
            "beads",
            "--max-bead",
            n,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let limit: usize = n.parse().unwrap();
        for line in stdout(&out).lines() {
            let mut cols = line.split('\t');
            let count = |c: Option<&str>| c.unwrap().split(',').filter(|x| !x.is_empty()).count();
            let (a, b) = (count(cols.next()), count(cols.next()));
            assert!(a <= limit && b <= limit, "--max-bead {n}: {line}");
            assert!(
                shapes.contains(&format!("{a}-{b}")),
                "undocumented shape {a}-{b}"
            );
        }
    }
    for bad in ["0", "5", "x"] {
        let out = env.run(&["align", "a", "b", "--max-bead", bad]);
        assert_eq!(out.status.code(), Some(2), "--max-bead {bad}");
    }
}

/// The built-in lexicon is on by default: the pair of
/// `presegmented_with_a_tsv_dictionary` aligns right without any --dict;
/// --no-default-dict turns it off (length alone misplaces the insertion).
#[test]
fn builtin_lexicon_is_on_by_default() {
    let env = TestEnv::new();
    env.write("zh.txt", INSERTION_ZH);
    env.write("en.txt", INSERTION_EN);
    let run = |extra: &[&str]| {
        let mut args = vec!["align", "zh.txt", "en.txt", "--presegmented", "-f", "beads"];
        args.extend_from_slice(extra);
        let out = env.run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| l.rsplit_once('\t').unwrap().0.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(&[]), ["0\t0", "\t1", "1\t2", "2\t3"]);
    assert_ne!(run(&["--no-default-dict"]), run(&[]));
    // --dict adds to the built-in lexicon; an empty --dict file is still
    // an error naming it.
    env.write("d.tsv", "老人\told man\n");
    assert_eq!(run(&["--dict", "d.tsv"]), run(&[]));
    env.write("empty.tsv", "");
    let out = env.run(&["align", "zh.txt", "en.txt", "--dict", "empty.tsv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("empty.tsv"), "{}", stderr(&out));
}

/// A pair that looks wrong is named in a warning (exit 0, output written);
/// with --strict it fails with exit 2 and writes nothing.
#[test]
fn suspicious_pairs_warn_and_strict_fails() {
    let env = TestEnv::new();
    let zh = common::read(&common::data("sco/zh.txt"));
    let en = common::read(&common::data("sco/en.txt"));
    env.write("zh.txt", &zh);
    env.write("en.txt", &en);
    // The first paragraph of the Chinese only, against the whole English.
    let title: String = zh.trim().lines().next().unwrap().to_string();
    env.write("title.txt", format!("{title}\n"));
    // A Chinese file that is mostly English (one Chinese line).
    env.write("mix.txt", format!("{title}\n\n{en}"));
    // An English file that is mostly Chinese (one English line).
    let en_title = en.trim().lines().next().unwrap().to_string();
    env.write("mixen.txt", format!("{en_title}\n\n{zh}"));
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "mix.txt",
            "mixen.txt",
            &[
                "mix.txt looks English and mixen.txt looks Chinese",
                "swapped",
            ],
        ),
        (
            "mix.txt",
            "en.txt",
            &["mix.txt: the Chinese input is not mostly Chinese"],
        ),
        (
            "zh.txt",
            "mixen.txt",
            &["mixen.txt: the English input is mostly Chinese"],
        ),
        (
            "title.txt",
            "en.txt",
            &["en.txt is far larger than a translation of title.txt"],
        ),
    ];
    for (z, e, want) in cases {
        let out = env.run(&["align", z, e, "-o", "out.tmx"]);
        assert!(out.status.success(), "{z} {e}: {}", stderr(&out));
        for w in *want {
            assert!(
                stderr(&out).contains(w),
                "{z} {e}: want {w:?} in {}",
                stderr(&out)
            );
        }
        std::fs::remove_file(env.path("out.tmx")).unwrap();
        let out = env.run(&["align", z, e, "-o", "out.tmx", "--strict"]);
        assert_eq!(out.status.code(), Some(2), "{z} {e} --strict");
        assert!(stderr(&out).contains(want[0]), "{}", stderr(&out));
        assert!(
            !env.path("out.tmx").exists(),
            "{z} {e}: no output under --strict"
        );
    }
    // A Chinese side without any Chinese (plainly swapped files) is refused
    // when read, naming the file.
    let out = env.run(&["align", "en.txt", "zh.txt", "-o", "out.tmx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("en.txt"), "{}", stderr(&out));
    // The real pair raises nothing, --strict or not.
    let out = env.run(&["align", "zh.txt", "en.txt", "-o", "out.tmx", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}
