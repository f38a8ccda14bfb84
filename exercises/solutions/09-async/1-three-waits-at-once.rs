//! Exercise 09-1: three waits at once (lesson 09, part 2).
//!
//! `fetch(n)` stands for a request over the network: it waits, then returns `n`. The
//! first one asked for is the slowest: 150 ms for 1, 100 ms for 2, 50 ms for 3.
//! `fetch_all` asks for 1, 2 and 3 one after another: each `.await` waits for its fetch
//! to end before the next one starts, so the whole takes 150 + 100 + 50 = 300 ms. The
//! three waits do not need each other. Make them happen at the same time, so that
//! `fetch_all` takes as long as the longest, 150 ms, and still returns `[1, 2, 3]`, in
//! the order they were asked for, as Python's `asyncio.gather` does. Leave `fetch` as it
//! is: the check notes when each fetch starts and ends.
//!
//! The check runs `fetch_all` on tokio's paused clock (lesson 09, parts 2 to 6), where a
//! `tokio::time::sleep` takes no real time and the clock moves on by exactly the time
//! slept: it looks at what `fetch_all` returns, and how much of tokio's time passed.

use std::time::Duration;
use tokio::time::sleep;

/// Waits as a request over the network would, then returns `n`.
pub async fn fetch(n: u32) -> u32 {
    // The check notes when each fetch starts and ends: leave this line in.
    let _noted = exercises::check::noted(n);
    let wait = match n {
        1 => 150,
        2 => 100,
        _ => 50,
    };
    sleep(Duration::from_millis(wait)).await;
    n
}

/// Fetches 1, 2 and 3, and returns them in that order.
pub async fn fetch_all() -> Vec<u32> {
    // All three start at once; `join!` waits until every one has ended, and hands back
    // their results in the order they are written here.
    let (first, second, third) = tokio::join!(fetch(1), fetch(2), fetch(3));
    vec![first, second, third]
}
