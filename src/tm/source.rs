//! The byte source of the TMX reader: counts the newlines the XML parser
//! consumes (so units and errors get their line without a second pass)
//! and transcodes UTF-16 input (Trados exports it) to UTF-8 on the fly.

use std::io::{BufRead, Read};

/// Counts the newlines the XML parser has consumed, so each `<tu>` and each
/// error gets its line without a second pass. UTF-16 input (Trados exports
/// it) is transcoded to UTF-8 on the fly.
pub(crate) struct Source<R> {
    inner: Transcode<R>,
    pub(crate) lines: u64,
}

enum Transcode<R> {
    Utf8(R),
    Utf16 {
        inner: R,
        decoder: encoding_rs::Decoder,
        out: Vec<u8>,
        pos: usize,
        eof: bool,
    },
}

impl<R: BufRead> Source<R> {
    pub(crate) fn new(mut inner: R) -> Source<R> {
        let head = inner.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
        let enc = match head.get(..2) {
            Some([0xFF, 0xFE]) => Some(encoding_rs::UTF_16LE),
            Some([0xFE, 0xFF]) => Some(encoding_rs::UTF_16BE),
            _ => None,
        };
        let inner = match enc {
            None => Transcode::Utf8(inner),
            Some(enc) => Transcode::Utf16 {
                inner,
                // With BOM removal: the decoder eats the BOM it sniffs.
                decoder: enc.new_decoder_with_bom_removal(),
                out: Vec::new(),
                pos: 0,
                eof: false,
            },
        };
        Source { inner, lines: 0 }
    }
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        match &mut self.inner {
            Transcode::Utf8(r) => r.fill_buf(),
            Transcode::Utf16 {
                inner,
                decoder,
                out,
                pos,
                eof,
            } => {
                while *pos >= out.len() && !*eof {
                    out.clear();
                    *pos = 0;
                    let src = inner.fill_buf()?;
                    let last = src.is_empty();
                    out.reserve(decoder.max_utf8_buffer_length(src.len()).unwrap_or(4096) + 4);
                    let mut tmp = vec![0u8; out.capacity()];
                    let (_, read, written, _) = decoder.decode_to_utf8(src, &mut tmp, last);
                    tmp.truncate(written);
                    *out = tmp;
                    inner.consume(read);
                    *eof = last;
                }
                Ok(&out[*pos..])
            }
        }
    }

    fn consume(&mut self, amt: usize) {
        // The parser consumes exactly what it parsed, so newlines counted
        // here are the newlines before the parser's position.
        let counted = match &mut self.inner {
            Transcode::Utf8(r) => match r.fill_buf() {
                Ok(b) => count_newlines(&b[..amt.min(b.len())]),
                Err(_) => 0,
            },
            Transcode::Utf16 { out, pos, .. } => {
                let end = (*pos + amt).min(out.len());
                count_newlines(&out[*pos..end])
            }
        };
        self.lines += counted;
        match &mut self.inner {
            Transcode::Utf8(r) => r.consume(amt),
            Transcode::Utf16 { pos, .. } => *pos += amt,
        }
    }
}

pub(crate) fn count_newlines(b: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', b).count() as u64
}
