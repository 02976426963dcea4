//! The whole flow for one document pair, in one direction: segment → match
//! terms → align → translation units. Built once from the loaded resources
//! and shared read-only across threads.

use crate::align::{Aligner, Alignment, Side};
use crate::glossary::{EntryId, Glossary, TermMatcher};
use crate::lang::Lang;
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
        }
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
        let zh_side = Side::new(&zh, Lang::Zh, &self.matcher);
        let en_side = Side::new(&en, Lang::En, &self.matcher);
        let alignment = self.aligner.align(&zh_side, &en_side);
        AlignedDocument {
            zh,
            en,
            zh_side,
            en_side,
            alignment,
        }
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
