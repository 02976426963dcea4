//! The whole flow for one document pair, in one direction: segment → match
//! terms → align → translation units. Built once from the loaded resources
//! and shared read-only across threads.

use std::sync::{Arc, OnceLock};

use crate::align::features::Lexical;
use crate::align::{Aligner, Alignment, Resources, Side};
use crate::glossary::{EntryId, Glossary, TermMatcher};
use crate::lang::Lang;
use crate::lexicon::ZhTokenizer;
use crate::lexicon::{Dictionary, EnNormalizer};
use crate::lexicon::{LearnParams, Lexicon};
use crate::segment::{Segment, Segmenter};
use crate::tm::TranslationUnit;

/// Everything needed to align documents: glossary, matcher, segmenters and
/// aligner. `Sync`: build once, use from many threads.
///
/// ```
/// use termalign::{Pipeline, glossary::Glossary, align::Aligner};
/// let p = Pipeline::new(Glossary::builtin(), Aligner::default());
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
    /// Built on first use (jieba's dictionary takes a while to load).
    tokenizer: OnceLock<ZhTokenizer>,
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

impl Pipeline {
    /// Build the matcher and segmenters for `glossary`. Glossary terms are
    /// protected from sentence splitting on both sides.
    pub fn new(glossary: Glossary, aligner: Aligner) -> Pipeline {
        let matcher = TermMatcher::new(&glossary);
        let zh_segmenter =
            Segmenter::new(Lang::Zh).with_protected_terms(glossary.entries().iter().map(|e| &e.zh));
        let en_segmenter = Segmenter::new(Lang::En).with_protected_terms(
            glossary
                .entries()
                .iter()
                .flat_map(|e| e.accepted().map(String::from).collect::<Vec<_>>()),
        );
        Pipeline {
            glossary,
            matcher,
            zh_segmenter,
            en_segmenter,
            aligner,
            tokenizer: OnceLock::new(),
            norm: EnNormalizer::new(),
            dict: None,
        }
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

    /// The aligner in use.
    pub fn aligner(&self) -> &Aligner {
        &self.aligner
    }

    /// The Chinese word tokenizer (jieba with the glossary's terms as
    /// user words), built on first use.
    pub fn tokenizer(&self) -> &ZhTokenizer {
        self.tokenizer
            .get_or_init(|| ZhTokenizer::new(self.glossary.entries().iter().map(|e| &e.zh)))
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
        let zh_side = self.side(&zh, Lang::Zh);
        let en_side = self.side(&en, Lang::En);
        let alignment = self
            .aligner
            .align_with(&zh_side, &en_side, self.resources(None));
        AlignedDocument {
            zh,
            en,
            zh_side,
            en_side,
            alignment,
        }
    }

    fn resources<'a>(&'a self, learned: Option<&'a Lexicon>) -> Resources<'a> {
        Resources {
            dict: self.dict.as_deref(),
            learned,
        }
    }

    /// Align a batch of segmented document pairs as one run: a first pass
    /// per document, then (when `relearn`) a lexicon learned from the
    /// confident 1-1 beads of all of them, and a second pass with it.
    /// Returns the documents in input order and the learned lexicon.
    pub fn align_batch(
        &self,
        docs: Vec<(Vec<Segment>, Vec<Segment>)>,
        relearn: bool,
    ) -> (Vec<AlignedDocument>, Lexicon) {
        let mut out: Vec<AlignedDocument> = docs
            .into_iter()
            .map(|(zh, en)| self.align_segments(zh, en))
            .collect();
        if !relearn {
            return (out, Lexicon::default());
        }
        let lex = Lexicon::learn(
            out.iter().map(|d| (&d.zh_side, &d.en_side, &d.alignment)),
            LearnParams::default(),
        );
        for d in &mut out {
            d.alignment =
                self.aligner
                    .align_with(&d.zh_side, &d.en_side, self.resources(Some(&lex)));
        }
        (out, lex)
    }

    /// Translation units for every bead of `doc`, one-sided ones included.
    pub fn units(&self, doc: &AlignedDocument, name: &str) -> Vec<TranslationUnit> {
        doc.alignment
            .beads
            .iter()
            .map(|b| {
                let zh: Vec<&str> = doc.zh[b.zh.clone()]
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect();
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
                    zh: zh.concat(),
                    en: en.join(" "),
                    score: b.confidence,
                    bead: b.kind().to_string(),
                    doc: name.to_string(),
                    terms: shared
                        .iter()
                        .map(|&t| self.glossary.get(t).zh.clone())
                        .collect(),
                    zh_sentences: b.zh.clone(),
                    en_sentences: b.en.clone(),
                }
            })
            .collect()
    }
}
