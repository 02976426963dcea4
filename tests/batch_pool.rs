//! The batch runner keeps every parallel step on the pool it is given:
//! pairing folders by content, aligning jobs (and pairing the articles of
//! a job by content), and JSON Lines. Proved by rayon's global pool never
//! starting in this process: `build_global` succeeds only if nothing ran on
//! it. Its own test binary, so no other test touches the global pool.

mod common;

use std::io::Cursor;

use common::{TestEnv, data, read};
use termalign::align::Aligner;
use termalign::batch::{BatchOptions, Folders, PairOptions, Pairing, ReadOptions, Runner};
use termalign::glossary::Glossary;
use termalign::tm::{Format, TmOutput, WriterOptions};
use termalign::{Pipeline, Result};

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

/// Content-pair the folders, run the plan, and run JSON Lines on a pool of
/// `threads`: (plan rows, CSV written, JSON Lines written).
fn run_all(env: &TestEnv, p: &Pipeline, threads: usize) -> Result<(usize, String, String)> {
    let options = BatchOptions {
        read: ReadOptions {
            presegmented: true,
            ..ReadOptions::default()
        },
        keep_going: true,
        strict: false,
    };
    let runner = Runner::new(p, pool(threads), options);
    assert_eq!(runner.pool().current_num_threads(), threads);
    let folders = Folders {
        zh: env.path("zh"),
        en: env.path("en"),
        globs: Vec::new(),
    };
    let plan = runner.plan_folders(&folders, &Pairing::Content(PairOptions::default()))?;
    let rows = plan.rows.len();
    let csv = env.path(&format!("out{threads}.csv"));
    let mut writer = TmOutput::create(&csv, Format::Csv, &WriterOptions::default())?;
    let summary = runner.run(plan, &mut (), &mut writer)?;
    assert_eq!(summary.failed, 0);
    assert_eq!((summary.pairs, summary.unpaired), (2, 0), "{summary:?}");

    // A document whose Chinese side holds two articles and English side
    // one: its articles are paired by content inside the job.
    let zh = read(&data("sco/zh.sents.txt"));
    let en = read(&data("sco/en.sents.txt"));
    let first_en = en.split("\n\n").next().unwrap();
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"doc": "whole", "zh": zh, "en": en}),
        serde_json::json!({"doc": "first", "zh": zh, "en": first_en}),
    );
    let mut jsonl = Vec::new();
    let summary = runner.run_jsonl(Cursor::new(input), &mut jsonl, &mut ())?;
    assert_eq!(summary.documents, 2);
    Ok((rows, read(&csv), String::from_utf8(jsonl).expect("UTF-8")))
}

#[test]
fn every_parallel_step_runs_on_the_given_pool() {
    let env = TestEnv::new();
    let zh = read(&data("sco/zh.sents.txt"));
    let en = read(&data("sco/en.sents.txt"));
    let (zh1, zh2) = zh.split_once("\n\n").unwrap();
    let (en1, en2) = en.split_once("\n\n").unwrap();
    // Names that say nothing: only content pairs x with q and y with p.
    env.write("zh/x.txt", zh1);
    env.write("zh/y.txt", zh2);
    env.write("en/p.txt", en2);
    env.write("en/q.txt", en1);
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();

    let one = run_all(&env, &p, 1).unwrap();
    let three = run_all(&env, &p, 3).unwrap();
    assert_eq!(one, three, "the output depends on the number of threads");
    let (rows, csv, jsonl) = one;
    assert_eq!(rows, 2);
    // Each document's first unit pairs the first lines of the articles.
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let firsts: Vec<(String, String)> = r
        .records()
        .map(|rec| rec.unwrap())
        .filter(|rec| rec[3] != *"0-1" && rec[3] != *"1-0")
        .map(|rec| (rec[4].to_string(), rec[1].to_string()))
        .fold(Vec::new(), |mut v, (doc, en)| {
            if v.last().is_none_or(|(d, _)| *d != doc) {
                v.push((doc, en));
            }
            v
        });
    let first_line = |t: &str| t.lines().next().unwrap().to_string();
    assert_eq!(
        firsts,
        [
            ("x.txt".to_string(), first_line(en1)),
            ("y.txt".to_string(), first_line(en2)),
        ]
    );
    // The second JSON Lines document's Chinese side holds two articles,
    // its English side one: the job pairs them by content.
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["doc"], "first");
    assert_eq!(lines[1]["beads"][0]["en"], first_line(en1).as_str());

    // Nothing above ran on rayon's global pool, so it can still be built.
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("a parallel step ran outside the runner's pool, on rayon's global pool");
}
