//! One lock, one step
//!
//! Proves, over every schedule with at most three preemptions, of two threads
//! incrementing twice each: the counter ends at 4.
//!
//! Hint: `let mut guard = counter.lock().expect(...);` then `*guard += 1;`. The lock is
//! held until `guard` goes out of scope, so nobody can come in between the read and the
//! write.

#[path = "../04-lock/1-one-lock-one-step.rs"]
mod answer;

use exercises::sync::{Arc, Mutex, thread};

use exercises::check::Op;

#[test]
fn every_increment_counts_in_every_schedule() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["increments twice", "increments twice"]);
    exercises::check::every_schedule(&[&[Op::Lock]], || {
        let counter = Arc::new(Mutex::new(0));
        let other = Arc::clone(&counter);
        let thread = thread::spawn(move || {
            answer::increment(&other);
            answer::increment(&other);
        });
        answer::increment(&counter);
        answer::increment(&counter);
        thread.join().expect("increment does not panic");
        let total = *counter.lock().expect("no panic while holding it");
        assert_eq!(
            total,
            4,
            "two threads incremented twice each: {}",
            exercises::check::miscount(total, 4)
        );
    });
}
