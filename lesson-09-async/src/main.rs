//! Lesson 09: threads or async. Python's `asyncio` beside Rust's tokio.
//!
//! `cargo run --release -p lesson-09-async` runs it; README.md beside this folder explains
//! it, and `python/tasks.py` is the same program with `asyncio`. Part 1 waits on the real
//! clock, so its timings and memory change from run to run (the tests hide them). Parts
//! 2 to 6 run on tokio's paused clock: a `sleep` there takes no real time, and every
//! run prints the same.

use common::knobs::{self, Knob};
use common::{Out, outln};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;
use tokio::sync::mpsc::{self, error::TrySendError};
use tokio::task::JoinSet;
use tokio::time::{self, sleep};

/// Part 1: how many waits, and how long each one waits (in milliseconds).
const WAITS: u64 = 10_000;
const WAIT_MS: u64 = 100;
/// Part 3: how long the job waits beside the ticker. Parts 2 to 6 run on the paused
/// clock, where a tokio wait costs no time; `std::thread::sleep` still takes real time.
const JOB: Duration = Duration::from_millis(105);
/// Part 5: how long the job of three 10 ms steps is given.
const PATIENCE: Duration = Duration::from_millis(25);

fn main() {
    // `cargo run --release -p lesson-09-async -- --waits 50000`; `-- --help` lists it.
    let [waits, wait_ms] = knobs::parse(NAME, ABOUT, &KNOBS);
    lesson(&Out::terminal(), waits, Duration::from_millis(wait_ms));
}

fn lesson(out: &Out, waits: u64, wait: Duration) {
    let ms = wait.as_millis();
    outln!(out, "1. Many waits: {waits} waits of {ms} ms, on OS threads and on tokio tasks");
    let threads = measure(|| {
        let mut handles = Vec::new();
        for n in 1..=waits {
            // `thread::spawn` would panic if the OS refused a thread; `Builder` says why.
            match thread::Builder::new().spawn(move || thread::sleep(wait)) {
                Ok(handle) => handles.push(handle),
                Err(error) => {
                    handles.into_iter().for_each(|h| drop(h.join()));
                    return Err(format!("the OS refused thread {n}: {error}"));
                }
            }
        }
        // The threads only sleep, and sleeping does not panic: joining cannot fail. (Near
        // the OS's limits a thread can fail to set itself up, before it runs our closure;
        // std then aborts the process. The knob's maximum keeps clear of that.)
        Ok(handles.into_iter().map(|h| h.join().expect("sleeping does not panic")).count())
    });
    outln!(out, "   OS threads (thread::spawn + thread::sleep): {threads}");
    let tasks = measure(|| {
        multi_thread().block_on(async {
            let mut tasks = JoinSet::new();
            for _ in 0..waits {
                tasks.spawn(sleep(wait));
            }
            Ok(tasks.join_all().await.len())
        })
    });
    outln!(out, "   tokio tasks (tokio::spawn + tokio::time::sleep): {tasks}");
    let future = std::mem::size_of::<time::Sleep>();
    outln!(
        out,
        "   each task runs a sleep future of {future} bytes; each thread has its own stack"
    );

    outln!(out);
    outln!(out, "2. A task is not a thread; from here on the clock is paused: waits take no time");
    // asyncio runs every task on its one thread; so does tokio's current-thread runtime.
    let on_one = paused().block_on(async {
        let mut tasks = JoinSet::new();
        for _ in 0..4 {
            tasks.spawn(async { thread::current().id() });
        }
        tasks.join_all().await.into_iter().collect::<HashSet<_>>().len()
    });
    outln!(out, "   current-thread runtime (asyncio's one loop): 4 tasks ran on {on_one} thread");
    let (main_id, ids) = (thread::current().id(), workers_that_ran_tasks());
    // Which of the two workers ran which task changes from run to run; this does not.
    outln!(
        out,
        "   multi-thread runtime, 2 worker threads: 8 tasks ran on at most 2 threads, \
         none of them main: {}",
        ids.len() <= 2 && !ids.contains(&main_id)
    );
    let (in_order, as_they_end) = paused().block_on(results_in_order_and_as_they_end());
    outln!(out, "   awaiting the handles in order (asyncio.gather): {in_order:?}");
    outln!(out, "   JoinSet::join_next, as they end (asyncio.as_completed): {as_they_end:?}");

    outln!(out);
    // 105 ms, not 100: a tick due at the very moment the job ends would come before or
    // after it in an order neither tokio nor asyncio defines.
    outln!(out, "3. Blocking the executor: a ticker ticks every 10 ms while a job waits 105 ms");
    let ticks = paused().block_on(ticks_while(async { sleep(JOB).await }));
    outln!(out, "   the job awaits tokio::time::sleep: the ticker ticked {ticks} times meanwhile");
    let ticks = paused().block_on(ticks_while(async { thread::sleep(JOB) }));
    outln!(out, "   the job calls std::thread::sleep: the ticker ticked {ticks} times meanwhile");
    outln!(out, "   (one thread runs every task: while the job blocks it, nothing else runs)");
    let came = the_ticker_reaches_a_blocking_job();
    outln!(
        out,
        "   the job runs in spawn_blocking, a blocking wait for the 3rd tick: it came: {came}"
    );

    outln!(out);
    outln!(out, "4. A std MutexGuard held across .await does not compile in tokio::spawn");
    outln!(out, "   (README.md's Try it 1 makes that edit; a test checks the compiler's words)");
    let scoped = paused().block_on(add_twice_with_a_scoped_guard());
    outln!(out, "   std Mutex, guard dropped before the .await: counter = {scoped}");
    let held = paused().block_on(add_twice_holding_a_tokio_guard());
    outln!(out, "   tokio::sync::Mutex, guard held across the .await: counter = {held}");

    outln!(out);
    outln!(out, "5. Timeouts and cancellation");
    let (result, steps, cleaned_up) = paused().block_on(cancel_a_job_after(PATIENCE));
    let patience = PATIENCE.as_millis();
    outln!(out, "   timeout({patience} ms) around a job of 3 steps of 10 ms: {result}");
    outln!(out, "   steps it finished: {steps:?}; its clean-up (a Drop) ran: {cleaned_up}");
    let winner = paused().block_on(async {
        tokio::select! {
            _ = sleep(Duration::from_millis(100)) => "the 100 ms sleep",
            _ = sleep(Duration::from_millis(20)) => "the 20 ms sleep",
        }
    });
    outln!(
        out,
        "   select! between a 100 ms and a 20 ms sleep: {winner} won, the other was dropped"
    );

    outln!(out);
    outln!(out, "6. A bounded channel (asyncio.Queue(maxsize=2)): backpressure");
    let (tx, _rx) = mpsc::channel::<u32>(2);
    let tries: Vec<&str> = (1..=3)
        .map(|n| match tx.try_send(n) {
            Ok(()) => "queued",
            Err(TrySendError::Full(_)) => "full",
            Err(TrySendError::Closed(_)) => "closed",
        })
        .collect();
    outln!(out, "   try_send 1, 2, 3 with nobody receiving: {}", tries.join(", "));
    let (received, waited) = paused().block_on(a_fast_producer_and_a_slow_consumer());
    outln!(out, "   a producer of 5 items, a consumer taking one per 10 ms: received {received:?}");
    outln!(
        out,
        "   the producer waited for room {waited} times; send(...).await is where it waits"
    );
}

/// Part 1: runs `job`, which returns how many waits it finished (or why it could not
/// start them all), and reports the wall time and, on Linux, the most memory the process
/// held meanwhile.
fn measure(job: impl FnOnce() -> Result<usize, String>) -> String {
    reset_peak_memory();
    let start = Instant::now();
    let finished = job();
    let took = start.elapsed().as_secs_f64();
    let memory = peak_memory_mib().map_or("not measured on this system".to_string(), |mib| {
        format!("peak memory {mib:.1} MiB")
    });
    match finished {
        Ok(finished) => format!("all {finished} done in {took:.3} s, {memory}"),
        Err(why) => format!("{why} (try fewer --waits); {took:.3} s"),
    }
}

// ANCHOR: paused
/// A current-thread runtime with its clock paused: like asyncio's loop, one thread runs
/// every task; and a `sleep` moves the clock forward instead of waiting for it.
fn paused() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("the OS gives a runtime what it needs")
}
// ANCHOR_END: paused

/// tokio's usual runtime: as many worker threads as cores, tasks moving between them.
fn multi_thread() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()
        .expect("the OS gives a runtime what it needs")
}

/// Part 2: 8 tasks on a runtime of 2 worker threads. Returns the threads that ran them.
fn workers_that_ran_tasks() -> HashSet<thread::ThreadId> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("the OS gives a runtime what it needs");
    runtime.block_on(async {
        let mut tasks = JoinSet::new();
        for _ in 0..8 {
            tasks.spawn(async { thread::current().id() });
        }
        tasks.join_all().await.into_iter().collect()
    })
}

/// Part 2: four tasks square 1 to 4, the first waiting longest. Their results, in the
/// order the tasks were started, and in the order they ended.
async fn results_in_order_and_as_they_end() -> (Vec<u64>, Vec<u64>) {
    let square_after = |n: u64| async move {
        sleep(Duration::from_millis(50 - 10 * n)).await;
        n * n
    };
    let handles: Vec<_> = (1..=4).map(|n| tokio::spawn(square_after(n))).collect();
    let mut in_order = Vec::new();
    for handle in handles {
        in_order.push(handle.await.expect("squaring does not panic"));
    }
    let mut set = JoinSet::new();
    for n in 1..=4 {
        set.spawn(square_after(n));
    }
    let mut as_they_end = Vec::new();
    while let Some(result) = set.join_next().await {
        as_they_end.push(result.expect("squaring does not panic"));
    }
    (in_order, as_they_end)
}

// ANCHOR: ticks_while
/// Part 3: runs `job` beside a ticker that ticks every 10 ms, and returns how many times
/// the ticker ticked while the job ran.
async fn ticks_while(job: impl Future<Output = ()>) -> u32 {
    let ticks = Arc::new(Mutex::new(0));
    let ticker = tokio::spawn({
        let ticks = Arc::clone(&ticks);
        async move {
            let mut every_10_ms = time::interval(Duration::from_millis(10));
            every_10_ms.tick().await; // the first tick is at once: before the job starts
            loop {
                every_10_ms.tick().await;
                *ticks.lock().expect("never poisoned") += 1;
            }
        }
    });
    tokio::task::yield_now().await; // let the ticker start
    job.await;
    ticker.abort();
    *ticks.lock().expect("never poisoned")
}
// ANCHOR_END: ticks_while

// ANCHOR: spawn_blocking
/// Part 3's fix, on the real clock (a paused clock stands still while `spawn_blocking`
/// work runs): the job blocks its thread until the ticker's third tick, with no
/// `.await` anywhere. In `spawn_blocking` it runs on another thread, and the ticker goes
/// on ticking. Returns whether the third tick came within 5 s.
fn the_ticker_reaches_a_blocking_job() -> bool {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("the OS gives a runtime what it needs");
    runtime.block_on(async {
        let (tick_tx, tick_rx) = std::sync::mpsc::channel();
        let ticker = tokio::spawn(async move {
            let mut every_10_ms = time::interval(Duration::from_millis(10));
            for tick in 0_u32.. {
                every_10_ms.tick().await; // tick 0 is at once
                if tick_tx.send(tick).is_err() {
                    break; // the job has stopped listening
                }
            }
        });
        let job = tokio::task::spawn_blocking(move || {
            let patience = Instant::now() + Duration::from_secs(5);
            let time_left = || patience.saturating_duration_since(Instant::now());
            // A std channel's recv blocks the thread: fine here, off the runtime's thread.
            std::iter::from_fn(|| tick_rx.recv_timeout(time_left()).ok()).any(|tick| tick == 3)
        });
        let came = job.await.expect("waiting does not panic");
        ticker.abort();
        came
    })
}
// ANCHOR_END: spawn_blocking

// ANCHOR: scoped_guard
/// Part 4: two tasks each add 1 to a counter behind a std `Mutex`, then wait 10 ms. The
/// guard lives in a block that ends before the `.await`.
async fn add_twice_with_a_scoped_guard() -> u64 {
    let counter = Arc::new(Mutex::new(0));
    let add = |counter: Arc<Mutex<u64>>| async move {
        {
            let mut guard = counter.lock().expect("never poisoned");
            *guard += 1;
        } // the guard is dropped here, before the .await
        sleep(Duration::from_millis(10)).await;
    };
    let first = tokio::spawn(add(Arc::clone(&counter)));
    let second = tokio::spawn(add(Arc::clone(&counter)));
    let (first, second) = (first.await, second.await);
    first.and(second).expect("adding does not panic");
    *counter.lock().expect("never poisoned")
}
// ANCHOR_END: scoped_guard

// ANCHOR: tokio_guard
/// Part 4: two tasks each read the counter, wait 10 ms, and write it back plus one,
/// holding a `tokio::sync::Mutex` all along. Its guard may be held across an `.await`: its
/// `lock` is itself awaited, so a task waiting for it lets the others run.
async fn add_twice_holding_a_tokio_guard() -> u64 {
    let counter = Arc::new(tokio::sync::Mutex::new(0));
    let add = |counter: Arc<tokio::sync::Mutex<u64>>| async move {
        let mut guard = counter.lock().await;
        let seen = *guard;
        sleep(Duration::from_millis(10)).await; // still holding the lock
        *guard = seen + 1;
    };
    let first = tokio::spawn(add(Arc::clone(&counter)));
    let second = tokio::spawn(add(Arc::clone(&counter)));
    let (first, second) = (first.await, second.await);
    first.and(second).expect("adding does not panic");
    *counter.lock().await
}
// ANCHOR_END: tokio_guard

// ANCHOR: cancel
/// Part 5: a job of three 10 ms steps, given `patience`. Returns what `timeout` said,
/// the steps the job finished, and whether its clean-up (a `Drop`) ran.
async fn cancel_a_job_after(patience: Duration) -> (String, Vec<u32>, bool) {
    let steps = Arc::new(Mutex::new(Vec::new()));
    let cleaned_up = Arc::new(Mutex::new(false));
    let job = {
        let (steps, cleaned_up) = (Arc::clone(&steps), Arc::clone(&cleaned_up));
        async move {
            let _clean_up = OnDrop(move || *cleaned_up.lock().expect("never poisoned") = true);
            for step in 1..=3 {
                sleep(Duration::from_millis(10)).await; // cancellation can only happen here
                steps.lock().expect("never poisoned").push(step);
            }
        }
    };
    let result = match time::timeout(patience, job).await {
        Ok(()) => "finished".to_string(),
        Err(elapsed) => format!("Err({elapsed})"),
    };
    let finished = steps.lock().expect("never poisoned").clone();
    let cleaned = *cleaned_up.lock().expect("never poisoned");
    (result, finished, cleaned)
}
// ANCHOR_END: cancel

/// Runs its closure when dropped: Python's `finally`, for a future that is cancelled.
struct OnDrop<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// Part 6: a producer sends 1 to 5 into a channel of 2 slots; a consumer takes one every
/// 10 ms. Returns what was received and how many sends had to wait for room.
async fn a_fast_producer_and_a_slow_consumer() -> (Vec<u32>, u32) {
    let (tx, mut rx) = mpsc::channel(2);
    let producer = tokio::spawn(async move {
        let mut waited = 0;
        for item in 1..=5 {
            if tx.capacity() == 0 {
                waited += 1;
            }
            tx.send(item).await.expect("the consumer receives until the end");
        }
        waited
    });
    let mut received = Vec::new();
    while let Some(item) = rx.recv().await {
        received.push(item);
        sleep(Duration::from_millis(10)).await;
    }
    (received, producer.await.expect("sending does not panic"))
}

/// Forgets the highest memory use so far (Linux: `/proc/self/clear_refs`), so that the
/// next [`peak_memory_mib`] measures only what comes after.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The most memory (resident set) the process held since the last reset, in MiB; `None`
/// where `/proc` does not tell (not Linux).
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

const NAME: &str = env!("CARGO_PKG_NAME");
const ABOUT: &str = "Lesson 09: threads or async; asyncio beside tokio.";

const KNOBS: [Knob; 2] = [
    Knob {
        name: "waits",
        about: "how many waits part 1 starts, on threads and on tasks",
        default: WAITS,
        min: 1,
        // Each wait on a thread is a thread, and with long waits they are all alive at
        // once. Linux caps a process's memory mappings (`vm.max_map_count`, 65530 by
        // default), and each thread takes a few: here, at about 16000 live threads a new
        // one could not map its signal stack, and std aborted the whole process. 10000
        // stays clear of that on Linux's defaults; other systems refuse sooner, in a line.
        max: 10_000,
    },
    Knob {
        name: "wait-ms",
        about: "how long each wait of part 1 lasts, in milliseconds",
        default: WAIT_MS,
        min: 1,
        max: 10_000,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        // Few and short waits: part 1's numbers are hidden anyway.
        lesson(&out, 100, Duration::from_millis(1));
        testkit::assert_lesson_snapshot!("lesson-09", out.transcript(), testkit::filters::WAITS);
    }
}
