//! Exercise 03-2: a semaphore (lesson 03, part 5).
//!
//! A semaphore lets at most `permits` threads in at once: `acquire` waits until a permit
//! is free and takes it, `release` gives it back. The state is the number of free
//! permits, under a `Mutex`, and a `Condvar` wakes a waiting thread when one is given
//! back. Write `acquire` and `release`.
//!
//! The check runs three threads through a semaphore of one permit, under loom, in every
//! order with at most three preemptions: one order that lets two in at once, or leaves
//! a thread waiting forever, fails it.

use exercises::sync::{Condvar, Mutex};

pub struct Semaphore {
    free: Mutex<usize>,
    given_back: Condvar,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore { free: Mutex::new(permits), given_back: Condvar::new() }
    }

    /// Waits until a permit is free, and takes it.
    pub fn acquire(&self) {
        // TODO: lock `free`; while it is 0, wait on `given_back` (which unlocks while it
        // sleeps and hands the lock back when it wakes); then take one.
        let _ = (&self.free, &self.given_back);
    }

    /// Gives a permit back, and wakes one thread waiting for it.
    pub fn release(&self) {
        // TODO: add one to `free`, then wake a waiting thread with `notify_one`.
    }
}
