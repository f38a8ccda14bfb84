//! Exercise 10-1's side of the module, built only with the `exercise` feature (which
//! `cargo ex 10-1` turns on): the learner's file, the count it calls, which also watches
//! whether other Python threads ran while it counted, and what the check calls from
//! Python (`exercises/graders/e10_1.py`).
//!
//! The watching: a Python thread of the check's calls `tick()` over and over. The count
//! notes the ticks when it starts, counts, then waits (at most [`PATIENCE`]) until they
//! have gone up by 2. A Python thread calls `tick()` only while it holds the GIL: so if
//! the thread that counts holds the GIL, the ticks cannot go up, and after the wait the
//! count notes that they did not. If it let the GIL go, they go up within milliseconds.
//! Nothing is timed: the check reads what was noted, with `report()`.

use pyo3::prelude::*;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

// `mod exercise;`, with a `#[path]` to the learner's file (see build.rs).
include!(concat!(env!("OUT_DIR"), "/exercise.rs"));

pub(crate) use exercise::count_primes_let_go;

/// How long a count waits, in real time, for the ticks to go up. With the GIL let go
/// they do within milliseconds; held, never: this only bounds the wait of a wrong answer.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// How many times `tick()` was called.
static TICKS: AtomicU64 = AtomicU64::new(0);

/// What each count saw, in the order they ended.
static COUNTS: Mutex<Vec<Seen>> = Mutex::new(Vec::new());

/// What one count saw.
#[derive(Clone)]
struct Seen {
    numbers: Range<u64>,
    primes: u64,
    /// By how much the ticks went up while it counted and waited.
    ticks: u64,
    /// The thread it ran on, as [`this_thread`] names it.
    thread: String,
}

/// Lesson 05's count of the primes in `numbers` (`crate::count_primes`), which also
/// notes whether other Python threads ran meanwhile (see the module's docs).
pub fn count_primes(numbers: Range<u64>) -> u64 {
    let before = TICKS.load(Ordering::SeqCst);
    let primes = crate::count_primes(numbers.clone());
    let waiting = Instant::now();
    let mut now = TICKS.load(Ordering::SeqCst);
    while now < before + 2 && waiting.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(1));
        now = TICKS.load(Ordering::SeqCst);
    }
    let seen = Seen { numbers, primes, ticks: now - before, thread: this_thread() };
    // A panic while the list is held leaves it whole: a poisoned lock is still usable.
    COUNTS.lock().unwrap_or_else(PoisonError::into_inner).push(seen);
    primes
}

/// The check's ticker calls this over and over: one tick. Returns the ticks so far.
#[pyfunction]
pub fn tick() -> u64 {
    TICKS.fetch_add(1, Ordering::SeqCst) + 1
}

/// What every count since the last `report()` saw, in the order they ended, as tuples
/// `(lo, hi, primes, ticks, thread)`: the range counted, how many primes it found, by how
/// much the ticks went up while it counted and waited, and the thread it ran on (as
/// `this_thread()` names it). And forgets them.
#[pyfunction]
pub fn report() -> Vec<(u64, u64, u64, u64, String)> {
    let seen = std::mem::take(&mut *COUNTS.lock().unwrap_or_else(PoisonError::into_inner));
    seen.into_iter()
        .map(|seen| (seen.numbers.start, seen.numbers.end, seen.primes, seen.ticks, seen.thread))
        .collect()
}

/// The thread this is called on, named as Rust names it (`ThreadId(3)`): the check
/// calls it on the thread that calls the learner's function, to tell whether the count
/// ran there or on a thread of its own.
#[pyfunction]
pub fn this_thread() -> String {
    format!("{:?}", std::thread::current().id())
}

/// How long, in seconds, a count waits for the ticks ([`PATIENCE`]).
#[pyfunction]
pub fn patience() -> f64 {
    PATIENCE.as_secs_f64()
}
