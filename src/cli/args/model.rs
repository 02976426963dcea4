//! Alignment model options: dictionaries, presegmented input, the search
//! band.

use std::path::PathBuf;
use std::sync::Arc;

use termalign::align::{Aligner, AlignerBuilder, ScoreParams};
use termalign::glossary::Glossary;
use termalign::lexicon::Dictionary;
use termalign::{Articles, DocOptions};
use termalign::{Error, ErrorKind, Pipeline, Result};

#[derive(Debug, Clone, clap::Args)]
pub struct ModelArgs {
    /// A Chinese–English dictionary to add to the built-in lexicon for
    /// lexical evidence: CC-CEDICT format (`trad simp [pinyin] /gloss/`,
    /// gzip-compressed when the name ends in .gz) or `zh<TAB>en` lines.
    /// Repeat to merge several.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,

    /// Do not use the built-in CC-CEDICT lexicon (only --dict files, if
    /// any, give lexical evidence).
    #[arg(long)]
    pub no_default_dict: bool,

    /// The inputs are already split: one sentence per line, a blank line
    /// between paragraphs. Sentence indices are then line numbers (blank
    /// lines aside).
    #[arg(long)]
    pub presegmented: bool,

    /// Half-width of the initial search band, in sentences; the band
    /// doubles whenever the best path touches its edge.
    #[arg(long, value_name = "N", default_value_t = ScoreParams::default().band)]
    pub band: usize,

    /// Keep the starting bead priors instead of re-estimating them from a
    /// first pass over each document.
    #[arg(long)]
    pub fixed_priors: bool,

    /// Largest bead: at most N sentences on either side (1 to 4). The
    /// aligner's bead shapes are 1-1, 1-2, 2-1, 1-0, 0-1, 2-2, 1-3, 3-1,
    /// 1-4 and 4-1; --max-bead 1 keeps 1-1, 1-0 and 0-1, --max-bead 2 adds
    /// 1-2, 2-1 and 2-2, --max-bead 3 adds 1-3 and 3-1.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub max_bead: u8,
}

impl ModelArgs {
    pub fn aligner(&self) -> Result<Aligner> {
        let params = ScoreParams {
            band: self.band.max(1),
            estimate_priors: !self.fixed_priors,
            ..ScoreParams::default()
        }
        .max_bead(usize::from(self.max_bead));
        AlignerBuilder::new().params(params).build()
    }

    /// The built-in lexicon (unless --no-default-dict) with the --dict
    /// files merged on top; None with --no-default-dict and no --dict.
    pub fn dictionary(&self) -> Result<Option<Arc<Dictionary>>> {
        let d = if self.no_default_dict {
            if self.dicts.is_empty() {
                return Ok(None);
            }
            Dictionary::load(&self.dicts)?
        } else {
            Dictionary::builtin().with_files(&self.dicts)?
        };
        // A --dict file without a single entry is a mistake, built-in
        // lexicon or not.
        if !self.dicts.is_empty() && d.file_entries() == 0 {
            return Err(
                Error::new(ErrorKind::Empty, "no dictionary entries").with_path(&self.dicts[0])
            );
        }
        Ok(Some(Arc::new(d)))
    }

    /// A pipeline for `glossary` with these options.
    pub fn pipeline(&self, glossary: Glossary) -> Result<Pipeline> {
        let p = Pipeline::new(glossary, self.aligner()?)?;
        Ok(match self.dictionary()? {
            Some(d) => p.with_dictionary(d),
            None => p,
        })
    }

    /// How one document pair given on the command line is read: segmented
    /// or, with --presegmented, split by line; aligned whole (articles are
    /// not split, unlike in batch mode).
    pub fn doc_options(&self) -> DocOptions {
        DocOptions {
            presegmented: self.presegmented,
            articles: Articles::Whole,
        }
    }
}
