//! The library's one error type: a kind plus the context a user needs to
//! find the problem (file, line, byte offset).

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, independent of where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The operating system refused a read or write.
    Io,
    /// Bytes that are not valid in the expected text encoding.
    Encoding,
    /// The input holds nothing to work on.
    Empty,
    /// A structured input (CSV, TMX, TBX, JSONL) does not follow its format.
    Format,
    /// A glossary entry is invalid or conflicts with another.
    Glossary,
    /// A configuration value is out of range or contradictory.
    Config,
}

impl ErrorKind {
    fn label(self) -> &'static str {
        match self {
            ErrorKind::Io => "I/O error",
            ErrorKind::Encoding => "encoding error",
            ErrorKind::Empty => "empty input",
            ErrorKind::Format => "format error",
            ErrorKind::Glossary => "glossary error",
            ErrorKind::Config => "configuration error",
        }
    }
}

/// An error with its kind and where it happened.
///
/// Displays as `path:line: kind: message` (the parts that are known), the
/// form editors and CI systems turn into links.
///
/// ```
/// use termalign::{Error, ErrorKind};
/// let e = Error::new(ErrorKind::Format, "missing column `en`")
///     .with_path("terms.csv")
///     .with_line(3);
/// assert_eq!(e.to_string(), "terms.csv:3: format error: missing column `en`");
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    path: Option<PathBuf>,
    line: Option<u64>,
    byte: Option<u64>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// A new error of `kind` with a human-readable message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            path: None,
            line: None,
            byte: None,
            source: None,
        }
    }

    /// An I/O error, keeping the operating system's error as the source.
    pub fn io(err: std::io::Error) -> Error {
        let mut e = Error::new(ErrorKind::Io, err.to_string());
        e.source = Some(Box::new(err));
        e
    }

    /// Attach the file the error is about (kept if one is already set).
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        if self.path.is_none() {
            self.path = Some(path.as_ref().to_path_buf());
        }
        self
    }

    /// Attach a 1-based line number (kept if one is already set).
    pub fn with_line(mut self, line: u64) -> Error {
        if self.line.is_none() {
            self.line = Some(line);
        }
        self
    }

    /// Attach a 0-based byte offset (kept if one is already set).
    pub fn with_byte(mut self, byte: u64) -> Error {
        if self.byte.is_none() {
            self.byte = Some(byte);
        }
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message without location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The file, when known.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line, when known.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// The 0-based byte offset, when known.
    pub fn byte(&self) -> Option<u64> {
        self.byte
    }

    /// True when this error is a closed pipe on output (`termalign ... | head`),
    /// which a command-line tool treats as success.
    pub fn is_broken_pipe(&self) -> bool {
        self.source
            .as_ref()
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}:", p.display())?;
            if let Some(l) = self.line {
                write!(f, "{l}:")?;
            }
            f.write_str(" ")?;
        }
        // An I/O error may already name its target (`<stdout>: …`, an
        // output's path): say it once.
        let mut message = self.message.as_str();
        if let Some(p) = &self.path {
            let shown = format!("{}: ", p.display());
            message = message.strip_prefix(shown.as_str()).unwrap_or(message);
        }
        write!(f, "{}: {}", self.kind.label(), message)?;
        if let Some(b) = self.byte {
            write!(f, " (at byte {b})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|s| s.as_ref() as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        Error::io(err)
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_includes_known_context_only() {
        let cases = [
            (
                Error::new(ErrorKind::Empty, "no text"),
                "empty input: no text",
            ),
            (
                Error::new(ErrorKind::Empty, "no text").with_path("a.txt"),
                "a.txt: empty input: no text",
            ),
            (
                Error::new(ErrorKind::Encoding, "invalid UTF-8")
                    .with_path("a.txt")
                    .with_line(2)
                    .with_byte(17),
                "a.txt:2: encoding error: invalid UTF-8 (at byte 17)",
            ),
        ];
        for (err, want) in cases {
            assert_eq!(err.to_string(), want);
        }
    }

    #[test]
    fn first_context_wins() {
        let e = Error::new(ErrorKind::Io, "x")
            .with_path("inner")
            .with_path("outer");
        assert_eq!(e.path().unwrap(), Path::new("inner"));
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e = Error::io(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(e.is_broken_pipe());
        assert!(!Error::io(std::io::Error::from(std::io::ErrorKind::NotFound)).is_broken_pipe());
    }
}
