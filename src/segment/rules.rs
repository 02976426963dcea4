//! The boundary rules, one named function or table each, so that every rule
//! can be read and tested on its own.
//!
//! Every rule looks only at a bounded neighbourhood of the candidate end
//! mark (the word before it, the word after it), so a paragraph is split in
//! one forward pass: time is linear in its length.
//!
//! The English rules run on width-folded text (`Ａ．` reads as `A.`); the
//! Chinese rules accept both widths of `!` and `?` themselves.

use std::ops::Range;

use crate::lang::{Folded, Lang, is_cjk};

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

/// Characters that end a Chinese sentence (the ellipsis `…` only when
/// doubled, `……`, see [`zh_boundaries`]).
pub const ZH_TERMINALS: &[char] = &['。', '｡', '！', '？', '!', '?', '…', '⋯'];

/// Ellipsis characters: a run of two or more ends a Chinese sentence.
const ZH_ELLIPSIS: &[char] = &['…', '⋯'];

/// Characters that end an English sentence.
pub const EN_TERMINALS: &[char] = &['.', '!', '?'];

/// Closing quotes and brackets that stay with the sentence they follow
/// (`他说：“好。”` / `He said "yes."`).
pub const CLOSERS: &[char] = &[
    '”', '’', '」', '』', '）', ')', '"', '\'', '】', ']', '〕', '〉', '］', '＂',
];

/// Chinese punctuation after which a sentence goes on: a `……` or `！`
/// followed by one of these (possibly after a closing quote) is not an end.
const ZH_CONTINUERS: &[char] = &['，', '、', '；', '：', ',', ';', ':'];

/// Bullets that start a list item.
const BULLETS: &[char] = &['•', '⁃', '◦', '▪', '‣', '●', '■', '□', '◆'];

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

/// Could a sentence break fall strictly inside `term` (width-folded)?
/// Breaks fall after an end mark (and the closers after it), before a
/// bullet, and before a list marker (`2.`, `b)`). A term holding none of
/// these, nor starting with a closer, never needs protecting: `People's
/// Republic of China` does not, `U.N. Security Council` does.
///
/// ```
/// use termalign::segment::rules::could_hold_break;
/// assert!(could_hold_break("U.N. Security Council"));
/// assert!(could_hold_break("你好！中国"));
/// assert!(!could_hold_break("People's Republic of China"));
/// assert!(!could_hold_break("SCO (Shanghai Cooperation Organization)"));
/// assert!(could_hold_break("Plan a) and b)"));
/// ```
pub fn could_hold_break(term: &str) -> bool {
    let mark =
        |c: char| ZH_TERMINALS.contains(&c) || EN_TERMINALS.contains(&c) || BULLETS.contains(&c);
    let paren_marker = term
        .split_whitespace()
        .skip(1)
        .any(|w| w.len() <= 4 && w.ends_with(')') && !w.starts_with('('));
    term.contains(mark) || term.starts_with(CLOSERS) || paren_marker
}

// ---------------------------------------------------------------------------
// Line-level rules (used by the layout step)
// ---------------------------------------------------------------------------

/// Does this text (a line or paragraph) end a sentence?
///
/// ```
/// use termalign::{Lang, segment::rules::ends_sentence};
/// assert!(ends_sentence("团结力量。", Lang::Zh));
/// assert!(ends_sentence("“上海精神”。”", Lang::Zh));
/// assert!(ends_sentence("他沉默了……", Lang::Zh));
/// assert!(!ends_sentence("我们要巩固", Lang::Zh));
/// assert!(ends_sentence("He said \"yes.\"", Lang::En));
/// assert!(!ends_sentence("Chinese President", Lang::En));
/// ```
pub fn ends_sentence(text: &str, lang: Lang) -> bool {
    let t = text.trim_end().trim_end_matches(CLOSERS);
    match lang {
        Lang::Zh => t.ends_with(ZH_TERMINALS) || t.ends_with("..."),
        Lang::En => t.ends_with(EN_TERMINALS) || t.ends_with(['！', '？', '．', '…']),
    }
}

/// Is this paragraph a dateline, the start of a news article's first
/// sentence (`新华社阿斯塔纳7月4日电`, `ASTANA, July 4 (Xinhua) --`)?
///
/// ```
/// use termalign::{Lang, segment::rules::is_dateline};
/// assert!(is_dateline("新华社阿斯塔纳7月4日电 当地时间", Lang::Zh));
/// assert!(is_dateline("新华社北京7月5日电（记者张三）", Lang::Zh));
/// assert!(is_dateline("中新网北京７月５日电 据报道", Lang::Zh));
/// assert!(is_dateline("ASTANA, July 4 (Xinhua) -- Chinese", Lang::En));
/// assert!(is_dateline("UNITED NATIONS, Jan. 5 (Xinhua) -- The", Lang::En));
/// assert!(!is_dateline("习近平指出，", Lang::Zh));
/// assert!(!is_dateline("The SCO, he said (twice) -- no.", Lang::En));
/// ```
pub fn is_dateline(text: &str, lang: Lang) -> bool {
    match lang {
        Lang::Zh => is_zh_dateline(text),
        Lang::En => is_en_dateline(text),
    }
}

fn is_zh_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇零一二三四五六七八九十".contains(c)
}

/// `AGENCY+PLACE M月D日电` (or `讯`) within the first 40 characters: Han
/// characters only before the date, one or two digits for month and day.
fn is_zh_dateline(text: &str) -> bool {
    let head: Vec<char> = text.trim_start().chars().take(40).collect();
    let Some(dian) = head
        .windows(2)
        .position(|w| w[0] == '日' && (w[1] == '电' || w[1] == '讯'))
    else {
        return false;
    };
    // Walk back over the day digits, 月, the month digits.
    let mut i = dian;
    let day_end = i;
    while i > 0 && is_zh_digit(head[i - 1]) {
        i -= 1;
    }
    if i == day_end || day_end - i > 3 || i == 0 || head[i - 1] != '月' {
        return false;
    }
    i -= 1;
    let month_end = i;
    while i > 0 && is_zh_digit(head[i - 1]) {
        i -= 1;
    }
    if i == month_end || month_end - i > 3 {
        return false;
    }
    // The agency and place: 2 to 20 Han characters (or `·` in foreign names).
    let prefix = &head[..i];
    let prefix_ok = (2..=20).contains(&prefix.len())
        && prefix
            .iter()
            .all(|&c| crate::lang::is_han(c) || c == '·' || c == '•');
    // `7月4日电视台` is not a dateline: after 电 comes a space or a bracket,
    // unless a known agency opens the line.
    let after = head.get(dian + 2).copied();
    let known_agency = ZH_AGENCIES
        .iter()
        .any(|a| prefix.iter().collect::<String>().starts_with(a));
    prefix_ok && (known_agency || after.is_none_or(|c| !crate::lang::is_han(c)))
}

/// News agencies and papers whose datelines open Chinese articles.
const ZH_AGENCIES: &[&str] = &[
    "新华社",
    "新华网",
    "中新社",
    "中新网",
    "人民网",
    "本报",
    "央视网",
    "央视新闻",
    "光明网",
    "中国日报网",
    "环球网",
    "国际在线",
    "中国网",
    "澎湃新闻",
];

/// `PLACE[, Month Day] [(Agency)] --`: an upper-case place name, an
/// optional date, then an agency in brackets and/or a dash.
fn is_en_dateline(text: &str) -> bool {
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

/// Could this line or paragraph be a headline (short, no clause
/// punctuation at its end)?
///
/// ```
/// use termalign::{Lang, segment::rules::could_be_title};
/// assert!(could_be_title("习近平出席上海合作组织峰会", Lang::Zh));
/// assert!(!could_be_title("当地时间7月4日上午，", Lang::Zh));
/// ```
pub fn could_be_title(text: &str, lang: Lang) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    let bad_end = t.ends_with(['，', '、', '：', '；', ',', ':', ';', '“', '"', '(', '（']);
    match lang {
        Lang::Zh => n > 0 && n <= 80 && !bad_end,
        Lang::En => n > 0 && n <= 200 && !bad_end,
    }
}

// ---------------------------------------------------------------------------
// Boundaries inside a paragraph
// ---------------------------------------------------------------------------

/// Byte offsets just after each sentence end inside one joined block (the
/// next sentence starts there, after any whitespace). The block's end is not
/// included.
///
/// ```
/// use termalign::{Lang, segment::rules::boundaries};
/// let t = "Mr. Smith came. He sat.";
/// assert_eq!(boundaries(t, Lang::En), [15]);
/// ```
pub fn boundaries(text: &str, lang: Lang) -> Vec<usize> {
    match lang {
        Lang::Zh => zh_boundaries(text),
        Lang::En => match Folded::new(text) {
            None => en_boundaries(text),
            Some(f) => en_boundaries(&f.text)
                .into_iter()
                .map(|b| f.to_original(b))
                .collect(),
        },
    }
}

/// Skip `set` characters from `i`, returning the byte offset after them.
fn skip_chars(text: &str, mut i: usize, set: &[char]) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if set.contains(&c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn skip_ws(text: &str, i: usize) -> usize {
    i + (text[i..].len() - text[i..].trim_start().len())
}

/// Outermost matched `《…》` pairs: no sentence ends inside a book or
/// document title (`《摔跤吧！爸爸》`). An unmatched `《` protects nothing,
/// so one stray bracket cannot swallow a paragraph.
pub fn zh_title_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let b = text.as_bytes();
    // 《 》 。 are E3 80 8A, E3 80 8B, E3 80 82: look only at E3 80 xx.
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] != 0xE3 || b[i + 1] != 0x80 {
            i += 1;
            continue;
        }
        match b[i + 2] {
            0x8A => open.push(i),
            0x8B => {
                if let Some(s) = open.pop()
                    && open.is_empty()
                {
                    spans.push(s..i + 3);
                }
            }
            // A title never spans a sentence-final 。: reset on it.
            0x82 => open.clear(),
            _ => {}
        }
        i += 3;
    }
    spans
}

/// Chinese: a sentence ends after 。！？ (and runs of them, `？！`), or after
/// an ellipsis `……`, with any closing quotes or brackets that follow. Not
/// inside `《…》`; not when a comma-like mark follows (`……，`); a
/// half-width `!` or `?` right after a Latin letter or digit (`Yahoo!`) is
/// part of a name.
fn zh_boundaries(text: &str) -> Vec<usize> {
    let titles = if text.contains('《') {
        zh_title_spans(text)
    } else {
        Vec::new()
    };
    let mut next_title = 0;
    let mut out = Vec::new();
    let mut in_ascii_quote = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only these bytes start a character the rules look at: ASCII
        // `! ? . "` and the lead byte of `… ⋯` (E2), `。` (E3), `！？｡＂` (EF).
        // Han characters (E4–E9) and the rest are skipped a byte at a time.
        if !matches!(bytes[i], b'!' | b'?' | b'.' | b'"' | 0xE2 | 0xE3 | 0xEF) {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a char boundary");
        if c == '"' || c == '＂' {
            in_ascii_quote = !in_ascii_quote;
        }
        let prev = || text[..i].chars().next_back();
        let end_mark =
            ZH_TERMINALS.contains(&c) || c == '.' && starts_ascii_ellipsis(text, i, prev());
        if !end_mark {
            i += c.len_utf8();
            continue;
        }
        while next_title < titles.len() && titles[next_title].end <= i {
            next_title += 1;
        }
        let in_title = titles.get(next_title).is_some_and(|t| t.start < i);
        let latin_bang =
            matches!(c, '!' | '?') && prev().is_some_and(|p| p.is_ascii_alphanumeric());
        // The whole run of end marks: `？！`, `……`, `。。。`, `...`.
        let run_end = skip_run(text, i);
        let run = &text[i..run_end];
        let only_ellipsis = run.chars().all(|c| ZH_ELLIPSIS.contains(&c) || c == '.');
        let short_ellipsis = only_ellipsis
            && run.chars().filter(|c| ZH_ELLIPSIS.contains(c)).count() < 2
            && run.chars().filter(|&c| c == '.').count() < 3;
        i = run_end;
        if in_title || latin_bang || short_ellipsis {
            continue;
        }
        let end = skip_zh_closers(text, run_end, &mut in_ascii_quote);
        let next = skip_ws(text, end);
        if next >= text.len() {
            break;
        }
        let follower = text[next..].chars().next().expect("in bounds");
        // `……，` and `能源、投资……等领域`: the list or clause goes on.
        if ZH_CONTINUERS.contains(&follower) || only_ellipsis && follower == '等' {
            i = end;
            continue;
        }
        out.push(end);
        i = end;
    }
    out
}

/// `...` after a CJK character, a scraped stand-in for `……`.
fn starts_ascii_ellipsis(text: &str, i: usize, prev: Option<char>) -> bool {
    text[i..].starts_with("...") && prev.is_some_and(is_cjk)
}

fn skip_run(text: &str, i: usize) -> usize {
    let mut j = i;
    while let Some(c) = text[j..].chars().next() {
        if ZH_TERMINALS.contains(&c) || c == '.' {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j
}

/// Closing quotes and brackets after an end mark. A straight `"` is a
/// closer only when a quotation is open (the count of `"` so far is odd);
/// otherwise it opens the next sentence.
fn skip_zh_closers(text: &str, mut i: usize, in_quote: &mut bool) -> usize {
    while let Some(c) = text[i..].chars().next() {
        match c {
            '"' | '＂' if *in_quote => *in_quote = false,
            '"' | '＂' | '\'' => break,
            c if CLOSERS.contains(&c) => {}
            _ => break,
        }
        i += c.len_utf8();
    }
    i
}

// ---------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------

/// English: `.`, `!`, `?` (and runs of them) end a sentence when followed
/// by whitespace and a word that can start one; the rules below decide the
/// period cases (abbreviations, initials, acronyms, ellipses), and list
/// items start new segments.
fn en_boundaries(text: &str) -> Vec<usize> {
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
            period_ends_sentence(text, i, next)
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

/// Does the single period at `dot` end a sentence? `next` is where the
/// next word starts.
fn period_ends_sentence(text: &str, dot: usize, next: usize) -> bool {
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
    // An enumeration opening the paragraph.
    let first = after_bullet(text, 0);
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
        let numbered = matches!(m.ordinal, Ordinal::Number(_));
        if (found > 0 || numbered)
            && let Some(d) = m.dot
        {
            items.marker_dots.push(d);
        }
    }
    items.starts.sort_unstable();
    items.starts.dedup();
    items.marker_dots.sort_unstable();
    items.marker_dots.dedup();
    items
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
    use super::*;

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for e in boundaries(text, lang) {
            out.push(text[start..e].trim());
            start = e;
        }
        out.push(text[start..].trim());
        out
    }

    /// One table per rule: (rule, input, expected sentences).
    type Table<'a> = &'a [(&'a str, &'a str, &'a [&'a str])];

    fn check(lang: Lang, table: Table) {
        for (rule, text, want) in table {
            assert_eq!(split(text, lang), *want, "{rule}: {text}");
        }
    }

    #[test]
    fn zh_end_marks() {
        check(
            Lang::Zh,
            &[
                ("full stop", "第一句。第二句。", &["第一句。", "第二句。"]),
                ("question", "你好吗？我很好。", &["你好吗？", "我很好。"]),
                ("exclamation", "太好了！走吧。", &["太好了！", "走吧。"]),
                (
                    "combined marks",
                    "真的吗？！是的。",
                    &["真的吗？！", "是的。"],
                ),
                (
                    "half-width marks",
                    "真的吗?!是的。",
                    &["真的吗?!", "是的。"],
                ),
                ("half-width ideographic stop", "甲｡乙｡", &["甲｡", "乙｡"]),
                (
                    "no break on ；、，：",
                    "甲；乙，丙、丁：戊。",
                    &["甲；乙，丙、丁：戊。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_quotes_and_brackets() {
        check(
            Lang::Zh,
            &[
                (
                    "closing quote stays",
                    "他说：“好。”然后走了。",
                    &["他说：“好。”", "然后走了。"],
                ),
                (
                    "closing single quote",
                    "“他说‘好。’”我笑了。",
                    &["“他说‘好。’”", "我笑了。"],
                ),
                ("corner quotes", "「好。」他說。", &["「好。」", "他說。"]),
                ("closing bracket", "（完。）下文。", &["（完。）", "下文。"]),
                (
                    "opening quote begins next",
                    "完了。“新的”开始。",
                    &["完了。", "“新的”开始。"],
                ),
                (
                    "straight quotes by parity",
                    "他说：\"好。\"然后。\"新\"句。",
                    &["他说：\"好。\"", "然后。", "\"新\"句。"],
                ),
                (
                    "comma after quote continues",
                    "“走吧！”，他说。",
                    &["“走吧！”，他说。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_titles_in_book_brackets() {
        check(
            Lang::Zh,
            &[
                (
                    "book title",
                    "去看《摔跤吧！爸爸》好吗？好！",
                    &["去看《摔跤吧！爸爸》好吗？", "好！"],
                ),
                (
                    "nested titles",
                    "读《论〈摔跤吧！〉》。好。",
                    &["读《论〈摔跤吧！〉》。", "好。"],
                ),
                (
                    "unmatched bracket protects nothing",
                    "他说《甲！乙。丙。",
                    &["他说《甲！", "乙。", "丙。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_ellipsis() {
        check(
            Lang::Zh,
            &[
                (
                    "ellipsis ends",
                    "他想了想……没有说话。",
                    &["他想了想……", "没有说话。"],
                ),
                (
                    "single … pauses",
                    "他想了想…没有说话。",
                    &["他想了想…没有说话。"],
                ),
                (
                    "ellipsis then comma",
                    "苹果、香蕉……，都有。",
                    &["苹果、香蕉……，都有。"],
                ),
                (
                    "ellipsis with stop",
                    "等等……。下一句。",
                    &["等等……。", "下一句。"],
                ),
                (
                    "ascii dots after Han",
                    "等等...下一句。",
                    &["等等...", "下一句。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_numbers_and_latin() {
        check(
            Lang::Zh,
            &[
                (
                    "decimal",
                    "增长5.2%。SCO成立。",
                    &["增长5.2%。", "SCO成立。"],
                ),
                (
                    "latin exclamation",
                    "他在Yahoo!工作。好。",
                    &["他在Yahoo!工作。", "好。"],
                ),
                (
                    "covid",
                    "COVID-19疫情。U.S.方面。",
                    &["COVID-19疫情。", "U.S.方面。"],
                ),
            ],
        );
    }

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

    #[test]
    fn datelines() {
        let cases: &[(&str, Lang, bool)] = &[
            ("新华社阿斯塔纳7月4日电 当地时间", Lang::Zh, true),
            ("新华社北京7月5日电（记者张三）", Lang::Zh, true),
            ("本报华盛顿十月三日讯", Lang::Zh, true),
            ("他说7月4日电视台报道。", Lang::Zh, false),
            ("习近平指出，", Lang::Zh, false),
            ("ASTANA, July 4 (Xinhua) -- Chinese", Lang::En, true),
            ("BEIJING (Xinhua) -- The", Lang::En, true),
            ("NEW YORK -- Stocks fell.", Lang::En, true),
            ("Astana, July 4 -- lower case", Lang::En, false),
            ("The SCO (Shanghai) -- he said", Lang::En, false),
        ];
        for (text, lang, want) in cases {
            assert_eq!(is_dateline(text, *lang), *want, "{text}");
        }
    }

    #[test]
    fn title_spans_match_brackets() {
        let t = "《甲》和《乙《丙》》";
        let spans: Vec<&str> = zh_title_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(spans, ["《甲》", "《乙《丙》》"]);
    }
}
