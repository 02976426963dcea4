//! Conversion of a memory between formats, streaming.

use super::TmWriter;
use super::read::Units;
use super::write::Record;
use crate::error::Result;

/// Write every unit of `units` to `out` (not finished), converting
/// termalign's properties between formats; returns the count read.
pub fn convert(units: Units, out: &mut dyn TmWriter) -> Result<usize> {
    let mut n = 0;
    for u in units {
        let u = u?;
        let extra = Record::split_props(&u);
        out.write_record(&Record::from_read(&u, &extra))?;
        n += 1;
    }
    Ok(n)
}

/// The names of the properties of `units` that CSV/TSV need columns for
/// (those [`Record::split_props`] leaves), in order of first appearance,
/// one per column name: the [`crate::tm::WriterOptions::property_columns`]
/// of a lossless conversion.
///
/// ```
/// use termalign::tm::convert::property_names;
/// use termalign::tm::read::{ReadFormat, from_reader};
/// let csv = "zh,en,score,plant,waive\n你好。,Hello.,0.9,a,\n再见。,Bye.,,,term-missing\n";
/// let units = from_reader(csv.as_bytes(), "t.csv", ReadFormat::Csv, None).unwrap();
/// assert_eq!(property_names(units).unwrap(), ["plant", "waive"]);
/// ```
pub fn property_names(units: Units) -> Result<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for u in units {
        for (k, _) in Record::split_props(&u?) {
            let col = super::write::column_name(&k);
            if !names.iter().any(|n| super::write::column_name(n) == col) {
                names.push(k);
            }
        }
    }
    Ok(names)
}
