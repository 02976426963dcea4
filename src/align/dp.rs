//! The search: a dynamic program over bead shapes that finds the cheapest
//! path from (0, 0) to (n, m). It sees only a cost function.

use super::bead::BeadKind;

/// The cheapest sequence of bead shapes covering `n` × `m` sentences, given
/// `cost(i, j, kind)` for a bead ending at (i, j). Returns the beads as
/// `(zh_start, en_start, kind, cost)`.
///
/// ```
/// use termalign::align::{BeadKind, dp::search};
/// let kinds = [BeadKind::new(1, 1), BeadKind::new(1, 0), BeadKind::new(0, 1)];
/// let path = search(2, 2, &kinds, |_, _, k| if k == BeadKind::new(1, 1) { 0.0 } else { 1.0 });
/// assert_eq!(path.len(), 2);
/// ```
pub fn search(
    n: usize,
    m: usize,
    kinds: &[BeadKind],
    cost: impl Fn(usize, usize, BeadKind) -> f64,
) -> Vec<(usize, usize, BeadKind, f64)> {
    let width = m + 1;
    let mut best = vec![f64::INFINITY; (n + 1) * width];
    let mut back = vec![u8::MAX; (n + 1) * width];
    best[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            let mut b = f64::INFINITY;
            let mut arg = u8::MAX;
            for (k, kind) in kinds.iter().enumerate() {
                if kind.zh > i || kind.en > j {
                    continue;
                }
                let prev = best[(i - kind.zh) * width + (j - kind.en)];
                if !prev.is_finite() {
                    continue;
                }
                let c = prev + cost(i, j, *kind);
                if c < b {
                    b = c;
                    arg = k as u8;
                }
            }
            best[i * width + j] = b;
            back[i * width + j] = arg;
        }
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = back[i * width + j];
        assert!(k != u8::MAX, "no path: 1-0 and 0-1 beads must be allowed");
        let kind = kinds[k as usize];
        let (pi, pj) = (i - kind.zh, j - kind.en);
        let c = best[i * width + j] - best[pi * width + pj];
        path.push((pi, pj, kind, c));
        i = pi;
        j = pj;
    }
    path.reverse();
    path
}
