//! Lesson 04: five threads, one counter, one lock.
//!
//! `cargo run -p lesson-04-lock` runs it; README.md beside this folder explains it.

use common::{Out, outln};
use std::sync::{Arc, Mutex};
use std::thread;

/// How many threads share the counter. Try 1, or 50: the total follows.
const THREADS: usize = 5;
/// How many times each thread adds 1.
const INCREMENTS: u64 = 100_000;

fn main() {
    lesson(&Out::terminal());
}

fn lesson(out: &Out) {
    outln!(out, "{THREADS} threads each add 1 to one counter {INCREMENTS} times, under a lock");

    outln!(out);
    outln!(out, "1. Scoped threads borrow the mutex");
    outln!(out, "   counter: {}", count_in_scope(THREADS, INCREMENTS));

    outln!(out);
    outln!(out, "2. Spawned threads share it through an Arc (the Python example's shape)");
    outln!(out, "Counter value: {}", count_with_arc(THREADS, INCREMENTS));
}

/// Python's `with lock: counter += 1`, `increments` times.
fn increment(counter: &Mutex<u64>, increments: u64) {
    for _ in 0..increments {
        // `lock` waits for the mutex and returns a guard: you are now inside `with lock:`.
        // It returns Err only if another thread panicked while holding the lock, and
        // nothing here can panic while holding it (a u64 will not overflow at these
        // counts), so this `expect` never fires.
        let mut guard = counter.lock().expect("no thread panics while holding the lock");
        *guard += 1;
        // The guard is dropped here, at the end of the loop body: the lock is released.
    }
}

/// The threads borrow `counter`; `thread::scope` guarantees they end before it does.
fn count_in_scope(threads: usize, increments: u64) -> u64 {
    let counter = Mutex::new(0);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| increment(&counter, increments));
        }
    }); // every thread has been joined here
    counter.into_inner().expect("no thread panics while holding the lock")
}

/// `thread::spawn` needs data that may outlive this function, so each thread gets its own
/// `Arc`: a shared handle, and the counter is freed when the last handle is dropped.
fn count_with_arc(threads: usize, increments: u64) -> u64 {
    let counter = Arc::new(Mutex::new(0));
    let mut handles = Vec::with_capacity(threads);
    for _ in 0..threads {
        let counter = Arc::clone(&counter); // a new handle to the same mutex, not a copy
        handles.push(thread::spawn(move || increment(&counter, increments)));
    }
    for handle in handles {
        // Err only if the thread panicked, and `increment` does not.
        handle.join().expect("increment does not panic");
    }
    *counter.lock().expect("no thread panics while holding the lock")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        lesson(&out);
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("lesson-04", out.transcript());
        });
        assert_eq!(out.lines().last().unwrap().text, "Counter value: 500000");
    }

    #[test]
    fn both_ways_count_every_increment_for_any_thread_count() {
        for (threads, increments) in [(1, 0), (1, 7), (3, 1000), (16, 2500)] {
            let expected = threads as u64 * increments;
            assert_eq!(count_in_scope(threads, increments), expected);
            assert_eq!(count_with_arc(threads, increments), expected);
        }
    }
}
