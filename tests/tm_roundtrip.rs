//! Conversions are lossless for everything termalign defines: for every
//! pair of formats A, B among TMX, CSV and TSV, a memory written as A,
//! converted to B and back to A (as `tm convert` does: property columns
//! listed by a first pass) gives A's bytes again, and every unit keeps its
//! texts (line breaks too, except through TSV, which cannot hold them),
//! score, bead, document, terms, waiver and user properties.

use std::io::Cursor;

use proptest::prelude::*;
use termalign::tm::column_name;
use termalign::tm::convert::{convert, property_names};
use termalign::tm::read::{ReadFormat, Units, from_reader};
use termalign::tm::{CsvWriter, ReadUnit, TmWriter, TmxHeader, TmxWriter, WriterOptions};

const FORMATS: [ReadFormat; 3] = [ReadFormat::Tmx, ReadFormat::Csv, ReadFormat::Tsv];

fn options(columns: Vec<String>) -> WriterOptions {
    WriterOptions {
        header: TmxHeader {
            src_lang: "zh-CN".into(),
            tgt_lang: "en-US".into(),
            creation_date: "20240704T000000Z".into(),
        },
        property_columns: columns,
        ..WriterOptions::default()
    }
}

fn read(bytes: &[u8], format: ReadFormat) -> Units {
    from_reader(Cursor::new(bytes.to_vec()), "m", format, None).unwrap()
}

/// Convert `bytes` (in `from`) into `to`, as `tm convert` does.
fn convert_bytes(bytes: &[u8], from: ReadFormat, to: ReadFormat) -> Vec<u8> {
    let opts = options(property_names(read(bytes, from)).unwrap());
    let mut out = Vec::new();
    {
        let mut w: Box<dyn TmWriter + '_> = match to {
            ReadFormat::Tmx => Box::new(TmxWriter::with_options(&mut out, &opts)),
            ReadFormat::Csv => Box::new(CsvWriter::with_options(&mut out, &opts)),
            ReadFormat::Tsv => Box::new(CsvWriter::tsv(&mut out, &opts)),
        };
        convert(read(bytes, from), &mut *w).unwrap();
        w.finish().unwrap();
    }
    out
}

/// What a unit means, whatever the format: source, target and properties
/// (named by their CSV column, sorted).
type Meaning = (String, String, Vec<(String, String)>);

/// The [`Meaning`] of a unit.
fn meaning(u: &ReadUnit) -> Meaning {
    let mut props: Vec<(String, String)> = u
        .props
        .iter()
        .map(|(k, v)| {
            let name = match k.as_str() {
                "x-confidence" => "score",
                "x-bead" => "bead",
                "x-doc" => "doc",
                "x-terms" => "terms",
                other => column_name(other),
            };
            (name.to_string(), v.clone())
        })
        .collect();
    props.sort();
    (u.source.clone(), u.target.clone(), props)
}

fn meanings(bytes: &[u8], format: ReadFormat) -> Vec<Meaning> {
    read(bytes, format).map(|u| meaning(&u.unwrap())).collect()
}

/// A segment: CJK, ASCII (with what XML and CSV escape), inner spaces
/// and, when `breaks`, line breaks; never empty, never padded.
fn segment(breaks: bool) -> impl Strategy<Value = String> {
    let chars = proptest::collection::vec(
        prop_oneof![
            4 => proptest::char::range('一', '龥'),
            4 => proptest::char::range('!', '~'),
            1 => Just(' '),
            1 => Just(if breaks { '\n' } else { ' ' }),
        ],
        1..30,
    );
    chars.prop_map(|v| {
        let s: String = v.into_iter().collect();
        let t = s.trim();
        if t.is_empty() {
            "一".to_string()
        } else {
            t.to_string()
        }
    })
}

/// A CSV memory to start from: termalign's columns, a waiver column and a
/// user property, some cells empty.
fn memory(breaks: bool) -> impl Strategy<Value = String> {
    let row = (
        segment(breaks),
        segment(breaks),
        proptest::option::of(0u32..=1000),
        proptest::option::of(prop::sample::select(vec!["1-1", "2-1", "1-2"])),
        proptest::option::of("[a-z]{1,6}"),
        proptest::option::of(prop::sample::select(vec![
            "term-missing",
            "number-mismatch,term-case",
            "all",
        ])),
        proptest::option::of("[a-z]{1,4}( [a-z]{1,4})?"),
    );
    proptest::collection::vec(row, 1..6).prop_map(|rows| {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "zh", "en", "score", "bead", "doc", "terms", "waive", "plant",
        ])
        .unwrap();
        for (zh, en, score, bead, doc, waive, plant) in rows {
            let score = score.map(|s| format!("{:.3}", f64::from(s) / 1000.0));
            w.write_record([
                zh.as_str(),
                en.as_str(),
                score.as_deref().unwrap_or(""),
                bead.unwrap_or(""),
                doc.as_deref().unwrap_or(""),
                "上海精神|一带一路",
                waive.unwrap_or(""),
                plant.as_deref().unwrap_or(""),
            ])
            .unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_format_pair_round_trips(csv in memory(false), breaks in memory(true)) {
        for (start, multiline) in [(&csv, false), (&breaks, true)] {
            let original = meanings(start.as_bytes(), ReadFormat::Csv);
            for a in FORMATS {
                // TSV cannot hold a line break: the break-free memory only.
                if multiline && a == ReadFormat::Tsv {
                    continue;
                }
                let in_a = convert_bytes(start.as_bytes(), ReadFormat::Csv, a);
                prop_assert_eq!(&meanings(&in_a, a), &original, "CSV → {:?}", a);
                for b in FORMATS {
                    if multiline && b == ReadFormat::Tsv {
                        continue;
                    }
                    let in_b = convert_bytes(&in_a, a, b);
                    prop_assert_eq!(&meanings(&in_b, b), &original, "{:?} → {:?}", a, b);
                    let back = convert_bytes(&in_b, b, a);
                    prop_assert_eq!(
                        String::from_utf8(back).unwrap(),
                        String::from_utf8(in_a.clone()).unwrap(),
                        "{:?} → {:?} → {:?}", a, b, a
                    );
                }
            }
        }
    }
}

/// A waiver survives TMX → CSV → TMX, so `check` reports the same.
#[test]
fn waivers_survive_tmx_csv_tmx() {
    let csv = "zh,en,waive,plant\n上海精神。,Shanghai spirit.,term-case,x\n";
    let tmx = convert_bytes(csv.as_bytes(), ReadFormat::Csv, ReadFormat::Tmx);
    let text = String::from_utf8(tmx.clone()).unwrap();
    assert!(
        text.contains(r#"<prop type="x-termalign-waive">term-case</prop>"#),
        "{text}"
    );
    assert!(text.contains(r#"<prop type="x-plant">x</prop>"#), "{text}");
    let back = convert_bytes(&tmx, ReadFormat::Tmx, ReadFormat::Csv);
    assert_eq!(
        String::from_utf8(back).unwrap(),
        "zh,en,score,bead,doc,terms,waive,plant\n上海精神。,Shanghai spirit.,,,,,term-case,x\n"
    );
    // A TMX property without the prefix is read, and written with it.
    let bare = text.replace("\"x-plant\"", "\"plant\"");
    let again = convert_bytes(bare.as_bytes(), ReadFormat::Tmx, ReadFormat::Tmx);
    assert_eq!(again, tmx);
}
