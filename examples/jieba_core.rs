//! Rebuild `src/lexicon/data/jieba-core.txt`, the trimmed jieba dictionary
//! termalign tokenises with, from jieba's full `dict.txt` (in jieba-rs's
//! package: `src/data/dict.txt`):
//!
//! `cargo run --example jieba_core -- PATH/TO/dict.txt > src/lexicon/data/jieba-core.txt`
//!
//! Keeps every word with frequency ≥ 5, in the file's order, and adds one
//! placeholder entry (U+E000, a private-use character) carrying the
//! frequency of the words left out, so that jieba's total, and with it
//! every kept word's probability, is the same as with the full dictionary.

use std::io::Write;

const MIN_FREQ: u64 = 5;
const PLACEHOLDER: char = '\u{E000}';

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: jieba_core PATH/TO/jieba/dict.txt > jieba-core.txt");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut left_out = 0u64;
    for (n, line) in text.lines().enumerate() {
        let freq: u64 = match line.split_ascii_whitespace().nth(1).map(str::parse) {
            Some(Ok(f)) => f,
            _ => {
                eprintln!("{path}:{}: no frequency in {line:?}", n + 1);
                std::process::exit(2);
            }
        };
        if freq >= MIN_FREQ {
            writeln!(out, "{line}").expect("write to stdout");
        } else {
            left_out += freq;
        }
    }
    writeln!(out, "{PLACEHOLDER} {left_out} x").expect("write to stdout");
}
