//! The batch and JSON Lines drivers: jobs aligned in parallel on one
//! thread pool, results written in input order, and what happens along the
//! way (progress, warnings, failures) told to an [`Observer`] the caller
//! supplies. The library never prints; the command line's observer does.

use std::io::{BufRead, Write};

use super::ordered::{Flow, ordered_map};
use super::plan::{Folders, PairStatus, Pairing, Plan, job_path};
use super::{Job, JobOutput, PairRow, ReadOptions, jsonl, process};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::PairProblem;
use crate::pipeline::Pipeline;
use crate::tm::TmWriter;

/// How a batch runs.
#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    /// How documents are read.
    pub read: ReadOptions,
    /// Skip a document that cannot be read or aligned and go on (true), or
    /// stop at the first one (false).
    pub keep_going: bool,
    /// Refuse a document pair that looks wrong ([`JobOutput::problems`]):
    /// it fails as an unreadable one does (nothing of it written) instead
    /// of being aligned with a warning.
    pub strict: bool,
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions {
            read: ReadOptions::default(),
            keep_going: true,
            strict: false,
        }
    }
}

/// What a run tells its caller as it goes, in output order, on the
/// caller's thread. Every method does nothing by default; `()` observes
/// nothing.
pub trait Observer {
    /// A document of the plan has no partner (before any document runs).
    fn unpaired_document(&mut self, _row: &PairRow) {}
    /// Something the user should know about a document being written
    /// (bytes replaced by lossy decoding).
    fn warning(&mut self, _message: &str) {}
    /// A document pair looks wrong ([`JobOutput::problems`]); `message`
    /// names both sides (a JSON Lines record by line and `doc`). Told
    /// before the document is written; with [`BatchOptions::strict`] the
    /// document fails instead ([`Observer::failed`]). By default a
    /// [`Observer::warning`].
    fn suspicious(&mut self, message: &str) {
        self.warning(message);
    }
    /// An article of a document found no partner in the other language
    /// (`path#N`).
    fn unpaired_article(&mut self, _article: &str) {}
    /// A document was aligned and written (after its warnings and
    /// unpaired articles).
    fn aligned(&mut self, _output: &JobOutput) {}
    /// A document could not be read or aligned. `skipped`: the run goes on
    /// without it; otherwise the run stops and the error is
    /// [`Summary::stopped`].
    fn failed(&mut self, _error: &Error, _skipped: bool) {}
}

impl Observer for () {}

/// Counts of a finished run.
#[derive(Debug, Default)]
pub struct Summary {
    /// Documents aligned.
    pub documents: usize,
    /// Article pairs aligned.
    pub pairs: usize,
    /// Documents and articles left without a partner.
    pub unpaired: usize,
    /// Documents that failed.
    pub failed: usize,
    /// Documents whose pair looked wrong ([`JobOutput::problems`]):
    /// aligned with a warning, or with [`BatchOptions::strict`] failed
    /// (and counted in `failed` too).
    pub suspicious: usize,
    /// Beads written.
    pub beads: usize,
    /// Pair beads below [`super::LOW_CONFIDENCE`].
    pub low_confidence: usize,
    /// Sentences aligned, both sides together.
    pub sentences: usize,
    /// The failure that stopped the run (with `keep_going` off). What was
    /// written before it stays, in a complete file.
    pub stopped: Option<Error>,
}

impl Summary {
    fn add(&mut self, out: &JobOutput, observer: &mut (impl Observer + ?Sized)) {
        self.documents += 1;
        self.pairs += out.articles.len();
        self.unpaired += out.unpaired.len();
        for a in &out.articles {
            self.beads += a.units.len();
            self.low_confidence += a.low_confidence;
        }
        self.sentences += out.sentences();
        for w in &out.warnings {
            observer.warning(w);
        }
        for u in &out.unpaired {
            observer.unpaired_article(u);
        }
        observer.aligned(out);
    }

    fn fail(
        &mut self,
        e: Error,
        observer: &mut (impl Observer + ?Sized),
        keep_going: bool,
    ) -> Flow {
        self.failed += 1;
        observer.failed(&e, keep_going);
        if keep_going {
            Flow::Continue
        } else {
            self.stopped.get_or_insert(e);
            Flow::Stop
        }
    }
}

/// Runs batches: a pipeline, the options, and the thread pool on which
/// every parallel step runs (pairing by content included), so `-j` bounds
/// the whole run. The output does not depend on the number of threads.
///
/// ```
/// use termalign::{Pipeline, glossary::Glossary, align::Aligner};
/// use termalign::batch::{BatchOptions, Runner};
/// let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let runner = Runner::new(&p, pool, BatchOptions::default());
/// let input = "{\"doc\":\"d\",\"zh\":\"上海精神很重要。\",\"en\":\"The Shanghai Spirit matters.\"}\n";
/// let mut out = Vec::new();
/// let summary = runner.run_jsonl(std::io::Cursor::new(input), &mut out, &mut ()).unwrap();
/// assert_eq!((summary.documents, summary.beads), (1, 1));
/// assert!(String::from_utf8(out).unwrap().starts_with(r#"{"doc":"d","beads":[{"zh":"上海精神很重要。""#));
/// ```
pub struct Runner<'p> {
    pipeline: &'p Pipeline,
    pool: rayon::ThreadPool,
    options: BatchOptions,
}

impl<'p> Runner<'p> {
    /// A runner aligning with `pipeline` on `pool`.
    pub fn new(pipeline: &'p Pipeline, pool: rayon::ThreadPool, options: BatchOptions) -> Self {
        Runner {
            pipeline,
            pool,
            options,
        }
    }

    /// The pool every parallel step runs on.
    pub fn pool(&self) -> &rayon::ThreadPool {
        &self.pool
    }

    /// Find and pair the documents of two folders (see
    /// [`super::plan::from_folders`]), on this runner's pool.
    pub fn plan_folders(&self, folders: &Folders, pairing: &Pairing) -> Result<Plan> {
        super::plan::from_folders(
            self.pipeline,
            folders,
            pairing,
            &self.options.read,
            &self.pool,
        )
    }

    /// Jobs waiting or running at once: enough to keep every thread busy
    /// while the writer waits for the next document in order.
    fn window(&self) -> usize {
        self.pool.current_num_threads() * 4
    }

    /// Align every job of `plan` in parallel and write the units to
    /// `writer` in plan order, then finish it (even after a stop, so what
    /// was written stays valid). The plan's unpaired documents and
    /// failures are reported first; a run stopped by one of those writes
    /// nothing and leaves `writer` unfinished.
    ///
    /// Errors are those of writing; a document that fails is reported to
    /// `observer` and counted (or stops the run, see
    /// [`BatchOptions::keep_going`]).
    pub fn run<O, W>(&self, mut plan: Plan, observer: &mut O, writer: &mut W) -> Result<Summary>
    where
        O: Observer + ?Sized,
        W: TmWriter + ?Sized,
    {
        let (keep_going, strict) = (self.options.keep_going, self.options.strict);
        let mut summary = Summary {
            unpaired: plan.unpaired_zh + plan.unpaired_en,
            ..Summary::default()
        };
        for r in &plan.rows {
            if r.status == PairStatus::Unpaired {
                observer.unpaired_document(r);
            }
        }
        for e in plan.failures.drain(..) {
            if summary.fail(e, observer, keep_going) == Flow::Stop {
                return Ok(summary);
            }
        }
        let (pipeline, read) = (self.pipeline, &self.options.read);
        let jobs = std::mem::take(&mut plan.jobs);
        let run = ordered_map(
            &self.pool,
            self.window(),
            jobs.into_iter(),
            |_, job: Job| {
                let path = job_path(&job);
                let r = process(pipeline, &job, read).map_err(|e| e.with_path(&path));
                let r = r.map(|o| {
                    let message = (!o.problems.is_empty()).then(|| {
                        problems_message(&o.problems, &job.zh.name(), &job.en.name(), true)
                    });
                    (o, message)
                });
                (path, r)
            },
            |_, r| {
                let (path, r) = r.unwrap_or_else(|panic| (String::new(), Err(internal(panic))));
                let r = r.and_then(|(o, message)| match message {
                    None => Ok(o),
                    Some(m) => {
                        summary.suspicious += 1;
                        if strict {
                            Err(refused(m))
                        } else {
                            observer.suspicious(&m);
                            Ok(o)
                        }
                    }
                });
                match r {
                    Ok(o) => {
                        for a in &o.articles {
                            for u in &a.units {
                                writer.write_unit(u)?;
                            }
                        }
                        summary.add(&o, observer);
                        Ok(Flow::Continue)
                    }
                    Err(e) => {
                        let e = if path.is_empty() {
                            e
                        } else {
                            e.with_path(&path)
                        };
                        Ok(summary.fail(e, observer, keep_going))
                    }
                }
            },
        );
        // Close the TM (and move the file into place) even after a stop.
        run.and_then(|()| writer.finish())?;
        Ok(summary)
    }

    /// The JSON Lines driver (see `super::jsonl`): read
    /// `{"doc":…,"zh":…,"en":…}` lines from `input`, align each document
    /// whole, in parallel, and write one line per document to `out` in
    /// input order, flushed as each is written. A line that cannot be
    /// parsed or aligned gets an error line and is reported to `observer`.
    ///
    /// `input` is read on its own thread, so a driver that waits for each
    /// answer before sending the next line does not deadlock.
    pub fn run_jsonl<R, O, W>(&self, input: R, out: &mut W, observer: &mut O) -> Result<Summary>
    where
        R: BufRead + Send + 'static,
        O: Observer + ?Sized,
        W: Write + ?Sized,
    {
        let (keep_going, strict) = (self.options.keep_going, self.options.strict);
        let mut summary = Summary::default();
        let (pipeline, read) = (self.pipeline, &self.options.read);
        let lines = jsonl::Lines::new(input);
        ordered_map(
            &self.pool,
            self.window(),
            lines,
            |_, (n, doc, job): (u64, Option<String>, Result<Job>)| {
                let r = job.and_then(|j| process(pipeline, &j, read));
                (n, doc, r)
            },
            |_, r| {
                let (n, doc, r) = r.unwrap_or_else(|panic| (0, None, Err(internal(panic))));
                let r = r.and_then(|o| {
                    if o.problems.is_empty() {
                        return Ok(o);
                    }
                    // JSON Lines records are named by line (and `doc`); their
                    // sides by field.
                    let m = problems_message(&o.problems, "`zh`", "`en`", false);
                    summary.suspicious += 1;
                    if strict {
                        // Named by line and doc below, as a malformed record.
                        return Err(refused(m).with_path(jsonl::INPUT).with_line(n));
                    }
                    // A record without `doc` is named `line N`: the line says it.
                    observer.suspicious(&match &doc {
                        Some(d) if *d != format!("line {n}") => {
                            format!("{}:{n} (doc `{d}`): {m}", jsonl::INPUT)
                        }
                        _ => format!("{}:{n}: {m}", jsonl::INPUT),
                    });
                    Ok(o)
                });
                let flow = match r {
                    Ok(o) => {
                        let line = jsonl::beads_line(doc.as_deref().unwrap_or(""), &o)?;
                        writeln!(out, "{line}")?;
                        summary.add(&o, observer);
                        Flow::Continue
                    }
                    Err(e) => {
                        let e = match &doc {
                            Some(d) => Error::new(e.kind(), format!("{} (doc `{d}`)", e.message()))
                                .with_path(jsonl::INPUT)
                                .with_line(n),
                            None => e,
                        };
                        writeln!(out, "{}", jsonl::error_line(doc.as_deref(), n, &e))?;
                        summary.fail(e, observer, keep_going)
                    }
                };
                out.flush()?;
                Ok(flow)
            },
        )?;
        Ok(summary)
    }
}

/// What looks wrong with a pair, as one message naming its sides `zh` and
/// `en`. With `both`, a problem with one side names the other too, so a
/// batch warning always says which pair it is about.
fn problems_message(problems: &[PairProblem], zh: &str, en: &str, both: bool) -> String {
    let messages: Vec<String> = problems
        .iter()
        .map(|p| {
            let m = p.message(zh, en);
            match p {
                PairProblem::ZhNotChinese { .. } if both => format!("{m} (paired with {en})"),
                PairProblem::EnIsChinese { .. } if both => format!("{m} (paired with {zh})"),
                _ => m,
            }
        })
        .collect();
    messages.join("; ")
}

/// A pair refused by [`BatchOptions::strict`].
fn refused(message: String) -> Error {
    Error::new(ErrorKind::Config, format!("{message} (--strict)"))
}

/// A job that panicked, as an error (the run goes on without it).
fn internal(panic: String) -> Error {
    Error::new(ErrorKind::Format, format!("internal error: {panic}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Aligner;
    use crate::batch::DocRef;
    use crate::glossary::Glossary;
    use crate::tm::{Record, WriteReport};

    /// Keeps the document of every unit written.
    #[derive(Default)]
    struct Docs {
        docs: Vec<String>,
        finished: bool,
    }

    impl TmWriter for Docs {
        fn write_record(&mut self, r: &Record<'_>) -> Result<()> {
            self.docs.push(r.doc.unwrap_or_default().to_string());
            Ok(())
        }
        fn finish(&mut self) -> Result<()> {
            self.finished = true;
            Ok(())
        }
        fn report(&self) -> WriteReport {
            WriteReport::default()
        }
    }

    /// Every event, in order.
    #[derive(Default)]
    struct Events(Vec<String>);

    impl Observer for Events {
        fn unpaired_document(&mut self, row: &PairRow) {
            self.0.push(format!("unpaired {}", row.doc));
        }
        fn aligned(&mut self, output: &JobOutput) {
            self.0.push(format!("aligned {}", output.articles[0].name));
        }
        fn failed(&mut self, error: &Error, skipped: bool) {
            self.0.push(format!("failed {skipped} {error}"));
        }
        fn suspicious(&mut self, message: &str) {
            self.0.push(format!("suspicious {message}"));
        }
    }

    fn job(name: &str, zh: &str, en: &str) -> Job {
        Job {
            name: name.into(),
            zh: DocRef::text(zh),
            en: DocRef::text(en),
        }
    }

    fn plan() -> Plan {
        let mut plan = Plan {
            jobs: vec![
                job("a", "上海精神很重要。", "The Shanghai Spirit matters."),
                job("b", "你好。", " "),
                job("c", "汪淼来了。", "Wang Miao came."),
            ],
            ..Plan::default()
        };
        plan.rows.push(PairRow {
            zh: None,
            en: Some("x.en.txt".into()),
            doc: "x".into(),
            score: None,
            zh_article: None,
            en_article: None,
            status: PairStatus::Unpaired,
            side: Some(crate::Lang::En),
        });
        plan.unpaired_en = 1;
        plan
    }

    #[test]
    fn failures_are_skipped_or_stop_the_run_in_order() {
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        let pool = || {
            rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .build()
                .unwrap()
        };
        let runner = Runner::new(&p, pool(), BatchOptions::default());
        let (mut events, mut out) = (Events::default(), Docs::default());
        let s = runner.run(plan(), &mut events, &mut out).unwrap();
        assert_eq!(
            events.0,
            [
                "unpaired x",
                "aligned a",
                "failed true b: empty input: the English side holds no sentence",
                "aligned c",
            ]
        );
        assert_eq!(out.docs, ["a", "c"]);
        assert!(out.finished);
        assert_eq!((s.documents, s.pairs, s.unpaired, s.failed), (2, 2, 1, 1));
        assert_eq!((s.beads, s.sentences), (2, 4));
        assert!(s.stopped.is_none());

        // Stop at the failure: what came before is written and finished.
        let options = BatchOptions {
            keep_going: false,
            ..BatchOptions::default()
        };
        let runner = Runner::new(&p, pool(), options);
        let (mut events, mut out) = (Events::default(), Docs::default());
        let s = runner.run(plan(), &mut events, &mut out).unwrap();
        assert_eq!(events.0[..2], ["unpaired x", "aligned a"]);
        assert!(events.0[2].starts_with("failed false"), "{:?}", events.0);
        assert_eq!(out.docs, ["a"]);
        assert!(out.finished);
        assert_eq!(s.stopped.unwrap().kind(), ErrorKind::Empty);

        // A plan failure stops the run before any document: nothing is
        // written, the writer is left unfinished.
        let mut plan = plan();
        plan.failures
            .push(Error::new(ErrorKind::Encoding, "bad bytes").with_path("y.zh.txt"));
        let mut out = Docs::default();
        let s = runner.run(plan, &mut (), &mut out).unwrap();
        assert!(out.docs.is_empty() && !out.finished);
        assert_eq!((s.documents, s.failed), (0, 1));
    }

    #[test]
    fn suspicious_pairs_warn_or_fail_under_strict() {
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        let plan = || Plan {
            jobs: vec![
                job("a", "上海精神很重要。", "The Shanghai Spirit matters."),
                job("s", "The Shanghai Spirit matters.", "上海精神很重要。"),
            ],
            ..Plan::default()
        };
        let swapped = "<text> looks English and <text> looks Chinese: the inputs seem swapped";
        let run = |strict| {
            let options = BatchOptions {
                strict,
                ..BatchOptions::default()
            };
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .build()
                .unwrap();
            let (mut events, mut out) = (Events::default(), Docs::default());
            let s = Runner::new(&p, pool, options)
                .run(plan(), &mut events, &mut out)
                .unwrap();
            (events.0, out.docs, s)
        };
        let (events, docs, s) = run(false);
        assert_eq!(events[0], "aligned a");
        assert!(
            events[1].starts_with(&format!("suspicious {swapped}")),
            "{events:?}"
        );
        assert_eq!(events[2], "aligned s");
        assert_eq!(docs, ["a", "s"]);
        assert_eq!((s.documents, s.failed, s.suspicious), (2, 0, 1));

        let (events, docs, s) = run(true);
        assert_eq!(events.len(), 2, "{events:?}");
        assert!(
            events[1].starts_with("failed true s: configuration error: "),
            "{events:?}"
        );
        assert!(events[1].contains(swapped), "{events:?}");
        assert_eq!(docs, ["a"]);
        assert_eq!((s.documents, s.failed, s.suspicious), (1, 1, 1));
    }
}
