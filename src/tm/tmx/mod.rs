//! TMX: the streaming reader (any version, UTF-8 or UTF-16) and the
//! TMX 1.4b writer.

pub mod read;
pub mod write;

pub use crate::tm::header::{TmxHeader, is_tmx_date, tmx_date};
pub use read::{DEFAULT_SOURCE_LANG, TmxReader, primary_subtag, read_tmx};
pub use write::TmxWriter;
