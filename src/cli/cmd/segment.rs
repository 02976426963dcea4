//! `termalign segment`: print the sentences of a document.

use std::io::Write;
use std::path::PathBuf;

use termalign::segment::Segmenter;
use termalign::{Error, Lang, Result};

use crate::cli::Status;
use crate::cli::args::glossary::GlossaryArgs;
use crate::cli::args::input::InputArgs;

/// Split a Chinese or English document into sentences.
///
/// Prints one sentence per line, with a blank line between articles.
///
/// Chinese: a sentence ends at 。！？ (and ？！, ……) with any closing quote or
/// bracket after it; never inside 《…》, nor inside （…） or 「…」 opened
/// mid-sentence, nor at ；、，：, nor at a …… that closes an enumeration or
/// sits in reported speech. Numbered items (`：1. …；2. …；`) are sentences.
/// A line without final punctuation is joined to the next one (scraped
/// releases break lines mid-word), unless it is a title (a line at the start
/// of the file that looks like one, or right above a dateline
/// `新华社北京7月5日电`), a section heading between blank lines, or
/// furniture. A title and its dateline start a new article.
///
/// English: abbreviations (Mr., U.S., Jan., No.), initials, decimals,
/// ellipses and list numbers do not end sentences; `a.m.`/`p.m.` before
/// `Mr.` does when a clause ended there; hard-wrapped lines are joined with
/// one space, blank lines separate paragraphs, and a title or heading line
/// without final punctuation is a sentence of its own.
///
/// Release furniture is a segment of its own (`is_furniture` in jsonl):
/// bylines, sign-offs (`（完）`, `(End)`), source tags and photo credits,
/// `图源：` lines, copyright, edition and time-stamp lines, headings.
///
/// Glossary terms (the built-in glossary and any `-g`) are never split.
/// Input may be UTF-8 (with or without BOM), UTF-16 with a BOM, or
/// GB18030/GBK (detected, or named with --encoding); CRLF and CR line ends
/// are accepted. Byte and char spans in `--format jsonl` count in the
/// decoded text with LF line ends.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document's language.
    #[arg(short, long, value_parser = ["zh", "en"])]
    pub lang: String,

    /// The document; standard input when absent or `-`.
    pub file: Option<PathBuf>,

    /// `text`: one sentence per line; `jsonl`: one JSON object per segment
    /// with its byte and char spans, paragraph and article numbers.
    #[arg(long, default_value = "text", value_parser = ["text", "jsonl"])]
    pub format: String,

    #[command(flatten)]
    pub glossary: GlossaryArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: Args) -> Result<Status> {
    let lang: Lang = args.lang.parse().expect("clap checked the value");
    let path = args.file.clone().unwrap_or_else(|| PathBuf::from("-"));
    let text = args.input.read(&path)?.text;
    let glossary = args.glossary.load()?;
    let protected: Vec<String> = match lang {
        Lang::Zh => glossary.entries().iter().map(|e| e.zh.clone()).collect(),
        Lang::En => glossary
            .entries()
            .iter()
            .flat_map(|e| e.accepted().map(String::from).collect::<Vec<_>>())
            .collect(),
    };
    let segmenter = Segmenter::new(lang).with_protected_terms(protected);
    let segments = segmenter.segment(&text);
    // Errors name <stdout>.
    let mut out = termalign::atomic::Output::stdout();
    let mut article = 0;
    for s in &segments {
        if args.format == "jsonl" {
            serde_json::to_writer(&mut out, s).map_err(|e| Error::io(e.into()))?;
            writeln!(out)?;
        } else {
            if s.article != article {
                writeln!(out)?;
                article = s.article;
            }
            writeln!(out, "{}", s.text)?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
