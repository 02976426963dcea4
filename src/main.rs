//! The `termalign` command: a thin layer that turns arguments into library
//! configuration and errors into exit codes (0 ok, 1 findings, 2 error).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code.into(),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("termalign: {err}");
            ExitCode::from(2)
        }
    }
}
