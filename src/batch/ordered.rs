//! A bounded, ordered parallel map: jobs run on a rayon pool, results come
//! back in input order, and at most `window` jobs are read but not yet
//! written, so memory stays flat however long the input is.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

use crate::error::Result;

/// What the sink wants after a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Stop reading jobs; results already running are dropped.
    Stop,
}

/// Counts free slots of the window; the job reader waits for one.
struct Slots {
    free: Mutex<(usize, bool)>, // (free slots, closed)
    cv: Condvar,
}

impl Slots {
    fn take(&self) -> bool {
        let mut g = self.free.lock().expect("slots lock");
        while g.0 == 0 && !g.1 {
            g = self.cv.wait(g).expect("slots lock");
        }
        if g.1 {
            return false;
        }
        g.0 -= 1;
        true
    }
    fn give(&self) {
        self.free.lock().expect("slots lock").0 += 1;
        self.cv.notify_one();
    }
    fn close(&self) {
        self.free.lock().expect("slots lock").1 = true;
        self.cv.notify_all();
    }
}

enum Msg<J, R> {
    Job(J),
    End,
    Done(usize, std::thread::Result<R>),
}

/// Run `work` on every job of `jobs` on `pool`, handing each result to
/// `sink` in input order, with at most `window` jobs in flight or waiting
/// to be written.
///
/// `jobs` is drained on its own thread (it may block, e.g. on standard
/// input, without holding back finished results). A job that panics
/// reaches the sink as `Err(message)`. The first error from `sink` stops the
/// run and is returned once the running jobs have finished.
///
/// ```
/// use termalign::batch::{ordered_map, Flow};
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let mut out = Vec::new();
/// ordered_map(&pool, 3, (0..20u64).collect::<Vec<_>>().into_iter(), |_, n| {
///     std::thread::sleep(std::time::Duration::from_millis(20 - n)); // finish out of order
///     n * n
/// }, |_, r| { out.push(r.unwrap()); Ok(Flow::Continue) }).unwrap();
/// assert_eq!(out, (0..20u64).map(|n| n * n).collect::<Vec<_>>());
/// ```
pub fn ordered_map<J, R, I, W, S>(
    pool: &rayon::ThreadPool,
    window: usize,
    jobs: I,
    work: W,
    mut sink: S,
) -> Result<()>
where
    J: Send + 'static,
    R: Send + 'static,
    I: Iterator<Item = J> + Send + 'static,
    W: Fn(usize, J) -> R + Sync,
    S: FnMut(usize, std::result::Result<R, String>) -> Result<Flow>,
{
    let window = window.max(1);
    let slots = Arc::new(Slots {
        free: Mutex::new((window, false)),
        cv: Condvar::new(),
    });
    // Jobs and results meet in one channel, so the writer wakes for
    // whichever comes first.
    let (tx, rx) = mpsc::channel::<Msg<J, R>>();
    {
        // The reader is detached: if the run stops early it may stay
        // blocked in a read (standard input) that the process's exit ends.
        let (tx, slots) = (tx.clone(), Arc::clone(&slots));
        std::thread::spawn(move || {
            for job in jobs {
                if !slots.take() || tx.send(Msg::Job(job)).is_err() {
                    return;
                }
            }
            let _ = tx.send(Msg::End);
        });
    }
    let work = &work;
    let mut result = Ok(());
    pool.in_place_scope(|scope| {
        let (mut dispatched, mut emitted) = (0usize, 0usize);
        let (mut ended, mut stopped) = (false, false);
        let mut pending: BTreeMap<usize, std::thread::Result<R>> = BTreeMap::new();
        while !(ended || stopped) || emitted < dispatched {
            let Ok(msg) = rx.recv() else { break };
            match msg {
                Msg::Job(j) => {
                    if stopped {
                        continue;
                    }
                    let i = dispatched;
                    dispatched += 1;
                    let tx = tx.clone();
                    scope.spawn(move |_| {
                        let r = catch_unwind(AssertUnwindSafe(|| work(i, j)));
                        let _ = tx.send(Msg::Done(i, r));
                    });
                }
                Msg::End => ended = true,
                Msg::Done(i, r) => {
                    pending.insert(i, r);
                    while let Some(r) = pending.remove(&emitted) {
                        let i = emitted;
                        emitted += 1;
                        slots.give();
                        if stopped {
                            continue;
                        }
                        let flow = sink(i, r.map_err(panic_message));
                        match flow {
                            Ok(Flow::Continue) => {}
                            Ok(Flow::Stop) => stopped = true,
                            Err(e) => {
                                result = Err(e);
                                stopped = true;
                            }
                        }
                        if stopped {
                            slots.close();
                        }
                    }
                }
            }
        }
        slots.close();
    });
    result
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "a worker panicked".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn pool(n: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    }

    #[test]
    fn keeps_order_and_bounds_the_window() {
        for (threads, window) in [(1, 1), (1, 4), (2, 1), (2, 3), (2, 64)] {
            let in_flight = AtomicUsize::new(0);
            let max_seen = AtomicUsize::new(0);
            let mut out = Vec::new();
            ordered_map(
                &pool(threads),
                window,
                (0..50u64).collect::<Vec<_>>().into_iter(),
                |_, n| {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    max_seen.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_micros(50 * (n % 7)));
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    n + 1
                },
                |i, r| {
                    assert_eq!(i, out.len());
                    out.push(r.unwrap());
                    Ok(Flow::Continue)
                },
            )
            .unwrap();
            assert_eq!(out, (1..=50).collect::<Vec<_>>(), "{threads}/{window}");
            assert!(max_seen.load(Ordering::SeqCst) <= window.min(threads));
        }
    }

    #[test]
    fn panics_become_errors_and_stop_stops() {
        let mut got = Vec::new();
        ordered_map(
            &pool(2),
            4,
            (0..10u32).collect::<Vec<_>>().into_iter(),
            |_, n| {
                if n == 3 {
                    panic!("bad document {n}");
                }
                n
            },
            |_, r| {
                got.push(r.clone());
                Ok(if r == Ok(6) {
                    Flow::Stop
                } else {
                    Flow::Continue
                })
            },
        )
        .unwrap();
        assert_eq!(got.len(), 7);
        assert_eq!(got[3], Err("bad document 3".to_string()));
        assert_eq!(got[6], Ok(6));
    }

    #[test]
    fn sink_error_is_returned() {
        let e = ordered_map(
            &pool(1),
            2,
            (0..10u32).collect::<Vec<_>>().into_iter(),
            |_, n| n,
            |i, _| {
                if i == 2 {
                    Err(crate::Error::new(crate::ErrorKind::Io, "disk full"))
                } else {
                    Ok(Flow::Continue)
                }
            },
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "I/O error: disk full");
    }

    #[test]
    fn empty_input() {
        let mut n = 0;
        ordered_map(
            &pool(2),
            4,
            std::iter::empty::<u8>(),
            |_, x| x,
            |_, _| {
                n += 1;
                Ok(Flow::Continue)
            },
        )
        .unwrap();
        assert_eq!(n, 0);
    }
}
