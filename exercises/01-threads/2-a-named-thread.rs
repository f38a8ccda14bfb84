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
    // TODO: start a thread named "printer" with `thread::Builder`, give it `label`,
    // `start` and `thread_out` with a `move` closure, print the three lines from there
    // (`outln!(thread_out, "{label} {n}")`), and join it.
    let _ = thread_out;
    outln!(out, "{label} {start}");
}
