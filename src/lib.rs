//! # termalign
//!
//! Sentence-aligned translation memory from Chinese news releases and their
//! English versions, driven by a term glossary.
//!
//! Data flows one way: [`decode`] (read, decode) → [`segment`] (sentences) →
//! [`glossary`] (term hits) → [`align`] (beads) → [`tm`] (TMX, CSV). The
//! aligner's word evidence comes from [`lexicon`] (dictionary, English
//! stems, Chinese tokenisation); positions in the input are [`Span`]s.
//! The [`Pipeline`] ties the steps together for one document pair, and [`atomic`] writes output files whole or not at all.
//!
//! ```
//! use termalign::{Pipeline, glossary::Glossary, align::Aligner};
//! let pipeline = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
//! let doc = pipeline.align_texts(
//!     "习近平出席峰会。各方支持“一带一路”。",
//!     "Xi Jinping attended the summit. All sides support the Belt and Road.",
//! );
//! assert_eq!(doc.alignment.beads.len(), 2);
//! ```
#![deny(missing_docs)]

// Namespace modules a user may need beyond the re-exports below; their
// helper submodules are crate-private and re-export their public types.
pub mod align;
pub mod atomic;
pub mod batch;
pub mod check;
pub mod decode;
pub mod format_table;
pub mod glossary;
pub mod lang;
pub mod lexicon;
pub mod review;
pub mod script;
pub mod segment;
pub mod tm;

mod error;
pub(crate) mod numbers;
mod pipeline;
mod span;

pub use align::{Aligner, AlignerBuilder, Alignment, Bead, BeadKind, ScoreParams};
pub use check::{CheckOptions, Checker, Finding, Rule, Severity};
pub use error::{Error, ErrorKind, Result};
pub use glossary::{Entry, Glossary, TermHit, TermMatcher};
pub use lang::Lang;
pub use lexicon::Dictionary;
pub use pipeline::{
    AlignedArticle, AlignedDocument, Articles, DocOptions, DocumentAlignment, Pipeline,
};
pub use segment::{Segment, Segmenter};
pub use span::Span;
pub use tm::{ReadUnit, TmWriter, TmxWriter, TranslationUnit};
