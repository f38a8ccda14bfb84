//! Exercise 10-1: let go of the GIL (lesson 10).
//!
//! `count_primes_let_go` is a function of the Python module `rust_primes`: Python calls
//! it as `rust_primes.count_primes_let_go(lo, hi)`, and it returns how many primes there
//! are in `lo..hi`, counted by `count_primes`, lesson 05's count.
//!
//! As it stands, the thread that calls it holds the GIL from start to end, as
//! `count_primes_holding_gil` in the lesson does: while it counts, no other Python thread
//! can run, and threads that call it take turns. Let go of the GIL while it counts, and
//! take it back to return, as the lesson's `count_primes` does. (Cython writes this as a
//! `with nogil:` block, and the C API as `Py_BEGIN_ALLOW_THREADS` ...
//! `Py_END_ALLOW_THREADS`; as there, no Python object may be touched while the GIL is let
//! go, and PyO3 checks that when it compiles.)
//!
//! This file is compiled into lesson-10-pyo3's module, not into `exercises`: `cargo ex
//! 10-1` builds the module (no maturin needed; it needs Python 3.9 or newer), imports it
//! into a Python with the GIL on, and calls your function from one Python thread while
//! another thread, the ticker, calls the check's `tick()` over and over. The
//! `count_primes` you call notes the ticks when it starts, counts, and then waits (at
//! most 2 s) for the ticks to go up by 2. While your thread holds the GIL the ticker
//! cannot run at all, so the ticks cannot go up; let go of it, and they go up within
//! milliseconds. Nothing is timed.

use crate::watched::count_primes;
use pyo3::prelude::*;

/// How many primes there are in `lo..hi`.
#[pyfunction]
pub fn count_primes_let_go(py: Python<'_>, lo: u64, hi: u64) -> u64 {
    // TODO: this thread holds the GIL all the while it counts (`py` is the proof that
    // it does), so no other Python thread can run meanwhile.
    let _ = py; // not used yet
    count_primes(lo..hi)
}
