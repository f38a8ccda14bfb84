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
        let mut free = self.free.lock().expect("no thread panics holding it");
        while *free == 0 {
            free = self.given_back.wait(free).expect("no thread panics holding it");
        }
        *free -= 1;
    }

    /// Gives a permit back, and wakes one thread waiting for it.
    pub fn release(&self) {
        *self.free.lock().expect("no thread panics holding it") += 1;
        self.given_back.notify_one();
    }
}
