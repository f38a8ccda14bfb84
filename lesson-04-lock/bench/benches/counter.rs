//! What the lock costs: lesson 04's job (T threads each add 1 a total of N times) done
//! six ways, at 1, 2 and 5 threads and at this machine's core count.
//!
//! `cargo bench -p lesson-04-lock-bench`; lesson-04-lock/README.md shows one run's table.
//! Every sample checks its total: a fast wrong answer fails the benchmark.

use divan::Bencher;
use divan::counter::ItemsCount;
use lesson_04_lock::{Count, INCREMENTS, count_in_scope, other_ways};

fn main() {
    divan::main();
}

/// 1, 2, 5 threads, and the cores this process may use if that is another number.
fn thread_counts() -> Vec<usize> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut counts = vec![1, 2, 5, cores];
    counts.sort_unstable();
    counts.dedup();
    counts
}

/// Times one whole job, `threads` × `INCREMENTS`, spawning and joining included. divan
/// reports the time per job and, from the counter, the increments per second.
fn job(bencher: Bencher, threads: usize, count: Count) {
    let total = threads as u64 * INCREMENTS;
    bencher.counter(ItemsCount::new(total)).bench_local(|| {
        let counted = count(threads, divan::black_box(INCREMENTS));
        assert_eq!(counted, total, "a wrong count is not a fast count");
    });
}

#[divan::bench(args = thread_counts(), sample_count = 100)]
fn std_mutex(bencher: Bencher, threads: usize) {
    job(bencher, threads, count_in_scope);
}

#[divan::bench(args = thread_counts(), sample_count = 100)]
fn parking_lot_mutex(bencher: Bencher, threads: usize) {
    job(bencher, threads, other_ways::parking_lot_mutex);
}

#[divan::bench(args = thread_counts(), sample_count = 100)]
fn atomic_fetch_add(bencher: Bencher, threads: usize) {
    job(bencher, threads, other_ways::atomic_fetch_add);
}

#[divan::bench(args = thread_counts(), sample_count = 100)]
fn padded_per_thread(bencher: Bencher, threads: usize) {
    job(bencher, threads, other_ways::padded_per_thread);
}

#[divan::bench(args = thread_counts(), sample_count = 100)]
fn packed_per_thread(bencher: Bencher, threads: usize) {
    job(bencher, threads, other_ways::packed_per_thread);
}

#[divan::bench(args = thread_counts(), sample_count = 100)]
fn local_then_join(bencher: Bencher, threads: usize) {
    job(bencher, threads, other_ways::local_then_join);
}
