//! Lesson 04: five threads, one counter, one lock.
//!
//! `cargo run -p lesson-04-lock` runs it; README.md beside this folder explains it.
//! The counting itself is in `src/lib.rs`, where the benchmark can reach it too.

use common::{Out, outln};
use lesson_04_lock::{INCREMENTS, THREADS, count_in_scope, count_with_arc};

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
}
