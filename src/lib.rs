//! # termalign
//!
//! Sentence-aligned translation memory from Chinese news releases and their
//! English versions, driven by a term glossary.
//!
//! Data flows one way: [`text`] (read, decode) → [`segment`] (sentences) →
//! [`glossary`] (term hits) → [`align`] (beads) → [`tm`] (TMX, CSV). The
//! [`Pipeline`] ties the steps together for one document pair.
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
pub mod batch;
pub mod builtin_dict;
pub mod check;
pub mod dict;
pub mod error;
pub mod glossary;
pub mod lang;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod segment;
pub mod text;
pub mod tm;
pub mod tokenize;

pub use error::{Error, ErrorKind, Result};
pub use lang::Lang;
pub use pipeline::{AlignedDocument, Pipeline};
