//! The whole flow for one document pair, in one direction: segment → match
//! terms → align → translation units. Built once from the loaded resources
//! and shared read-only across threads.

use std::sync::{Arc, OnceLock};

use crate::align::features::Lexical;
use crate::align::{Aligner, Alignment, Resources, Side};
use crate::batch::articles::{presegmented, split_articles};
use crate::batch::pairing::{
    ContentFeatures, NameSet, PairOptions, assign, en_features, zh_features,
};
use crate::error::{Error, ErrorKind, Result};
use crate::glossary::{EntryId, Glossary, TermMatcher};
use crate::lang::Lang;
use crate::lexicon::ZhTokenizer;
use crate::lexicon::{Dictionary, EnNormalizer};
use crate::segment::{Segment, Segmenter, preseg};
use crate::tm::TranslationUnit;

/// Everything needed to align documents: glossary, matcher, segmenters and
/// aligner. `Sync`: build once, use from many threads.
///
/// ```
/// use termalign::{Pipeline, glossary::Glossary, align::Aligner};
/// let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
/// let doc = p.align_texts("上海精神很重要。", "The Shanghai Spirit matters.");
/// let units = p.units(&doc, "demo");
/// assert_eq!(units.len(), 1);
/// assert_eq!(units[0].terms, ["上海精神"]);
/// ```
pub struct Pipeline {
    glossary: Glossary,
    matcher: TermMatcher,
    zh_segmenter: Segmenter,
    en_segmenter: Segmenter,
    aligner: Aligner,
    /// Built on a background thread from `new` (jieba's dictionary takes
    /// a while to load), shared by pipelines of the same glossary.
    tokenizer: OnceLock<Arc<ZhTokenizer>>,
    norm: EnNormalizer,
    dict: Option<Arc<Dictionary>>,
}

/// One aligned document pair.
#[derive(Debug, Clone)]
pub struct AlignedDocument {
    /// Chinese sentences.
    pub zh: Vec<Segment>,
    /// English sentences.
    pub en: Vec<Segment>,
    /// Features of the Chinese side.
    pub zh_side: Side,
    /// Features of the English side.
    pub en_side: Side,
    /// The beads.
    pub alignment: Alignment,
}

/// How the text of a document is cut into articles, which beads never
/// cross.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Articles {
    /// One document aligned whole; in presegmented text a blank line
    /// separates paragraphs (`termalign align ZH EN`, `check --zh --en`).
    #[default]
    Whole,
    /// Aligned whole, but in presegmented text a blank line separates
    /// articles, which beads do not cross (`align --jsonl`).
    Marked,
    /// Split into articles (in presegmented text, at blank lines), paired
    /// in order when both sides hold as many, by content otherwise, and
    /// aligned article by article (batch mode).
    Split,
}

/// How a document pair is read and aligned (see
/// [`Pipeline::align_document`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocOptions {
    /// The texts hold one sentence per line (`--presegmented`); otherwise
    /// they are segmented.
    pub presegmented: bool,
    /// How each text is cut into articles.
    pub articles: Articles,
}

/// One aligned pair of articles of a [`DocumentAlignment`].
#[derive(Debug, Clone)]
pub struct AlignedArticle {
    /// 0-based article on the Chinese side.
    pub zh: usize,
    /// 0-based article on the English side.
    pub en: usize,
    /// The alignment. Sentence indices count within the article; spans
    /// refer to the whole text.
    pub doc: AlignedDocument,
}

/// A document pair aligned article by article (one article pair unless
/// [`Articles::Split`]).
#[derive(Debug, Clone)]
pub struct DocumentAlignment {
    /// Aligned article pairs: in order when both sides hold as many
    /// articles, in the order of the content pairing otherwise.
    pub articles: Vec<AlignedArticle>,
    /// Chinese articles left without an English partner (0-based).
    pub unpaired_zh: Vec<usize>,
    /// English articles left without a Chinese partner (0-based).
    pub unpaired_en: Vec<usize>,
    /// Articles on the Chinese side.
    pub zh_articles: usize,
    /// Articles on the English side.
    pub en_articles: usize,
}

impl Pipeline {
    /// Build the matcher and segmenters for `glossary`. Glossary terms are
    /// protected from sentence splitting on both sides. Fails when the
    /// glossary's term automaton cannot be built ([`TermMatcher::new`]).
    pub fn new(glossary: Glossary, aligner: Aligner) -> Result<Pipeline> {
        // Chinese word tokenisation is needed soon: load jieba meanwhile.
        ZhTokenizer::prepare_for(&glossary);
        let matcher = TermMatcher::new(&glossary)?;
        let zh_segmenter =
            Segmenter::new(Lang::Zh).with_protected_terms(glossary.entries().iter().map(|e| &e.zh));
        let en_segmenter = Segmenter::new(Lang::En).with_protected_terms(
            glossary
                .entries()
                .iter()
                .flat_map(|e| e.accepted().map(String::from).collect::<Vec<_>>()),
        );
        Ok(Pipeline {
            glossary,
            matcher,
            zh_segmenter,
            en_segmenter,
            aligner,
            tokenizer: OnceLock::new(),
            norm: EnNormalizer::new(),
            dict: None,
        })
    }

    /// Use a general bilingual dictionary (see [`Dictionary::load`]) for
    /// lexical evidence. Shared: one loaded dictionary serves many
    /// pipelines and threads.
    pub fn with_dictionary(mut self, dict: Arc<Dictionary>) -> Pipeline {
        self.dict = Some(dict);
        self
    }

    /// The dictionary in use, if any.
    pub fn dictionary(&self) -> Option<&Dictionary> {
        self.dict.as_deref()
    }

    /// Report the alignment progress of each document pair (sentences
    /// done of total) to `p`; see [`crate::align::Progress`].
    pub fn with_progress(mut self, p: Arc<dyn crate::align::Progress>) -> Pipeline {
        self.aligner = self.aligner.with_progress(p);
        self
    }

    /// The aligner in use.
    pub fn aligner(&self) -> &Aligner {
        &self.aligner
    }

    /// The Chinese word tokenizer (jieba with the glossary's terms as
    /// user words), built on first use.
    pub fn tokenizer(&self) -> &ZhTokenizer {
        self.tokenizer
            .get_or_init(|| ZhTokenizer::for_glossary(&self.glossary))
    }

    /// The English normaliser (stop words, stemming).
    pub fn normalizer(&self) -> &EnNormalizer {
        &self.norm
    }

    fn lexical(&self) -> Lexical<'_> {
        Lexical {
            tokenizer: self.tokenizer(),
            norm: &self.norm,
            dict: self.dict.as_deref(),
        }
    }

    /// Features of one side, lexical words included.
    pub fn side(&self, segments: &[Segment], lang: Lang) -> Side {
        Side::with_lexical(segments, lang, &self.matcher, &self.lexical())
    }

    /// The glossary in use.
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The term matcher in use.
    pub fn matcher(&self) -> &TermMatcher {
        &self.matcher
    }

    /// The segmenter for `lang`.
    pub fn segmenter(&self, lang: Lang) -> &Segmenter {
        match lang {
            Lang::Zh => &self.zh_segmenter,
            Lang::En => &self.en_segmenter,
        }
    }

    /// Segment both texts and align them.
    pub fn align_texts(&self, zh: &str, en: &str) -> AlignedDocument {
        let zh = self.zh_segmenter.segment(zh);
        let en = self.en_segmenter.segment(en);
        self.align_segments(zh, en)
    }

    /// Align already segmented texts.
    pub fn align_segments(&self, zh: Vec<Segment>, en: Vec<Segment>) -> AlignedDocument {
        // The whole job on one of rayon's threads (a caller outside the
        // pool hands it over once and waits), so the twenty or so parallel
        // steps inside start on that thread instead of each being handed
        // over and waited for. Results do not depend on where it runs.
        let (zh_side, en_side, alignment) = rayon::scope(|_| {
            // The two sides' features are independent: compute them at once.
            let (zh_side, en_side) =
                rayon::join(|| self.side(&zh, Lang::Zh), || self.side(&en, Lang::En));
            let alignment = self
                .aligner
                .align_with(&zh_side, &en_side, self.resources());
            (zh_side, en_side, alignment)
        });
        AlignedDocument {
            zh,
            en,
            zh_side,
            en_side,
            alignment,
        }
    }

    /// Align one document pair: the one way through for `align ZH EN`,
    /// batch jobs, JSON Lines documents and `check --zh --en`. Translation
    /// units ([`Pipeline::units`]) and check units are both made from what
    /// it returns. A side without any sentence is an error.
    ///
    /// ```
    /// use termalign::{Pipeline, glossary::Glossary, align::Aligner};
    /// use termalign::{Articles, DocOptions};
    /// let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    /// let opts = DocOptions { presegmented: true, articles: Articles::Split };
    /// let a = p.align_document("标题一\n第一句。\n\n标题二\n第二句。",
    ///     "Title one\nFirst sentence.\n\nTitle two\nSecond sentence.", &opts).unwrap();
    /// assert_eq!(a.articles.len(), 2);
    /// assert_eq!(a.articles[1].doc.en[1].text, "Second sentence.");
    /// ```
    pub fn align_document(
        &self,
        zh: &str,
        en: &str,
        opts: &DocOptions,
    ) -> Result<DocumentAlignment> {
        let zh = self.read_articles(zh, Lang::Zh, opts)?;
        let en = self.read_articles(en, Lang::En, opts)?;
        Ok(self.align_articles(zh, en))
    }

    /// One side of [`Pipeline::align_document`]: its sentences, cut into
    /// articles as `opts` says (one list unless [`Articles::Split`]).
    /// Fails when the text holds no sentence.
    pub fn read_articles(
        &self,
        text: &str,
        lang: Lang,
        opts: &DocOptions,
    ) -> Result<Vec<Vec<Segment>>> {
        let segments = match (opts.presegmented, opts.articles) {
            (false, _) => self.segmenter(lang).segment(text),
            (true, Articles::Whole) => preseg::segments(text),
            (true, Articles::Marked | Articles::Split) => presegmented(text),
        };
        if segments.is_empty() {
            let side = match lang {
                Lang::Zh => "Chinese",
                Lang::En => "English",
            };
            return Err(Error::new(
                ErrorKind::Empty,
                format!("the {side} side holds no sentence"),
            ));
        }
        Ok(if opts.articles == Articles::Split {
            split_articles(segments)
        } else {
            vec![segments]
        })
    }

    /// The second half of [`Pipeline::align_document`]: pair the articles
    /// of both sides (in order when there are as many, by content
    /// otherwise) and align each pair.
    pub fn align_articles(
        &self,
        zh: Vec<Vec<Segment>>,
        en: Vec<Vec<Segment>>,
    ) -> DocumentAlignment {
        let mut out = DocumentAlignment {
            articles: Vec::new(),
            unpaired_zh: Vec::new(),
            unpaired_en: Vec::new(),
            zh_articles: zh.len(),
            en_articles: en.len(),
        };
        let pairs: Vec<(usize, usize)> = if zh.len() == en.len() {
            (0..zh.len()).map(|i| (i, i)).collect()
        } else {
            let en_f: Vec<ContentFeatures> =
                en.iter().map(|a| en_features(&self.matcher, a)).collect();
            let names = NameSet::from_english(&en_f);
            let zh_f: Vec<ContentFeatures> = zh
                .iter()
                .map(|a| zh_features(&self.matcher, a, &names))
                .collect();
            let p = assign(&zh_f, &en_f, &PairOptions::default());
            out.unpaired_zh = p.unpaired_zh.iter().map(|u| u.index).collect();
            out.unpaired_en = p.unpaired_en.iter().map(|u| u.index).collect();
            p.pairs.iter().map(|p| (p.zh, p.en)).collect()
        };
        let mut zh: Vec<Option<Vec<Segment>>> = zh.into_iter().map(Some).collect();
        let mut en: Vec<Option<Vec<Segment>>> = en.into_iter().map(Some).collect();
        for (i, j) in pairs {
            let (z, e) = (
                zh[i].take().expect("one-to-one"),
                en[j].take().expect("one-to-one"),
            );
            out.articles.push(AlignedArticle {
                zh: i,
                en: j,
                doc: self.align_segments(z, e),
            });
        }
        out
    }

    fn resources(&self) -> Resources<'_> {
        Resources {
            dict: self.dict.as_deref(),
        }
    }

    /// Translation units for every bead of `doc`, one-sided ones included.
    ///
    /// A document in a traditional script gives units whose
    /// [`TranslationUnit::zh_lang`] says which (`zh-HK`, `zh-TW`,
    /// `zh-Hant`), detected on the whole document; their `terms` quote each
    /// term as written there when that differs from the glossary's form
    /// (`上海合作組織=上海合作组织`: as written, then the entry).
    pub fn units(&self, doc: &AlignedDocument, name: &str) -> Vec<TranslationUnit> {
        let all: String = doc.zh.iter().map(|s| s.text.as_str()).collect();
        let zh_lang = crate::script::detect(&all)
            .filter(|s| s.is_traditional())
            .map(|s| s.tag().to_string());
        doc.alignment
            .beads
            .iter()
            .map(|b| {
                let zh: Vec<&str> = doc.zh[b.zh.clone()]
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect();
                let zh = zh.concat();
                let en: Vec<&str> = doc.en[b.en.clone()]
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect();
                let en_terms: Vec<EntryId> = doc.en_side.sentences[b.en.clone()]
                    .iter()
                    .flat_map(|f| f.terms.iter().copied())
                    .collect();
                let mut shared: Vec<EntryId> = doc.zh_side.sentences[b.zh.clone()]
                    .iter()
                    .flat_map(|f| f.terms.iter().copied())
                    .filter(|t| en_terms.contains(t))
                    .collect();
                shared.sort();
                shared.dedup();
                TranslationUnit {
                    zh: zh.clone(),
                    en: en.join(" "),
                    score: b.confidence,
                    bead: b.kind().to_string(),
                    doc: name.to_string(),
                    terms: self.quoted_terms(&shared, &zh),
                    zh_lang: zh_lang.clone(),
                    zh_sentences: b.zh.clone(),
                    en_sentences: b.en.clone(),
                }
            })
            .collect()
    }
}

impl Pipeline {
    /// The glossary forms of `entries`, each as `FOUND=ENTRY` where the
    /// text `zh` writes it otherwise (another script), so a memory quotes
    /// the unit's own text and still names the entry.
    fn quoted_terms(&self, entries: &[EntryId], zh: &str) -> Vec<String> {
        let found = if crate::script::folds(zh) {
            self.matcher.find_zh(zh)
        } else {
            Vec::new()
        };
        entries
            .iter()
            .map(|&t| {
                let entry = &self.glossary.get(t).zh;
                match found.iter().find(|h| h.entry == t) {
                    Some(h) if zh[h.span.bytes.clone()] != **entry => {
                        format!("{}={entry}", &zh[h.span.bytes.clone()])
                    }
                    _ => entry.clone(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_paragraphs_or_articles() {
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        let text = "一。\n二。\n\n三。\n";
        let read = |articles| {
            let opts = DocOptions {
                presegmented: true,
                articles,
            };
            p.read_articles(text, Lang::Zh, &opts).unwrap()
        };
        let shape = |a: Vec<Vec<Segment>>| -> Vec<Vec<(usize, usize, usize)>> {
            a.iter()
                .map(|a| {
                    a.iter()
                        .map(|s| (s.index, s.paragraph, s.article))
                        .collect()
                })
                .collect()
        };
        // (index, paragraph, article) of each sentence, per article.
        assert_eq!(
            shape(read(Articles::Whole)),
            [vec![(0, 0, 0), (1, 0, 0), (2, 1, 0)]]
        );
        assert_eq!(
            shape(read(Articles::Marked)),
            [vec![(0, 0, 0), (1, 0, 0), (2, 1, 1)]]
        );
        assert_eq!(
            shape(read(Articles::Split)),
            [vec![(0, 0, 0), (1, 0, 0)], vec![(0, 1, 1)]]
        );
        let e = p
            .align_document("一。", "\n \n", &DocOptions::default())
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "empty input: the English side holds no sentence"
        );
    }
}
