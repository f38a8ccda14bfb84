//! Exercise 08-1: publish with Release and Acquire (lesson 08, part 2).
//!
//! One thread hands a number to another through two atomics: `publish` writes the
//! number into `data`, then sets `ready`. The other thread calls `read`: while `ready`
//! is not set it gets `None`; once it sees `ready` set, it reads `data`, and must get
//! the number, never the 0 that was there before.
//!
//! As it stands, every load and store is `Relaxed`. Each atomic is still safe on its
//! own, but `Relaxed` promises nothing about when another thread sees one store
//! compared with another: a reader can see `ready` set and still read the old `data`.
//! Choose the orderings that make `ready` carry `data` with it. Keep the two atomics,
//! and the steps in the order they are in.
//!
//! The check runs `publish(.., 42)` in one thread and `read` in another, under loom, in
//! every order with at most three preemptions, and with every older value loom lets a
//! load return, as a real CPU may. One `read` that returns `Some(0)` fails it. After
//! the writer has ended (`join`), `read` must return `Some(42)`.

use exercises::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Makes `value` visible to other threads: first `data`, then the flag.
pub fn publish(data: &AtomicU64, ready: &AtomicBool, value: u64) {
    data.store(value, Ordering::Relaxed);
    // Release: a thread whose Acquire load reads this `true` sees `data` too.
    ready.store(true, Ordering::Release);
}

/// The value published, or `None` if it is not there yet.
pub fn read(data: &AtomicU64, ready: &AtomicBool) -> Option<u64> {
    // Acquire: if this reads the writer's Release store, all it wrote before is seen.
    if !ready.load(Ordering::Acquire) {
        return None;
    }
    Some(data.load(Ordering::Relaxed))
}
