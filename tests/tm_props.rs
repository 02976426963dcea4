//! Property tests of the writers and readers: whatever text goes in, the
//! TMX is well-formed and reads back as the cleaned text, and write → read
//! → write is the identity for TMX, CSV and TSV.

use proptest::prelude::*;
use termalign::tm::clean_text;
use termalign::tm::read::{read_delimited, read_tmx};
use termalign::tm::{CsvWriter, Record, TmWriter, TmxHeader, TmxWriter, TranslationUnit};

fn header() -> TmxHeader {
    TmxHeader {
        src_lang: "zh-CN".into(),
        tgt_lang: "en-US".into(),
        creation_date: "20240704T000000Z".into(),
    }
}

/// Text with CJK, ASCII punctuation that XML escapes, whitespace and
/// characters XML forbids.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::char::range('一', '龥'),
            4 => proptest::char::range(' ', '~'),
            1 => prop::sample::select(vec!['\u{0}', '\u{1}', '\u{b}', '\u{1f}', '\u{fffe}', '\u{ffff}', '\t', '\n', '\r', '\u{3000}', '“', '”']),
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn unit() -> impl Strategy<Value = TranslationUnit> {
    (
        text(),
        text(),
        0.0f64..=1.0,
        proptest::collection::vec("[一-龥]{1,4}", 0..3),
    )
        .prop_map(|(zh, en, score, terms)| TranslationUnit {
            zh,
            en,
            score,
            bead: "1-1".into(),
            doc: "doc & <1>".into(),
            terms,
            zh_sentences: 0..1,
            en_sentences: 0..1,
            zh_lang: None,
        })
}

fn tmx(units: &[TranslationUnit]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = TmxWriter::new(&mut out, header());
    for u in units {
        w.write_unit(u).unwrap();
    }
    w.finish().unwrap();
    drop(w);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn tmx_reads_back_cleaned_text(units in proptest::collection::vec(unit(), 0..8)) {
        let bytes = tmx(&units);
        let back: Vec<_> = read_tmx(std::io::Cursor::new(bytes.clone()), "p.tmx", None)
            .collect::<termalign::Result<_>>()
            .unwrap();
        let mut n = 0;
        let want: Vec<(String, String)> = units
            .iter()
            .map(|u| (clean_text(&u.zh, &mut n).into_owned(), clean_text(&u.en, &mut n).into_owned()))
            .filter(|(z, e)| !z.is_empty() && !e.is_empty())
            .collect();
        let got: Vec<(String, String)> = back.iter().map(|u| (u.source.clone(), u.target.clone())).collect();
        prop_assert_eq!(got, want);
        // Write → read → write is the identity.
        let mut again = Vec::new();
        {
            let mut w = TmxWriter::new(&mut again, header());
            for u in &back {
                let extra = Record::split_props(u);
                w.write_record(&Record::from_read(u, &extra)).unwrap();
            }
            w.finish().unwrap();
        }
        prop_assert_eq!(String::from_utf8(again).unwrap(), String::from_utf8(bytes).unwrap());
    }

    #[test]
    fn csv_and_tsv_round_trip(units in proptest::collection::vec(unit(), 0..8), tsv in any::<bool>()) {
        let write = |records: &mut dyn FnMut(&mut dyn TmWriter)| {
            let mut out = Vec::new();
            {
                let opts = termalign::tm::WriterOptions { header: header(), ..Default::default() };
                let mut w: Box<dyn TmWriter + '_> = if tsv {
                    Box::new(CsvWriter::tsv(&mut out, &opts))
                } else {
                    Box::new(CsvWriter::with_options(&mut out, &opts))
                };
                records(&mut *w);
                w.finish().unwrap();
            }
            out
        };
        let first = write(&mut |w| for u in &units { w.write_unit(u).unwrap(); });
        let back: Vec<_> = read_delimited(std::io::Cursor::new(first.clone()), "p", if tsv { b'\t' } else { b',' })
            .unwrap()
            .collect::<termalign::Result<_>>()
            .unwrap();
        prop_assert_eq!(back.len(), units.len());
        let second = write(&mut |w| for u in &back {
            let extra = Record::split_props(u);
            w.write_record(&Record::from_read(u, &extra)).unwrap();
        });
        prop_assert_eq!(String::from_utf8(second).unwrap(), String::from_utf8(first).unwrap());
    }
}
