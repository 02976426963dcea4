//! Bounded-time fuzzing of the readers that take files from outside: the
//! TMX reader, the TBX reader, the glossary CSV/TSV reader (loading and
//! lint) and the Chinese segmenter. Inputs are valid documents mutated
//! (cut, bytes inserted, ranges deleted or repeated) and arbitrary bytes.
//! Properties: no panic; every case ends within a deadline (no hang); a
//! TMX or TBX cut anywhere before its end is an error, never a shorter
//! memory or termbase.
//!
//! The case budget is `FUZZ_CASES` per target (default 256, so `cargo test`
//! stays quick); `.ci/steps/80-fuzz.sh` runs a larger budget in CI and
//! prints how long it took.

use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use termalign::Lang;
use termalign::glossary::Glossary;
use termalign::glossary::convert::Format as GlossaryFormat;
use termalign::segment::Segmenter;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Run `f` on another thread and fail if it takes longer than the deadline
/// (a hang), or panics.
fn within_deadline<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(v) => {
            handle.join().expect("joined");
            v
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no result in 20 s (hang?)"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let e = handle.join().expect_err("the worker panicked");
            std::panic::resume_unwind(e)
        }
    }
}

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="zh-CN" o-tmf="t"/>
<body>
<tu creationdate="20240101T000000Z"><prop type="x-doc">a</prop>
<tuv xml:lang="zh-CN"><seg>上海合作组织成员国元首理事会会议在阿斯塔纳举行。</seg></tuv>
<tuv xml:lang="en-US"><seg>The SCO summit was held in Astana &amp; <ph>&lt;b&gt;</ph>beyond.</seg></tuv>
</tu>
<tu><tuv xml:lang="zh-CN"><seg>一带一路<![CDATA[ & ]]>倡议。</seg></tuv><tuv xml:lang="en-US"><seg>Belt and Road&#x21;</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg/></tuv></tu>
</body>
</tmx>
"#;

const TBX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="c1"><descrip type="subjectField">org</descrip>
<langSet xml:lang="zh-CN"><tig><term>上海合作组织</term></tig></langSet>
<langSet xml:lang="en-US"><tig><term>Shanghai Cooperation Organisation</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
<tig><term>SCO</term><termNote type="termType">abbreviation</termNote></tig></langSet>
</termEntry>
<termEntry id="c2"><langSet xml:lang="zh"><ntig><termGrp><term>一带一路</term></termGrp></ntig></langSet>
<langSet xml:lang="en"><ntig><termGrp><term>Belt and Road</term></termGrp></ntig></langSet></termEntry>
</body></text></martif>
"#;

const CSV: &str = "zh,en,variants,forbidden,type,note\n\
上海合作组织,Shanghai Cooperation Organisation,SCO|Shanghai Cooperation Organization,,org,\n\
\"一带一路\",\"Belt and Road\",BRI,\"One Belt, One Road\",,\"a \"\"quoted\"\" note\"\n\
习近平,Xi Jinping,,,person,\n";

/// A mutation of a valid document.
#[derive(Debug, Clone)]
enum Edit {
    Cut(usize),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Repeat(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            b"<".to_vec(),
            b">".to_vec(),
            b"</tu>".to_vec(),
            b"<tu>".to_vec(),
            b"\"".to_vec(),
            b"&amp;".to_vec(),
            b"&unknown;".to_vec(),
            b"<!ENTITY x \"y\">".to_vec(),
            b"\n".to_vec(),
            b",".to_vec(),
            "。".as_bytes().to_vec(),
            vec![0xFF, 0xFE],
            vec![0],
        ]),
    ];
    prop_oneof![
        any::<usize>().prop_map(Edit::Cut),
        (any::<usize>(), piece).prop_map(|(a, p)| Edit::Insert(a, p)),
        (any::<usize>(), 0usize..64).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), 0usize..64).prop_map(|(a, n)| Edit::Repeat(a, n)),
    ]
}

fn apply(doc: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut d = doc.to_vec();
    for e in edits {
        let len = d.len().max(1);
        match e {
            Edit::Cut(a) => d.truncate(a % len),
            Edit::Insert(a, p) => {
                let at = a % (d.len() + 1);
                d.splice(at..at, p.iter().copied());
            }
            Edit::Delete(a, n) => {
                let at = a % len.min(d.len() + 1);
                let end = (at + n).min(d.len());
                d.drain(at.min(end)..end);
            }
            Edit::Repeat(a, n) => {
                let at = a % (d.len() + 1);
                let end = (at + n).min(d.len());
                let piece = d[at..end].to_vec();
                d.splice(end..end, piece);
            }
        }
    }
    d
}

fn read_tmx(bytes: Vec<u8>) -> Result<usize, String> {
    within_deadline("TMX", move || {
        termalign::tm::read::read_tmx(std::io::Cursor::new(bytes), "f.tmx", None)
            .try_fold(0, |n, u| u.map(|_| n + 1))
            .map_err(|e| e.to_string())
    })
}

fn read_tbx(bytes: Vec<u8>) -> Result<usize, String> {
    within_deadline("TBX", move || {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let n = termalign::glossary::convert::read_str(&text, "f.tbx", GlossaryFormat::Tbx)
            .map(|g| g.len());
        // Lint reads the same bytes its own way.
        let _ = termalign::glossary::lint::lint_bytes(&bytes, "f.tbx", GlossaryFormat::Tbx);
        n.map_err(|e| e.to_string())
    })
}

fn read_csv(bytes: Vec<u8>) {
    within_deadline("CSV", move || {
        let _ = Glossary::from_reader(&bytes[..], "f.csv", b',');
        let _ = Glossary::from_reader(&bytes[..], "f.tsv", b'\t');
        let _ = termalign::glossary::lint::lint_bytes(&bytes, "f.csv", GlossaryFormat::Csv);
    })
}

fn segment_zh(text: String) {
    within_deadline("segmenter", move || {
        let segs = Segmenter::new(Lang::Zh).segment(&text);
        // Spans are in bounds and on character boundaries (the text of a
        // segment joins broken lines, so it need not equal the slice).
        for s in &segs {
            assert!(text.get(s.span.bytes.clone()).is_some(), "{:?}", s.span);
        }
    })
}

#[test]
fn valid_samples_read() {
    assert_eq!(read_tmx(TMX.as_bytes().to_vec()), Ok(3));
    assert_eq!(read_tbx(TBX.as_bytes().to_vec()), Ok(2));
    assert_eq!(Glossary::from_csv_str(CSV, "f.csv").unwrap().len(), 3);
}

/// Every cut of the TMX before its root closes is an error; cuts after it
/// (trailing newline) read all units.
#[test]
fn every_tmx_prefix_is_refused() {
    let end = TMX.rfind("</tmx>").unwrap() + "</tmx>".len();
    for cut in 0..TMX.len() {
        if !TMX.is_char_boundary(cut) {
            continue;
        }
        let r = read_tmx(TMX.as_bytes()[..cut].to_vec());
        if cut < end {
            assert!(r.is_err(), "cut at {cut} read {r:?}");
        } else {
            assert_eq!(r, Ok(3));
        }
    }
}

#[test]
fn every_tbx_prefix_is_refused() {
    let end = TBX.rfind("</martif>").unwrap() + "</martif>".len();
    for cut in 0..end {
        if TBX.is_char_boundary(cut) {
            let r = read_tbx(TBX.as_bytes()[..cut].to_vec());
            assert!(r.is_err(), "cut at {cut} read {r:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn tmx_reader_survives_mutations(edits in proptest::collection::vec(edit(), 1..6)) {
        let _ = read_tmx(apply(TMX.as_bytes(), &edits));
    }

    #[test]
    fn tmx_reader_survives_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = read_tmx(bytes);
    }

    #[test]
    fn tbx_reader_survives_mutations(edits in proptest::collection::vec(edit(), 1..6)) {
        let _ = read_tbx(apply(TBX.as_bytes(), &edits));
    }

    #[test]
    fn csv_reader_survives_mutations(edits in proptest::collection::vec(edit(), 1..6)) {
        read_csv(apply(CSV.as_bytes(), &edits));
    }

    #[test]
    fn csv_reader_survives_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        read_csv(bytes);
    }

    #[test]
    fn segmenter_survives_text(text in "[\\PC\n。！？…“”《》，、a-zA-Z0-9.!? ]{0,400}") {
        segment_zh(text);
    }

    #[test]
    fn segmenter_survives_long_runs(c in prop::sample::select(vec!['。', '…', '“', '”', 'a', '中', ' ', '\n', '.', '!']), n in 0usize..20_000) {
        segment_zh(std::iter::repeat_n(c, n).collect());
    }
}
