//! Reading and decoding input text: byte-order marks, UTF-16, GB18030/GBK,
//! line-end normalisation, and errors that say where the bad byte is.
//!
//! Every later step works on the decoded, LF-normalised `String`; spans refer
//! to that text.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::error::{Error, ErrorKind, Result};
use crate::lang::is_han;

/// How to decode input bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// Force an encoding instead of detecting one (BOMs still win).
    pub encoding: Option<&'static Encoding>,
    /// Replace undecodable bytes with U+FFFD instead of failing.
    pub lossy: bool,
}

/// Decoded text and how it was obtained.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, with CRLF and CR line ends turned into LF.
    pub text: String,
    /// The encoding that was used (`UTF-8`, `UTF-16LE`, `gb18030`, …).
    pub encoding: &'static str,
    /// How many malformed sequences were replaced (only with `lossy`).
    pub replaced: usize,
}

/// Look an encoding up by a label such as `gbk`, `gb18030`, `utf-16le`.
///
/// ```
/// assert_eq!(termalign::text::encoding_for_label("GBK").unwrap().name(), "GBK");
/// assert!(termalign::text::encoding_for_label("klingon").is_none());
/// ```
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode bytes to text.
///
/// A BOM decides the encoding (UTF-8, UTF-16LE/BE). Without one, UTF-8 is
/// tried first; if it fails and no encoding was forced, GB18030 (a superset
/// of GBK and GB2312) is accepted when it decodes without error and yields
/// mostly Han characters. Otherwise the error names the first bad byte and
/// its line.
///
/// ```
/// use termalign::text::{decode, DecodeOptions};
/// let gbk = [0xC4, 0xE3, 0xBA, 0xC3, 0xA1, 0xA3]; // 你好。 in GBK
/// let d = decode(&gbk, DecodeOptions::default()).unwrap();
/// assert_eq!(d.text, "你好。");
/// assert_eq!(d.encoding, "gb18030");
/// ```
pub fn decode(bytes: &[u8], opts: DecodeOptions) -> Result<Decoded> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..], opts.lossy);
    }
    if let Some(enc) = opts.encoding {
        return decode_with(enc, bytes, opts.lossy);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: normalize_newlines(s),
            encoding: UTF_8.name(),
            replaced: 0,
        }),
        Err(utf8_err) => {
            if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes)
                && looks_chinese(&text)
            {
                return Ok(Decoded {
                    text: normalize_newlines(&text),
                    encoding: GB18030.name(),
                    replaced: 0,
                });
            }
            if opts.lossy {
                return decode_with(UTF_8, bytes, true);
            }
            let at = utf8_err.valid_up_to();
            Err(invalid_bytes_error(bytes, at, "UTF-8"))
        }
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8], lossy: bool) -> Result<Decoded> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    if lossy {
        let (cow, had_errors) = enc.decode_without_bom_handling(bytes);
        let replaced = if had_errors {
            cow.chars().filter(|&c| c == '\u{FFFD}').count()
        } else {
            0
        };
        return Ok(Decoded {
            text: normalize_newlines(&cow),
            encoding: enc.name(),
            replaced,
        });
    }
    // Decode strictly, chunk by chunk, to report the first malformed byte.
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(Decoded {
            text: normalize_newlines(&out),
            encoding: enc.name(),
            replaced: 0,
        }),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            let at = read.saturating_sub(bad as usize);
            Err(invalid_bytes_error(bytes, at, enc.name()))
        }
        encoding_rs::DecoderResult::OutputFull => {
            unreachable!("buffer sized by max_utf8_buffer_length")
        }
    }
}

fn invalid_bytes_error(bytes: &[u8], at: usize, enc: &str) -> Error {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    Error::new(
        ErrorKind::Encoding,
        format!(
            "invalid {enc} byte 0x{:02X}; give --encoding, or --lossy to replace bad bytes",
            bytes.get(at).copied().unwrap_or(0)
        ),
    )
    .with_line(line)
    .with_byte(at as u64)
}

fn looks_chinese(text: &str) -> bool {
    let (mut han, mut non_ascii) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if is_han(c) {
            han += 1;
        }
    }
    non_ascii > 0 && han * 2 >= non_ascii
}

/// Turn CRLF and lone CR line ends into LF.
///
/// ```
/// assert_eq!(termalign::text::normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
/// ```
pub fn normalize_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Read and decode a file. An empty or blank file is an error: there is
/// nothing to segment or align, and silently writing an empty TM would hide
/// a broken pipeline.
pub fn read_file(path: &Path, opts: DecodeOptions) -> Result<Decoded> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(e).with_path(path))?;
    let decoded = decode(&bytes, opts).map_err(|e| e.with_path(path))?;
    if decoded.text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty, "the file holds no text").with_path(path));
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_by_bom_and_detection() {
        let s = "上海精神\r\nSCO";
        let mut utf16le = vec![0xFF, 0xFE];
        utf16le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
        let mut utf8bom = vec![0xEF, 0xBB, 0xBF];
        utf8bom.extend(s.as_bytes());
        let (gb, _, _) = GB18030.encode(s);
        let cases: [(&[u8], &str); 5] = [
            (s.as_bytes(), "UTF-8"),
            (&utf8bom, "UTF-8"),
            (&utf16le, "UTF-16LE"),
            (&utf16be, "UTF-16BE"),
            (&gb, "gb18030"),
        ];
        for (bytes, enc) in cases {
            let d = decode(bytes, DecodeOptions::default()).unwrap();
            assert_eq!(d.text, "上海精神\nSCO", "{enc}");
            assert_eq!(d.encoding, enc);
        }
    }

    #[test]
    fn invalid_utf8_reports_line_and_byte() {
        let bytes = b"ok\nstill ok\n\xFF\xFE\xFD bad";
        let err = decode(bytes, DecodeOptions::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Encoding);
        assert_eq!(err.line(), Some(3));
        assert_eq!(err.byte(), Some(12));
    }

    #[test]
    fn lossy_replaces_and_counts() {
        let bytes = b"a\xFFb";
        let d = decode(
            bytes,
            DecodeOptions {
                lossy: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(d.text, "a\u{FFFD}b");
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn forced_encoding_is_used() {
        let (gbk, _, _) = encoding_rs::GBK.encode("和平");
        let d = decode(
            &gbk,
            DecodeOptions {
                encoding: encoding_for_label("gbk"),
                lossy: false,
            },
        )
        .unwrap();
        assert_eq!(d.text, "和平");
    }
}
