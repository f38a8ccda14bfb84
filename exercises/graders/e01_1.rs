//! Wait for the thread
//!
//! Proves, over every schedule with at most three preemptions, of the two threads:
//! "finished" comes after all five numbers.
//!
//! Hint: `thread::spawn` returns a `JoinHandle`. `let handle = thread::spawn(...);`
//! keeps it, and `handle.join()` waits until the thread has finished (it returns a
//! `Result`: `Err` if the thread panicked, which this one does not). Where must the
//! `join` go so that nothing after it can overtake the thread?

#[path = "../01-threads/1-wait-for-the-thread.rs"]
mod answer;

use answer::Log;

use exercises::check::Op;

#[test]
fn finished_comes_last_in_every_schedule() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["count_then_finish", "the thread it starts"]);
    exercises::check::every_schedule(&[&[Op::Spawn], &[Op::Join]], || {
        let log = Log::default();
        answer::count_then_finish(&log);
        let log = log.lock().expect("no panic while holding the log").clone();
        assert_eq!(
            log,
            ["0", "1", "2", "3", "4", "finished"],
            "in this schedule \"finished\" was not last: main went on without waiting for the thread"
        );
    });
}
