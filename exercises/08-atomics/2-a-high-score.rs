//! Exercise 08-2: a high score (lesson 08, part 4).
//!
//! `best` holds the highest score so far. Each thread that finishes a game calls
//! `record` with its score, and `best` must end at the highest of them all. In Python
//! you would hold a lock around `best = max(best, score)`. Here, do it without a lock.
//!
//! As it stands, `record` loads `best`, compares, then stores: another thread can
//! store a higher score between the load and the store, and this one writes over it.
//! Write the loop of lesson 08, part 4 instead: load, decide, and `compare_exchange`,
//! which writes only if `best` still holds what you loaded; if another thread got there
//! first, decide again with the value it found.
//!
//! Atomics have `fetch_max`, which does all of this in one call, and `fetch_update`,
//! which runs such a loop for you. In real code, use them. Here the point is to write
//! what they do, so the check asks for `compare_exchange` (or `compare_exchange_weak`).
//!
//! The check runs two threads, one recording 5 and the other 3, under loom, in every
//! order with at most three preemptions: one order in which `best` ends below 5 fails it.

use exercises::sync::atomic::{AtomicU64, Ordering};

/// Raises `best` to `score`, unless it already holds as much or more.
pub fn record(best: &AtomicU64, score: u64) {
    // TODO: another thread can store a higher score between this load and the store.
    let current = best.load(Ordering::Relaxed);
    if score > current {
        best.store(score, Ordering::Relaxed);
    }
}
