//! The built-in CC-CEDICT lexicon: a table `build.rs` distils from the
//! CC-CEDICT data of the `chinese_dictionary` crate and the binary embeds.
//!
//! The table is read where it lies in the binary's read-only data: opening
//! it only checks a 28-byte header, and a lookup hashes the word and probes
//! an open-addressing table. Nothing is parsed or allocated at start-up, and
//! only the pages a run touches become resident.
//!
//! Each headword carries its CC-CEDICT gloss text (`/g1/g2/…/`, all its
//! entries in file order); [`super::Dictionary`] parses and stems it on
//! first use exactly as it does the lines of a `--dict` file.
//!
//! CC-CEDICT is published by MDBG under CC BY-SA 4.0; see `NOTICE`.

use super::hash::key;

/// The table `build.rs` writes (layout documented there).
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cedict.bin"));

const MAGIC: &[u8; 4] = b"TACD";
const VERSION: u32 = 2;
const HEADER: usize = 28;
/// Low bits of a table slot: headword id + 1; the bits above hold the top
/// of the headword's hash (`build.rs`, `ID_BITS`).
const ID_BITS: u32 = 18;
const ID_MASK: u32 = (1 << ID_BITS) - 1;

/// A read-only view of the built-in lexicon. `Copy`, `Sync`; get it with
/// [`BuiltinLexicon::get`].
#[derive(Clone, Copy)]
pub struct BuiltinLexicon {
    bytes: &'static [u8],
    n: u32,
    mask: u32,
    max_chars: u32,
    table: usize,
    heads: usize,
    glosses: usize,
    head_bytes: usize,
    gloss_bytes: usize,
}

impl std::fmt::Debug for BuiltinLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuiltinLexicon")
            .field("headwords", &self.n)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

fn u32_at(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]])
}

impl BuiltinLexicon {
    /// The lexicon compiled into this binary.
    ///
    /// ```
    /// use termalign::lexicon::BuiltinLexicon;
    /// let lex = BuiltinLexicon::get();
    /// let id = lex.id("朋友").unwrap();
    /// assert!(lex.gloss_text(id).contains("/friend/"));
    /// ```
    pub fn get() -> BuiltinLexicon {
        BuiltinLexicon::from_bytes(TABLE).expect("built-in lexicon table is well formed")
    }

    /// Check the header and section sizes of a table; None when they do not
    /// fit (a table from another build script version).
    fn from_bytes(bytes: &'static [u8]) -> Option<BuiltinLexicon> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC || u32_at(bytes, 4) != VERSION {
            return None;
        }
        let n = u32_at(bytes, 8);
        let slots = u32_at(bytes, 12);
        let max_chars = u32_at(bytes, 16);
        let heads_len = u32_at(bytes, 20) as usize;
        let glosses_len = u32_at(bytes, 24) as usize;
        if !slots.is_power_of_two() || slots <= n || n > ID_MASK {
            return None;
        }
        let table = HEADER;
        let heads = table + 4 * slots as usize;
        let glosses = heads + 4 * (n as usize + 1);
        let head_bytes = glosses + 8 * n as usize;
        let gloss_bytes = head_bytes + heads_len;
        (gloss_bytes + glosses_len == bytes.len()).then_some(BuiltinLexicon {
            bytes,
            n,
            mask: slots - 1,
            max_chars,
            table,
            heads,
            glosses,
            head_bytes,
            gloss_bytes,
        })
    }

    /// Number of headwords (simplified and traditional forms each count).
    pub fn len(&self) -> usize {
        self.n as usize
    }

    /// True when the table has no headwords.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Length in characters of the longest headword.
    pub fn max_chars(&self) -> usize {
        self.max_chars as usize
    }

    /// Size of the embedded table in bytes.
    pub fn size_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// The id (`0..len()`) of a headword, simplified or traditional.
    pub fn id(&self, zh: &str) -> Option<u32> {
        let want = zh.as_bytes();
        // FNV-1a, as `build.rs` hashed the headwords.
        let hash = key(zh);
        let tag = (hash >> (32 + ID_BITS)) as u32;
        let mut slot = hash as u32 & self.mask;
        loop {
            let v = u32_at(self.bytes, self.table + 4 * slot as usize);
            if v == 0 {
                return None;
            }
            // Only a slot with this hash's tag can hold the word: the
            // others are passed without reading their headword.
            if v >> ID_BITS == tag && self.head_bytes_of((v & ID_MASK) - 1) == want {
                return Some((v & ID_MASK) - 1);
            }
            slot = (slot + 1) & self.mask;
        }
    }

    fn head_bytes_of(&self, id: u32) -> &'static [u8] {
        let o = self.heads + 4 * id as usize;
        let s = u32_at(self.bytes, o) as usize;
        let e = u32_at(self.bytes, o + 4) as usize;
        &self.bytes[self.head_bytes + s..self.head_bytes + e]
    }

    /// The headword of an id. Panics when `id >= len()`.
    pub fn headword(&self, id: u32) -> &'static str {
        assert!(id < self.n, "headword id out of range");
        std::str::from_utf8(self.head_bytes_of(id)).expect("UTF-8 headword")
    }

    /// The CC-CEDICT gloss text of an id: `/gloss/gloss/…/` for each of the
    /// headword's entries, in file order. Panics when `id >= len()`.
    pub fn gloss_text(&self, id: u32) -> &'static str {
        assert!(id < self.n, "headword id out of range");
        let o = self.glosses + 8 * id as usize;
        let s = u32_at(self.bytes, o) as usize;
        let e = u32_at(self.bytes, o + 4) as usize;
        std::str::from_utf8(&self.bytes[self.gloss_bytes + s..self.gloss_bytes + e])
            .expect("UTF-8 glosses")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_entries_by_either_script() {
        let lex = BuiltinLexicon::get();
        assert!(lex.len() > 190_000, "{} headwords", lex.len());
        let zh = lex.id("中国").unwrap();
        assert_eq!(lex.headword(zh), "中国");
        assert!(lex.gloss_text(zh).contains("/China/"));
        // The traditional form is a headword of its own, same glosses.
        let tw = lex.id("中國").unwrap();
        assert_ne!(zh, tw);
        assert_eq!(lex.gloss_text(zh), lex.gloss_text(tw));
        // Several entries of one headword (中 Zhong1 and zhong1/zhong4)
        // concatenate in file order.
        let g = lex.gloss_text(lex.id("中").unwrap());
        assert!(g.contains("middle") && g.contains("surname Zhong"), "{g}");
        assert!(g.starts_with('/') && g.ends_with('/'));
        // Terms of the seed's news domain.
        for w in ["峰会", "合作", "组织", "上海合作组织", "阿斯塔纳", "习近平"] {
            assert!(lex.id(w).is_some(), "{w}");
        }
        assert_eq!(lex.id("狗狗狗狗"), None);
        assert_eq!(lex.id(""), None);
        assert!(lex.max_chars() >= 10);
    }

    #[test]
    fn every_headword_finds_itself() {
        let lex = BuiltinLexicon::get();
        for id in 0..lex.len() as u32 {
            assert_eq!(lex.id(lex.headword(id)), Some(id));
        }
    }

    #[test]
    fn malformed_tables_are_refused() {
        assert!(BuiltinLexicon::from_bytes(b"").is_none());
        assert!(BuiltinLexicon::from_bytes(&TABLE[..TABLE.len() - 1]).is_none());
        static BAD: [u8; 28] = *b"TACD\x09\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
        assert!(BuiltinLexicon::from_bytes(&BAD).is_none());
    }
}
