//! The one reader of CSV/TSV glossary files, shared by loading
//! ([`super::Glossary::from_reader`]) and [`super::lint`].
//!
//! The reader walks the header and every row once and tells a [`Sink`]
//! about each [`Issue`] and each well-formed [`Entry`]. Loading stops at the
//! first issue it cannot accept and turns it into an error; lint records
//! every issue as a finding and reads on. Each side words its own messages.

use std::collections::HashMap;
use std::io::Read;

use super::{COLUMNS, Entry, Origin, TermType};

/// How the header is read: the two callers have always differed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Loading: a byte-order mark is trimmed from column names (the reader
    /// may start with one), and of a repeated column the last one counts.
    Load,
    /// Lint: the caller has already stripped the byte-order mark (it checks
    /// the encoding first), and of a repeated column the first one counts.
    Lint,
}

/// Something wrong (or worth a look) in a delimited glossary file.
#[derive(Debug)]
pub(crate) enum Issue<'a> {
    /// The CSV layer failed (quoting, bytes). On the header row, reading
    /// stops whatever the sink says.
    Csv(csv::Error),
    /// No header row at all.
    NoHeader,
    /// A column name with leading or trailing blanks (as written).
    ColumnBlanks(&'a str),
    /// A known column named a second time.
    DuplicateColumn(&'static str),
    /// Column names that are not in [`COLUMNS`].
    UnknownColumns(Vec<String>),
    /// Required columns (`zh`, `en`) missing, in that order. Reading stops.
    MissingColumns(Vec<&'static str>),
    /// A quoted field still open at the end of the file: the quote opened
    /// on `line` swallowed every row after it. Reading stops.
    UnterminatedQuote { line: u64 },
    /// A row whose field count differs from the header's.
    RowLength { line: u64, got: usize, want: usize },
    /// A field with leading or trailing blanks.
    FieldBlanks {
        line: u64,
        column: &'static str,
        value: &'a str,
    },
    /// An empty `|` item in a list field.
    EmptyItem {
        line: u64,
        column: &'a str,
        value: &'a str,
    },
    /// A `|` item with leading or trailing blanks.
    ItemBlanks {
        line: u64,
        column: &'a str,
        item: &'a str,
    },
    /// `zh` is empty.
    EmptyZh { line: u64 },
    /// `en` is empty; `zh` is the row's (trimmed, maybe empty) term.
    EmptyEn { line: u64, zh: &'a str },
    /// `type` is not a [`TermType`]; the message says why.
    BadType { line: u64, message: String },
}

/// What the reader reports to.
pub(crate) trait Sink {
    /// One issue; false stops reading.
    fn issue(&mut self, issue: Issue<'_>) -> bool;
    /// One entry with non-empty `zh` and `en`, trimmed; false stops reading.
    fn entry(&mut self, entry: Entry) -> bool;
}

/// Read delimited text with a header row naming the columns. Blank rows
/// are skipped; list fields split on `|`.
pub(crate) fn read<R: Read>(
    reader: R,
    source: &str,
    delimiter: u8,
    mode: Mode,
    sink: &mut impl Sink,
) {
    let state = std::rc::Rc::new(std::cell::Cell::new(None));
    let watch = QuoteWatch::new(reader, delimiter, state.clone());
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(watch);
    let mut records = rdr.records();
    // The csv crate ends a quoted field at the end of the file without a
    // word; the watch has seen the end by the time the record that
    // swallowed the rest comes out.
    let unterminated = |sink: &mut dyn FnMut(u64)| {
        if let Some(line) = state.get() {
            sink(line);
            true
        } else {
            false
        }
    };
    let header = match records.next() {
        Some(Ok(_))
            if unterminated(&mut |line| {
                sink.issue(Issue::UnterminatedQuote { line });
            }) =>
        {
            return;
        }
        Some(Ok(h)) => h,
        Some(Err(error)) => {
            sink.issue(Issue::Csv(error));
            return;
        }
        None => {
            sink.issue(Issue::NoHeader);
            return;
        }
    };
    let mut col: HashMap<&str, usize> = HashMap::new();
    let mut unknown = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if h.trim() != h && !sink.issue(Issue::ColumnBlanks(h)) {
            return;
        }
        let name = match mode {
            Mode::Load => h.trim().trim_start_matches('\u{FEFF}'),
            Mode::Lint => h.trim(),
        };
        match COLUMNS.iter().find(|&&c| c == name) {
            Some(c) if mode == Mode::Lint && col.contains_key(c) => {
                if !sink.issue(Issue::DuplicateColumn(c)) {
                    return;
                }
            }
            Some(c) => {
                col.insert(c, i);
            }
            None => unknown.push(name.to_string()),
        }
    }
    if !unknown.is_empty() && !sink.issue(Issue::UnknownColumns(unknown)) {
        return;
    }
    let missing: Vec<&'static str> = ["zh", "en"]
        .into_iter()
        .filter(|c| !col.contains_key(c))
        .collect();
    if !missing.is_empty() {
        sink.issue(Issue::MissingColumns(missing));
        return;
    }
    for record in records {
        if unterminated(&mut |line| {
            sink.issue(Issue::UnterminatedQuote { line });
        }) {
            return;
        }
        let record = match record {
            Ok(r) => r,
            Err(error) => {
                if sink.issue(Issue::Csv(error)) {
                    continue;
                }
                return;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len()
            && !sink.issue(Issue::RowLength {
                line,
                got: record.len(),
                want: header.len(),
            })
        {
            return;
        }
        let raw = |name: &str| col.get(name).and_then(|&i| record.get(i)).unwrap_or("");
        for column in COLUMNS {
            let value = raw(column);
            if value.trim() != value
                && !sink.issue(Issue::FieldBlanks {
                    line,
                    column,
                    value,
                })
            {
                return;
            }
        }
        let Some(variants) = list(line, "variants", raw("variants"), sink) else {
            return;
        };
        let Some(forbidden) = list(line, "forbidden", raw("forbidden"), sink) else {
            return;
        };
        let (zh, en) = (raw("zh").trim(), raw("en").trim());
        if zh.is_empty() && !sink.issue(Issue::EmptyZh { line }) {
            return;
        }
        if en.is_empty() && !sink.issue(Issue::EmptyEn { line, zh }) {
            return;
        }
        let kind = match raw("type").parse::<TermType>() {
            Ok(k) => k,
            Err(message) => {
                if !sink.issue(Issue::BadType { line, message }) {
                    return;
                }
                TermType::Term
            }
        };
        if zh.is_empty() || en.is_empty() {
            continue;
        }
        let entry = Entry {
            zh: zh.to_string(),
            en: en.to_string(),
            variants,
            forbidden,
            kind,
            note: raw("note").trim().to_string(),
            origin: Origin {
                source: source.to_string(),
                line,
            },
        };
        if !sink.entry(entry) {
            return;
        }
    }
}

/// The trimmed, non-empty `|` items of a list field; None when the sink
/// stopped reading.
fn list(line: u64, column: &str, value: &str, sink: &mut impl Sink) -> Option<Vec<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Some(Vec::new());
    }
    let mut items = Vec::new();
    for item in v.split('|') {
        if item.trim().is_empty() {
            if !sink.issue(Issue::EmptyItem {
                line,
                column,
                value: v,
            }) {
                return None;
            }
            continue;
        }
        if item.trim() != item && !sink.issue(Issue::ItemBlanks { line, column, item }) {
            return None;
        }
        items.push(item.trim().to_string());
    }
    Some(items)
}

/// Passes bytes through while following CSV quoting as the csv crate
/// reads it (a quote opens a field only at its start; `""` inside is a
/// quote), and at the end of the input records, in `unterminated`, the
/// line of a quote still open.
struct QuoteWatch<R> {
    inner: R,
    delimiter: u8,
    line: u64,
    state: Quote,
    /// Bytes of a leading byte-order mark still to skip.
    bom_left: usize,
    unterminated: std::rc::Rc<std::cell::Cell<Option<u64>>>,
}

#[derive(Clone, Copy)]
enum Quote {
    FieldStart,
    Unquoted,
    /// Inside quotes opened on this line.
    Quoted(u64),
    /// A quote inside quotes: closes the field unless another follows.
    MaybeClosed(u64),
}

impl<R> QuoteWatch<R> {
    fn new(
        inner: R,
        delimiter: u8,
        unterminated: std::rc::Rc<std::cell::Cell<Option<u64>>>,
    ) -> Self {
        QuoteWatch {
            inner,
            delimiter,
            line: 1,
            state: Quote::FieldStart,
            bom_left: 3,
            unterminated,
        }
    }

    fn step(&mut self, b: u8) {
        // The csv crate skips a UTF-8 byte-order mark: so does the watch.
        if self.bom_left > 0 {
            if b == [0xEF, 0xBB, 0xBF][3 - self.bom_left] {
                self.bom_left -= 1;
                return;
            }
            self.bom_left = 0;
        }
        let end_of_field = b == self.delimiter || b == b'\n' || b == b'\r';
        self.state = match (self.state, b) {
            (Quote::FieldStart, b'"') => Quote::Quoted(self.line),
            (Quote::FieldStart | Quote::Unquoted | Quote::MaybeClosed(_), _) if end_of_field => {
                Quote::FieldStart
            }
            (Quote::FieldStart | Quote::Unquoted, _) => Quote::Unquoted,
            (Quote::Quoted(l), b'"') => Quote::MaybeClosed(l),
            (Quote::Quoted(l), _) => Quote::Quoted(l),
            (Quote::MaybeClosed(l), b'"') => Quote::Quoted(l),
            (Quote::MaybeClosed(_), _) => Quote::Unquoted,
        };
        if b == b'\n' {
            self.line += 1;
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            if let Quote::Quoted(l) = self.state {
                self.unterminated.set(Some(l));
            }
            return Ok(0);
        }
        for &b in &buf[..n] {
            self.step(b);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unterminated(text: &[u8]) -> Option<u64> {
        let state = std::rc::Rc::new(std::cell::Cell::new(None));
        let mut w = QuoteWatch::new(text, b',', state.clone());
        std::io::copy(&mut w, &mut std::io::sink()).unwrap();
        state.get()
    }

    #[test]
    fn quote_watch_follows_csv_quoting() {
        assert_eq!(unterminated(b"zh,en\na,\"b\nc,d\n"), Some(2));
        assert_eq!(unterminated(b"zh,en\na,\"b\nc\",d\n"), None);
        assert_eq!(unterminated(b"zh,en\na,\"say \"\"hi\"\"\"\r\n"), None);
        // A quote inside an unquoted field is a character.
        assert_eq!(unterminated(b"zh,en\na,b\"c\n"), None);
        // After a byte-order mark, a quote still opens the field.
        assert_eq!(unterminated(b"\xEF\xBB\xBF\"zh,en\n"), Some(1));
    }
}
