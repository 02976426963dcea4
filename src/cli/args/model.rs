//! Alignment model options.

use termalign::align::{Aligner, AlignerBuilder};

#[derive(Debug, Clone, clap::Args)]
pub struct ModelArgs {
    /// The inputs are already split: one sentence per line, a blank line
    /// between articles. No segmentation is done.
    #[arg(long)]
    pub presegmented: bool,
}

impl ModelArgs {
    pub fn aligner(&self) -> Aligner {
        AlignerBuilder::new().build()
    }
}
