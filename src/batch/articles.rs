//! Documents → articles. A scraped file often holds several articles (the
//! seed holds two); in a batch, articles are the units that get paired and
//! aligned, so a bead never crosses from one article into another.

use crate::segment::Segment;

/// Segments of one-sentence-per-line text for a batch: every non-blank
/// line is one sentence (trimmed, as [`crate::segment::preseg::segments`]
/// reads it), and a blank line starts a new article (the layout of
/// `tests/data/sco/*.sents.txt`; MAC-Dev files have no blank line and are
/// one article).
pub fn presegmented(text: &str) -> Vec<Segment> {
    // The lines and spans of `--presegmented` in single-pair mode, where a
    // blank line ends a paragraph; in a batch the blocks are articles.
    let mut segments = crate::segment::preseg::segments(text);
    for s in &mut segments {
        s.article = s.paragraph;
    }
    segments
}

/// Split a document's segments into its articles, in order. Each article's
/// segments are renumbered from 0 (so bead sentence indices count within
/// the article); `article`, `paragraph` and spans keep referring to the
/// whole file.
pub fn split_articles(segments: Vec<Segment>) -> Vec<Vec<Segment>> {
    let mut out: Vec<Vec<Segment>> = Vec::new();
    for mut s in segments {
        let new_article = out
            .last()
            .and_then(|a| a.last())
            .is_none_or(|last| last.article != s.article);
        if new_article {
            out.push(Vec::new());
        }
        let current = out.last_mut().expect("pushed above");
        s.index = current.len();
        current.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presegmented_cases() {
        // (input, expected texts, expected articles)
        let cases: [(&str, &[&str], &[usize]); 5] = [
            ("", &[], &[]),
            ("\n\n", &[], &[]),
            ("a\nb", &["a", "b"], &[0, 0]),
            ("\n\na\n\n\nb\n\n", &["a", "b"], &[0, 1]),
            ("a\r\n \t\nb", &["a", "b"], &[0, 1]),
        ];
        for (input, texts, articles) in cases {
            let s = presegmented(input);
            let got: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(got, texts, "{input:?}");
            let got: Vec<usize> = s.iter().map(|s| s.article).collect();
            assert_eq!(got, articles, "{input:?}");
            for seg in &s {
                assert_eq!(&input[seg.span.bytes.clone()], seg.text, "{input:?}");
            }
        }
    }

    #[test]
    fn split_renumbers_and_keeps_order() {
        let segs = presegmented("a\nb\n\nc\n\nd\ne\nf");
        let arts = split_articles(segs);
        let shape: Vec<Vec<(usize, &str)>> = arts
            .iter()
            .map(|a| a.iter().map(|s| (s.index, s.text.as_str())).collect())
            .collect();
        assert_eq!(
            shape,
            vec![
                vec![(0, "a"), (1, "b")],
                vec![(0, "c")],
                vec![(0, "d"), (1, "e"), (2, "f")],
            ]
        );
        assert!(split_articles(Vec::new()).is_empty());
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn presegmented() {
        use crate::batch::articles::presegmented;
        let s = presegmented("第一句。\n第二句。\n\n  标题  \n");
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["第一句。", "第二句。", "标题"]);
        assert_eq!(s.iter().map(|s| s.article).collect::<Vec<_>>(), [0, 0, 1]);
        assert_eq!(s[2].span.bytes, 29..35);
        assert_eq!(s[2].span.chars, 13..15);
    }

    #[test]
    fn split_articles() {
        use crate::{Lang, batch::articles::split_articles, segment::Segmenter};
        let text = "标题一\n\n新华社北京7月5日电 第一句。第二句。\n\n\n标题二\n\n新华社上海7月6日电 第三句。";
        let segs = Segmenter::new(Lang::Zh).segment(text);
        let arts = split_articles(segs);
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[1][0].text, "标题二");
        assert_eq!(arts[1][0].index, 0);
    }
}
