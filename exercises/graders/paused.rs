//! For the checks of lesson 09's exercises: runs an answer on a current-thread tokio
//! runtime with its clock paused, as the lesson's parts 2 to 6 do, on a thread of its own
//! and for at most [`LIMIT`] of real time, so that an answer that blocks cannot hang
//! the check.
//!
//! On the paused clock, a `tokio::time::sleep` takes no real time: when the runtime has
//! nothing else to do, tokio moves its clock straight on to the next timer (but not
//! while `spawn_blocking` work runs: then the clock stands still). So how much of tokio's
//! time an answer took is exact, on any machine, however busy.

// Each check uses what it needs of this, not all of it.
#![allow(dead_code)]

use exercises::check::{self, Stopped};
use std::time::Duration;

/// How long a run may take in real time. A right answer takes a few milliseconds.
pub const LIMIT: Duration = Duration::from_secs(10);

/// What a run found.
pub struct Run<T> {
    /// What the answer returned.
    pub value: T,
    /// How much of tokio's (paused) time passed while it ran.
    pub waited: Duration,
    /// How much real time passed.
    pub real: Duration,
}

/// Runs the future that `job` makes on a fresh paused runtime, of one thread (like
/// asyncio's loop), on a thread of its own. Err if it panicked or ran out of time.
pub fn run<T, F, Fut>(job: F) -> Result<Run<T>, Stopped>
where
    T: Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = T>,
{
    check::within(LIMIT, move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("the OS gives a runtime what it needs");
        let real = std::time::Instant::now();
        let (value, waited) = runtime.block_on(async move {
            let start = tokio::time::Instant::now();
            let value = job().await;
            (value, start.elapsed())
        });
        Run { value, waited, real: real.elapsed() }
    })
}

/// What a run that stopped means, for a learner: `what` names the call, "`fetch_all`".
pub fn why_stopped(what: &str, stopped: Stopped) -> String {
    match stopped {
        Stopped::Panicked { message, place } => {
            format!("{what} panicked, at {place}:\n{message}")
        }
        Stopped::TooLong => format!(
            "{what} had not returned after {} s of real time, so the check stopped waiting \
             for it. On tokio's paused clock its waits take no real time, so either \
             something holds the one thread that runs the tasks and never lets go (a loop \
             that waits for a task without an `.await` in it, so that the task can never \
             run; a std `Mutex` or `join`; `std::thread::sleep`), or every task waits for \
             something that never comes (a lock that a waiting task holds).",
            LIMIT.as_secs()
        ),
    }
}
