//! The built-in CC-CEDICT lexicon: real entries, merging user files on
//! top, and the same stems as loading the same CC-CEDICT lines with
//! `--dict` (checked against ../shared/dict/cedict_ts.u8.gz, an older
//! CC-CEDICT release: compared on the headwords whose glosses did not change;
//! skipped with a notice when ../shared is absent, required under CI=true).

mod common;

use std::collections::HashMap;
use std::io::Read;

use termalign::lexicon::{BuiltinLexicon, Dictionary, EnNormalizer, StemKey, key};

fn stems(words: &[&str]) -> Vec<StemKey> {
    let n = EnNormalizer::new();
    words.iter().map(|w| key(&n.stem(w).unwrap())).collect()
}

#[test]
fn real_entries_give_content_stems() {
    let d = Dictionary::builtin();
    assert!(d.has_builtin());
    assert_eq!(d.len(), BuiltinLexicon::get().len());
    let g = d.glosses("朋友").unwrap();
    assert!(stems(&["friend"]).iter().all(|k| g.contains(k)));
    // Traditional and simplified forms give the same evidence.
    assert_eq!(d.glosses("中国"), d.glosses("中國"));
    assert_eq!(d.glosses("中国").unwrap(), &stems(&["china"])[..]);
    let g = d.glosses("峰会").unwrap();
    assert!(g.contains(&stems(&["summit"])[0]));
    let g = d.glosses("合作").unwrap();
    assert!(g.contains(&stems(&["cooperate"])[0]));
    // A compound CC-CEDICT lacks splits into the words it has.
    assert!(d.lookup("阿斯塔纳峰会").is_none());
    assert_eq!(
        d.split_longest("阿斯塔纳峰会"),
        vec![d.lookup("阿斯塔纳").unwrap(), d.lookup("峰会").unwrap()]
    );
    // Headwords whose glosses are all cross-references have no entry.
    assert!(BuiltinLexicon::get().id("㚻奸").is_some());
    assert!(d.lookup("㚻奸").is_none());
}

#[test]
fn user_files_add_to_the_builtin_lexicon() {
    let env = common::TestEnv::new();
    let p = env.write("user.tsv", "朋友\tpal\n上合峰会\tSCO summit\n");
    let builtin = Dictionary::builtin();
    let d = Dictionary::builtin().with_files(&[&p]).unwrap();
    assert_eq!(d.len(), builtin.len() + 1);
    assert_eq!((builtin.file_entries(), d.file_entries()), (0, 2));
    // A file without entries adds nothing, and says so.
    let empty = env.write("empty.tsv", "# nothing here\n");
    let e = Dictionary::builtin().with_files(&[&empty]).unwrap();
    assert_eq!((e.len(), e.file_entries()), (builtin.len(), 0));
    // An existing headword keeps its built-in glosses and gains the file's.
    let mut want = builtin.glosses("朋友").unwrap().to_vec();
    want.extend(stems(&["pal"]));
    assert_eq!(d.glosses("朋友").unwrap(), &want[..]);
    assert_eq!(d.lookup("朋友"), builtin.lookup("朋友"));
    // A new headword gets an id after the built-in ones.
    let id = d.lookup("上合峰会").unwrap();
    assert!(id as usize >= builtin.len());
    assert_eq!(d.entry(id), &stems(&["sco", "summit"])[..]);
    // Untouched entries are as without the file.
    assert_eq!(d.glosses("中国"), builtin.glosses("中国"));
    // A bad file is an error naming the file and line.
    let bad = env.write("bad.txt", "好\tgood\nnot a dictionary line\n");
    let e = Dictionary::builtin().with_files(&[&bad]).unwrap_err();
    assert_eq!(e.line(), Some(2));
    assert!(e.to_string().contains("bad.txt"), "{e}");
}

/// Per headword, the CC-CEDICT gloss text as the built-in table keeps it:
/// `/g/g/…/` per entry in file order, classifier (`CL:`) glosses left out
/// (the `chinese_dictionary` crate moves them to a field of their own; they
/// carry no stems).
fn gloss_texts(cedict: &str) -> HashMap<&str, String> {
    let mut out: HashMap<&str, String> = HashMap::new();
    for line in cedict.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, ' ');
        let (trad, simp, rest) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let glosses = rest[rest.find('/').unwrap()..].trim_end();
        let mut text = String::from("/");
        for g in glosses.split('/').filter(|g| !g.is_empty()) {
            if !g.starts_with("CL:") {
                text.push_str(g);
                text.push('/');
            }
        }
        out.entry(simp).or_default().push_str(&text);
        if trad != simp {
            out.entry(trad).or_default().push_str(&text);
        }
    }
    out
}

#[test]
fn same_stems_as_the_cedict_file_for_unchanged_entries() {
    let Some(path) = common::shared("dict/cedict_ts.u8.gz") else {
        return;
    };
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let file = Dictionary::load(&[&path]).unwrap();
    let builtin = Dictionary::builtin();
    let lex = BuiltinLexicon::get();
    let mut heads: Vec<(&str, String)> = gloss_texts(&text).into_iter().collect();
    heads.sort();
    let (mut same_text, mut compared) = (0usize, 0usize);
    for (i, (h, g)) in heads.iter().enumerate() {
        let Some(id) = lex.id(h) else { continue };
        if lex.gloss_text(id) != g {
            continue;
        }
        same_text += 1;
        // Stemming in a debug build is slow: every 10th headword is plenty.
        if i % 10 == 0 {
            compared += 1;
            assert_eq!(builtin.glosses(h), file.glosses(h), "{h}");
        }
    }
    // Most of CC-CEDICT is unchanged between the two releases.
    assert!(same_text > 150_000, "{same_text} headwords with equal text");
    assert!(compared > 15_000);
}
