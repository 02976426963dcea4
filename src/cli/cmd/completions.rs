//! `termalign completions SHELL` and `termalign man`: shell completion
//! scripts (clap_complete) and manual pages (clap_mangen), generated from
//! the same definitions as `--help`, so they never drift from it.

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Shell;
use termalign::{Error, ErrorKind, Result};

use crate::cli::args::io;
use crate::cli::{Cli, Status};

/// Print a shell completion script.
///
/// Install it where your shell looks, for example:
///   termalign completions bash > ~/.local/share/bash-completion/completions/termalign
///   termalign completions zsh > ~/.zfunc/_termalign      (with fpath+=~/.zfunc)
///   termalign completions fish > ~/.config/fish/completions/termalign.fish
///   termalign completions powershell >> $PROFILE
///   termalign completions elvish >> ~/.config/elvish/rc.elv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,

    /// Write the script to FILE instead of standard output (`-`).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Print the manual page (roff), or write one per command into a folder.
///
/// Example: termalign man | man -l -
///          termalign man --dir /usr/local/share/man/man1
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// Write termalign.1 to FILE instead of standard output (`-`).
    #[arg(short, long, value_name = "FILE", conflicts_with = "dir")]
    pub output: Option<PathBuf>,

    /// Write termalign.1 and one page per subcommand (termalign-check.1,
    /// termalign-tm-convert.1, …) into DIR.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<Status> {
    let mut out = io::open_output(a.output.as_deref())?;
    clap_complete::generate(a.shell, &mut Cli::command(), "termalign", &mut out);
    out.commit()?;
    Ok(Status::Ok)
}

pub fn man(a: ManArgs) -> Result<Status> {
    let cmd = Cli::command();
    if let Some(dir) = &a.dir {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(e).with_path(dir))?;
        clap_mangen::generate_to(cmd, dir).map_err(|e| Error::io(e).with_path(dir))?;
        return Ok(Status::Ok);
    }
    let mut out = io::open_output(a.output.as_deref())?;
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
    out.flush()?;
    out.commit()?;
    Ok(Status::Ok)
}
