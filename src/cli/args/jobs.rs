//! `-j/--jobs`: the thread pool a command runs on.

use termalign::{Error, ErrorKind, Result};

/// A pool of `jobs` threads (all cores when `None`). Every parallel step
/// of a command runs on it, so `-j 1` means one thread.
pub fn pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    if jobs == Some(0) {
        return Err(Error::new(ErrorKind::Config, "-j must be at least 1"));
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::new(ErrorKind::Config, format!("cannot start threads: {e}")))
}
