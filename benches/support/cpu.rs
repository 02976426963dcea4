//! Throughput per CPU second for benches on a shared machine: wall-clock
//! figures from criterion understate speed when other jobs load the cores,
//! so the benches also report input bytes per second of this thread's CPU.

/// This thread's CPU time in seconds.
pub fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Run `f` for `cpu_seconds` of CPU time and print MiB of input per CPU
/// second; `f` returns a count (hits, segments) printed per run as a check
/// that the work was done.
pub fn cpu_throughput(
    name: &str,
    what: &str,
    bytes: usize,
    cpu_seconds: f64,
    mut f: impl FnMut() -> usize,
) {
    let (start, mut runs, mut count) = (thread_cpu(), 0, 0);
    while thread_cpu() - start < cpu_seconds {
        count += f();
        runs += 1;
    }
    let secs = thread_cpu() - start;
    eprintln!(
        "{name}: {:.0} MiB per CPU second ({runs} runs, {} {what} each)",
        (bytes * runs) as f64 / secs / (1 << 20) as f64,
        count / runs
    );
}
