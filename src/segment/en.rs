//! English sentence boundaries: end marks, abbreviations, initials and
//! acronyms, ellipses, list items, and datelines.

use std::ops::Range;

use super::rules::{BULLETS, CLOSERS, skip_chars, skip_ws};

/// Characters that end an English sentence.
pub const EN_TERMINALS: &[char] = &['.', '!', '?'];

/// English abbreviations (lower case, without the final period) after which
/// a period does not end a sentence.
pub const EN_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "n°", "vs", "etc", "inc", "ltd", "co",
    "corp", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "jr", "sr",
    "hon", "rev", "e.g", "i.e", "a.m", "p.m", "fig", "figs", "vol", "vols", "approx", "dept",
    "est", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "p", "pp", "al", "cf", "ed", "eds", "govt", "assn", "bros", "messrs", "mme",
    "mlle", "pres", "supt", "ave", "blvd", "rd", "ph.d", "art", "arts", "sec", "para", "ch", "amb",
    "maj", "brig", "excl", "incl", "min", "max", "ref",
];

/// Abbreviations that can also end a sentence: after them a period ends
/// the sentence when the next word is a common sentence opener
/// ([`EN_SENTENCE_OPENERS`]). Acronyms with inner periods (`U.S.`) behave
/// the same way.
pub const EN_TERMINAL_ABBREVIATIONS: &[&str] = &[
    "etc", "a.m", "p.m", "inc", "ltd", "co", "corp", "jr", "sr", "bros", "al",
];

/// Words that begin sentences far more often than they continue a name:
/// `in the U.S. How about you?` ends after `U.S.`, `the U.S. Government`
/// does not.
pub const EN_SENTENCE_OPENERS: &[&str] = &[
    "a",
    "after",
    "also",
    "an",
    "and",
    "as",
    "at",
    "before",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "for",
    "from",
    "he",
    "her",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "meanwhile",
    "my",
    "nor",
    "on",
    "our",
    "she",
    "so",
    "some",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "under",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
    "your",
];

/// `PLACE[, Month Day] [(Agency)] --`: an upper-case place name, an
/// optional date, then an agency in brackets and/or a dash.
pub(super) fn is_en_dateline(text: &str) -> bool {
    let t = text.trim_start();
    let head: String = t.chars().take(80).collect();
    let dash_at = ["--", "—", "–"].iter().filter_map(|d| head.find(d)).min();
    let paren_at = head.find('(');
    let Some(end) = dash_at.or(paren_at) else {
        return false;
    };
    let end = match (dash_at, paren_at) {
        (Some(d), Some(p)) => d.min(p),
        _ => end,
    };
    let before = head[..end].trim_end();
    let (place, date) = match before.split_once(',') {
        Some((p, d)) => (p, Some(d.trim())),
        None => (before, None),
    };
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let place_ok = letters >= 2
        && place.len() <= 40
        && place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '/'));
    let date_ok = date.is_none_or(|d| {
        d.len() <= 20 && d.chars().any(|c| c.is_ascii_digit()) && !d.contains(['(', ')'])
    });
    // After the place and date: `(Agency) --`, `(Agency)` or `--`.
    let rest = head[end..].trim_start();
    let tail_ok = if let Some(r) = rest.strip_prefix('(') {
        r.find(')').is_some_and(|close| {
            let agency = &r[..close];
            (2..=30).contains(&agency.len())
                && agency.starts_with(|c: char| c.is_uppercase())
                && r[close + 1..].trim_start().starts_with(['-', '—', '–'])
        })
    } else {
        true
    };
    place_ok && date_ok && tail_ok
}

// ---------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------

/// English: `.`, `!`, `?` (and runs of them) end a sentence when followed
/// by whitespace and a word that can start one; the rules below decide the
/// period cases (abbreviations, initials, acronyms, ellipses), and list
/// items start new segments.
pub(super) fn en_boundaries(text: &str) -> Vec<usize> {
    let list = en_list_items(text);
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut next_marker = 0;
    let mut candidates = EndMarks::new(bytes);
    let mut i = 0;
    while let Some(at) = candidates.next_from(i) {
        i = at;
        let c = bytes[i];
        // A list marker's period (`1.`, `a.`) is not an end.
        while next_marker < list.marker_dots.len() && list.marker_dots[next_marker] < i {
            next_marker += 1;
        }
        if list.marker_dots.get(next_marker) == Some(&i) {
            i += 1;
            continue;
        }
        if c == b'.'
            && let Some(dots) = spaced_ellipsis(text, i)
        {
            if let Some(b) = spaced_ellipsis_boundary(text, i, &dots) {
                out.push(b);
            }
            i = dots.end;
            continue;
        }
        let after_terms = skip_chars(text, i, &['.', '!', '?', '…']);
        if in_brackets(text, i, after_terms) {
            i = after_terms;
            continue;
        }
        let after_closers = skip_chars(text, after_terms, CLOSERS);
        let next = skip_ws(text, after_closers);
        if next == after_closers || next >= text.len() {
            i = after_terms;
            continue;
        }
        let single_period = c == b'.' && after_terms - i == 1;
        let ends = if single_period {
            let sent_start = out.last().copied().unwrap_or(0);
            period_ends_sentence(text, sent_start, i, next)
        } else {
            starts_sentence(&text[next..])
        };
        if ends {
            out.push(after_closers);
        }
        i = next;
    }
    merge_breaks(text, out, &list.starts)
}

/// Finds the next `.`, `!`, `?` or `…` with memchr: English text is
/// mostly words, and a SIMD scan skips them many bytes at a time.
struct EndMarks<'a> {
    bytes: &'a [u8],
    /// The next `…` at or after the last search, cached so that each byte
    /// is searched for it once.
    next_ellipsis: Option<usize>,
    ellipsis_searched_to: usize,
}

impl<'a> EndMarks<'a> {
    const ELLIPSIS: &'static [u8] = "…".as_bytes();

    fn new(bytes: &'a [u8]) -> EndMarks<'a> {
        EndMarks {
            bytes,
            next_ellipsis: None,
            ellipsis_searched_to: 0,
        }
    }

    fn next_from(&mut self, from: usize) -> Option<usize> {
        if from >= self.bytes.len() {
            return None;
        }
        let mark = memchr::memchr3(b'.', b'!', b'?', &self.bytes[from..]).map(|o| from + o);
        if self.next_ellipsis.is_none_or(|e| e < from) && self.ellipsis_searched_to <= from {
            self.next_ellipsis =
                memchr::memmem::find(&self.bytes[from..], Self::ELLIPSIS).map(|o| from + o);
            self.ellipsis_searched_to = self.next_ellipsis.map_or(self.bytes.len(), |e| e + 1);
        }
        let ellipsis = self.next_ellipsis.filter(|&e| e >= from);
        match (mark, ellipsis) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Merge two sorted lists of break offsets, dropping a break that only
/// whitespace separates from the previous one (`item. 2.)` has both a
/// period end and a list-item start).
fn merge_breaks(text: &str, a: Vec<usize>, b: &[usize]) -> Vec<usize> {
    if b.is_empty() {
        return a;
    }
    let mut all: Vec<usize> = a.into_iter().chain(b.iter().copied()).collect();
    all.sort_unstable();
    let mut out: Vec<usize> = Vec::with_capacity(all.len());
    for x in all {
        match out.last() {
            Some(&last) if text[last..x].trim().is_empty() => {}
            _ if x == 0 || x >= text.len() => {}
            _ => out.push(x),
        }
    }
    out
}

/// `[...]` or `(...)`: an editor's omission mark, never an end.
fn in_brackets(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    matches!(
        (before, after),
        (Some('['), Some(']')) | (Some('('), Some(')'))
    )
}

/// A spaced ellipsis starting at `i`: `. . .` or `. . . .` (dots separated
/// by single spaces). Returns the byte range of the dots.
fn spaced_ellipsis(text: &str, i: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut j = i + 1;
    let mut dots = 1;
    while j + 1 < b.len() && b[j] == b' ' && b[j + 1] == b'.' {
        dots += 1;
        j += 2;
    }
    (dots >= 3).then_some(i..j)
}

/// Where a spaced ellipsis ends a sentence (the Chicago rules the Golden
/// Rules follow): three dots never end one (`is . . . I didn't`); a period
/// glued to a word then three dots (`compounds. . . . The`) ends it after the
/// period, and the dots open the next sentence; four spaced dots after a
/// space (`period . . . . Next`) end it after the last dot.
fn spaced_ellipsis_boundary(text: &str, i: usize, dots: &Range<usize>) -> Option<usize> {
    let count = dots.len().div_ceil(2);
    if count < 4 {
        return None;
    }
    let after_closers = skip_chars(text, dots.end, CLOSERS);
    let next = skip_ws(text, after_closers);
    if next >= text.len() || next == after_closers || !starts_sentence(&text[next..]) {
        return None;
    }
    let glued = text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace());
    Some(if glued && count == 4 {
        i + 1
    } else {
        after_closers
    })
}

/// The word before the period at `dot`: the whitespace-delimited token,
/// without opening quotes or brackets.
fn token_before(text: &str, dot: usize) -> &str {
    let start = text[..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    text[start..dot].trim_start_matches(['"', '\'', '“', '‘', '(', '[', '{', '—', '-'])
}

/// The word before that token (to tell `Albert I.` from `you and I.`).
fn previous_word<'a>(text: &'a str, dot: usize, token: &str) -> Option<&'a str> {
    let tok_start = dot - token.len();
    let before = text[..tok_start].trim_end();
    if before.is_empty() {
        return None;
    }
    let s = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    Some(&before[s..])
}

/// A dotted acronym without its last period: `U.S`, `e.g`, `a.m`, `U.S.A`.
fn is_dotted_acronym(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3
        && b.len() % 2 == 1
        && b.iter().enumerate().all(|(k, &x)| {
            if k % 2 == 0 {
                x.is_ascii_alphabetic()
            } else {
                x == b'.'
            }
        })
}

/// Personal titles: after `a.m.`/`p.m.` one starts a new clause (`ended
/// at 6 p.m. Mr. Xu said…`), unless the sentence opened with an adverbial
/// that the time closes (`At 5 a.m. Mr. Smith went…`).
const EN_PERSONAL_TITLES: &[&str] = &["mr", "mrs", "ms", "dr", "prof"];

/// Words that open a sentence with an adverbial phrase (`At 5 a.m.`,
/// `Before the ceremony at 10 a.m.`): the main clause comes after it.
const EN_ADVERBIAL_OPENERS: &[&str] = &[
    "at",
    "before",
    "after",
    "on",
    "in",
    "by",
    "since",
    "until",
    "till",
    "from",
    "during",
    "around",
    "about",
    "shortly",
    "early",
    "late",
    "when",
    "while",
    "as",
    "following",
    "prior",
    "starting",
    "beginning",
    "between",
];

/// Does the single period at `dot` end a sentence? `next` is where the
/// next word starts; the sentence began at `sent_start`.
fn period_ends_sentence(text: &str, sent_start: usize, dot: usize, next: usize) -> bool {
    let token = token_before(text, dot);
    let lower = token.to_lowercase();
    let next_text = &text[next..];
    let next_word: String = next_text
        .trim_start_matches(['"', '\'', '“', '‘', '(', '['])
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let capitalised = next_text
        .trim_start_matches(['"', '\'', '“', '‘', '(', '['])
        .starts_with(char::is_uppercase);
    let opener = capitalised && EN_SENTENCE_OPENERS.contains(&next_word.as_str());
    if is_initial(text, dot, token) {
        return false;
    }
    if matches!(lower.as_str(), "a.m" | "p.m")
        && capitalised
        && EN_PERSONAL_TITLES.contains(&next_word.as_str())
        && text[next + next_word.len()..].starts_with('.')
    {
        let sentence = &text[sent_start..dot];
        let first: String = sentence
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        let fronted = EN_ADVERBIAL_OPENERS.contains(&first.as_str()) && !sentence.contains(',');
        return !fronted;
    }
    if EN_ABBREVIATIONS.contains(&lower.as_str()) {
        return EN_TERMINAL_ABBREVIATIONS.contains(&lower.as_str()) && opener;
    }
    if is_dotted_acronym(token) {
        return opener;
    }
    starts_sentence(next_text)
}

/// A one-letter initial (`Jonas E. Smith`, `J. R. R. Tolkien`): a capital
/// letter after a capitalised word, another initial, or nothing. A capital
/// after a lower-case word is a word of its own (`you and I.`, `vitamin
/// D.`); a lower-case letter is never taken for a sentence end.
fn is_initial(text: &str, dot: usize, token: &str) -> bool {
    let mut chars = token.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    if !c.is_alphabetic() {
        return false;
    }
    if c.is_lowercase() {
        return true;
    }
    match previous_word(text, dot, token) {
        None => true,
        Some(p) => {
            let p = p.trim_start_matches(['"', '\'', '“', '‘', '(', '[']);
            p.ends_with('.') || p.starts_with(|c: char| c.is_uppercase())
        }
    }
}

/// Can a sentence start at `rest`: a capital, a digit, an opening quote or
/// bracket before one, a bullet, or a non-Latin script.
fn starts_sentence(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['"', '\'', '“', '‘', '(', '[', '¿', '¡']);
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || BULLETS.contains(&c)
            || !c.is_alphabetic() && !c.is_ascii_punctuation() && !c.is_whitespace()
    })
}

/// List items inside an English paragraph.
#[derive(Debug, Default)]
struct ListItems {
    /// Where items after the first start (a bullet or a marker).
    starts: Vec<usize>,
    /// Byte offsets of the periods of list markers (`1.`, `a.`, `2.)`).
    marker_dots: Vec<usize>,
}

/// A list marker at `i`: its ordinal and style, and its period's offset.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Marker {
    ordinal: Ordinal,
    style: MarkerStyle,
    dot: Option<usize>,
    len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ordinal {
    Number(u32),
    Lower(u8),
    Upper(u8),
}

impl Ordinal {
    fn next(self) -> Option<Ordinal> {
        match self {
            Ordinal::Number(n) => Some(Ordinal::Number(n + 1)),
            Ordinal::Lower(b) if b < b'z' => Some(Ordinal::Lower(b + 1)),
            Ordinal::Upper(b) if b < b'Z' => Some(Ordinal::Upper(b + 1)),
            _ => None,
        }
    }

    fn render(self) -> String {
        match self {
            Ordinal::Number(n) => n.to_string(),
            Ordinal::Lower(b) | Ordinal::Upper(b) => (b as char).to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum MarkerStyle {
    /// `1.`
    Dot,
    /// `1.)`
    DotParen,
    /// `1)`
    Paren,
}

impl MarkerStyle {
    fn suffix(self) -> &'static str {
        match self {
            MarkerStyle::Dot => ".",
            MarkerStyle::DotParen => ".)",
            MarkerStyle::Paren => ")",
        }
    }
}

/// Parse `12.`, `12.)`, `12)`, `a.`, `B)` at `i`, followed by whitespace.
fn parse_marker(text: &str, i: usize) -> Option<Marker> {
    let b = text.as_bytes();
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() && j - i < 3 {
        j += 1;
    }
    let ordinal = if j > i {
        if j < b.len() && b[j].is_ascii_digit() {
            return None;
        }
        Ordinal::Number(text[i..j].parse().ok()?)
    } else {
        let x = *b.get(i)?;
        if !x.is_ascii_alphabetic() {
            return None;
        }
        j = i + 1;
        if x.is_ascii_lowercase() {
            Ordinal::Lower(x)
        } else {
            Ordinal::Upper(x)
        }
    };
    let rest = &text[j..];
    let (style, dot) = if rest.starts_with(".)") {
        (MarkerStyle::DotParen, Some(j))
    } else if rest.starts_with('.') {
        (MarkerStyle::Dot, Some(j))
    } else if rest.starts_with(')') {
        (MarkerStyle::Paren, None)
    } else {
        return None;
    };
    let end = j + style.suffix().len();
    let followed_by_space = text[end..].starts_with(char::is_whitespace);
    followed_by_space.then_some(Marker {
        ordinal,
        style,
        dot,
        len: end - i,
    })
}

/// Skip a bullet and the spaces after it.
fn after_bullet(text: &str, i: usize) -> usize {
    match text[i..].chars().next() {
        Some(c) if BULLETS.contains(&c) => skip_ws(text, i + c.len_utf8()),
        _ => i,
    }
}

/// Find list items: every bullet (`•`, `⁃`) after whitespace starts one; a
/// paragraph that opens with a marker (`1.`, `1.)`, `1)`, `a.`) continues
/// with the markers that follow in sequence (`2.`, `3.` or `b.`, `c.`), each
/// after whitespace or a bullet. One forward scan per ordinal, each from
/// where the last one was found, so the whole search is linear.
fn en_list_items(text: &str) -> ListItems {
    let mut items = ListItems::default();
    // Bullets.
    let mut bullet_at: Vec<usize> = Vec::new();
    // All bullets are U+2000–U+25FF, UTF-8 lead byte E2: a memchr for that
    // byte rules most paragraphs out before a char-by-char search.
    if text.as_bytes().contains(&0xE2) && text.contains(BULLETS) {
        for (i, c) in text.char_indices() {
            if BULLETS.contains(&c) && (i == 0 || text[..i].ends_with(char::is_whitespace)) {
                bullet_at.push(i);
            }
        }
    }
    for &b in &bullet_at {
        if b > 0 {
            items.starts.push(b);
        }
        if let Some(m) = parse_marker(text, after_bullet(text, b))
            && let Some(d) = m.dot
        {
            items.marker_dots.push(d);
        }
    }
    // An enumeration opening the paragraph, or introduced by a colon
    // (`the following: 1. …; 2. …`).
    let first = after_bullet(text, 0);
    enumeration(text, first, true, &mut items);
    let mut from = 0;
    while let Some(off) = memchr::memchr(b':', &text.as_bytes()[from..]) {
        let colon = from + off;
        from = colon + 1;
        let at = skip_ws(text, from);
        if at > from
            && parse_marker(text, at)
                .is_some_and(|m| matches!(m.ordinal, Ordinal::Number(1) | Ordinal::Lower(b'a')))
        {
            enumeration(text, at, false, &mut items);
        }
    }
    items.starts.sort_unstable();
    items.starts.dedup();
    items.marker_dots.sort_unstable();
    items.marker_dots.dedup();
    items
}

/// Record the enumeration whose first marker is at `first` (when the
/// markers that follow are in sequence). `opening`: it opens the
/// paragraph, so a lone number is a marker too; otherwise the first item
/// starts a segment of its own.
fn enumeration(text: &str, first: usize, opening: bool, items: &mut ListItems) {
    if let Some(m) = parse_marker(text, first) {
        let mut found = 0;
        let mut pos = first + m.len;
        let mut ordinal = m.ordinal;
        while let Some(next) = ordinal.next() {
            let pat = format!("{}{}", next.render(), m.style.suffix());
            let Some(at) = find_marker(text, pos, &pat, m.style) else {
                break;
            };
            let start = bullet_before(text, at).unwrap_or(at);
            items.starts.push(start);
            if m.style != MarkerStyle::Paren {
                items
                    .marker_dots
                    .push(at + pat.len() - m.style.suffix().len());
            }
            found += 1;
            pos = at + pat.len();
            ordinal = next;
        }
        // A lone number opening a paragraph is a marker too (`1. The first
        // item.`); a lone letter is more likely an initial.
        let numbered = matches!(m.ordinal, Ordinal::Number(_)) && opening;
        if (found > 0 || numbered)
            && let Some(d) = m.dot
        {
            items.marker_dots.push(d);
        }
        if found > 0 && !opening {
            items.starts.push(first);
        }
    }
}

/// The next occurrence of marker `pat` from `pos` that stands alone: after
/// whitespace or a bullet, followed by whitespace.
fn find_marker(text: &str, mut pos: usize, pat: &str, style: MarkerStyle) -> Option<usize> {
    while let Some(off) = text[pos..].find(pat) {
        let at = pos + off;
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_whitespace() || BULLETS.contains(&c));
        if before_ok
            && parse_marker(text, at).is_some_and(|m| m.style == style && m.len == pat.len())
        {
            return Some(at);
        }
        pos = at + pat.len();
    }
    None
}

/// The bullet right before a marker (`• 10.`), if any.
fn bullet_before(text: &str, at: usize) -> Option<usize> {
    let t = text[..at].trim_end();
    let c = t.chars().next_back()?;
    BULLETS.contains(&c).then(|| t.len() - c.len_utf8())
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::segment::rules::table::check;

    #[test]
    fn en_basic_marks() {
        check(
            Lang::En,
            &[
                (
                    "simple",
                    "Hello World. My name is Jonas.",
                    &["Hello World.", "My name is Jonas."],
                ),
                (
                    "double marks",
                    "Hello?! Is that you?",
                    &["Hello?!", "Is that you?"],
                ),
                (
                    "lower case continues",
                    "She works at Yahoo! in sales.",
                    &["She works at Yahoo! in sales."],
                ),
                (
                    "quote end",
                    "He said \"yes.\" Then left.",
                    &["He said \"yes.\"", "Then left."],
                ),
                (
                    "quote inside",
                    "He said \"yes.\" he said.",
                    &["He said \"yes.\" he said."],
                ),
                (
                    "parenthesis inside",
                    "It (as he said.) is fine.",
                    &["It (as he said.) is fine."],
                ),
                (
                    "decimal",
                    "It grew 5.2 percent. Good.",
                    &["It grew 5.2 percent.", "Good."],
                ),
                (
                    "money at end",
                    "She has $100.00. It is hers.",
                    &["She has $100.00.", "It is hers."],
                ),
                (
                    "email",
                    "Mail a.b@x.com. I did.",
                    &["Mail a.b@x.com.", "I did."],
                ),
                (
                    "url",
                    "See https://x.org/a_b.html. Please.",
                    &["See https://x.org/a_b.html.", "Please."],
                ),
            ],
        );
    }

    #[test]
    fn en_abbreviations_and_initials() {
        check(
            Lang::En,
            &[
                (
                    "title abbreviation",
                    "Mr. Smith came. He sat.",
                    &["Mr. Smith came.", "He sat."],
                ),
                (
                    "lower-case abbreviation",
                    "It costs approx. ten dollars.",
                    &["It costs approx. ten dollars."],
                ),
                (
                    "abbreviation before number",
                    "See p. 55 and No. 1 document.",
                    &["See p. 55 and No. 1 document."],
                ),
                (
                    "month abbreviation",
                    "On Jan. 5 he left.",
                    &["On Jan. 5 he left."],
                ),
                (
                    "terminal abbreviation",
                    "Ask Pitt & Co. They know.",
                    &["Ask Pitt & Co.", "They know."],
                ),
                (
                    "initials",
                    "J. R. R. Tolkien wrote. Fine.",
                    &["J. R. R. Tolkien wrote.", "Fine."],
                ),
                (
                    "middle initial",
                    "I met Jonas E. Smith.",
                    &["I met Jonas E. Smith."],
                ),
                (
                    "pronoun I",
                    "You and I. Did you see Albert I. Jones?",
                    &["You and I.", "Did you see Albert I. Jones?"],
                ),
                (
                    "acronym mid-sentence",
                    "The U.N. Security Council met.",
                    &["The U.N. Security Council met."],
                ),
                (
                    "acronym at end",
                    "He went to the U.S. The trip was long.",
                    &["He went to the U.S.", "The trip was long."],
                ),
                (
                    "acronym with question",
                    "I live in the E.U. How about you?",
                    &["I live in the E.U.", "How about you?"],
                ),
                (
                    "degree sign abbreviation",
                    "At N°. 12.5. That is it.",
                    &["At N°. 12.5.", "That is it."],
                ),
                (
                    "fullwidth period",
                    "He left．She stayed． Then．",
                    &["He left．She stayed．", "Then．"],
                ),
            ],
        );
    }

    #[test]
    fn en_ellipses() {
        check(
            Lang::En,
            &[
                (
                    "four dots glued",
                    "I meant that.... She left.",
                    &["I meant that....", "She left."],
                ),
                (
                    "three spaced dots continue",
                    "It is . . . I think.",
                    &["It is . . . I think."],
                ),
                (
                    "spaced then period",
                    "A period . . . . Next one.",
                    &["A period . . . .", "Next one."],
                ),
                (
                    "period then spaced",
                    "Compounds. . . . The end.",
                    &["Compounds.", ". . . The end."],
                ),
                (
                    "bracketed ellipsis",
                    "\"Bohr [...] said [...]\" (Smith 55).",
                    &["\"Bohr [...] said [...]\" (Smith 55)."],
                ),
                ("unicode ellipsis", "Wait… Then go.", &["Wait…", "Then go."]),
            ],
        );
    }

    #[test]
    fn en_am_pm_before_a_title() {
        check(
            Lang::En,
            &[
                (
                    "golden rule 18",
                    "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
                    &[
                        "At 5 a.m. Mr. Smith went to the bank.",
                        "He left the bank at 6 P.M.",
                        "Mr. Smith then went to the store.",
                    ],
                ),
                (
                    "a clause ended at p.m.",
                    "The session ended at 6 p.m. Mr. Xu said it went well.",
                    &["The session ended at 6 p.m.", "Mr. Xu said it went well."],
                ),
                (
                    "fronted adverbial goes on",
                    "At a press conference held at 10 a.m. Mr. Lin briefed reporters.",
                    &["At a press conference held at 10 a.m. Mr. Lin briefed reporters."],
                ),
                (
                    "a comma closed the adverbial",
                    "On Monday, the talks began at 9 a.m. Dr. Li chaired them.",
                    &[
                        "On Monday, the talks began at 9 a.m.",
                        "Dr. Li chaired them.",
                    ],
                ),
                (
                    "a weekday after p.m. goes on",
                    "The quake struck at 11:59 p.m. Monday at a depth of 10 km.",
                    &["The quake struck at 11:59 p.m. Monday at a depth of 10 km."],
                ),
            ],
        );
    }

    #[test]
    fn en_lists_after_a_colon() {
        check(
            Lang::En,
            &[
                (
                    "numbers",
                    "Do the following: 1. Monitor; 2. Evacuate; 3. Prevent failures.",
                    &[
                        "Do the following:",
                        "1. Monitor;",
                        "2. Evacuate;",
                        "3. Prevent failures.",
                    ],
                ),
                (
                    "letters",
                    "Two options: a. Stay b. Leave",
                    &["Two options:", "a. Stay", "b. Leave"],
                ),
                (
                    "a lone number after a colon is prose",
                    "The score: 1. Then we left.",
                    &["The score: 1.", "Then we left."],
                ),
            ],
        );
    }

    #[test]
    fn en_lists() {
        check(
            Lang::En,
            &[
                (
                    "numbers",
                    "1. The first 2. The second",
                    &["1. The first", "2. The second"],
                ),
                ("numbers ended", "1. One. 2. Two.", &["1. One.", "2. Two."]),
                ("dot paren", "1.) One 2.) Two", &["1.) One", "2.) Two"]),
                (
                    "paren",
                    "1) One 2) Two 3) Three",
                    &["1) One", "2) Two", "3) Three"],
                ),
                ("letters", "a. One b. Two", &["a. One", "b. Two"]),
                ("bullets", "• 9. One • 10. Two", &["• 9. One", "• 10. Two"]),
                (
                    "hyphen bullets",
                    "⁃9. One ⁃10. Two",
                    &["⁃9. One", "⁃10. Two"],
                ),
                (
                    "out of sequence is prose",
                    "1) One has 3) three",
                    &["1) One has 3) three"],
                ),
            ],
        );
    }
}
