//! `termalign align`: align a Chinese document with its English version,
//! or whole archives of them (batch and JSON Lines modes).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use termalign::atomic::Output;
use termalign::batch::{
    self, BatchOptions, Folders, JobOutput, PairOptions, PairRow, Pairing, Plan, ReadOptions,
    Runner, Shard, Summary,
};
use termalign::{Error, ErrorKind, Result};

use crate::cli::Status;
use crate::cli::args::glossary::GlossaryArgs;
use crate::cli::args::input::InputArgs;
use crate::cli::args::jobs;
use crate::cli::args::model::ModelArgs;
use crate::cli::args::output::OutputArgs;

/// Align a Chinese document with its English version into translation memory.
///
/// Both files are segmented into sentences, glossary terms and numbers are
/// found on both sides, and a dynamic program picks the beads with the best
/// score. Bead shapes: 1-1, 1-2, 2-1, 1-0, 0-1, 2-2, 1-3, 3-1, 1-4, 4-1
/// (--max-bead narrows them). TMX holds the pairs; CSV also keeps the
/// sentences left unaligned. A long pair (a book, a whole-day dump) is cut
/// into pieces at confident points and the pieces are aligned in parallel,
/// in about linear time; on a terminal a bar shows the sentences done (not
/// with --quiet).
///
/// Batch mode (--zh-dir/--en-dir or --manifest) aligns whole archives:
/// files are split into articles, Chinese and English documents are paired
/// by name or by content, and pairs are aligned in parallel into one
/// output, in input order, identical whatever -j. A document that cannot
/// be read is reported with its path and skipped; the run goes on and
/// exits 1 at the end (unless --keep-going=false).
///
/// JSON Lines mode (--jsonl) reads {"doc":…,"zh":…,"en":…} lines on
/// standard input and writes one JSON line of beads per document, for
/// Spark's RDD.pipe, Hadoop Streaming and the like.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// The Chinese document (not with --zh-dir, --manifest or --jsonl).
    #[arg(
        required_unless_present_any = ["zh_dir", "manifest", "jsonl"],
        conflicts_with_all = ["zh_dir", "manifest", "jsonl"]
    )]
    pub zh: Option<PathBuf>,

    /// The English document.
    #[arg(requires = "zh")]
    pub en: Option<PathBuf>,

    #[command(flatten)]
    pub glossary: GlossaryArgs,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub model: ModelArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub batch: Box<BatchArgs>,

    /// Fail (exit 2, no output) instead of warning when the pair looks
    /// wrong: the Chinese file not mostly Chinese, the English file mostly
    /// Chinese, the two swapped, or sizes no translation has (one side over
    /// 45 or under 0.25 English characters per Chinese one). In batch mode
    /// such a document is skipped like one that cannot be read, the rest
    /// is aligned, and the run exits 2; with --jsonl its record gets an
    /// error line.
    #[arg(long)]
    pub strict: bool,
}

const EXAMPLES: &str = "\
Examples:
  termalign align zh.txt en.txt -o out.tmx
  termalign align --zh-dir zh/ --en-dir en/ --glob '*.txt' -o archive.tmx
  termalign align --zh-dir zh/ --en-dir en/ --pair content --pairs-out pairs.csv -o tm.csv
  termalign align --manifest pairs.csv --shard 2/8 -o part2.tmx
  termalign align --jsonl < docs.jsonl > beads.jsonl";

/// How a batch is found, paired and run.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Batch")]
pub struct BatchArgs {
    /// Folder of Chinese documents, searched recursively (hidden files
    /// skipped). May be the same folder as --en-dir: files are then told
    /// apart by a language marker in their path (a.zh.txt, zh/a.txt). With
    /// --presegmented, a blank line in a file separates articles.
    #[arg(long, value_name = "DIR", requires = "en_dir", conflicts_with_all = ["manifest", "jsonl"])]
    pub zh_dir: Option<PathBuf>,

    /// Folder of English documents, searched recursively.
    #[arg(long, value_name = "DIR", requires = "zh_dir")]
    pub en_dir: Option<PathBuf>,

    /// Only files matching this glob (`*.txt`; with a `/` it matches the
    /// path under the folder, `2024/**/*.txt`). Repeat for several.
    #[arg(long, value_name = "GLOB", requires = "zh_dir")]
    pub glob: Vec<String>,

    /// CSV file listing the pairs: columns zh,en and optionally doc (the
    /// name in the output), zh_article, en_article (1-based article of a
    /// multi-article file), score, status (rows not `paired` are skipped,
    /// so a --pairs-out file is a manifest). Paths are relative to the
    /// manifest's folder and must stay under it (see --allow-outside).
    #[arg(long, value_name = "FILE.csv", conflicts_with = "jsonl")]
    pub manifest: Option<PathBuf>,

    /// Let --manifest rows name absolute paths and paths outside the
    /// manifest's folder (refused by default, so a manifest from elsewhere
    /// cannot read /etc/passwd into the TM).
    #[arg(long, requires = "manifest")]
    pub allow_outside: bool,

    /// How --zh-dir and --en-dir documents are paired. `name`: the same
    /// path under both folders, or the same path with the language marker
    /// swapped (a.zh.txt ↔ a.en.txt, zh/x.txt ↔ en/x.txt). `content`: by
    /// glossary terms, numbers, dates, Latin tokens, pinyin names and
    /// length, as the one-to-one assignment of articles that maximises
    /// total similarity; pairs below --min-pair-score are left unpaired.
    #[arg(long, value_name = "HOW", default_value = "name", value_parser = ["name", "content"], requires = "zh_dir")]
    pub pair: String,

    /// With --pair content: the lowest similarity (0–1) of a pair.
    #[arg(long, value_name = "SCORE", default_value_t = batch::pairing::DEFAULT_THRESHOLD)]
    pub min_pair_score: f64,

    /// Write the pairing (zh,en,doc,score,zh_article,en_article,status) to
    /// this CSV file for review; unpaired documents show their best
    /// candidate and its score. It reads back as a --manifest.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "jsonl")]
    pub pairs_out: Option<PathBuf>,

    /// Threads (default: all cores). The output does not depend on it.
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,

    /// Process only the K-th of N shards of the pairs (1 ≤ K ≤ N), dealt
    /// round-robin in pairing order: run N processes with 1/N … N/N.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,

    /// Skip documents that cannot be read or aligned, report them, and
    /// exit 1 at the end. --keep-going=false stops at the first one (exit
    /// 2), keeping the documents already written.
    #[arg(
        long,
        value_name = "BOOL",
        default_value_t = true,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        action = clap::ArgAction::Set
    )]
    pub keep_going: bool,

    /// Read {"doc":…,"zh":…,"en":…} lines on standard input, write one line
    /// {"doc":…,"beads":[…]} (or {"doc":…,"line":N,"error":…}) per document
    /// on standard output (or -o), in input order, flushed per document.
    #[arg(long)]
    pub jsonl: bool,
}

pub fn run(args: Args) -> Result<Status> {
    if args.batch.jsonl {
        return run_jsonl(args);
    }
    if args.batch.zh_dir.is_some() || args.batch.manifest.is_some() {
        return run_batch(args);
    }
    for (flag, set) in [
        ("--shard", args.batch.shard.is_some()),
        ("--pairs-out", args.batch.pairs_out.is_some()),
    ] {
        if set {
            return Err(config(format!(
                "{flag} needs --zh-dir/--en-dir or --manifest"
            )));
        }
    }
    // Fail on bad arguments (format, --date, --src-lang…) before reading anything.
    args.output.check()?;
    if args.zh.as_deref() == Some(std::path::Path::new("-"))
        && args.en.as_deref() == Some(std::path::Path::new("-"))
    {
        return Err(config(
            "ZH and EN cannot both be - (standard input is one stream): give one of them as a file"
                .into(),
        ));
    }
    let (zh_path, en_path) = (
        args.zh.clone().expect("clap requires ZH"),
        args.en
            .clone()
            .ok_or_else(|| config("give the English document after the Chinese one".into()))?,
    );
    let mut inputs = vec![zh_path.as_path(), en_path.as_path()];
    inputs.extend(args.glossary.files());
    args.output.refuse_overwrite(&inputs)?;
    // Opened before the work: an unwritable folder fails now, not after it.
    let out = args.output.open_writer(None)?;
    let zh = args
        .input
        .read_side_bounded(&zh_path, termalign::Lang::Zh)?
        .text;
    let en = args
        .input
        .read_side_bounded(&en_path, termalign::Lang::En)?
        .text;
    check_pair(&zh, &en, &zh_path, &en_path, args.strict)?;
    let mut pipeline = args.model.pipeline(args.glossary.load()?)?;
    // A long run shows the sentences aligned so far (on a terminal only,
    // not with -q); the aligner reports them as pieces finish.
    let bar = (zh.len() + en.len() > 1 << 18
        && !crate::cli::ui::quiet()
        && std::io::stderr().is_terminal())
    .then(|| {
        let bar = ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template(
                "{spinner} aligning {msg}: {pos}/{len} sentences · ETA {eta}",
            )
            .expect("valid template"),
        );
        bar.set_message(zh_path.display().to_string());
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    if let Some(b) = &bar {
        pipeline = pipeline.with_progress(std::sync::Arc::new(BarProgress(b.clone())));
    }
    let aligned = pipeline.align_document(&zh, &en, &args.model.doc_options());
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let aligned = aligned?;
    let name = zh_path.display().to_string();
    let units: Vec<_> = aligned
        .articles
        .iter()
        .flat_map(|a| pipeline.units(&a.doc, &name))
        .collect();
    // A traditional-script document says so in the header too: the
    // writer opened early (nothing written yet) is reopened with its tag.
    let detected = units.iter().find_map(|u| u.zh_lang.clone());
    if args.output.tm.src_lang.is_none()
        && let Some(tag) = detected
    {
        drop(out);
        let mut output = args.output.clone();
        output.tm.src_lang = Some(tag);
        let out = output.open_writer(None)?;
        output.write_all(out, &units)?;
    } else {
        args.output.write_all(out, &units)?;
    }
    Ok(Status::Ok)
}

/// Warn about a pair that looks wrong (swapped, wrong language, sizes no
/// translation has); with --strict, fail instead.
fn check_pair(
    zh: &str,
    en: &str,
    zh_path: &std::path::Path,
    en_path: &std::path::Path,
    strict: bool,
) -> Result<()> {
    let (zn, en_name) = (zh_path.display().to_string(), en_path.display().to_string());
    let problems = termalign::lang::pair_problems(zh, en);
    if strict && let Some(p) = problems.first() {
        let mut msg = p.message(&zn, &en_name);
        for q in &problems[1..] {
            msg.push_str("; ");
            msg.push_str(&q.message(&zn, &en_name));
        }
        return Err(config(format!("{msg} (--strict)")));
    }
    for p in &problems {
        eprintln!("termalign: warning: {}", p.message(&zn, &en_name));
    }
    Ok(())
}

/// The single-pair progress bar, fed by the aligner (from any thread).
struct BarProgress(ProgressBar);

impl termalign::align::Progress for BarProgress {
    fn advance(&self, done: usize, total: usize) {
        self.0.set_length(total as u64);
        if done as u64 > self.0.position() {
            self.0.set_position(done as u64);
        }
    }
}

fn config(msg: String) -> Error {
    Error::new(ErrorKind::Config, msg)
}

/// The batch observer: progress on stderr (only on a terminal, not with
/// --quiet) and messages that do not garble it.
struct Ui {
    bar: Option<ProgressBar>,
    quiet: bool,
    started: Instant,
    sentences: u64,
}

impl Ui {
    fn new(quiet: bool, total: Option<u64>) -> Ui {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = match total {
                Some(n) => ProgressBar::new(n).with_style(
                    ProgressStyle::with_template(
                        "{bar:30} {pos}/{len} documents · {msg} · ETA {eta}",
                    )
                    .expect("valid template"),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {pos} documents · {msg}")
                        .expect("valid template"),
                ),
            };
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Ui {
            bar,
            quiet,
            started: Instant::now(),
            sentences: 0,
        }
    }

    /// Always shown (errors).
    fn error(&self, msg: &str) {
        let line = format!("termalign: {msg}");
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Shown unless --quiet.
    fn note(&self, msg: &str) {
        if !self.quiet {
            self.error(msg);
        }
    }

    fn done(&mut self, sentences: usize) {
        self.sentences += sentences as u64;
        if let Some(b) = &self.bar {
            b.inc(1);
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            b.set_message(format!("{:.0} sentences/s", self.sentences as f64 / secs));
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }

    /// The summary line (unless --quiet).
    fn summary(&self, s: &Summary) {
        let secs = self.started.elapsed().as_secs_f64();
        self.note(&format!(
            "{} documents, {} pairs, {} unpaired, {} failed{}; {} beads ({} low-confidence); {} sentences in {:.2} s ({:.0} sentences/s)",
            s.documents,
            s.pairs,
            s.unpaired,
            s.failed,
            // Only when there are some: the line stays as it was otherwise.
            if s.suspicious > 0 {
                format!(", {} suspicious", s.suspicious)
            } else {
                String::new()
            },
            s.beads,
            s.low_confidence,
            s.sentences,
            secs,
            s.sentences as f64 / secs.max(1e-9)
        ));
    }
}

impl batch::Observer for Ui {
    fn unpaired_document(&mut self, r: &PairRow) {
        let (side, path) = match r.side {
            Some(termalign::Lang::En) => ("English", &r.en),
            _ => ("Chinese", &r.zh),
        };
        let path = path.as_ref().map(|p| p.display().to_string());
        let best = match r.score {
            Some(s) => format!("; best candidate scores {s:.3}"),
            None => String::new(),
        };
        self.note(&format!(
            "unpaired {side} document: {} ({}){best}",
            r.doc,
            path.unwrap_or_default()
        ));
    }

    fn warning(&mut self, message: &str) {
        self.error(&format!("warning: {message}"));
    }

    fn unpaired_article(&mut self, article: &str) {
        self.note(&format!("unpaired article: {article}"));
    }

    fn aligned(&mut self, output: &JobOutput) {
        self.done(output.sentences());
    }

    fn failed(&mut self, error: &Error, skipped: bool) {
        self.done(0);
        // A failure that stops the run is reported once, by main.
        if skipped {
            self.error(&format!("{error} (skipped)"));
        }
    }
}

/// Exit status of a run: the error that stopped it, 1 when documents
/// were skipped.
fn status(summary: Summary) -> Result<Status> {
    match summary.stopped {
        Some(e) => Err(e),
        None if summary.failed > 0 => Ok(Status::Findings),
        None => Ok(Status::Ok),
    }
}

/// Exit status of a batch run: with --strict, documents refused as
/// suspicious make it an error (exit 2, as `align ZH EN --strict`), once
/// the rest is written.
fn batch_status(summary: Summary, strict: bool) -> Result<Status> {
    if strict && summary.stopped.is_none() && summary.suspicious > 0 {
        return Err(config(format!(
            "{} document pair(s) looked wrong and were skipped (--strict)",
            summary.suspicious
        )));
    }
    status(summary)
}

fn options(args: &Args) -> Result<BatchOptions> {
    Ok(BatchOptions {
        read: ReadOptions {
            decode: args.input.side_options(termalign::Lang::Zh)?,
            en_decode: Some(args.input.side_options(termalign::Lang::En)?),
            presegmented: args.model.presegmented,
        },
        keep_going: args.batch.keep_going,
        strict: args.strict,
    })
}

fn plan(args: &Args, runner: &Runner) -> Result<Plan> {
    let b = &args.batch;
    if let Some(m) = &b.manifest {
        return Ok(batch::plan::by_manifest(batch::read_manifest_with(
            m,
            b.allow_outside,
        )?));
    }
    let pairing = if b.pair == "content" {
        if !(0.0..=1.0).contains(&b.min_pair_score) {
            return Err(config("--min-pair-score must lie between 0 and 1".into()));
        }
        Pairing::Content(PairOptions {
            threshold: b.min_pair_score,
            ..PairOptions::default()
        })
    } else {
        Pairing::Name
    };
    let folders = Folders {
        zh: b.zh_dir.clone().expect("checked by caller"),
        en: b.en_dir.clone().expect("clap requires --en-dir"),
        globs: b.glob.clone(),
    };
    runner.plan_folders(&folders, &pairing)
}

fn run_batch(args: Args) -> Result<Status> {
    // Fail on bad output options before reading anything.
    args.output.check()?;
    let options = options(&args)?;
    let pool = jobs::pool(args.batch.jobs)?;
    // Outputs: never an input, never the same file twice, and opened (their
    // folders found writable) before any work.
    let mut inputs: Vec<&std::path::Path> = args.glossary.files().collect();
    inputs.extend(args.batch.manifest.as_deref());
    args.output.refuse_overwrite(&inputs)?;
    if let Some(p) = &args.batch.pairs_out {
        termalign::atomic::refuse_overwrite(&inputs, &[p.as_path()])?;
        if args.output.output.as_ref() == Some(p) {
            return Err(config(format!(
                "-o and --pairs-out name the same file {}",
                p.display()
            )));
        }
    }
    let mut writer = args.output.open_writer(None)?;
    let pairs_out = args
        .batch
        .pairs_out
        .as_deref()
        .map(Output::open)
        .transpose()?;
    let pipeline = args.model.pipeline(args.glossary.load()?)?;
    let runner = Runner::new(&pipeline, pool, options);
    let mut plan = plan(&args, &runner)?;
    let docs: Vec<&std::path::Path> = plan
        .jobs
        .iter()
        .flat_map(|j| [&j.zh.source, &j.en.source])
        .filter_map(|s| match s {
            batch::Source::File(p) => Some(p.as_path()),
            _ => None,
        })
        .collect();
    args.output.refuse_overwrite(&docs)?;
    if let Some(p) = &args.batch.pairs_out {
        termalign::atomic::refuse_overwrite(&docs, &[p.as_path()])?;
    }
    if plan.jobs.is_empty() {
        return Err(no_pairs(&args, &plan));
    }
    if let (Some(path), Some(mut f)) = (&args.batch.pairs_out, pairs_out) {
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        batch::plan::write_pairs_csv(&mut f, &plan.rows, base).map_err(|e| e.with_path(path))?;
        f.commit()?;
    }
    if let Some(s) = args.batch.shard {
        plan.shard(s);
    }
    // The TM is streamed: units are written as documents complete, in
    // order. Writers write nothing before the first unit, so a run that
    // stops before it leaves no output.
    // Stopped by a file that pairing could not read: no document ran,
    // nothing to sum up.
    let stops_early = !options.keep_going && !plan.failures.is_empty();
    let mut ui = Ui::new(crate::cli::ui::quiet(), Some(plan.jobs.len() as u64));
    let result = runner.run(plan, &mut ui, &mut writer);
    ui.finish();
    let summary = result?;
    if !stops_early {
        args.output.warn(&writer.report());
        ui.summary(&summary);
    }
    batch_status(summary, args.strict)
}

/// Why a batch found nothing to align (exit 2): an empty TM with exit 0
/// would hide a wrong folder, glob or pairing.
fn no_pairs(args: &Args, plan: &Plan) -> Error {
    let failed = if plan.failures.is_empty() {
        String::new()
    } else {
        format!("; {} file(s) could not be read", plan.failures.len())
    };
    let msg = if args.batch.manifest.is_some() {
        format!(
            "the manifest lists no pair to align (no row, or none with status `paired`){failed}"
        )
    } else {
        let hint = if args.batch.pair == "name" {
            "; names must match under both folders (or differ only by a language marker: a.zh.txt ↔ a.en.txt), or try --pair content"
        } else {
            "; no pair reached --min-pair-score"
        };
        format!(
            "no pair found: {} Chinese and {} English document(s), none paired by {}{hint}{failed}",
            plan.unpaired_zh, plan.unpaired_en, args.batch.pair
        )
    };
    config(msg)
}

fn run_jsonl(args: Args) -> Result<Status> {
    if args.output.format.is_some() {
        return Err(config(
            "--format does not apply to --jsonl (the output is JSON Lines)".into(),
        ));
    }
    if args.batch.shard.is_some() {
        return Err(config(
            "--shard applies to --zh-dir/--manifest; a distributed engine shards JSON Lines itself"
                .into(),
        ));
    }
    let options = options(&args)?;
    let pool = jobs::pool(args.batch.jobs)?;
    let pipeline = args.model.pipeline(args.glossary.load()?)?;
    let runner = Runner::new(&pipeline, pool, options);
    let mut ui = Ui::new(crate::cli::ui::quiet(), None);
    let mut out = match &args.output.output {
        Some(p) => Output::open(p)?,
        None => Output::stdout(),
    };
    let input = std::io::BufReader::new(std::io::stdin());
    let result = runner.run_jsonl(input, &mut out, &mut ui);
    ui.finish();
    let summary = result?;
    out.commit()?;
    ui.summary(&summary);
    status(summary)
}
