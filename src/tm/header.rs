//! The header every memory shares (languages and creation date, written
//! by TMX and JSONL) and the checks on what the user gives for it:
//! BCP 47 language codes and `--date`.

use crate::error::{Error, ErrorKind, Result};

/// The header attributes of a TMX file.
#[derive(Debug, Clone)]
pub struct TmxHeader {
    /// Source language code (`zh-CN`); never `*all*`.
    pub src_lang: String,
    /// Target language code (`en-US`).
    pub tgt_lang: String,
    /// `YYYYMMDDThhmmssZ`.
    pub creation_date: String,
}

impl TmxHeader {
    /// zh-CN → en-US, dated now (UTC).
    pub fn now() -> TmxHeader {
        TmxHeader {
            src_lang: "zh-CN".into(),
            tgt_lang: "en-US".into(),
            creation_date: tmx_date(time::OffsetDateTime::now_utc()),
        }
    }
}

/// Format a time as TMX wants it: `YYYYMMDDThhmmssZ` in UTC.
///
/// ```
/// let t = time::macros::datetime!(2024-07-04 09:05:00 UTC);
/// assert_eq!(termalign::tm::tmx_date(t), "20240704T090500Z");
/// ```
pub fn tmx_date(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let fmt = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    t.format(&fmt).expect("fixed format")
}

/// True for `YYYYMMDDThhmmssZ`, the only date form TMX allows.
pub fn is_tmx_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

/// Check and normalise a language code for TMX (BCP 47: `zh-CN`,
/// `zh-Hans`, `zh-TW`, `en-GB`): primary subtag lowercase, script
/// titlecase, region uppercase. `zh_CN` and `*all*` are refused with the
/// spelling to use.
///
/// ```
/// use termalign::tm::language_code;
/// assert_eq!(language_code("zh-hans").unwrap(), "zh-Hans");
/// assert_eq!(language_code("EN-gb").unwrap(), "en-GB");
/// assert!(language_code("zh_CN").unwrap_err().to_string().contains("`zh-CN`"));
/// ```
pub fn language_code(code: &str) -> Result<String> {
    let bad = |why: String| Error::new(ErrorKind::Config, format!("language code `{code}`: {why}"));
    if code.contains('_') {
        return Err(bad(format!(
            "TMX uses BCP 47 codes with hyphens: write `{}`",
            code.replace('_', "-")
        )));
    }
    if code == "*all*" {
        return Err(bad(
            "`*all*` is refused as a language (Trados rejects it as srclang)".into(),
        ));
    }
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(bad(
            "expected a language subtag of 2 or 3 letters, as in zh-CN or en-US".into(),
        ));
    }
    let mut out = primary.to_ascii_lowercase();
    for p in parts {
        if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(bad(format!("bad subtag `{p}`")));
        }
        out.push('-');
        match p.len() {
            2 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&p.to_ascii_uppercase())
            }
            4 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&p[..1].to_ascii_uppercase());
                out.push_str(&p[1..].to_ascii_lowercase());
            }
            _ => out.push_str(p),
        }
    }
    Ok(out)
}

/// Parse a `--date`: `YYYYMMDDThhmmssZ`, RFC 3339 (`2024-07-04T09:05:00Z`),
/// a plain date (`2024-07-04`, midnight UTC) or Unix seconds (as in
/// `SOURCE_DATE_EPOCH`). Returns the TMX form.
///
/// ```
/// use termalign::tm::parse_date;
/// assert_eq!(parse_date("2024-07-04").unwrap(), "20240704T000000Z");
/// assert_eq!(parse_date("20240704T090500Z").unwrap(), "20240704T090500Z");
/// assert_eq!(parse_date("1720083900").unwrap(), "20240704T090500Z");
/// assert!(parse_date("July 4").is_err());
/// ```
pub fn parse_date(s: &str) -> Result<String> {
    use time::format_description::well_known::Rfc3339;
    let s = s.trim();
    let tmx = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    let day = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(t) = time::PrimitiveDateTime::parse(s, &tmx) {
        return Ok(tmx_date(t.assume_utc()));
    }
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return Ok(tmx_date(t));
    }
    if let Ok(d) = time::Date::parse(s, &day) {
        return Ok(tmx_date(d.midnight().assume_utc()));
    }
    if let Ok(secs) = s.parse::<i64>()
        && let Ok(t) = time::OffsetDateTime::from_unix_timestamp(secs)
    {
        return Ok(tmx_date(t));
    }
    Err(Error::new(
        ErrorKind::Config,
        format!(
            "date `{s}`: expected YYYYMMDDThhmmssZ, RFC 3339 (2024-07-04T09:05:00Z), YYYY-MM-DD or Unix seconds"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        for (input, want) in [
            ("zh-CN", "zh-CN"),
            ("zh-cn", "zh-CN"),
            ("zh-Hans", "zh-Hans"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("zh-TW", "zh-TW"),
            ("en-GB", "en-GB"),
            ("en", "en"),
            ("es-419", "es-419"),
        ] {
            assert_eq!(language_code(input).unwrap(), want);
        }
        for bad in ["zh_CN", "*all*", "", "chinese", "zh-", "z", "zh-CN!"] {
            let e = language_code(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Config, "{bad}");
        }
    }

    #[test]
    fn tmx_dates() {
        assert!(is_tmx_date("20240704T090500Z"));
        for bad in [
            "2024-07-04",
            "20240704T0905Z",
            "20240704t090500z",
            "2024070XT090500Z",
        ] {
            assert!(!is_tmx_date(bad), "{bad}");
        }
    }
}
