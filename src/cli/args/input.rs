//! How input files are decoded.

use std::path::Path;

use termalign::decode::{self, DecodeOptions, Decoded};
use termalign::{Error, ErrorKind, Lang, Result};

#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Input encoding (utf-8, gb18030, gbk, utf-16le, utf-16be, big5, …). By
    /// default a BOM decides, then UTF-16 when every other byte is NUL, then
    /// UTF-8, then GB18030 when the bytes are not UTF-8 but decode to Chinese.
    /// Applies to every input; --zh-encoding and --en-encoding override it
    /// for one side.
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// Encoding of the Chinese input(s) only (overrides --encoding).
    #[arg(long, value_name = "ENCODING")]
    pub zh_encoding: Option<String>,

    /// Encoding of the English input(s) only (overrides --encoding).
    #[arg(long, value_name = "ENCODING")]
    pub en_encoding: Option<String>,

    /// Replace undecodable bytes with U+FFFD instead of stopping (a warning
    /// with the count goes to stderr).
    #[arg(long)]
    pub lossy: bool,
}

impl InputArgs {
    /// The decoding options for both sides (`--encoding` only); see
    /// [`InputArgs::side_options`].
    pub fn decode_options(&self) -> Result<DecodeOptions> {
        self.options_with(self.encoding.as_ref())
    }

    /// The decoding options for one side: its own `--zh-encoding` or
    /// `--en-encoding`, else `--encoding`.
    pub fn side_options(&self, lang: Lang) -> Result<DecodeOptions> {
        let side = match lang {
            Lang::Zh => self.zh_encoding.as_ref(),
            Lang::En => self.en_encoding.as_ref(),
        };
        self.options_with(side.or(self.encoding.as_ref()))
    }

    fn options_with(&self, label: Option<&String>) -> Result<DecodeOptions> {
        let encoding = match label {
            None => None,
            Some(label) => Some(decode::encoding_for_label(label).ok_or_else(|| {
                Error::new(ErrorKind::Config, format!("unknown encoding `{label}`"))
            })?),
        };
        Ok(DecodeOptions {
            encoding,
            lossy: self.lossy,
        })
    }

    /// Read and decode one side's file (`-` is stdin), with that side's
    /// encoding. Text that holds no letter of the side's script (Han for
    /// Chinese, Latin for English) is an error: decoded with the wrong
    /// encoding, or the wrong file, it would align to nothing.
    pub fn read_side(&self, path: &Path, lang: Lang) -> Result<Decoded> {
        let d = self.read_with(path, self.side_options(lang)?)?;
        // Garbage from a wrong encoding is CJK-looking but never ASCII.
        let fits = |c: char| match lang {
            Lang::Zh => termalign::lang::is_han(c),
            Lang::En => c.is_ascii_alphabetic(),
        };
        let side = match lang {
            Lang::Zh => "Chinese",
            Lang::En => "English",
        };
        if !d.text.chars().any(fits) {
            let name = if path == Path::new("-") {
                "<stdin>".to_string()
            } else {
                path.display().to_string()
            };
            return Err(Error::new(
                ErrorKind::Empty,
                format!(
                    "decoded as {}, the {side} side holds no {side} text (wrong file or encoding? see --{lang}-encoding)",
                    d.encoding,
                ),
            )
            .with_path(name));
        }
        Ok(d)
    }

    /// [`InputArgs::read_side`], lines longer than [`MAX_LINE_CHARS`]
    /// broken (see [`break_long_lines`]) with a warning: one line of
    /// megabytes (a file whose line breaks were lost) would make
    /// segmenting and aligning slow and memory-hungry.
    pub fn read_side_bounded(&self, path: &Path, lang: Lang) -> Result<Decoded> {
        let mut d = self.read_side(path, lang)?;
        if let Some((text, lines)) = break_long_lines(&d.text, MAX_LINE_CHARS) {
            eprintln!(
                "termalign: warning: {}: {} line(s) longer than {MAX_LINE_CHARS} characters (first: line {}) broken at sentence ends",
                path.display(),
                lines.len(),
                lines[0]
            );
            d.text = text;
        }
        Ok(d)
    }

    /// Read and decode a file (`-` is stdin).
    pub fn read(&self, path: &Path) -> Result<Decoded> {
        self.read_with(path, self.decode_options()?)
    }

    fn read_with(&self, path: &Path, opts: DecodeOptions) -> Result<Decoded> {
        let decoded = if path == Path::new("-") {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)?;
            let d = decode::decode(&bytes, opts).map_err(|e| e.with_path("<stdin>"))?;
            if d.text.trim().is_empty() {
                return Err(Error::new(ErrorKind::Empty, "no text").with_path("<stdin>"));
            }
            d
        } else {
            decode::read_file(path, opts)?
        };
        if decoded.replaced > 0 {
            eprintln!(
                "termalign: warning: {}: decoded as {}, replacing {} undecodable byte sequence(s) with U+FFFD",
                path.display(),
                decoded.encoding,
                decoded.replaced
            );
        }
        Ok(decoded)
    }
}

/// The longest line `align` and `check --zh/--en` take as it is.
pub const MAX_LINE_CHARS: usize = 20_000;

/// Break lines longer than `limit` characters into lines of at most
/// `limit`, each break after the last sentence end (`。！？.!?` and a
/// space) in the window, else at the last space, else at a character
/// boundary. None when no line is too long; else the new text and the
/// 1-based numbers of the lines broken.
pub fn break_long_lines(text: &str, limit: usize) -> Option<(String, Vec<usize>)> {
    if text.len() <= limit || !text.split('\n').any(|l| l.chars().count() > limit) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / limit + 1);
    let mut broken = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if line.chars().count() <= limit {
            out.push_str(line);
            continue;
        }
        broken.push(n + 1);
        let mut rest = line;
        while rest.chars().count() > limit {
            let window_end = rest
                .char_indices()
                .nth(limit)
                .map_or(rest.len(), |(i, _)| i);
            let window = &rest[..window_end];
            let at = window
                .char_indices()
                .filter(|&(i, c)| {
                    matches!(c, '。' | '！' | '？')
                        || (matches!(c, '.' | '!' | '?') && window[i + 1..].starts_with(' '))
                })
                .map(|(i, c)| i + c.len_utf8())
                .next_back()
                .or_else(|| window.rfind(' ').map(|i| i + 1))
                .filter(|&i| i > 0)
                .unwrap_or(window_end);
            out.push_str(rest[..at].trim_end_matches(' '));
            out.push('\n');
            rest = rest[at..].trim_start_matches(' ');
        }
        out.push_str(rest);
    }
    Some((out, broken))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_break_at_sentence_ends() {
        assert!(break_long_lines("short\nlines", 10).is_none());
        let (t, lines) = break_long_lines("一二三。四五六七。八\nok", 5).unwrap();
        assert_eq!(t, "一二三。\n四五六七。\n八\nok");
        assert_eq!(lines, [1]);
        let (t, _) = break_long_lines("One two. Three four five", 12).unwrap();
        assert_eq!(t, "One two.\nThree four\nfive");
        let (t, _) = break_long_lines("abcdefghij", 4).unwrap();
        assert_eq!(t, "abcd\nefgh\nij");
        for l in t.lines() {
            assert!(l.chars().count() <= 4);
        }
    }
}
