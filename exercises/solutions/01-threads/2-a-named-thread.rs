//! Exercise 01-2: a named thread, and `move` (lesson 01, parts 3 and 4).
//!
//! `ticks` should start a thread named "printer" that prints `tick 10`, `tick 11` and
//! `tick 12`, using `label` and `start` from here, and wait for it. As it stands, `main`
//! prints one line itself. The check compares what was printed, and by which thread, with
//! the expected output, as a snapshot.

use common::{Out, outln};
use std::thread;

pub fn ticks(out: &Out) {
    let label = String::from("tick");
    let start = 10;
    let thread_out = out.clone();
    let handle = thread::Builder::new()
        .name("printer".to_string())
        .spawn(move || {
            for n in start..start + 3 {
                outln!(thread_out, "{label} {n}");
            }
        })
        .expect("the OS starts a thread");
    handle.join().expect("printing does not panic");
}
