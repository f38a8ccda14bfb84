//! Lesson 04's counting code: `THREADS` threads each add 1 to one counter `INCREMENTS`
//! times. `src/main.rs` is the lesson that prints it; the benchmark in `bench/` times it
//! against the other ways to do the same job in [`other_ways`].

use std::thread;

// One implementation, two sets of types: std's, or under `RUSTFLAGS="--cfg loom"` in tests,
// loom's look-alikes, so that loom can check the counter over every schedule of a small
// model (`mod loom_proofs` at the end).
#[cfg(not(all(loom, test)))]
use std::{
    sync::{Arc, Mutex},
    thread::spawn,
};

#[cfg(all(loom, test))]
use loom::{
    sync::{Arc, Mutex},
    thread::spawn,
};

/// How many threads share the counter. Try 1, or 50: the total follows.
pub const THREADS: usize = 5;
/// How many times each thread adds 1.
pub const INCREMENTS: u64 = 100_000;

/// A way to do the whole job: `(threads, increments)` in, the final count out.
pub type Count = fn(usize, u64) -> u64;

// ANCHOR: increment
/// Python's `with lock: counter += 1`, `increments` times.
pub fn increment(counter: &Mutex<u64>, increments: u64) {
    for _ in 0..increments {
        // `lock` waits for the mutex and returns a guard: you are now inside `with lock:`.
        // It returns Err only if another thread panicked while holding the lock, and
        // nothing here can panic while holding it (a u64 will not overflow at these
        // counts), so this `expect` never fires.
        let mut guard = counter.lock().expect("no thread panics while holding the lock");
        *guard += 1;
        // The guard is dropped here, at the end of the loop body: the lock is released.
    }
}
// ANCHOR_END: increment

/// The threads borrow `counter`; `thread::scope` guarantees they end before it does.
pub fn count_in_scope(threads: usize, increments: u64) -> u64 {
    let counter = Mutex::new(0);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| increment(&counter, increments));
        }
    }); // every thread has been joined here
    counter.into_inner().expect("no thread panics while holding the lock")
}

/// `thread::spawn` needs data that may outlive this function, so each thread gets its own
/// `Arc`: a shared handle, and the counter is freed when the last handle is dropped.
pub fn count_with_arc(threads: usize, increments: u64) -> u64 {
    let counter = Arc::new(Mutex::new(0));
    let mut handles = Vec::with_capacity(threads);
    for _ in 0..threads {
        let counter = Arc::clone(&counter); // a new handle to the same mutex, not a copy
        handles.push(spawn(move || increment(&counter, increments)));
    }
    for handle in handles {
        // Err only if the thread panicked, and `increment` does not.
        handle.join().expect("increment does not panic");
    }
    *counter.lock().expect("no thread panics while holding the lock")
}

/// The same job done other ways, for the benchmark (`cargo bench -p lesson-04-lock-bench`).
/// Each takes `(threads, increments)` and returns the final count, `threads * increments`.
/// README.md's "What the lock costs" explains what each one teaches.
pub mod other_ways {
    use crossbeam::utils::CachePadded;
    use std::hint::black_box;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::thread;

    /// `parking_lot::Mutex`: a lock with no poisoning (`lock()` returns the guard itself).
    pub fn parking_lot_mutex(threads: usize, increments: u64) -> u64 {
        let counter = parking_lot::Mutex::new(0);
        thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    for _ in 0..increments {
                        *counter.lock() += 1;
                    }
                });
            }
        });
        counter.into_inner()
    }

    /// No lock: one `fetch_add`, a single indivisible read-add-write on one shared number.
    pub fn atomic_fetch_add(threads: usize, increments: u64) -> u64 {
        let counter = AtomicU64::new(0);
        thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    for _ in 0..increments {
                        counter.fetch_add(1, Ordering::Relaxed);
                    }
                });
            }
        });
        counter.into_inner()
    }

    /// One counter per thread, each on its own cache line, added up at the end.
    pub fn padded_per_thread(threads: usize, increments: u64) -> u64 {
        let counters: Vec<CachePadded<AtomicU64>> =
            (0..threads).map(|_| CachePadded::new(AtomicU64::new(0))).collect();
        count_in_own_slots(&counters, increments);
        counters.iter().map(|counter| counter.load(Ordering::Relaxed)).sum()
    }

    /// The bad one: one counter per thread, but packed side by side, so that several of
    /// them share a cache line and the cores fight over it as if they shared one counter
    /// (false sharing). The only difference from [`padded_per_thread`] is the padding.
    pub fn packed_per_thread(threads: usize, increments: u64) -> u64 {
        let counters: Vec<AtomicU64> = (0..threads).map(|_| AtomicU64::new(0)).collect();
        count_in_own_slots(&counters, increments);
        counters.iter().map(|counter| counter.load(Ordering::Relaxed)).sum()
    }

    /// Thread `i` adds to `counters[i]` only.
    fn count_in_own_slots(counters: &[impl AsAtomic + Sync], increments: u64) {
        thread::scope(|s| {
            for counter in counters {
                s.spawn(move || {
                    for _ in 0..increments {
                        counter.as_atomic().fetch_add(1, Ordering::Relaxed);
                    }
                });
            }
        });
    }

    /// `AtomicU64` with or without `CachePadded` around it.
    trait AsAtomic {
        fn as_atomic(&self) -> &AtomicU64;
    }
    impl AsAtomic for AtomicU64 {
        fn as_atomic(&self) -> &AtomicU64 {
            self
        }
    }
    impl AsAtomic for CachePadded<AtomicU64> {
        fn as_atomic(&self) -> &AtomicU64 {
            self
        }
    }

    /// No sharing at all: each thread counts in a local variable and hands its total back
    /// through `join`. The lower bound for this job.
    pub fn local_then_join(threads: usize, increments: u64) -> u64 {
        thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut count = 0u64;
                        for _ in 0..increments {
                            // Without `black_box` the compiler replaces the loop with
                            // `count = increments`, and there is nothing left to measure.
                            count = black_box(count + 1);
                        }
                        count
                    })
                })
                .collect();
            // Counting cannot panic, so `join` cannot return Err.
            handles.into_iter().map(|handle| handle.join().expect("counting does not panic")).sum()
        })
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    /// Every way, at every size: the count is threads × increments, nothing lost.
    #[test]
    fn every_way_counts_every_increment() {
        let ways: [(&str, Count); 7] = [
            ("count_in_scope", count_in_scope),
            ("count_with_arc", count_with_arc),
            ("parking_lot_mutex", other_ways::parking_lot_mutex),
            ("atomic_fetch_add", other_ways::atomic_fetch_add),
            ("padded_per_thread", other_ways::padded_per_thread),
            ("packed_per_thread", other_ways::packed_per_thread),
            ("local_then_join", other_ways::local_then_join),
        ];
        for (name, count) in ways {
            for (threads, increments) in [(1, 0), (1, 7), (3, 1000), (16, 2500)] {
                assert_eq!(count(threads, increments), threads as u64 * increments, "{name}");
            }
        }
    }
}

/// `RUSTFLAGS="--cfg loom" cargo test --release -p lesson-04-lock --lib`: loom runs the
/// lesson's own `count_with_arc`, at small sizes, once for every way its threads could
/// interleave. `loom::model` runs with loom's defaults: no preemption bound (unless the
/// `LOOM_MAX_PREEMPTIONS` environment variable sets one), and only schedules that cannot
/// change the outcome are skipped.
#[cfg(all(test, loom))]
mod loom_proofs {
    use super::*;

    #[test]
    fn the_mutex_counter_ends_at_exactly_the_total_in_every_schedule() {
        loom::model(|| assert_eq!(count_with_arc(2, 2), 4));
    }

    #[test]
    fn three_threads_too() {
        loom::model(|| assert_eq!(count_with_arc(3, 1), 3));
    }
}
