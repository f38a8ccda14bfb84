//! Exercise 04-1: one lock, one step (lesson 04).
//!
//! `increment` adds 1 to a counter that many threads share. As it stands, it takes the
//! lock twice: once to read, once to write. Each step is locked, yet another thread can
//! add in between the two, and its addition is lost. Fix it.
//!
//! The check runs two threads that each increment twice, under loom, in every order
//! with at most three preemptions; one order that ends below 4 fails it.

use exercises::sync::Mutex;

pub fn increment(counter: &Mutex<u64>) {
    // TODO: hold one guard for the read and the write, as Python's `with lock:` holds
    // the lock for the whole block.
    let value = *counter.lock().expect("no thread panics holding the counter");
    *counter.lock().expect("no thread panics holding the counter") = value + 1;
}
