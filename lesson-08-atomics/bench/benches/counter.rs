//! What spinning costs: lesson 08's counter (T threads each add 1 a total of N times)
//! under its `SpinLock`, under lesson 04's two mutexes, and with one `fetch_add` and no
//! lock as the floor, at 1, 2, 4 and 8 threads.
//!
//! `cargo bench -p lesson-08-atomics-bench`; to give every thread one core,
//! `taskset -c 0 cargo bench -p lesson-08-atomics-bench`. Every sample checks its total:
//! a fast wrong answer fails the benchmark.

use divan::Bencher;
use divan::counter::ItemsCount;
use lesson_04_lock::{Count, count_in_scope, other_ways};
use lesson_08_atomics::{count, count_under_spinlock};
use std::time::Duration;

fn main() {
    // Every way stops after 100 samples or 3 seconds, whichever comes first: with more
    // threads than cores one spinlock job took over a second on the 2-core machine, and
    // the whole run should still end within a minute or two. The command line overrides
    // both (`cargo bench -p lesson-08-atomics-bench -- --sample-count 10`).
    divan::Divan::default()
        .sample_count(100)
        .max_time(Duration::from_secs(3))
        .config_with_args()
        .main();
}

/// How many times each thread adds 1: ten times lesson 04's `INCREMENTS`. One thread's
/// share then takes milliseconds, a few of the scheduler's time slices, so with more
/// threads than cores the scheduler does stop threads while they hold the lock. At
/// lesson 04's 100000 a share took about 0.25 ms, and on one core the threads simply ran
/// one after another: no spinning showed.
const INCREMENTS: u64 = 1_000_000;

/// 1 and 2 threads, then more threads than a 2-core machine has: a spinning waiter keeps
/// a core that the lock's holder may need.
const THREADS: [usize; 4] = [1, 2, 4, 8];

/// Times one whole job, `threads` × `INCREMENTS`, spawning and joining included. divan
/// reports the time per job and, from the counter, the increments per second.
fn job(bencher: Bencher, threads: usize, count: Count) {
    let total = threads as u64 * INCREMENTS;
    bencher.counter(ItemsCount::new(total)).bench_local(|| {
        let counted = count(threads, divan::black_box(INCREMENTS));
        assert_eq!(counted, total, "a wrong count is not a fast count");
    });
}

/// The lesson's `SpinLock`, around a load and a store (`count_under_spinlock`).
#[divan::bench(args = THREADS)]
fn spinlock(bencher: Bencher, threads: usize) {
    job(bencher, threads, count_under_spinlock);
}

/// `std::sync::Mutex<u64>`: lesson 04's `count_in_scope`.
#[divan::bench(args = THREADS)]
fn std_mutex(bencher: Bencher, threads: usize) {
    job(bencher, threads, count_in_scope);
}

/// `parking_lot::Mutex<u64>`: lesson 04's `other_ways::parking_lot_mutex`.
#[divan::bench(args = THREADS)]
fn parking_lot_mutex(bencher: Bencher, threads: usize) {
    job(bencher, threads, other_ways::parking_lot_mutex);
}

/// No lock, the floor: one `fetch_add(1, Relaxed)` per increment (the lesson's `count`).
#[divan::bench(args = THREADS)]
fn atomic_fetch_add(bencher: Bencher, threads: usize) {
    job(bencher, threads, count);
}
