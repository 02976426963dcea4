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
/// (those [`Record::split_props`] leaves), one per column name, in an order
/// that agrees with the order within every unit where the units agree (a
/// topological order of "comes before in some unit", ties and conflicts
/// broken by first appearance), so that TMX → CSV → TMX keeps each unit's
/// property order: the [`crate::tm::WriterOptions::property_columns`] of a
/// lossless conversion.
///
/// ```
/// use termalign::tm::convert::property_names;
/// use termalign::tm::read::{ReadFormat, from_reader};
/// let csv = "zh,en,score,plant,waive\n你好。,Hello.,0.9,a,\n再见。,Bye.,,,term-missing\n";
/// let units = from_reader(csv.as_bytes(), "t.csv", ReadFormat::Csv, None).unwrap();
/// assert_eq!(property_names(units).unwrap(), ["plant", "waive"]);
/// ```
pub fn property_names(units: Units) -> Result<Vec<String>> {
    let col = |n: &str| super::write::column_name(n).to_string();
    // Names by first appearance, and "a before b" pairs within units.
    let mut names: Vec<String> = Vec::new();
    let mut before: std::collections::BTreeSet<(usize, usize)> = Default::default();
    for u in units {
        let mut prev: Option<usize> = None;
        for (k, _) in Record::split_props(&u?) {
            let i = match names.iter().position(|n| col(n) == col(&k)) {
                Some(i) => i,
                None => {
                    names.push(k);
                    names.len() - 1
                }
            };
            if let Some(p) = prev.filter(|&p| p != i) {
                before.insert((p, i));
            }
            prev = Some(i);
        }
    }
    let mut placed = vec![false; names.len()];
    let mut order = Vec::with_capacity(names.len());
    while order.len() < names.len() {
        // The first name no unplaced name must precede; on a cycle, the
        // first unplaced one.
        let free = (0..names.len())
            .find(|&i| !placed[i] && !before.iter().any(|&(a, b)| b == i && !placed[a]));
        let i = free.unwrap_or_else(|| placed.iter().position(|p| !p).unwrap_or(0));
        placed[i] = true;
        order.push(names[i].clone());
    }
    Ok(order)
}
