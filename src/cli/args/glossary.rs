//! `-g/--glossary` and `--no-default-glossary`.

use std::path::PathBuf;

use termalign::Result;
use termalign::glossary::{Glossary, convert};

use crate::cli::args::io;

#[derive(Debug, Clone, clap::Args)]
pub struct GlossaryArgs {
    /// Glossary file (CSV or TSV with columns zh,en,variants,forbidden,type,note,
    /// TBX, or OmegaT .utf8) or a folder of them. Repeat to load several; the
    /// same term with different approved renderings in two files is an
    /// error. Entries override the built-in glossary's (a note on stderr
    /// says so when the rendering changes). `-` reads standard input (TBX
    /// when it starts with `<`, TSV when its header has tabs, else CSV).
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
            let g = if io::is_dash(path) {
                stdin_glossary()?
            } else {
                Glossary::load(path)?
            };
            user.merge(g)?;
        }
        if self.no_default_glossary {
            return Ok(user);
        }
        let mut g = Glossary::builtin();
        for note in g.overlay(user) {
            crate::cli::ui::note!("termalign: note: {note}");
        }
        Ok(g)
    }
}

/// A glossary on standard input, its format told from its first line.
pub fn stdin_glossary() -> Result<Glossary> {
    let text = termalign::decode::decode(io::stdin_bytes()?, Default::default())
        .map_err(|e| e.with_path(io::STDIN_NAME))?
        .text;
    let format = io::sniff_glossary(&text);
    convert::read_str(&text, io::STDIN_NAME, format)
}
