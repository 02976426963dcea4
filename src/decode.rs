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
/// assert_eq!(termalign::decode::encoding_for_label("GBK").unwrap().name(), "GBK");
/// assert!(termalign::decode::encoding_for_label("klingon").is_none());
/// ```
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode bytes to text.
///
/// A BOM decides the encoding (UTF-8, UTF-16LE/BE); then a forced
/// `encoding`; then UTF-16 without a BOM when every other byte is NUL (as
/// ASCII text in UTF-16 is). Otherwise UTF-8 is tried first; if it fails,
/// GB18030 (a superset of GBK and GB2312) is accepted when it decodes
/// without error and yields mostly Han characters. When neither decodes,
/// the encoding that got further is blamed (or used, with `lossy`): the
/// error names the first bad byte, its offset in the file and its line.
///
/// ```
/// use termalign::decode::{decode, DecodeOptions};
/// let gbk = [0xC4, 0xE3, 0xBA, 0xC3, 0xA1, 0xA3]; // 你好。 in GBK
/// let d = decode(&gbk, DecodeOptions::default()).unwrap();
/// assert_eq!(d.text, "你好。");
/// assert_eq!(d.encoding, "gb18030");
/// ```
pub fn decode(bytes: &[u8], opts: DecodeOptions) -> Result<Decoded> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_as(enc, bytes, bom_len, opts.lossy);
    }
    if let Some(enc) = opts.encoding {
        return decode_as(enc, bytes, 0, opts.lossy);
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return decode_as(enc, bytes, 0, opts.lossy);
    }
    let utf8_err = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: normalize_newlines(s),
                encoding: UTF_8.name(),
                replaced: 0,
            });
        }
        Err(e) => e,
    };
    // Chinese in UTF-16 without a BOM has few NUL bytes (Han code units
    // are not ASCII), so the NUL sniff above misses it; it never passes as
    // UTF-8, and decoded as UTF-16 it is almost all Han.
    if let Some(enc) = sniff_utf16_chinese(bytes) {
        return decode_as(enc, bytes, 0, opts.lossy);
    }
    let gb = strict(GB18030, bytes);
    match &gb {
        Ok(text) if looks_chinese(text) => {
            return Ok(Decoded {
                text: normalize_newlines(text),
                encoding: GB18030.name(),
                replaced: 0,
            });
        }
        _ => {}
    }
    // Neither decodes cleanly: blame (or, lossy, use) the likelier one. A
    // GBK file with one corrupt byte decodes much further as GB18030, and
    // its prefix is Chinese.
    let utf8_ok = utf8_err.valid_up_to();
    let gb_likelier = match &gb {
        Ok(_) => false, // decodes, but not to Chinese: not GB18030
        Err(bad) => bad.at > utf8_ok && looks_chinese(&bad.prefix),
    };
    let enc = if gb_likelier { GB18030 } else { UTF_8 };
    decode_as(enc, bytes, 0, opts.lossy)
}

/// UTF-16 without a BOM: an even length, and NUL in at least 40% of the
/// odd (LE) or even (BE) bytes but almost none of the others. UTF-8 and
/// GB18030 text never holds NUL bytes.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let many = |n: usize| n * 10 >= pairs * 4;
    let few = |n: usize| n * 20 <= pairs;
    if many(odd) && few(even) {
        Some(encoding_rs::UTF_16LE)
    } else if many(even) && few(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// UTF-16 without a BOM holding Chinese: an even length, at least 8
/// characters, and exactly one
/// byte order decodes strictly to text that is at least 30% Han and 95%
/// Han, CJK or full-width punctuation, or printable ASCII. Another
/// encoding's bytes (GBK, say) read as UTF-16 give private-use and
/// Hangul code points instead.
fn sniff_utf16_chinese(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let fits = |enc: &'static Encoding| {
        let Ok(text) = strict(enc, bytes) else {
            return false;
        };
        let (mut all, mut han, mut plausible) = (0usize, 0usize, 0usize);
        for c in text.chars() {
            all += 1;
            if is_han(c) {
                han += 1;
                plausible += 1;
            } else if c.is_ascii_graphic()
                || c.is_ascii_whitespace()
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FFEF}').contains(&c)
                || ('\u{2010}'..='\u{2027}').contains(&c)
            {
                plausible += 1;
            }
        }
        // A few bytes say too little: 4 random bytes decode to 2 Han.
        all >= 8 && han * 10 >= all * 3 && plausible * 100 >= all * 95
    };
    match (fits(encoding_rs::UTF_16LE), fits(encoding_rs::UTF_16BE)) {
        (true, false) => Some(encoding_rs::UTF_16LE),
        (false, true) => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// Where strict decoding stopped: the offset of the first malformed byte
/// (relative to the decoded slice) and the text decoded before it.
struct Malformed {
    at: usize,
    prefix: String,
}

/// Decode without replacement, or say where the first malformed sequence
/// starts.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> std::result::Result<String, Malformed> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        // `read` counts the malformed sequence and the bytes consumed after
        // it; step back over both to the sequence's first byte.
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(Malformed {
            at: read.saturating_sub(bad as usize + after as usize),
            prefix: out,
        }),
        encoding_rs::DecoderResult::OutputFull => {
            unreachable!("buffer sized by max_utf8_buffer_length")
        }
    }
}

/// Decode `bytes[skip..]` (after a BOM of `skip` bytes) as `enc`. Offsets
/// in errors count from the start of the file, BOM included.
fn decode_as(enc: &'static Encoding, bytes: &[u8], skip: usize, lossy: bool) -> Result<Decoded> {
    let body = &bytes[skip..];
    if lossy {
        let (text, replaced) = lossy_decode(enc, body);
        return Ok(Decoded {
            text: normalize_newlines(&text),
            encoding: enc.name(),
            replaced,
        });
    }
    match strict(enc, body) {
        Ok(text) => Ok(Decoded {
            text: normalize_newlines(&text),
            encoding: enc.name(),
            replaced: 0,
        }),
        Err(bad) => Err(invalid_bytes_error(
            bytes,
            skip + bad.at,
            &bad.prefix,
            enc.name(),
        )),
    }
}

/// Decode, putting U+FFFD for each malformed sequence, and count them
/// (a U+FFFD already in the input is not counted).
fn lossy_decode(enc: &'static Encoding, body: &[u8]) -> (String, usize) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length(body.len())
            .unwrap_or(body.len() * 3),
    );
    let (mut pos, mut replaced) = (0, 0);
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&body[pos..], &mut out, true);
        pos += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return (out, replaced),
            encoding_rs::DecoderResult::Malformed(_, _) => {
                out.push('\u{FFFD}');
                replaced += 1;
            }
            encoding_rs::DecoderResult::OutputFull => out.reserve(body.len() - pos + 16),
        }
    }
}

/// The 1-based line of a position, given the decoded text before it:
/// CRLF, CR and LF each end a line.
fn line_at(prefix: &str) -> u64 {
    let b = prefix.as_bytes();
    let mut lines = 1;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || c == b'\r' && b.get(i + 1) != Some(&b'\n') {
            lines += 1;
        }
    }
    lines
}

fn invalid_bytes_error(bytes: &[u8], at: usize, prefix: &str, enc: &str) -> Error {
    Error::new(
        ErrorKind::Encoding,
        format!(
            "invalid {enc} byte 0x{:02X}; give --encoding, or --lossy to replace bad bytes",
            bytes.get(at).copied().unwrap_or(0)
        ),
    )
    .with_line(line_at(prefix))
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
/// assert_eq!(termalign::decode::normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
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

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn errors_name_encoding_byte_and_line() {
        let gb = |s: &str| GB18030.encode(s).0.into_owned();
        let mut bom_bad = vec![0xEF, 0xBB, 0xBF];
        bom_bad.extend(b"ok\n\xFF");
        let mut gbk_bad = gb("你好。\n");
        gbk_bad.push(0xFF);
        gbk_bad.extend(gb("世界"));
        let mut utf16_bad = utf16("a\nb", true, true);
        utf16_bad.extend([0x00, 0xD8]); // a lone high surrogate
        utf16_bad.extend(utf16("c", true, false));
        // (bytes, encoding blamed, 1-based line, byte offset in the file)
        let cases: [(&[u8], &str, u64, u64); 5] = [
            (b"ok\nstill ok\n\xFF\xFE\xFD bad", "UTF-8", 3, 12),
            (&bom_bad, "UTF-8", 2, 6),
            (&gbk_bad, "gb18030", 2, 7),
            (b"a\rb\r\nc\r\xFF", "UTF-8", 4, 7),
            (&utf16_bad, "UTF-16LE", 2, 8),
        ];
        for (bytes, enc, line, byte) in cases {
            let err = decode(bytes, DecodeOptions::default()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Encoding, "{enc}");
            assert!(err.message().contains(enc), "{enc}: {err}");
            assert_eq!((err.line(), err.byte()), (Some(line), Some(byte)), "{err}");
        }
    }

    #[test]
    fn lossy_uses_the_likelier_encoding() {
        let lossy = DecodeOptions {
            lossy: true,
            ..Default::default()
        };
        let mut gbk_bad = GB18030.encode("上海精神。").0.into_owned();
        gbk_bad.push(0xFF);
        let cases: [(&[u8], &str, &str, usize); 3] = [
            (&gbk_bad, "上海精神。\u{FFFD}", "gb18030", 1),
            (b"a\xFFb\xFE", "a\u{FFFD}b\u{FFFD}", "UTF-8", 2),
            // A U+FFFD already in the text is not a replacement.
            ("x\u{FFFD}".as_bytes(), "x\u{FFFD}", "UTF-8", 0),
        ];
        for (bytes, text, enc, replaced) in cases {
            let d = decode(bytes, lossy).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding, d.replaced),
                (text, enc, replaced)
            );
        }
    }

    #[test]
    fn chinese_utf16_without_bom_is_sniffed() {
        let text = "上海合作组织成员国元首理事会第二十四次会议在阿斯塔纳举行。\n";
        for le in [true, false] {
            let d = decode(&utf16(text, le, false), DecodeOptions::default()).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
        }
        // GBK is not taken for UTF-16.
        let gbk = GB18030.encode(text).0.into_owned();
        assert_eq!(
            decode(&gbk, DecodeOptions::default()).unwrap().encoding,
            "gb18030"
        );
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let cases = [
            (utf16("Hello\r\nworld", true, false), "UTF-16LE"),
            (utf16("Hello\r\nworld", false, false), "UTF-16BE"),
        ];
        for (bytes, enc) in cases {
            let d = decode(&bytes, DecodeOptions::default()).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), ("Hello\nworld", enc));
        }
        // NUL bytes scattered in UTF-8 are not UTF-16.
        assert_eq!(
            decode(b"ab\0cd\0", DecodeOptions::default())
                .unwrap()
                .encoding,
            "UTF-8"
        );
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
