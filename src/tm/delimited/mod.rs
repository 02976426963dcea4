//! CSV and TSV memories: one row per unit under a header row, RFC 4180
//! quoting for CSV, none for TSV.

pub mod read;
pub mod write;

pub use read::{DelimitedReader, read_delimited};
pub use write::{COLUMNS, CsvWriter, LOW_CONFIDENCE_COLUMN};
