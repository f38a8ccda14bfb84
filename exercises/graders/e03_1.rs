//! An exact counter
//!
//! Proves, over every schedule with at most three preemptions, of two threads adding 2
//! each: the counter ends at 4.
//!
//! Hint: atomics have read-modify-write operations that do all three steps at once:
//! `counter.fetch_add(1, Ordering::Relaxed)`. A stronger `Ordering` on the load and the
//! store does not help: they would still be two steps.

#[path = "../03-safety/1-an-exact-counter.rs"]
mod answer;

use exercises::sync::{Arc, atomic::AtomicU64, thread};

use exercises::check::Op;

#[test]
fn no_update_is_lost_in_any_schedule() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["adds 1 twice", "adds 1 twice"]);
    exercises::check::every_schedule(&[&[Op::Atomic]], || {
        let counter = Arc::new(AtomicU64::new(0));
        let other = Arc::clone(&counter);
        let thread = thread::spawn(move || {
            answer::add_one(&other);
            answer::add_one(&other);
        });
        answer::add_one(&counter);
        answer::add_one(&counter);
        thread.join().expect("add_one does not panic");
        let total = counter.load(std::sync::atomic::Ordering::SeqCst);
        assert_eq!(total, 4, "two threads added 2 each: {}", exercises::check::miscount(total, 4));
    });
}
