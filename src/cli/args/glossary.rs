//! `-g/--glossary` and `--no-default-glossary`.

use std::path::PathBuf;

use termalign::Result;
use termalign::glossary::Glossary;

#[derive(Debug, Clone, clap::Args)]
pub struct GlossaryArgs {
    /// Glossary file (CSV or TSV with columns zh,en,variants,forbidden,type,note)
    /// or a folder of them. Repeat to load several; the built-in glossary is
    /// loaded first unless --no-default-glossary.
    #[arg(short = 'g', long = "glossary", value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,

    /// Do not load the built-in glossary of Chinese diplomatic terms.
    #[arg(long)]
    pub no_default_glossary: bool,
}

impl GlossaryArgs {
    /// The merged glossary these arguments name.
    pub fn load(&self) -> Result<Glossary> {
        let mut g = if self.no_default_glossary {
            Glossary::new()
        } else {
            Glossary::builtin()
        };
        for path in &self.glossaries {
            g.merge(Glossary::load(path)?)?;
        }
        Ok(g)
    }
}
