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
    /// General Chinese–English dictionary for lexical evidence: CC-CEDICT
    /// format (`trad simp [pinyin] /gloss/`, gzip-compressed when the name
    /// ends in .gz) or `zh<TAB>en` lines. Repeat to merge several.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,

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
}

impl ModelArgs {
    pub fn aligner(&self) -> Result<Aligner> {
        let params = ScoreParams {
            band: self.band.max(1),
            estimate_priors: !self.fixed_priors,
            ..ScoreParams::default()
        };
        AlignerBuilder::new().params(params).build()
    }

    /// The dictionaries named by --dict, merged (None without --dict).
    pub fn dictionary(&self) -> Result<Option<Arc<Dictionary>>> {
        if self.dicts.is_empty() {
            return Ok(None);
        }
        let d = Dictionary::load(&self.dicts)?;
        if d.is_empty() {
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
