//! Exercise 09-3: a guard across `.await` (lesson 09, part 4).
//!
//! A `Counter` behind a lock, and tasks that add to it. Each `add` reads the count,
//! logs the change (a write over the network, which takes 10 ms and is awaited), then
//! writes the new count. Between the read and the write no other task may change the
//! count, or its update is lost: that is what the lock is for.
//!
//! As it stands, this does not compile: `add` holds a `std::sync::MutexGuard` across the
//! `.await`, and `tokio::spawn` in `start_adding` refuses a task that does. Run
//! `cargo ex 09-3` and read what the compiler says. Then fix it, either way of lesson 09,
//! part 4: let go of the std guard before the `.await` (with the read and the write both
//! done under it), or use `tokio::sync::Mutex`, whose guard may be held across an
//! `.await`. Do not let go of the lock between the read and the write.
//!
//! The check starts two tasks with `start_adding`, each adding 1, on tokio's paused clock,
//! and waits for both: the counter must end at 2.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::sleep;

pub struct Counter {
    count: Mutex<u64>,
}

impl Counter {
    pub fn new() -> Counter {
        Counter { count: Mutex::new(0) }
    }

    /// Adds `amount` to the count, and logs the change.
    pub async fn add(&self, amount: u64) {
        // The read and the write under one guard, which is dropped at the end of the
        // block: nothing is held across the `.await`, and nobody can come between.
        let seen = {
            let mut count = self.count.lock().expect("never poisoned");
            let seen = *count;
            *count = seen + amount;
            seen
        };
        log_change(seen, seen + amount).await;
    }

    /// The count now.
    pub async fn count(&self) -> u64 {
        *self.count.lock().expect("never poisoned")
    }
}

/// Starts a task that adds `amount` to `counter`.
pub fn start_adding(counter: &Arc<Counter>, amount: u64) -> JoinHandle<()> {
    let counter = Arc::clone(counter);
    tokio::spawn(async move { counter.add(amount).await })
}

/// Stands for a write to a log over the network: it takes 10 ms.
async fn log_change(from: u64, to: u64) {
    let _ = (from, to);
    sleep(Duration::from_millis(10)).await;
}
