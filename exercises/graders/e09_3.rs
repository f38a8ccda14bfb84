//! A guard across .await
//!
//! Proves, on tokio's paused clock: two tasks that each add 1 to the counter leave it at
//! 2, so no update is lost while a task awaits between its read and its write.
//!
//! Hint: `tokio::spawn` needs a future it may move to another thread at any `.await`, so
//! everything held across one must be `Send`, and a std `MutexGuard` is not. Either
//! change the count inside a block, `{ let mut count = self.count.lock()...; ... }`, and
//! log after the block ends (the guard is dropped at the `}`); or make the field a
//! `tokio::sync::Mutex`, whose `lock().await` gives a guard that may be held across the
//! log. Letting go of the lock before the log and taking it again after it lets the
//! other task read the same old count.

#[path = "../09-async/3-a-guard-across-await.rs"]
mod answer;
#[path = "paused.rs"]
mod paused;

use exercises::check::Stopped;
use std::sync::Arc;

#[test]
fn two_tasks_add_and_no_update_is_lost() {
    let run = paused::run(|| async {
        let counter = Arc::new(answer::Counter::new());
        let before = counter.count().await;
        // Both tasks start before either runs: on one thread, the first runs until its
        // log's `.await`, then the second does.
        let first = answer::start_adding(&counter, 1);
        let second = answer::start_adding(&counter, 1);
        let ended = (first.await, second.await);
        (before, ended.0.is_ok() && ended.1.is_ok(), counter.count().await)
    });
    let run = run.unwrap_or_else(|stopped| {
        let spawn_local = matches!(&stopped, Stopped::Panicked { message, .. }
            if message.contains("`spawn_local` called from outside"));
        let advice = if spawn_local {
            "\n`tokio::task::spawn_local` takes a task that need not be `Send`, but runs it only \
             inside a `LocalSet` (tasks kept to one thread), and the check's runtime has none. \
             Start the tasks with `tokio::spawn`, and fix where the guard is held."
        } else {
            ""
        };
        panic!("{}{advice}", paused::why_stopped("Your counter or `start_adding`", stopped))
    });
    let (before, both_ended, count) = run.value;
    let waited = run.waited.as_millis();
    assert!(before == 0, "a new `Counter` should start at 0, but its count was {before}.");
    assert!(both_ended, "a task that `start_adding` started panicked (see above).");
    assert!(
        count == 2,
        "two tasks each added 1, but {}.{}",
        exercises::check::miscount(count, 2),
        if count < 2 {
            " Both tasks read the count before either wrote it back: the lock was let go \
             between the read and the write (while the task awaited its log), so the other \
             task took it and read the same old count. Hold the lock from the read to the \
             write: do both in one block before the `.await`, or hold a `tokio::sync::Mutex` \
             guard across it."
        } else {
            ""
        }
    );
    assert!(
        waited >= 10,
        "the two adds took {waited} ms of tokio's time, so neither awaited its log \
         (`log_change` takes 10 ms): keep the log, and fix where the guard is held."
    );
}
