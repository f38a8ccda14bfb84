//! Exercise 04-2: one counter, many handles (lesson 04, part 2).
//!
//! `count_with_arc` starts `threads` threads that each add 1 to a shared counter
//! `increments` times, and returns the total: threads × increments. As it stands, each
//! thread gets a counter of its own, so the one `main` reads stays at 0. Share one
//! counter between all the threads, with `Arc`.
//!
//! The check compares the totals for a few settings with the expected ones, as a
//! snapshot.

use std::sync::{Arc, Mutex};
use std::thread;

pub fn count_with_arc(threads: usize, increments: u64) -> u64 {
    let counter = Arc::new(Mutex::new(0));
    let mut handles = Vec::new();
    for _ in 0..threads {
        // TODO: this makes a new counter for each thread. Give each thread a new handle
        // to `counter` instead: `Arc::clone(&counter)`.
        let counter = Arc::new(Mutex::new(0));
        handles.push(thread::spawn(move || {
            for _ in 0..increments {
                *counter.lock().expect("no thread panics holding the counter") += 1;
            }
        }));
    }
    for handle in handles {
        handle.join().expect("adding does not panic");
    }
    *counter.lock().expect("no thread panics holding the counter")
}
