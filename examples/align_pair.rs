//! Align a Chinese document with its English version and write TMX, using
//! only termalign's public API.
//!
//! ```text
//! cargo run --example align_pair -- tests/data/sco/zh.txt tests/data/sco/en.txt [OUT.tmx]
//! ```
//!
//! Without OUT the memory goes to standard output.

use std::io::Write;
use std::process::ExitCode;

use termalign::tm::{TmWriter, TmxHeader, TmxWriter};
use termalign::{Aligner, DocOptions, Glossary, Pipeline, Result};

fn run(zh: &str, en: &str, out: Option<&str>) -> Result<usize> {
    let read =
        |p: &str| std::fs::read_to_string(p).map_err(|e| termalign::Error::io(e).with_path(p));
    let (zh_text, en_text) = (read(zh)?, read(en)?);
    let pipeline = Pipeline::new(Glossary::builtin(), Aligner::default())?;
    let doc = pipeline.align_document(&zh_text, &en_text, &DocOptions::default())?;
    let sink: Box<dyn Write> = match out {
        Some(path) => Box::new(
            std::fs::File::create(path).map_err(|e| termalign::Error::io(e).with_path(path))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = TmxWriter::new(std::io::BufWriter::new(sink), TmxHeader::now());
    let mut pairs = 0;
    for article in &doc.articles {
        for unit in pipeline.units(&article.doc, zh) {
            writer.write_unit(&unit)?;
            pairs += 1;
        }
    }
    writer.finish()?;
    Ok(pairs)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !(2..=3).contains(&args.len()) {
        eprintln!("usage: align_pair ZH.txt EN.txt [OUT.tmx]");
        return ExitCode::from(2);
    }
    match run(&args[0], &args[1], args.get(2).map(String::as_str)) {
        Ok(units) => {
            eprintln!("align_pair: {units} units");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("align_pair: {e}");
            ExitCode::from(2)
        }
    }
}
