//! Named value families (translation-memory formats, report formats,
//! glossary formats, severities) declared once, as a table: each value's
//! name, aliases and file extensions. The name list, parsing, `Display`,
//! extension mapping and the "expected …" part of error messages all derive
//! from it, so the lists cannot drift apart. The command line builds its
//! value lists from [`FormatTable::NAMES`]; the library does not depend on
//! clap.
//!
//! ```
//! use termalign::format_table::FormatTable;
//! use termalign::tm::Format;
//! assert_eq!(Format::NAMES, ["tmx", "csv", "tsv", "moses", "beads", "jsonl"]);
//! assert_eq!(Format::expected(), "tmx, csv, tsv, moses, beads or jsonl");
//! assert_eq!("csv".parse::<Format>(), Ok(Format::Csv));
//! ```

use std::path::Path;

/// A family of named values declared with the crate's `format_table!` macro.
pub trait FormatTable: Copy + Eq + Sized + 'static {
    /// What one value is called in messages (`format`, `severity`).
    const KIND: &'static str;
    /// Every value, in the order help texts list them.
    const VALUES: &'static [Self];
    /// The names, in the same order.
    const NAMES: &'static [&'static str];
    /// True when names are matched without regard to letter case.
    const IGNORE_CASE: bool = false;

    /// The value's name, as the command line takes it.
    fn name(self) -> &'static str;
    /// Other names accepted when parsing.
    fn aliases(self) -> &'static [&'static str];
    /// File extensions (lowercase, no dot) that imply this value.
    fn extensions(self) -> &'static [&'static str];

    /// The names as an English list: `a, b or c`.
    fn expected() -> String {
        or_list(Self::NAMES)
    }

    /// The extensions as an English list: `.tmx, .csv, .tsv or .tab`.
    fn expected_extensions() -> String {
        let exts: Vec<String> = Self::VALUES
            .iter()
            .flat_map(|v| v.extensions())
            .map(|e| format!(".{e}"))
            .collect();
        or_list(&exts)
    }

    /// The message for a name that is not in the table.
    fn unknown(input: &str) -> String {
        format!(
            "unknown {} `{input}` (expected {})",
            Self::KIND,
            Self::expected()
        )
    }

    /// The value named `input` (its name or an alias).
    fn parse_name(input: &str) -> Result<Self, String> {
        let folded;
        let s = if Self::IGNORE_CASE {
            folded = input.to_ascii_lowercase();
            folded.as_str()
        } else {
            input
        };
        Self::VALUES
            .iter()
            .copied()
            .find(|v| v.name() == s || v.aliases().contains(&s))
            .ok_or_else(|| Self::unknown(input))
    }

    /// The value a file name's extension implies, case-insensitively.
    fn from_extension(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::VALUES
            .iter()
            .copied()
            .find(|v| v.extensions().contains(&ext.as_str()))
    }
}

/// Items as an English list, `a, b or c`, as "expected …" messages and
/// help texts write them.
pub fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", rest.join(", "), last.as_ref())
        }
    }
}

/// Declare an enum and its [`FormatTable`]: one line per value, with its
/// name, then optional `aliases [..]` and `ext [..]`. Rows are in help
/// order; a value may give its discriminant (`Error (2) = "error"`) when
/// the derived order must differ. An optional block
/// after the variants overrides trait items (`IGNORE_CASE`, `unknown`).
/// Generates `ALL`, `NAMES`, `name`, `FromStr` and `Display`; with
/// `-> Spec` after the kind and `=> EXPR` closing each row, also
/// `spec(self) -> &'static Spec` (what a TM format's writer needs).
macro_rules! format_table {
    // With a spec per value (`-> Spec` after the kind, `=> SPEC` after each
    // row): generate `spec()`, then the rest as below.
    (
        $(#[$meta:meta])*
        $vis:vis enum $Enum:ident ($kind:literal) -> $Spec:ty {
            $(
                $(#[$vmeta:meta])*
                $Var:ident $(($disc:literal))? = $name:literal
                    $(aliases [$($alias:literal),* $(,)?])?
                    $(ext [$($ext:literal),* $(,)?])?
                    => $spec:expr
            ),+ $(,)?
        }
        $({ $($extra:tt)* })?
    ) => {
        impl $Enum {
            /// What the value's table row says besides its names.
            pub fn spec(self) -> &'static $Spec {
                match self {
                    $($Enum::$Var => &$spec,)+
                }
            }
        }

        $crate::format_table::format_table! {
            $(#[$meta])*
            $vis enum $Enum ($kind) {
                $(
                    $(#[$vmeta])*
                    $Var $(($disc))? = $name
                        $(aliases [$($alias),*])?
                        $(ext [$($ext),*])?
                ),+
            }
            $({ $($extra)* })?
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $Enum:ident ($kind:literal) {
            $(
                $(#[$vmeta:meta])*
                $Var:ident $(($disc:literal))? = $name:literal
                    $(aliases [$($alias:literal),* $(,)?])?
                    $(ext [$($ext:literal),* $(,)?])?
            ),+ $(,)?
        }
        $({ $($extra:tt)* })?
    ) => {
        $(#[$meta])*
        $vis enum $Enum {
            $( $(#[$vmeta])* $Var $(= $disc)?, )+
        }

        impl $Enum {
            /// Every value, in the order help texts list them.
            pub const ALL: [$Enum; [$($name),+].len()] = [$($Enum::$Var),+];
            /// The names of [`Self::ALL`], as the command line takes them.
            pub const NAMES: [&'static str; [$($name),+].len()] = [$($name),+];

            /// The name, as the command line takes it.
            pub fn name(self) -> &'static str {
                match self {
                    $($Enum::$Var => $name,)+
                }
            }
        }

        impl $crate::format_table::FormatTable for $Enum {
            const KIND: &'static str = $kind;
            const VALUES: &'static [$Enum] = &$Enum::ALL;
            const NAMES: &'static [&'static str] = &$Enum::NAMES;

            fn name(self) -> &'static str {
                $Enum::name(self)
            }

            fn aliases(self) -> &'static [&'static str] {
                match self {
                    $($Enum::$Var => &[$($($alias),*)?],)+
                }
            }

            fn extensions(self) -> &'static [&'static str] {
                match self {
                    $($Enum::$Var => &[$($($ext),*)?],)+
                }
            }

            $($($extra)*)?
        }

        impl ::std::str::FromStr for $Enum {
            type Err = String;
            fn from_str(s: &str) -> ::std::result::Result<$Enum, String> {
                <$Enum as $crate::format_table::FormatTable>::parse_name(s)
            }
        }

        impl ::std::fmt::Display for $Enum {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

pub(crate) use format_table;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Severity;
    use crate::check::report::Format as ReportFormat;
    use crate::glossary::Format as GlossaryFormat;
    use crate::tm::Format as TmFormat;
    use crate::tm::read::ReadFormat;

    /// Every value parses back from its name and aliases, prints as its
    /// name, and is the value its extensions imply (in any letter case).
    fn round_trips<T: FormatTable + std::fmt::Debug + std::fmt::Display>() {
        assert_eq!(T::VALUES.len(), T::NAMES.len());
        for (&v, &name) in T::VALUES.iter().zip(T::NAMES) {
            assert_eq!(v.name(), name);
            assert_eq!(v.to_string(), name);
            assert_eq!(T::parse_name(name), Ok(v));
            for alias in v.aliases() {
                assert_eq!(T::parse_name(alias), Ok(v), "{alias}");
            }
            for ext in v.extensions() {
                for file in [format!("d/f.{ext}"), format!("f.{}", ext.to_uppercase())] {
                    assert_eq!(T::from_extension(Path::new(&file)), Some(v), "{file}");
                }
            }
        }
        assert!(T::parse_name("no-such-value").is_err());
        assert_eq!(T::from_extension(Path::new("f.no-such-ext")), None);
    }

    #[test]
    fn every_table_round_trips() {
        round_trips::<TmFormat>();
        round_trips::<ReadFormat>();
        round_trips::<ReportFormat>();
        round_trips::<GlossaryFormat>();
        round_trips::<Severity>();
    }

    #[test]
    fn messages_are_the_released_ones() {
        let cases = [
            (
                TmFormat::parse_name("x").unwrap_err(),
                "unknown format `x` (expected tmx, csv, tsv, moses, beads or jsonl)",
            ),
            (
                ReportFormat::parse_name("x").unwrap_err(),
                "unknown format `x` (expected text, json, junit, github or sarif)",
            ),
            (
                Severity::parse_name("x").unwrap_err(),
                "unknown severity `x` (expected error, warning or note)",
            ),
            (
                GlossaryFormat::parse_name("X").unwrap_err(),
                "unknown glossary format `X` (csv, tsv, tbx, omegat)",
            ),
            (
                ReadFormat::expected_extensions(),
                ".tmx, .csv, .tsv or .tab",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
        // Glossary names ignore case; the others do not.
        assert_eq!(
            GlossaryFormat::parse_name("OmegaT"),
            Ok(GlossaryFormat::OmegaT)
        );
        assert!(TmFormat::parse_name("TMX").is_err());
    }

    #[test]
    fn severities_order_by_seriousness_not_by_row() {
        assert!(Severity::Note < Severity::Warning && Severity::Warning < Severity::Error);
        assert_eq!(Severity::NAMES, ["error", "warning", "note"]);
    }
}
