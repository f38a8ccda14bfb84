//! Lesson 06: pools and data parallelism.
//!
//! `cargo run --release -p lesson-06-pools` runs it; README.md beside this folder explains
//! it. Lesson 05's CPU-bound job (count the primes below a limit), done four ways: on one
//! thread, on scoped threads with one chunk each, on threads sharing a work queue, and
//! with rayon. The timings vary from run to run; the tests hide them.

use common::knobs::{self, Knob};
use common::{Out, outln};
use lesson_05_gil::{count, is_prime, ratio, secs};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// Count the primes below this.
const LIMIT: u64 = 1_000_000;
/// Threads for the hand-made ways (rayon picks its own: as many as
/// `available_parallelism` reports, or `RAYON_NUM_THREADS`).
const THREADS: usize = 4;
/// The work queue hands out numbers in blocks of this many.
const BLOCK: u64 = 10_000;

fn main() {
    // `cargo run --release -p lesson-06-pools -- --threads 2 --limit 5000000`;
    // `-- --help` lists the knobs.
    let [limit, threads] = knobs::parse(NAME, ABOUT, &KNOBS);
    // The knob's maximum keeps `threads` far below `usize::MAX`.
    lesson(&Out::terminal(), limit, threads as usize);
}

fn lesson(out: &Out, limit: u64, threads: usize) {
    outln!(out, "Lesson 06: count the primes below {limit}, four ways");
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    outln!(out, "Cores this program may use: {cores} (std::thread::available_parallelism)");
    let build = if cfg!(debug_assertions) { "debug (try --release)" } else { "release" };
    outln!(out, "Build: {build}");

    outln!(out);
    let (primes, alone) = timed(|| count_primes(0..limit));
    // "78498 primes", and "1 prime" for a limit of 3.
    let n_primes = |n: u64| count(n, "prime", "primes");
    outln!(out, "1. One thread: {}, {}", n_primes(primes), secs(alone));

    outln!(out);
    let on_threads = count(threads, "thread", "threads");
    outln!(out, "2. thread::scope, one chunk of numbers per thread ({on_threads})");
    let (in_chunks, time) = timed(|| scoped_chunks(limit, threads));
    outln!(
        out,
        "   {}, {}, {} as fast as one thread",
        n_primes(in_chunks),
        secs(time),
        ratio(alone, time)
    );

    outln!(out);
    let take = if threads == 1 { "takes" } else { "take" };
    outln!(
        out,
        "3. A work queue: {on_threads} {take} blocks of {BLOCK} numbers until none are left"
    );
    let (queued, time) = timed(|| work_queue(limit, threads));
    outln!(
        out,
        "   {}, {}, {} as fast as one thread",
        n_primes(queued),
        secs(time),
        ratio(alone, time)
    );

    outln!(out);
    outln!(out, "4. rayon: (0..limit).into_par_iter().filter(is_prime).count(), on rayon's pool");
    // ANCHOR: rayon
    let (by_rayon, time) = timed(|| (0..limit).into_par_iter().filter(|&n| is_prime(n)).count());
    // ANCHOR_END: rayon
    outln!(
        out,
        "   {}, {}, {} as fast as one thread",
        count(by_rayon, "prime", "primes"),
        secs(time),
        ratio(alone, time)
    );

    outln!(out);
    let answers = [in_chunks, queued, by_rayon as u64];
    if answers.iter().all(|&answer| answer == primes) {
        outln!(out, "Every way found the same answer: {}", n_primes(primes));
    } else {
        outln!(out, "The answers differ: {primes} on one thread, then {answers:?}");
    }
}

// ANCHOR: scoped_chunks
/// The numbers split into `threads` ranges, one per scoped thread; the last range also
/// takes what the division leaves over. Scoped threads may borrow, and the scope joins
/// them all before it returns.
fn scoped_chunks(limit: u64, threads: usize) -> u64 {
    let threads = threads as u64;
    let chunk = limit / threads;
    thread::scope(|s| {
        let counts: Vec<_> = (0..threads)
            .map(|t| {
                let end = if t == threads - 1 { limit } else { (t + 1) * chunk };
                s.spawn(move || count_primes(t * chunk..end))
            })
            .collect();
        // `count_primes` does not panic, so neither does `join`.
        counts.into_iter().map(|count| count.join().expect("counting does not panic")).sum()
    })
}
// ANCHOR_END: scoped_chunks

/// Lesson 05's next-free-block: every thread takes the next block nobody has taken,
/// until none is left, so a thread that runs faster simply takes more blocks.
fn work_queue(limit: u64, threads: usize) -> u64 {
    let next_block = AtomicU64::new(0);
    let total = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let start = next_block.fetch_add(BLOCK, Ordering::Relaxed);
                    if start >= limit {
                        break;
                    }
                    let primes = count_primes(start..(start + BLOCK).min(limit));
                    total.fetch_add(primes, Ordering::Relaxed);
                }
            });
        }
    });
    total.into_inner()
}

fn count_primes(numbers: std::ops::Range<u64>) -> u64 {
    numbers.filter(|&n| is_prime(n)).count() as u64
}

fn timed<T>(job: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = job();
    (value, start.elapsed())
}

const NAME: &str = env!("CARGO_PKG_NAME");
const ABOUT: &str =
    "Lesson 06: one CPU-bound job on one thread, scoped threads, a work queue and rayon.";

const KNOBS: [Knob; 2] = [
    Knob {
        name: "limit",
        about: "count the primes below this",
        default: LIMIT,
        min: 2,
        // A few minutes on one thread of a debug build.
        max: 100_000_000,
    },
    Knob {
        name: "threads",
        about: "threads for the scoped chunks and the work queue",
        default: THREADS as u64,
        min: 1,
        max: 1024,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        lesson(&out, LIMIT, THREADS);
        testkit::assert_lesson_snapshot!("lesson-06", out.transcript(), testkit::filters::TIMINGS);
    }

    #[test]
    fn every_way_agrees_for_awkward_sizes() {
        // Limits that do not divide evenly, and more threads than numbers.
        for (limit, threads) in [(2, 1), (10, 3), (10_007, 4), (25_001, 7), (5, 16)] {
            let one = count_primes(0..limit);
            assert_eq!(scoped_chunks(limit, threads), one, "chunks, {limit} on {threads}");
            assert_eq!(work_queue(limit, threads), one, "queue, {limit} on {threads}");
        }
    }
}
