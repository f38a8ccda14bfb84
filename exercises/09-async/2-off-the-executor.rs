//! Exercise 09-2: a blocking call, off the executor (lesson 09, part 3).
//!
//! `run_job` is a task's job. It calls `blocking_call`, a function that does its work
//! without ever awaiting (a big hash, a file read with std's blocking I/O, a call into a
//! C library), so it holds the thread it runs on until it returns; then `run_job`
//! returns its result.
//!
//! As it stands, `run_job` makes the call right there, on the thread that runs every
//! task: while the call runs, no other task can, as the ticker of lesson 09's part 3
//! missed its ticks. Have the call run on a thread of its own, where it holds up nothing
//! else, and await its result. (Python's asyncio has `asyncio.to_thread` for this.)
//!
//! The check runs `run_job` on tokio's paused clock, on one thread (a current-thread
//! runtime, like asyncio's loop), beside a ticker task. The call it passes asks the
//! ticker for three ticks, and waits for them, before it returns 42: the ticks come only
//! if the ticker can run while the call is in flight.

/// Runs `blocking_call`, and returns what it returned.
pub async fn run_job<F>(blocking_call: F) -> u64
where
    F: FnOnce() -> u64 + Send + 'static,
{
    // TODO: this holds the thread that runs every task until `blocking_call` returns.
    blocking_call()
}
