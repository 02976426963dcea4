//! `termalign align`: align a Chinese document with its English version.

use std::path::PathBuf;

use termalign::Result;

use crate::cli::Status;
use crate::cli::args::glossary::GlossaryArgs;
use crate::cli::args::input::InputArgs;
use crate::cli::args::model::ModelArgs;
use crate::cli::args::output::OutputArgs;

/// Align a Chinese document with its English version into translation memory.
///
/// Both files are segmented into sentences, glossary terms and numbers are
/// found on both sides, and a dynamic program picks the beads (1-1, 1-2,
/// 2-1, 1-0, 0-1) with the best score. TMX holds the pairs; CSV also keeps
/// the sentences left unaligned.
///
/// Example: termalign align zh.txt en.txt -o out.tmx
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Chinese document.
    pub zh: PathBuf,

    /// The English document.
    pub en: PathBuf,

    #[command(flatten)]
    pub glossary: GlossaryArgs,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub model: ModelArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: Args) -> Result<Status> {
    // Fail on bad arguments before reading anything.
    args.output.format()?;
    let zh = args.input.read(&args.zh)?.text;
    let en = args.input.read(&args.en)?.text;
    let pipeline = args.model.pipeline(args.glossary.load()?)?;
    let doc = args.model.align(&pipeline, &zh, &en);
    let name = args.zh.display().to_string();
    let units = pipeline.units(&doc, &name);
    args.output.write_units(&units)?;
    Ok(Status::Ok)
}
