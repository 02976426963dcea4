//! `termalign eval`: score predicted beads against gold beads, or (with
//! --text) align a fixture set from raw text and from gold sentences and
//! score both.

use std::io::Write;
use std::path::{Path, PathBuf};

use termalign::align::ScoreParams;
use termalign::align::eval::text::{CompactIndex, TextCounts, span_beads};
use termalign::align::eval::{Counts, IndexBead, Prf, parse_beads};
use termalign::segment::preseg;
use termalign::{AlignedDocument, Error, ErrorKind, Pipeline, Result};

use crate::cli::Status;
use crate::cli::args::glossary::GlossaryArgs;
use crate::cli::args::model::ModelArgs;

/// Score a sentence alignment against gold beads.
///
/// Both files hold one bead per line, `zh_indices<TAB>en_indices`, each
/// side a comma-separated list of 0-based sentence indices, possibly empty
/// (`0,1<TAB>0` is a 2-1 bead, `5<TAB>` a deleted Chinese sentence); further
/// columns, such as the confidence that `align --format beads` prints, are
/// ignored.
///
/// Scoring follows vecalign and Bertalign: precision over all predicted
/// beads (1-0 and 0-1 included), recall over gold beads with both sides,
/// strict = exact bead match, lax = overlap on both sides with a gold link.
/// With --gold-dir/--pred-dir every gold file is paired with the predicted
/// file of the same name, and counts are summed over documents before
/// dividing (micro average).
///
/// Prints `strict<TAB>P=…<TAB>R=…<TAB>F1=…` and the same for `lax`
/// (or one JSON object with --format json).
///
/// With --text, --gold-dir is a fixture set (tests/data/news): every
/// subfolder holding gold.tsv is a document with raw zh.txt and en.txt,
/// gold sentences zh.sents.txt and en.sents.txt (one per line) and gold
/// beads over them. Each document is aligned twice with the same pipeline
/// (-g, --dict, --band as for `align`): from the raw text, scored by the
/// text-level metric (a gold bead is found when the predicted beads over
/// its text, however finely split, cover exactly its sentences on both
/// sides; see the README), and from the gold sentences, scored strictly.
/// Prints one TSV row per document and a micro-averaged `all` row.
///
/// Example: termalign eval gold/001.tsv pred/001.tsv
///
/// Example: termalign eval --gold-dir gold --pred-dir pred
///
/// Example: termalign eval --text --gold-dir tests/data/news
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold beads.
    #[arg(required_unless_present = "gold_dir", conflicts_with = "gold_dir")]
    pub gold: Option<PathBuf>,

    /// Predicted beads.
    #[arg(
        required_unless_present_any = ["pred_dir", "text"],
        conflicts_with_all = ["pred_dir", "text"]
    )]
    pub pred: Option<PathBuf>,

    /// Folder of gold bead files (every regular file in it); with --text,
    /// a folder of document folders.
    #[arg(long, value_name = "DIR")]
    pub gold_dir: Option<PathBuf>,

    /// Folder of predicted bead files, named as in --gold-dir.
    #[arg(long, value_name = "DIR", requires = "gold_dir")]
    pub pred_dir: Option<PathBuf>,

    /// Align each document of --gold-dir from raw text and from its gold
    /// sentences, and score both (see above).
    #[arg(long, requires = "gold_dir", conflicts_with = "pred_dir")]
    pub text: bool,

    /// `text` (two lines; with --text a TSV table) or `json`.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,

    #[command(flatten)]
    pub glossary: GlossaryArgs,

    #[command(flatten)]
    pub model: ModelArgs,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        let kind = if e.kind() == std::io::ErrorKind::InvalidData {
            ErrorKind::Encoding
        } else {
            ErrorKind::Io
        };
        Error::new(kind, e.to_string()).with_path(path)
    })
}

fn add(counts: &mut Counts, gold: &Path, pred: &Path) -> Result<()> {
    let g = parse_beads(&read(gold)?, &gold.display().to_string())?;
    if g.is_empty() {
        // Scoring against nothing would report a meaningless 0 or 100%.
        return Err(Error::new(ErrorKind::Empty, "the gold file holds no bead").with_path(gold));
    }
    let p = parse_beads(&read(pred)?, &pred.display().to_string())?;
    counts.add(&g, &p);
    Ok(())
}

pub fn run(args: Args) -> Result<Status> {
    if args.text {
        return run_text(&args);
    }
    let m = &args.model;
    if !args.glossary.glossaries.is_empty()
        || args.glossary.no_default_glossary
        || !m.dicts.is_empty()
        || m.presegmented
        || m.fixed_priors
        || m.band != ScoreParams::default().band
    {
        return Err(Error::new(
            ErrorKind::Config,
            "glossary and model options (-g, --dict, --band, ...) go with --text only",
        ));
    }
    let mut counts = Counts::default();
    match (&args.gold, &args.pred, &args.gold_dir, &args.pred_dir) {
        (Some(g), Some(p), _, _) => add(&mut counts, g, p)?,
        (_, _, Some(gd), Some(pd)) => {
            let mut names: Vec<PathBuf> = std::fs::read_dir(gd)
                .map_err(|e| Error::io(e).with_path(gd))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            names.sort();
            if names.is_empty() {
                return Err(Error::new(ErrorKind::Empty, "no gold files").with_path(gd));
            }
            for g in names {
                let p = pd.join(g.file_name().expect("a file has a name"));
                if !p.is_file() {
                    return Err(Error::new(
                        ErrorKind::Io,
                        format!("no predicted file for gold {}", g.display()),
                    )
                    .with_path(&p));
                }
                add(&mut counts, &g, &p)?;
            }
        }
        _ => {
            return Err(Error::new(
                ErrorKind::Config,
                "give GOLD PRED, or --gold-dir and --pred-dir, or --text --gold-dir",
            ));
        }
    }
    let scores = counts.scores();
    let out = if args.format == "json" {
        serde_json::to_string(&scores).expect("scores serialise") + "\n"
    } else {
        format!("{scores}\n")
    };
    write_stdout(&out)
}

fn write_stdout(out: &str) -> Result<Status> {
    // Errors name <stdout>.
    let mut stdout = termalign::atomic::Output::stdout();
    stdout.write_all(out.as_bytes()).map_err(Error::io)?;
    stdout.commit()?;
    Ok(Status::Ok)
}

/// One fixture document's scores (a row of the --text table).
#[derive(Debug, serde::Serialize)]
struct DocRow {
    doc: String,
    zh_sentences: usize,
    en_sentences: usize,
    gold_beads: usize,
    /// Raw text, text-level metric.
    raw: TextCounts,
    raw_scores: Prf,
    /// Gold sentences, strict protocol.
    sents: Counts,
    sents_strict: Prf,
    /// Gold sentences, text-level metric (for comparison with `raw`).
    sents_text: TextCounts,
    sents_text_scores: Prf,
}

impl DocRow {
    fn tsv(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\n",
            self.doc,
            self.zh_sentences,
            self.en_sentences,
            self.gold_beads,
            self.raw_scores.precision,
            self.raw_scores.recall,
            self.raw_scores.f1,
            self.sents_strict.f1,
            self.sents_text_scores.f1,
        )
    }
}

/// Non-blank lines, trimmed: the gold sentences (indices as in gold.tsv).
fn sentences(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The index beads of an alignment.
fn index_beads(doc: &AlignedDocument) -> Vec<IndexBead> {
    doc.alignment
        .beads
        .iter()
        .map(|b| (b.zh.clone().collect(), b.en.clone().collect()))
        .collect()
}

/// Text-level counts of `doc` (segmented from `zh`/`en`) against `gold`
/// over `zh_sents`/`en_sents`.
fn text_counts(
    doc: &AlignedDocument,
    (zh, en): (&str, &str),
    (zh_sents, en_sents): (&[&str], &[&str]),
    gold: &[IndexBead],
    (zh_name, en_name): (&Path, &Path),
) -> Result<TextCounts> {
    let (zi, ei) = (CompactIndex::new(zh), CompactIndex::new(en));
    let zg = zi.locate(zh_sents, &zh_name.display().to_string())?;
    let eg = ei.locate(en_sents, &en_name.display().to_string())?;
    let pred = span_beads(&doc.alignment.beads, &doc.zh, &doc.en, &zi, &ei);
    let mut c = TextCounts::default();
    c.add(gold, &zg, &eg, &pred, &zh_name.display().to_string())?;
    Ok(c)
}

fn score_doc(pipeline: &Pipeline, dir: &Path) -> Result<DocRow> {
    let files = [
        "zh.txt",
        "en.txt",
        "zh.sents.txt",
        "en.sents.txt",
        "gold.tsv",
    ]
    .map(|f| dir.join(f));
    let [zh, en, zs, es, g] = [0, 1, 2, 3, 4].map(|i| read(&files[i]));
    let (zh, en, zs, es, g) = (zh?, en?, zs?, es?, g?);
    let gold = parse_beads(&g, &files[4].display().to_string())?;
    let (zh_sents, en_sents) = (sentences(&zs), sentences(&es));

    let raw_doc = pipeline.align_texts(&zh, &en);
    let raw = text_counts(
        &raw_doc,
        (&zh, &en),
        (&zh_sents, &en_sents),
        &gold,
        (&files[0], &files[1]),
    )?;

    let sent_doc = pipeline.align_segments(preseg::segments(&zs), preseg::segments(&es));
    let sents_text = text_counts(
        &sent_doc,
        (&zs, &es),
        (&zh_sents, &en_sents),
        &gold,
        (&files[2], &files[3]),
    )?;
    let mut sents = Counts::default();
    sents.add(&gold, &index_beads(&sent_doc));

    Ok(DocRow {
        doc: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        zh_sentences: zh_sents.len(),
        en_sentences: en_sents.len(),
        gold_beads: gold.len(),
        raw_scores: raw.scores(),
        raw,
        sents_strict: sents.scores().strict,
        sents,
        sents_text_scores: sents_text.scores(),
        sents_text,
    })
}

/// `eval --text`: every subfolder of --gold-dir with a gold.tsv, in name
/// order, then the micro average.
fn run_text(args: &Args) -> Result<Status> {
    if args.model.presegmented {
        return Err(Error::new(
            ErrorKind::Config,
            "--text aligns both the raw text and the gold sentences; drop --presegmented",
        ));
    }
    let gd = args
        .gold_dir
        .as_ref()
        .expect("clap: --text requires --gold-dir");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(gd)
        .map_err(|e| Error::io(e).with_path(gd))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.tsv").is_file())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(
            Error::new(ErrorKind::Empty, "no document folders with a gold.tsv").with_path(gd),
        );
    }
    let pipeline = args.model.pipeline(args.glossary.load()?)?;
    let mut rows = Vec::with_capacity(dirs.len() + 1);
    for d in &dirs {
        rows.push(score_doc(&pipeline, d)?);
    }
    let mut all = DocRow {
        doc: "all".into(),
        zh_sentences: 0,
        en_sentences: 0,
        gold_beads: 0,
        raw: TextCounts::default(),
        raw_scores: TextCounts::default().scores(),
        sents: Counts::default(),
        sents_strict: Counts::default().scores().strict,
        sents_text: TextCounts::default(),
        sents_text_scores: TextCounts::default().scores(),
    };
    for r in &rows {
        all.zh_sentences += r.zh_sentences;
        all.en_sentences += r.en_sentences;
        all.gold_beads += r.gold_beads;
        all.raw.merge(&r.raw);
        all.sents.merge(&r.sents);
        all.sents_text.merge(&r.sents_text);
    }
    all.raw_scores = all.raw.scores();
    all.sents_strict = all.sents.scores().strict;
    all.sents_text_scores = all.sents_text.scores();
    let out = if args.format == "json" {
        serde_json::json!({ "documents": rows, "all": all }).to_string() + "\n"
    } else {
        let mut out = String::from(
            "doc\tzh\ten\tgold_beads\traw_P\traw_R\traw_F1\tsents_strict_F1\tsents_text_F1\n",
        );
        for r in rows.iter().chain([&all]) {
            out.push_str(&r.tsv());
        }
        out
    };
    write_stdout(&out)
}
