//! Exercise 03-4: a poisoned lock (lesson 03, part 3).
//!
//! A thread panicked while holding the lock on the scores, so the `std::sync::Mutex` is
//! poisoned: `lock()` returns `Err` from now on. The scores themselves are fine, and
//! `scores_after_a_crash` should return them. As it stands, it unwraps and panics. The
//! check compares what it returns with the expected output, as a snapshot.

use std::sync::Mutex;

pub fn scores_after_a_crash(scores: &Mutex<Vec<u32>>) -> Vec<u32> {
    // TODO: `lock()` returns `Err(poisoned)`; the guard is still inside it.
    scores.lock().unwrap().clone()
}
