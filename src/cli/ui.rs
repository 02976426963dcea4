//! Settings every command shares: `--color` and `-q/--quiet`, kept for the
//! process once parsed so that any command can ask.

use std::io::IsTerminal;
use std::sync::OnceLock;

/// `--color`: when to use ANSI colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when the stream is a terminal, unless NO_COLOR is set;
    /// FORCE_COLOR or CLICOLOR_FORCE force it (CI logs).
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Clone, Copy)]
struct Settings {
    color: ColorChoice,
    quiet: bool,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Record the global options (once, before the command runs).
pub fn init(color: ColorChoice, quiet: bool) {
    let _ = SETTINGS.set(Settings { color, quiet });
}

fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or(Settings {
        color: ColorChoice::Auto,
        quiet: false,
    })
}

/// True with -q/--quiet: no notes, warnings, summaries or progress on
/// standard error (errors are still printed).
pub fn quiet() -> bool {
    settings().quiet
}

/// Whether to colour standard output.
pub fn color_stdout() -> bool {
    color_for(std::io::stdout().is_terminal(), &|k| std::env::var(k).ok())
}

/// The decision for a stream: --color always/never win; with auto,
/// FORCE_COLOR or CLICOLOR_FORCE (set, not empty, not `0`) force colour,
/// then NO_COLOR (set, not empty) or TERM=dumb turn it off, and otherwise
/// a terminal gets colour.
fn color_for(terminal: bool, env: &dyn Fn(&str) -> Option<String>) -> bool {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
    match settings().color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if set("FORCE_COLOR") || set("CLICOLOR_FORCE") {
                return true;
            }
            if env("NO_COLOR").is_some_and(|v| !v.is_empty())
                || env("TERM").is_some_and(|t| t == "dumb")
                || env("CLICOLOR").is_some_and(|v| v == "0")
            {
                return false;
            }
            terminal
        }
    }
}

/// Print a note, warning or summary on standard error, unless --quiet.
macro_rules! note {
    ($($t:tt)*) => {
        if !$crate::cli::ui::quiet() {
            eprintln!($($t)*);
        }
    };
}
pub(crate) use note;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_follows_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_string())
        };
        assert!(color_for(true, &env(&[])));
        assert!(!color_for(false, &env(&[])));
        assert!(!color_for(true, &env(&[("NO_COLOR", "1")])));
        assert!(color_for(true, &env(&[("NO_COLOR", "")])));
        assert!(color_for(false, &env(&[("FORCE_COLOR", "1")])));
        assert!(color_for(false, &env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!color_for(false, &env(&[("FORCE_COLOR", "0")])));
        // Forcing wins over NO_COLOR: CI sets it on purpose.
        assert!(color_for(
            false,
            &env(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")])
        ));
        assert!(!color_for(true, &env(&[("TERM", "dumb")])));
    }
}
