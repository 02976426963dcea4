//! Build a benchmark corpus of N document pairs from real sentences.
//!
//!     cargo run --release --example gen_corpus -- N OUT_DIR [--shuffle-names] [--distinct] [--seed S]
//!
//! Sources: the SCO fixture's gold beads, and MAC-Dev's (../shared/align/
//! mac-dev) when present. Writes OUT_DIR/zh/NNNNNN.txt and OUT_DIR/en/…;
//! with --shuffle-names the English files get random names (for
//! `--pair content`) and OUT_DIR/truth.csv lists the true pairs (a
//! manifest). Documents are random windows of 8–40 beads, which overlap;
//! with --distinct they are cut one after another (8–24 beads) so that no
//! two share a sentence until the sources run out (about 80 documents
//! with MAC-Dev). Prints the number of documents and sentences.

#[path = "corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_corpus N OUT_DIR [--shuffle-names] [--distinct] [--seed S]";
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("{usage}"));
    let out = PathBuf::from(args.next().unwrap_or_else(|| panic!("{usage}")));
    let (mut shuffle, mut distinct, mut seed) = (false, false, 0x7e57_a119u64);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--shuffle-names" => shuffle = true,
            "--distinct" => distinct = true,
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| panic!("{usage}"))
            }
            _ => panic!("{usage}"),
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mac = root.join("../shared/align/mac-dev");
    let sources = corpus::sources(&root, Some(&mac));
    let sentences = corpus::write(&out, n, &sources, seed, shuffle, distinct);
    println!(
        "{n} document pairs, {sentences} gold sentences, from {} source documents, in {}",
        sources.len(),
        out.display()
    );
}
