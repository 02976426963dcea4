//! # termalign
//!
//! Sentence-aligned translation memory from Chinese news releases and their
//! English versions, driven by a term glossary.
//!
//! Data flows one way: [`decode`] (read, decode) → [`segment`] (sentences) →
//! [`glossary`] (term hits) → [`align`] (beads) → [`tm`] (TMX, CSV). The
//! aligner's word evidence comes from [`lexicon`] (dictionary, English
//! stems, Chinese tokenisation, learned lexicon); positions in the input
//! are [`span::Span`]s. The [`Pipeline`] ties the steps together for one
//! document pair, and [`atomic`] writes output files whole or not at all.
//!
//! ```
//! use termalign::{Pipeline, glossary::Glossary, align::Aligner};
//! let pipeline = Pipeline::new(Glossary::builtin(), Aligner::default());
//! let doc = pipeline.align_texts(
//!     "习近平出席峰会。各方支持“一带一路”。",
//!     "Xi Jinping attended the summit. All sides support the Belt and Road.",
//! );
//! assert_eq!(doc.alignment.beads.len(), 2);
//! ```
#![deny(missing_docs)]

pub mod align;
pub mod atomic;
pub mod batch;
pub mod check;
pub mod decode;
pub mod error;
pub mod format_table;
pub mod glossary;
pub mod lang;
pub mod lexicon;
pub mod numbers;
pub mod pipeline;
pub mod review;
pub mod script;
pub mod segment;
pub mod span;
pub mod tm;

// The old names of `decode` and `atomic`, crate-internal only, for modules
// another change is restructuring (tm, glossary::convert, batch); remove
// once they import the new names.

pub use error::{Error, ErrorKind, Result};
pub use lang::Lang;
pub use pipeline::{AlignedDocument, Pipeline};
