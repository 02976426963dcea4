//! Alignment model options.

use termalign::align::{Aligner, AlignerBuilder};

#[derive(Debug, Clone, clap::Args)]
pub struct ModelArgs {}

impl ModelArgs {
    pub fn aligner(&self) -> Aligner {
        AlignerBuilder::new().build()
    }
}
