//! `termalign eval`: score predicted beads against gold beads.

use std::io::Write;
use std::path::{Path, PathBuf};

use termalign::align::eval::{Counts, parse_beads};
use termalign::{Error, ErrorKind, Result};

use crate::cli::Status;

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
/// Example: termalign eval gold/001.tsv pred/001.tsv
///
/// Example: termalign eval --gold-dir gold --pred-dir pred
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold beads.
    #[arg(required_unless_present = "gold_dir", conflicts_with = "gold_dir")]
    pub gold: Option<PathBuf>,

    /// Predicted beads.
    #[arg(required_unless_present = "pred_dir", conflicts_with = "pred_dir")]
    pub pred: Option<PathBuf>,

    /// Folder of gold bead files (every regular file in it).
    #[arg(long, value_name = "DIR", requires = "pred_dir")]
    pub gold_dir: Option<PathBuf>,

    /// Folder of predicted bead files, named as in --gold-dir.
    #[arg(long, value_name = "DIR", requires = "gold_dir")]
    pub pred_dir: Option<PathBuf>,

    /// `text` (two lines) or `json`.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
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
    let p = parse_beads(&read(pred)?, &pred.display().to_string())?;
    counts.add(&g, &p);
    Ok(())
}

pub fn run(args: Args) -> Result<Status> {
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
                "give GOLD PRED, or --gold-dir and --pred-dir",
            ));
        }
    }
    let scores = counts.scores();
    let out = if args.format == "json" {
        serde_json::to_string(&scores).expect("scores serialise") + "\n"
    } else {
        format!("{scores}\n")
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes()).map_err(Error::io)?;
    stdout.flush().map_err(Error::io)?;
    Ok(Status::Ok)
}
