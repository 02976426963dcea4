//! TMX: the streaming reader (any version, UTF-8 or UTF-16) and the
//! TMX 1.4b writer.

pub(crate) mod read;
pub(crate) mod write;

pub use write::TmxWriter;
