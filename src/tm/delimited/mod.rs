//! CSV and TSV memories: one row per unit under a header row, RFC 4180
//! quoting for CSV, none for TSV.

pub(crate) mod read;
pub(crate) mod write;

pub use write::CsvWriter;
