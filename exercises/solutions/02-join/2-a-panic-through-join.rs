//! Exercise 02-2: a panic comes back through `join` (lesson 02, part 3).
//!
//! `run_job` runs `job` on a thread of its own. When the job panics, `run_job` must not:
//! it returns `Err` with the panic's message, and the caller goes on. As it stands, it
//! unwraps, so a panicking job takes the caller down with it. The check runs three jobs
//! and compares what `run_job` returned with the expected output, as a snapshot.

use std::thread;

pub fn run_job(job: fn() -> u64) -> Result<u64, String> {
    let handle = thread::spawn(job);
    handle.join().map_err(|payload| {
        if let Some(message) = payload.downcast_ref::<&str>() {
            message.to_string()
        } else if let Some(message) = payload.downcast_ref::<String>() {
            message.clone()
        } else {
            "a panic without a message".to_string()
        }
    })
}
