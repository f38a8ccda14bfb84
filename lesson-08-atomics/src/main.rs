//! Lesson 08: atomics and memory ordering.
//!
//! `cargo run --release -p lesson-08-atomics` runs it; README.md beside this folder
//! explains it, and `python/atomics.py` is its Python companion. The mailbox, the
//! store-buffering round, `withdraw` and the spinlock are in `src/lib.rs`, with their
//! loom checks.

use common::knobs::{self, Knob};
use common::{Out, outln};
use lesson_08_atomics::{
    RELAXED, RELAXED_WITH_FENCE, RELEASE_ACQUIRE, SEQ_CST, both_saw_old, count,
    count_under_spinlock, stale_reads, withdraw,
};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Barrier, LazyLock, OnceLock};
use std::thread;

/// Parts 1, 4 and 5: how many threads share the work.
const THREADS: usize = 4;
/// Part 1: how many times each thread adds 1.
const INCREMENTS: u64 = 100_000;
/// Parts 2 and 3: how many values are handed over, and how many rounds are played.
const ROUNDS: u64 = 1_000_000;

fn main() {
    // `cargo run --release -p lesson-08-atomics -- --rounds 10000000` to look harder.
    let [rounds] = knobs::parse(NAME, ABOUT, &KNOBS);
    lesson(&Out::terminal(), rounds);
}

fn lesson(out: &Out, rounds: u64) {
    outln!(out, "1. A counter: Relaxed is enough, because join makes the count visible");
    let total = count(THREADS, INCREMENTS);
    outln!(
        out,
        "   {THREADS} threads x {INCREMENTS} fetch_add(1, Relaxed), then join: counter = {total}"
    );

    outln!(out);
    outln!(out, "2. Publishing: write the data, then a flag; read the flag, then the data");
    outln!(out, "   A writer publishes {rounds} values while a reader reads {rounds} times.");
    outln!(out, "   Reads that found the data older than the flag promised:");
    for (name, orders) in [("Release/Acquire flag", RELEASE_ACQUIRE), ("Relaxed flag", RELAXED)] {
        outln!(out, "   {name:<24} {}", stale_reads(rounds, orders));
    }

    outln!(out);
    outln!(out, "3. Store buffering: each thread stores to its atomic, then loads the other's");
    outln!(out, "   Two threads play {rounds} rounds in step.");
    outln!(out, "   Rounds in which both loads missed the other thread's store:");
    for (name, orders) in [
        ("Release/Acquire", RELEASE_ACQUIRE),
        ("SeqCst", SEQ_CST),
        ("Relaxed + fence(SeqCst)", RELAXED_WITH_FENCE),
    ] {
        outln!(out, "   {name:<24} {}", both_saw_old(rounds, orders));
    }

    outln!(out);
    outln!(out, "4. compare_exchange: write only if the value is still the one you read");
    let balance = AtomicU64::new(100);
    let outcomes: Vec<Result<u64, u64>> = thread::scope(|s| {
        let threads: Vec<_> = (0..THREADS).map(|_| s.spawn(|| withdraw(&balance, 30))).collect();
        // `withdraw` cannot panic, so neither can `join`.
        threads.into_iter().map(|t| t.join().expect("withdraw does not panic")).collect()
    });
    let succeeded = outcomes.iter().filter(|outcome| outcome.is_ok()).count();
    outln!(
        out,
        "   {THREADS} threads each withdraw 30 from a balance of 100: \
         {succeeded} succeeded, {} refused, {} left",
        THREADS - succeeded,
        balance.into_inner()
    );
    let counted = count_under_spinlock(THREADS, SPIN_INCREMENTS);
    outln!(
        out,
        "   the spinlock, {THREADS} threads x {SPIN_INCREMENTS} load-then-store increments: \
         counter = {counted}"
    );

    outln!(out);
    outln!(out, "5. Once-only set-up, and a stop flag");
    let (set_ups, got) = one_set_up_for_many();
    let got =
        if got.iter().all(|value| *value == 42) { "all got 42".into() } else { format!("{got:?}") };
    outln!(
        out,
        "   OnceLock, {THREADS} threads call get_or_init at once: set-up ran {}, {got}",
        times(set_ups)
    );
    let both = [GREETING.as_str(), GREETING.as_str()];
    outln!(
        out,
        "   LazyLock static, read twice: set-up ran {}, both reads saw {:?}",
        times(GREETING_SET_UPS.load(Ordering::Relaxed)),
        both[0]
    );
    let counted = work_until_stopped();
    outln!(
        out,
        "   stop flag (AtomicBool, Relaxed): the worker counted, then stopped: {}",
        counted >= 1000
    );
}

/// "once", "2 times".
fn times(n: usize) -> String {
    if n == 1 { "once".to_string() } else { format!("{n} times") }
}

/// Part 4: how many times each spinlock thread adds 1.
const SPIN_INCREMENTS: u64 = 10_000;

/// Part 5: `THREADS` threads ask one `OnceLock` for its value at the same moment.
/// Returns how many times its set-up ran, and what each thread got.
fn one_set_up_for_many() -> (usize, Vec<u64>) {
    let cell = OnceLock::new();
    let set_ups = AtomicUsize::new(0);
    let start_line = Barrier::new(THREADS);
    let got = thread::scope(|s| {
        let threads: Vec<_> = (0..THREADS)
            .map(|_| {
                s.spawn(|| {
                    start_line.wait();
                    // One thread runs the closure; the others wait for it to finish.
                    *cell.get_or_init(|| {
                        set_ups.fetch_add(1, Ordering::Relaxed);
                        42
                    })
                })
            })
            .collect();
        // No thread panics: the closure only counts and returns.
        threads.into_iter().map(|t| t.join().expect("get_or_init does not panic")).collect()
    });
    (set_ups.into_inner(), got)
}

/// Part 5: a static set up on first use, as a Python module's global is set up when the
/// module is first imported.
static GREETING: LazyLock<String> = LazyLock::new(|| {
    GREETING_SET_UPS.fetch_add(1, Ordering::Relaxed);
    "set up on first use".to_string()
});
static GREETING_SET_UPS: AtomicUsize = AtomicUsize::new(0);

/// Part 5: a worker counts until `main` raises a stop flag, which `main` does once the
/// worker has counted to 1000. Returns how far it counted.
fn work_until_stopped() -> u64 {
    let stop = AtomicBool::new(false);
    let progress = AtomicU64::new(0);
    thread::scope(|s| {
        let worker = s.spawn(|| {
            let mut done = 0;
            // The flag carries no data, only "stop": Relaxed is enough. What the worker
            // did comes back through `join`, which synchronises.
            while !stop.load(Ordering::Relaxed) {
                done += 1;
                progress.store(done, Ordering::Relaxed);
            }
            done
        });
        while progress.load(Ordering::Relaxed) < 1000 {
            thread::yield_now();
        }
        stop.store(true, Ordering::Relaxed);
        worker.join().expect("counting does not panic")
    })
}

const NAME: &str = env!("CARGO_PKG_NAME");
const ABOUT: &str = "Lesson 08: atomics and memory ordering.";

const KNOBS: [Knob; 1] = [Knob {
    name: "rounds",
    about: "values handed over in part 2, rounds played in part 3",
    default: ROUNDS,
    min: 1,
    // A million rounds take about 0.1 s in a release build here; this, about 20 minutes.
    max: 10_000_000_000,
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        lesson(&out, 500);
        testkit::assert_lesson_snapshot!(
            "lesson-08",
            out.transcript(),
            testkit::filters::ORDERINGS
        );
    }
}
