//! The page template and the one place where text is escaped for it.
//!
//! Text reaches the page by two roads only: the title, HTML-escaped by
//! [`escape_html`], and everything else inside the JSON data block, made
//! inert by [`json_for_script`]. The page's script then puts text into the
//! document with `textContent` only, never as markup.

use serde::Serialize;

const TEMPLATE: &str = include_str!("../../assets/review/review.html");
const CSS: &str = include_str!("../../assets/review/review.css");
const JS: &str = include_str!("../../assets/review/review.js");

/// Escape text for HTML element content and attribute values.
///
/// ```
/// use termalign::review::html::escape_html;
/// assert_eq!(escape_html(r#"<b a="1">&'"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
/// ```
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls have no business in a title; keep them visible.
            c if c.is_control() => out.push_str(&format!("U+{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Serialise `value` as JSON safe inside `<script type="application/json">`:
/// every `<` becomes `\u003c` (so neither `</script` nor `<!--` can
/// appear), and U+2028/U+2029 are escaped for older JavaScript parsers.
/// The result still parses as the same JSON.
///
/// ```
/// use termalign::review::html::json_for_script;
/// let j = json_for_script(&["</script><b>", "a\u{2028}b"]);
/// assert_eq!(j, r#"["\u003c/script>\u003cb>","a\u2028b"]"#);
/// ```
pub fn json_for_script<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("page data serialises");
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Fill the template: title, stylesheet, data and script. Placeholders are
/// replaced in one left-to-right pass, so text inserted for one is never
/// searched for another.
pub(super) fn render<T: Serialize>(data: &T, title: &str) -> String {
    let data = json_for_script(data);
    let title = escape_html(title);
    let mut out = String::with_capacity(TEMPLATE.len() + CSS.len() + JS.len() + data.len());
    let mut rest = TEMPLATE;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            out.push_str(&rest[i..]);
            rest = "";
            break;
        };
        match &after[..j] {
            "TITLE" => out.push_str(&title),
            "CSS" => out.push_str(CSS),
            "JS" => out.push_str(JS),
            "DATA" => out.push_str(&data),
            other => panic!("unknown placeholder {{{{{other}}}}} in review.html"),
        }
        rest = &after[j + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_placeholders() {
        for p in ["{{CSS}}", "{{JS}}", "{{DATA}}"] {
            assert_eq!(TEMPLATE.matches(p).count(), 1, "{p}");
        }
        // The title goes in <title> and the heading.
        assert_eq!(TEMPLATE.matches("{{TITLE}}").count(), 2);
        // The assets must not close their own elements early.
        assert!(!JS.contains("</script"));
        assert!(!CSS.contains("</style"));
    }

    #[test]
    fn json_stays_json() {
        let v = vec!["</script>", "a&b", "\"q\"", "\u{202E}rtl", "\u{1}"];
        let j = json_for_script(&v);
        assert!(!j.contains('<'));
        let back: Vec<String> = serde_json::from_str(&j).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn title_controls_are_shown_not_kept() {
        assert_eq!(escape_html("a\u{7}b"), "aU+0007b");
    }
}
