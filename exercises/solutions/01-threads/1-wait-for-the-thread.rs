//! Exercise 01-1: wait for the thread (lesson 01, part 1).
//!
//! `count_then_finish` starts a thread that writes "0" to "4" into the log, then writes
//! "finished" itself. As it stands, "finished" can land before some of the numbers:
//! nothing makes it wait for the thread. Make "finished" always come last.
//!
//! The check runs this under loom, in every order with at most three preemptions the
//! two threads can take turns; one order that puts "finished" too early fails it.

use exercises::sync::{Arc, Mutex, thread};

/// The lines the threads write, in the order they wrote them.
pub type Log = Arc<Mutex<Vec<String>>>;

pub fn count_then_finish(log: &Log) {
    let thread_log = Arc::clone(log);
    let handle = thread::spawn(move || {
        for i in 0..5 {
            // Nothing panics while holding the log, so it is never poisoned.
            thread_log.lock().expect("the log is never poisoned").push(i.to_string());
        }
    });
    // Until the thread has ended, this thread waits here.
    handle.join().expect("the thread does not panic");
    log.lock().expect("the log is never poisoned").push("finished".to_string());
}
