//! Publish with Release and Acquire
//!
//! Proves, over every schedule with at most three preemptions and every older value loom
//! lets a load return, of one thread publishing 42 while another reads: a reader that
//! sees `ready` set reads 42, never the 0 from before, and after `join` it always does.
//!
//! Hint: `Release` and `Acquire` work as a pair, on one atomic: when an `Acquire` load
//! reads the value a `Release` store wrote, the loading thread sees everything the
//! storing thread wrote before that store. Which atomic carries the news here? One side
//! of the pair alone promises nothing.

#[path = "../08-atomics/1-publish-with-release.rs"]
mod answer;

use exercises::sync::{
    Arc,
    atomic::{AtomicBool, AtomicU64},
    thread,
};

use exercises::check::Op;

#[test]
fn a_reader_that_sees_the_flag_sees_the_data() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["reads", "publishes 42"]);
    exercises::check::every_schedule(&[&[Op::Atomic]], || {
        let shared = Arc::new((AtomicU64::new(0), AtomicBool::new(false)));
        let writer = {
            let shared = Arc::clone(&shared);
            thread::spawn(move || answer::publish(&shared.0, &shared.1, 42))
        };
        let (data, ready) = (&shared.0, &shared.1);
        let early = answer::read(data, ready);
        assert!(
            matches!(early, None | Some(42)),
            "while another thread published 42, read returned {early:?}: it saw `ready` set, \
             but not `data`. A reader that sees `ready` sees `data` too only if `data` is \
             written first, and the store that sets `ready` and the load that reads it \
             pair up (lesson 08, part 2)"
        );
        writer.join().expect("publish does not panic");
        let late = answer::read(data, ready);
        assert_eq!(late, Some(42), "after the writer ended (join), read returned {late:?}");
    });
}
