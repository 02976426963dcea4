//! Presegmented input (`--presegmented`): one sentence per line, a blank
//! line between paragraphs. Spans point at each line in the original text.

use super::Segment;
use super::furniture::is_furniture_any;
use crate::span::Span;

/// Read one sentence per line. Blank lines (whitespace only) end a
/// paragraph; leading and trailing whitespace of a line is not part of the
/// sentence. Every line becomes a segment, so indices are line numbers
/// when there are no blank lines (the gold bead format of MAC-Dev). A line
/// shaped like release furniture in either language (`（完）`, `(End)`,
/// `新华社记者 李刚 摄`, a copyright or time-stamp line) is marked
/// [`Segment::is_furniture`], as the segmenter marks it in raw text.
///
/// ```
/// use termalign::segment::preseg::segments;
/// let s = segments("第一句。\n第二句。\n\n第三句。\n");
/// assert_eq!(s.len(), 3);
/// assert_eq!((s[1].paragraph, s[2].paragraph), (0, 1));
/// assert_eq!(s[2].span.chars, 11..15);
/// assert!(segments("甲。\n（完）\n")[1].is_furniture);
/// ```
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut in_paragraph = false;
    let mut byte = 0;
    let mut chars = 0;
    for line in text.split_inclusive('\n') {
        let line_chars = line.chars().count();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if trimmed.is_empty() {
            if in_paragraph {
                paragraph += 1;
                in_paragraph = false;
            }
        } else {
            let lead = body.len() - body.trim_start().len();
            let s = byte + lead;
            let e = s + trimmed.len();
            let cs = chars + body[..lead].chars().count();
            out.push(Segment {
                index: out.len(),
                article: 0,
                paragraph,
                is_title: false,
                is_furniture: is_furniture_any(trimmed),
                text: trimmed.to_string(),
                span: Span {
                    bytes: s..e,
                    chars: cs..cs + trimmed.chars().count(),
                },
            });
            in_paragraph = true;
        }
        byte += line.len();
        chars += line_chars;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_paragraphs_and_spans() {
        let cases: &[(&str, &[(&str, usize)])] = &[
            ("a\nb\n", &[("a", 0), ("b", 0)]),
            ("a\n\n\n b \r\nc", &[("a", 0), ("b", 1), ("c", 1)]),
            ("\n\n甲\n\n乙", &[("甲", 0), ("乙", 1)]),
            ("", &[]),
        ];
        for (text, want) in cases {
            let got = segments(text);
            let got: Vec<(&str, usize)> =
                got.iter().map(|s| (s.text.as_str(), s.paragraph)).collect();
            assert_eq!(got, *want, "{text:?}");
            for s in segments(text) {
                assert_eq!(&text[s.span.bytes.clone()], s.text);
                let by_chars: String = text
                    .chars()
                    .skip(s.span.chars.start)
                    .take(s.span.chars.len())
                    .collect();
                assert_eq!(by_chars, s.text);
            }
        }
    }
}
