//! Lexical resources: everything that maps words between Chinese and
//! English or splits text into words.
//!
//! - `dict`: the general bilingual [`Dictionary`] (CC-CEDICT, `zh<TAB>en`).
//! - `builtin`: the CC-CEDICT lexicon compiled into the binary
//!   ([`BuiltinLexicon`], the first layer of [`Dictionary::builtin`]).
//! - `english`: the [`EnNormalizer`] (stop words, irregular forms,
//!   Porter 2 stems) shared by dictionary glosses and English sentences.
//! - `zh_tokenize`: Chinese word tokenisation ([`ZhTokenizer`], the only
//!   caller of jieba-rs).
//! - `hash`: the fixed-seed FNV hashing behind word keys and headword maps.

pub(crate) mod builtin;
pub(crate) mod dict;
pub(crate) mod english;
pub(crate) mod hash;
pub(crate) mod zh_tokenize;

pub use builtin::BuiltinLexicon;
pub use dict::Dictionary;
pub use english::EnNormalizer;
// Dictionary glosses are word keys; users compare them with `key(stem)`.
pub use hash::{StemKey, key};
pub use zh_tokenize::ZhTokenizer;
