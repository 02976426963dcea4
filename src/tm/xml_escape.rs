//! XML escaping for the writers that produce XML (TMX): what must be
//! escaped in element content and in attributes, and the characters XML
//! 1.0 forbids outright.

/// True for the characters XML 1.0 does not allow in a document. Rust
/// strings cannot hold lone surrogates, so those never reach here.
pub fn is_xml_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Append text content to `buf` with `<`, `>` and `&` escaped: what XML
/// requires in element content (`>` so that `]]>` never appears). Quotes
/// stay as they are; they need escaping only in attributes.
pub fn push_escaped_text(buf: &mut String, s: &str) {
    let mut last = 0;
    for i in memchr::memchr3_iter(b'<', b'>', b'&', s.as_bytes()) {
        buf.push_str(&s[last..i]);
        buf.push_str(match s.as_bytes()[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&amp;",
        });
        last = i + 1;
    }
    buf.push_str(&s[last..]);
}

/// Append `s` to `buf` with the five XML special characters escaped
/// (`&lt; &gt; &amp; &quot; &apos;`), byte for byte what
/// `quick_xml::escape::escape` produces, without an intermediate string.
pub fn push_escaped(buf: &mut String, s: &str) {
    let mut last = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let rep = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => continue,
        };
        // The special bytes are ASCII, so `i` is a char boundary.
        buf.push_str(&s[last..i]);
        buf.push_str(rep);
        last = i + 1;
    }
    buf.push_str(&s[last..]);
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_escaped_matches_quick_xml() {
        for s in [
            "",
            "plain",
            "<&>\"'",
            "上海“精神”&<>",
            "]]>",
            "a&amp;b",
            "'\"'",
        ] {
            let mut buf = String::from("x");
            push_escaped(&mut buf, s);
            assert_eq!(buf, format!("x{}", quick_xml::escape::escape(s)), "{s:?}");
        }
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn push_escaped_text() {
        let mut buf = String::new();
        crate::tm::xml_escape::push_escaped_text(&mut buf, "a]]>b & \"c\" <d>");
        assert_eq!(buf, "a]]&gt;b &amp; \"c\" &lt;d&gt;");
    }

    #[test]
    fn push_escaped() {
        let mut buf = String::new();
        crate::tm::xml_escape::push_escaped(&mut buf, "a]]>b & \"c\" <d>");
        assert_eq!(buf, "a]]&gt;b &amp; &quot;c&quot; &lt;d&gt;");
    }
}
