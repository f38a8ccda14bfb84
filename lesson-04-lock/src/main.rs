//! Lesson 04: five threads, one counter, one lock.
//!
//! `cargo run -p lesson-04-lock` runs it; README.md beside this folder explains it.
//! The counting itself is in `src/lib.rs`, where the benchmark can reach it too.

use common::knobs::{self, Knob};
use common::{Out, outln};
use lesson_04_lock::{INCREMENTS, THREADS, count_in_scope, count_with_arc};

fn main() {
    // `cargo run -p lesson-04-lock -- --threads 8 --increments 1000` to experiment;
    // `-- --help` lists the knobs.
    let [threads, increments] = knobs::parse(NAME, ABOUT, &KNOBS);
    check_total(threads, increments)
        .unwrap_or_else(|problem| knobs::exit_with_error(NAME, problem));
    // `check_total` and the knob's maximum keep `threads` far below `usize::MAX`.
    lesson(&Out::terminal(), threads as usize, increments);
}

fn lesson(out: &Out, threads: usize, increments: u64) {
    let who =
        if threads == 1 { "1 thread adds".into() } else { format!("{threads} threads each add") };
    let times = if increments == 1 { "once".into() } else { format!("{increments} times") };
    outln!(out, "{who} 1 to one counter {times}, under a lock");

    outln!(out);
    outln!(out, "1. Scoped threads borrow the mutex");
    outln!(out, "   counter: {}", count_in_scope(threads, increments));

    outln!(out);
    outln!(out, "2. Spawned threads share it through an Arc (the Python example's shape)");
    outln!(out, "Counter value: {}", count_with_arc(threads, increments));
}

const NAME: &str = env!("CARGO_PKG_NAME");
const ABOUT: &str = "Lesson 04: threads add 1 to one counter, under a lock.";

/// A thousand threads already spend their time queueing for the one lock; many more only
/// test how many threads the OS will start.
const MAX_THREADS: u64 = 1024;
/// Both parts count to threads × increments: at most this much each, which takes minutes
/// in a debug build (about 76 ns per locked addition here).
const MAX_TOTAL: u64 = 1_000_000_000;

const KNOBS: [Knob; 2] = [
    Knob {
        name: "threads",
        about: "threads sharing the counter",
        default: THREADS as u64,
        min: 1,
        max: MAX_THREADS,
    },
    Knob {
        name: "increments",
        about: "how many times each thread adds 1",
        default: INCREMENTS,
        min: 1,
        max: u64::MAX,
    },
];

/// The counter is a `u64`: threads × increments must fit in it, and finish in reasonable time.
fn check_total(threads: u64, increments: u64) -> Result<u64, String> {
    let total = threads.checked_mul(increments).ok_or_else(|| {
        format!("--threads {threads} × --increments {increments} overflows the u64 counter")
    })?;
    if total > MAX_TOTAL {
        return Err(format!(
            "--threads {threads} × --increments {increments} = {total} additions; \
             at most {MAX_TOTAL} (minutes under the lock)"
        ));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        lesson(&out, THREADS, INCREMENTS);
        testkit::assert_lesson_snapshot!("lesson-04", out.transcript());
        // Whatever the settings: every thread's every addition is counted.
        let expected = format!("Counter value: {}", THREADS as u64 * INCREMENTS);
        let last = out.lines().last().map(|line| line.text.clone());
        assert_eq!(last, Some(expected), "the lock lost or invented an addition");
    }
}
