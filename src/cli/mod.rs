//! Command-line interface: clap definitions and one module per subcommand.
//! Nothing here does linguistic work; it only converts arguments into the
//! library's configuration.

pub mod args;
pub mod cmd;

use clap::{Parser, Subcommand};
use termalign::Result;

/// Outcome of a command that ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing to report.
    Ok,
    /// The command found what it looks for (e.g. term violations).
    Findings,
}

impl From<Status> for std::process::ExitCode {
    fn from(s: Status) -> Self {
        match s {
            Status::Ok => std::process::ExitCode::SUCCESS,
            Status::Findings => std::process::ExitCode::from(1),
        }
    }
}

/// Sentence-aligned translation memory from Chinese news releases and their
/// English versions, driven by a term glossary.
///
/// termalign splits both sides into sentences (re-joining lines that
/// scraping broke), finds glossary terms, numbers and dates on both sides,
/// aligns the sentences (1-1, 1-2, 2-1, 1-0, 0-1) with a confidence for each
/// pair, and writes TMX 1.4b or CSV.
///
/// Exit status: 0 success, 1 findings (check), 2 error.
#[derive(Debug, Parser)]
#[command(name = "termalign", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Segment(cmd::segment::Args),
    Align(cmd::align::Args),
    Eval(cmd::eval::Args),
    Tm(cmd::tm::Args),
    Glossary(cmd::glossary::Args),
    Check(cmd::check::Args),
    Review(cmd::review::Args),
}

/// Run the chosen command.
pub fn run(cli: Cli) -> Result<Status> {
    match cli.command {
        Command::Segment(a) => cmd::segment::run(a),
        Command::Align(a) => cmd::align::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Tm(a) => cmd::tm::run(a),
        Command::Glossary(a) => cmd::glossary::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Review(a) => cmd::review::run(a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
