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
