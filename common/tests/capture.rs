//! The capture under load: many threads, many lines.

use common::{Out, outln};
use std::thread;

const THREADS: usize = 8;
const LINES: usize = 1000;

#[test]
fn many_threads_lose_no_line_and_keep_their_own_order() {
    let out = Out::capture();
    thread::scope(|s| {
        for t in 0..THREADS {
            let out = &out;
            thread::Builder::new()
                .name(format!("t{t}"))
                .spawn_scoped(s, move || {
                    for i in 0..LINES {
                        outln!(out, "t{t} line {i:04} {}", "x".repeat(64));
                    }
                })
                .unwrap();
        }
    });

    let lines = out.lines();
    assert_eq!(lines.len(), THREADS * LINES);
    for t in 0..THREADS {
        let expected: Vec<String> =
            (0..LINES).map(|i| format!("t{t} line {i:04} {}", "x".repeat(64))).collect();
        // Whole, in order, and attributed to the thread that printed them.
        assert_eq!(out.lines_from(&format!("t{t}")), expected);
    }
    assert_eq!(out.transcript().lines().count(), THREADS * LINES);
}

#[test]
fn the_capturing_thread_is_main_and_unnamed_threads_say_so() {
    let out = Out::capture();
    out.line("from the test thread");
    let from_unnamed = out.clone();
    thread::spawn(move || from_unnamed.line("from a nameless thread")).join().unwrap();
    assert_eq!(out.lines_from("main"), ["from the test thread"]);
    assert_eq!(out.lines_from("<unnamed>"), ["from a nameless thread"]);
}

#[test]
fn clones_share_one_capture() {
    let out = Out::capture();
    let clone = out.clone();
    clone.line("via the clone");
    assert_eq!(out.transcript(), "via the clone\n");
}
