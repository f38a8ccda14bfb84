//! A high score
//!
//! Proves, over every schedule with at most three preemptions, of two threads recording
//! 5 and 3 with a `compare_exchange` loop written by hand: the best score ends at 5.
//!
//! Hint: when `compare_exchange` fails, its `Err` holds the value it found, which is
//! what `best` holds now. Decide again with that value: either the score is still
//! higher (try again), or another thread already stored as much or more (stop). A loop
//! that tries again with the value it loaded first fails for ever.

#[path = "../08-atomics/2-a-high-score.rs"]
mod answer;

use exercises::sync::{Arc, atomic::AtomicU64, thread};

use exercises::check::Op;

#[test]
fn the_highest_score_is_kept_in_every_schedule() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["records 5", "records 3"]);
    exercises::check::every_schedule(&[&[Op::Atomic]], || {
        let best = Arc::new(AtomicU64::new(0));
        let other = Arc::clone(&best);
        let thread = thread::spawn(move || answer::record(&other, 3));
        answer::record(&best, 5);
        thread.join().expect("record does not panic");
        let kept = best.load(std::sync::atomic::Ordering::SeqCst);
        assert!(
            kept == 5,
            "two threads recorded 5 and 3, but the best score ended at {kept}{}",
            match kept {
                0 => ": neither was kept",
                3 =>
                    ": the 5 was lost, as the steps below show. A load and a store are two \
                     steps, whatever their orderings; and a `compare_exchange` that fails (a \
                     weak one may fail for no reason) must be tried again while the score is \
                     still higher",
                _ => "",
            }
        );
    });
    // Right in every schedule: but was it the loop the exercise is about?
    if !exercises::check::saw(Op::CompareExchange) {
        exercises::check::not_as_asked(
            "your `record` never calls `compare_exchange` (or `compare_exchange_weak`). \
             If it calls `fetch_max` or `fetch_update`: that is right, and what real code \
             should do. This exercise is to write what they do inside: load, decide, \
             `compare_exchange`, and go round again with the value it found when it fails.",
        );
    }
}
