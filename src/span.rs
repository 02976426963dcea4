//! Positions in decoded text, shared by every step that points back into
//! the input (segments, term hits, number mentions).

use std::ops::Range;

use serde::Serialize;

/// Where a segment lies in the original text, in bytes (for slicing) and in
/// chars (for reporting: editors and CAT tools count characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte range in the decoded text.
    pub bytes: Range<usize>,
    /// Char (Unicode scalar value) range in the decoded text.
    pub chars: Range<usize>,
}
