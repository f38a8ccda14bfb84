//! Three waits at once
//!
//! Proves, on tokio's paused clock: `fetch_all` returns [1, 2, 3] after 150 ms of tokio's
//! time, as long as its slowest fetch, so the three fetches waited at the same time.
//!
//! Hint: an `.await` waits for its future to end before the next line runs. To have the
//! three wait together, start all three before waiting for any:
//! `tokio::join!(fetch(1), fetch(2), fetch(3))` runs them together and hands back their
//! results in the order they are written, once all have ended (asyncio.gather, for a
//! fixed number of them). Starting each with `tokio::spawn` and then awaiting the
//! handles in order works too.

#[path = "../09-async/1-three-waits-at-once.rs"]
mod answer;
#[path = "paused.rs"]
mod paused;

use exercises::check::Call::{Ended, Started};

#[test]
fn the_three_fetches_wait_at_once() {
    // `fetch` first, as the exercise gives it: 150, 100 and 50 ms.
    for (n, ms) in [(1, 150), (2, 100), (3, 50)] {
        let run = paused::run(move || answer::fetch(n))
            .unwrap_or_else(|stopped| panic!("{}", paused::why_stopped("`fetch`", stopped)));
        let waited = run.waited.as_millis();
        let blocked = if waited < ms && run.real.as_millis() >= ms {
            format!(
                ", and held its thread for {} ms of real time instead: `std::thread::sleep` \
                 (or any call that blocks) holds the one thread that runs every task, and \
                 tokio's clock does not see it. `tokio::time::sleep(...).await` lets the \
                 other tasks run while it waits",
                run.real.as_millis()
            )
        } else {
            String::new()
        };
        assert!(
            run.value == n && waited == ms,
            "fetch({n}) returned {} after {waited} ms of tokio's time{blocked}. As the \
             exercise gives it, it returns {n} after {ms} ms: leave `fetch` as it is, and \
             change `fetch_all`.",
            run.value
        );
    }

    exercises::check::calls(); // forget the calls made above
    let run = paused::run(answer::fetch_all)
        .unwrap_or_else(|stopped| panic!("{}", paused::why_stopped("`fetch_all`", stopped)));
    let (results, waited) = (run.value, run.waited.as_millis());
    let returned = format!("fetch_all returned {results:?} after {waited} ms of tokio's time");
    let calls = exercises::check::calls();
    // A fetch that starts only after another has ended waited one after another: either
    // awaited in turn, or built first and awaited in turn. Calling an `async fn` only
    // builds its future; nothing of it runs until it is awaited (or spawned, or joined).
    let first_end = calls.iter().position(|call| matches!(call, Ended(_)));
    let last_start = calls.iter().rposition(|call| matches!(call, Started(_)));
    let lazy = matches!((first_end, last_start), (Some(end), Some(start)) if start > end);
    assert!(
        !(lazy && waited == 300),
        "{returned}: 150 + 100 + 50, one fetch after another: each fetch started only when \
         the one before had ended. Calling an `async fn` only builds its future: nothing of \
         it runs until it is awaited, so `let a = fetch(1);` starts nothing, and awaiting \
         `a`, then `b`, then `c` runs them in turn. Start all three together: \
         `tokio::join!(fetch(1), fetch(2), fetch(3))`, or `tokio::spawn` each and then \
         await the handles."
    );
    let missing: Vec<String> =
        (1..=3).filter(|n| !results.contains(n)).map(|n| n.to_string()).collect();
    assert!(
        missing.is_empty(),
        "{returned}: {} missing. A task started with `tokio::spawn` (or in a `JoinSet`) runs \
         on its own, and `fetch_all` can return before it ends: await each one (its \
         `JoinHandle`, or the `JoinSet`) to have its result. A task nobody awaits is \
         dropped, unfinished, with the runtime.",
        match missing.as_slice() {
            [one] => format!("{one} is"),
            [init @ .., last] => format!("{} and {last} are", init.join(", ")),
            [] => String::new(),
        }
    );
    // What `fetch` noted: every fetch must have run, to its end.
    let never: Vec<String> =
        (1..=3).filter(|n| !calls.contains(&Started(*n))).map(|n| format!("fetch({n})")).collect();
    assert!(
        never.is_empty(),
        "{returned}, but {} never ran: the check notes each call of `fetch`. The numbers \
         must come from the fetches, all three of them.",
        match never.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        }
    );
    let mut sorted = results.clone();
    sorted.sort_unstable();
    assert!(sorted == [1, 2, 3], "{returned}: each of 1, 2 and 3 should be there once.");
    assert!(
        results == [1, 2, 3],
        "{returned}: in the order the fetches ended (3 is the quickest), not the order they \
         were asked for. A `JoinSet` hands its results back as they end (`join_next`, \
         `join_all`), like asyncio.as_completed; for them in the order asked, like \
         asyncio.gather, await the handles in that order, or use `tokio::join!`."
    );
    assert!(
        waited != 300,
        "{returned}: 150 + 100 + 50, one fetch after another. An `.await` waits for its \
         future to end before the next line runs, so each fetch started only when the one \
         before had ended. Start all three before waiting for any."
    );
    assert!(
        waited <= 150,
        "{returned}: more than its slowest fetch (150 ms), so some fetches still waited one \
         after another. Start all three before waiting for any."
    );
    assert!(
        waited == 150,
        "{returned}: less than its slowest fetch (150 ms), so it did not wait for all three \
         on tokio's clock{}.",
        if run.real.as_millis() >= 50 {
            format!(
                "; it held its thread for {} ms of real time instead. A call that blocks \
                 (`std::thread::sleep`, a `join` on a std thread) holds the one thread that \
                 runs every task, and tokio's clock does not see it",
                run.real.as_millis()
            )
        } else {
            String::new()
        }
    );
}
