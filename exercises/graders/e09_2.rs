//! A blocking call, off the executor
//!
//! Proves, on a runtime of one thread: while `run_job`'s blocking call runs, on another
//! thread, the ticker task ticks three times, and `run_job` returns the call's result.
//!
//! Hint: `tokio::task::spawn_blocking(blocking_call)` runs the call on a thread that
//! tokio keeps for blocking work, and returns a handle at once; `.await` it for the
//! result (it is a `Result`: `Err` if the call panicked). While the task awaits, the
//! thread that runs the tasks runs the others. An `async` block or `tokio::spawn` does
//! not do this: they run on that same thread.

#[path = "../09-async/2-off-the-executor.rs"]
mod answer;
#[path = "paused.rs"]
mod paused;

use exercises::check::Stopped;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, ThreadId};
use std::time::Duration;

/// How long the blocking call waits for each tick, in real time. With a right answer,
/// the ticker answers at once: this is only for a wrong one, whose ticks never come.
const TICK_WAIT: Duration = Duration::from_secs(5);

/// What the check's blocking call saw: whether it ran on the thread that runs the
/// tasks, and how many ticks it had.
#[derive(Clone, Copy)]
struct Call {
    on_the_tasks_thread: bool,
    ticks: u32,
}

#[test]
fn the_ticker_ticks_while_the_blocking_call_runs() {
    let run = paused::run(|| async {
        // On a current-thread runtime, every task runs on the thread that runs this.
        let tasks_thread = thread::current().id();
        // The ticker ticks each time it is asked, and answers on the channel it is sent.
        let (ask, mut asked) = tokio::sync::mpsc::unbounded_channel::<mpsc::Sender<()>>();
        let ticker = tokio::spawn(async move {
            while let Some(answer) = asked.recv().await {
                let _ = answer.send(());
            }
        });
        let seen = Arc::new(Mutex::new(None));
        let call = {
            let seen = Arc::clone(&seen);
            move || {
                let call = blocking_call(tasks_thread, &ask);
                *seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(call);
                42
            }
        };
        let returned = answer::run_job(call).await;
        ticker.abort();
        let call = *seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        (returned, call)
    });
    let run = run.unwrap_or_else(|stopped| {
        let block_in_place = matches!(&stopped, Stopped::Panicked { message, .. }
            if message.contains("only when running on the multi-threaded runtime"));
        let advice = if block_in_place {
            "\n`block_in_place` works only on tokio's multi-thread runtime, where other worker \
             threads take over the tasks while this one blocks. Here one thread runs every \
             task, as asyncio's loop does. `tokio::task::spawn_blocking` works on both."
        } else {
            ""
        };
        panic!("{}{advice}", paused::why_stopped("`run_job`", stopped))
    });
    let (returned, call) = run.value;
    let Some(call) = call else {
        panic!(
            "`run_job` returned {returned}, and the blocking call had not run yet: `run_job` \
             must wait for the call to end (`.await` the handle) and return its result."
        )
    };
    assert!(
        !call.on_the_tasks_thread,
        "the blocking call ran on the thread that runs every task, so while it ran, the \
         ticker (another task) could not tick once. An `async` block, an `async fn` or \
         `tokio::spawn` does not move a call to another thread: on this runtime, they all \
         run on that one thread. `tokio::task::spawn_blocking` does."
    );
    assert!(
        call.ticks == 3,
        "the blocking call ran on a thread of its own, but the ticker ticked {} of 3 times \
         while it ran: after {} s, the call gave up waiting. The thread that runs the tasks \
         was blocked meanwhile, waiting for the call: a `join()` on a std thread does that. \
         `.await` the call's end instead, as on the handle that \
         `tokio::task::spawn_blocking` returns.",
        call.ticks,
        TICK_WAIT.as_secs()
    );
    assert!(
        returned == 42,
        "`run_job` returned {returned}, but the blocking call returned 42: return what it \
         returned."
    );
}

/// The check's blocking call: unless it runs on the tasks' thread (where the ticker
/// cannot run until it returns), it asks the ticker for three ticks, and waits for each.
fn blocking_call(
    tasks_thread: ThreadId,
    ask: &tokio::sync::mpsc::UnboundedSender<mpsc::Sender<()>>,
) -> Call {
    let on_the_tasks_thread = thread::current().id() == tasks_thread;
    let mut ticks = 0;
    while !on_the_tasks_thread && ticks < 3 {
        let (answer, answered) = mpsc::channel();
        if ask.send(answer).is_err() || answered.recv_timeout(TICK_WAIT).is_err() {
            break;
        }
        ticks += 1;
    }
    Call { on_the_tasks_thread, ticks }
}
