//! `-g/--glossary` and `--no-default-glossary`.

use std::path::PathBuf;

use termalign::Result;
use termalign::glossary::Glossary;

#[derive(Debug, Clone, clap::Args)]
pub struct GlossaryArgs {
    /// Glossary file (CSV or TSV with columns zh,en,variants,forbidden,type,note,
    /// TBX, or OmegaT .utf8) or a folder of them. Repeat to load several; the
    /// same term with different approved renderings in two files is an
    /// error. Entries override the built-in glossary's (a note on stderr
    /// says so when the rendering changes).
    #[arg(short = 'g', long = "glossary", value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,

    /// Do not load the built-in glossary of Chinese diplomatic terms.
    #[arg(long)]
    pub no_default_glossary: bool,
}

impl GlossaryArgs {
    /// The glossary files given (inputs no output may overwrite).
    pub fn files(&self) -> impl Iterator<Item = &std::path::Path> {
        self.glossaries.iter().map(PathBuf::as_path)
    }

    /// The merged glossary these arguments name.
    pub fn load(&self) -> Result<Glossary> {
        let mut user = Glossary::new();
        for path in &self.glossaries {
            user.merge(Glossary::load(path)?)?;
        }
        if self.no_default_glossary {
            return Ok(user);
        }
        let mut g = Glossary::builtin();
        for note in g.overlay(user) {
            eprintln!("termalign: note: {note}");
        }
        Ok(g)
    }
}
