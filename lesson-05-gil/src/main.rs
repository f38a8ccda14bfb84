//! Lesson 05: Rust has no GIL. CPU-bound and I/O-bound work, one thread against many.
//!
//! `cargo run -p lesson-05-gil` runs it; `cargo run --release -p lesson-05-gil` shows the
//! real speed. README.md beside this folder explains it, and `python/gil.py` is the same
//! program in Python.

use common::knobs::{self, Knob};
use common::{Out, outln};
use lesson_05_gil::{count, is_prime, secs, speedup_lines};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// Count the primes below this number. The answer is 78498 on every machine.
const LIMIT: u64 = 1_000_000;
/// The counting is done on one thread, then on this many.
const CPU_THREADS: usize = 4;
/// Time the CPU-bound work this many times and keep the median run: this machine is busy.
const ROUNDS: usize = 5;
/// The I/O-bound work: this many tasks, each waiting this long.
const IO_TASKS: usize = 5;
const IO_WAIT_MS: u64 = 100;

fn main() {
    // `cargo run --release -p lesson-05-gil -- --threads 8 --limit 5000000` to experiment;
    // `-- --help` lists the knobs.
    let [limit, threads, io_ms] = knobs::parse(NAME, ABOUT, &KNOBS);
    // The knob's maximum keeps `threads` far below `usize::MAX`.
    lesson(&Out::terminal(), limit, threads as usize, Duration::from_millis(io_ms));
}

fn lesson(out: &Out, limit: u64, threads: usize, io_wait: Duration) {
    outln!(out, "Lesson 05: CPU-bound and I/O-bound work, one thread against many");
    // How many threads can really run at the same moment: the cores this process may use.
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    outln!(out, "Cores this program may use: {cores} (std::thread::available_parallelism)");
    if cfg!(debug_assertions) {
        outln!(out, "Build: debug, so the counting is slower than it can be;");
        outln!(out, "       `cargo run --release -p lesson-05-gil` shows the real speed");
    } else {
        outln!(out, "Build: release, optimised: these are the real timings");
    }

    outln!(out);
    outln!(out, "1. CPU-bound: count the primes below {limit}, in blocks of {BLOCK} numbers");
    // The same job both times: take the next block nobody has taken, count its primes,
    // repeat until none are left. Only the number of threads doing it changes.
    let alone = median_of(ROUNDS, || {
        let next_block = AtomicU64::new(0);
        one_after_another(1, |_| count_blocks(&next_block, limit))
    });
    let together = median_of(ROUNDS, || {
        let next_block = AtomicU64::new(0);
        all_at_once(threads, |_| count_blocks(&next_block, limit))
    });
    // One row per thread: its bar runs from its start to its end, on one shared clock.
    let span = alone.wall.max(together.wall);
    let blocks = |tally: &Tally| format!(" blocks: {}", tally.blocks);
    outln!(out, "   on one thread (main): {} (median of {ROUNDS} runs)", secs(alone.wall));
    timeline(out, "thread", &alone, span, blocks);
    let on_threads = count(threads, "thread", "threads");
    outln!(out, "   on {on_threads}: {} (median of {ROUNDS} runs)", secs(together.wall));
    timeline(out, "thread", &together, span, blocks);
    let primes = |run: &Run<Tally>| run.rows.iter().map(|row| row.value.primes).sum::<u64>();
    outln!(
        out,
        "   primes below {limit}: {} on one thread, {} on {on_threads}",
        primes(&alone),
        primes(&together)
    );
    // Four threads, but only `cores` of them run at any moment: that caps the speedup.
    let bound = threads.min(cores);
    let who_runs = if threads == 1 {
        "the one thread runs alone".to_string()
    } else {
        format!("{bound} of the {threads} threads can run at once")
    };
    let bound = format!("at most {bound}x here: {who_runs}");
    for line in speedup_lines(alone.wall, together.wall, &bound) {
        outln!(out, "{line}");
    }

    outln!(out);
    outln!(
        out,
        "2. I/O-bound: {IO_TASKS} tasks that each wait {} ms (for a disk, say, or a server)",
        io_wait.as_millis()
    );
    // A sleeping thread uses no core, so five of them can wait at once even on one core.
    let wait = |_task| thread::sleep(io_wait);
    let alone = one_after_another(IO_TASKS, wait);
    let together = all_at_once(IO_TASKS, wait);
    let span = alone.wall.max(together.wall);
    outln!(out, "   one after another, on main: {}", secs(alone.wall));
    timeline(out, "task", &alone, span, |()| String::new());
    outln!(out, "   each task on its own thread: {}", secs(together.wall));
    timeline(out, "task", &together, span, |()| String::new());
    let bound = format!("at most {IO_TASKS}x whatever the cores: waiting needs none");
    for line in speedup_lines(alone.wall, together.wall, &bound) {
        outln!(out, "{line}");
    }
}

const NAME: &str = env!("CARGO_PKG_NAME");
const ABOUT: &str = "Lesson 05: CPU-bound and I/O-bound work, on one thread and on many.";

const KNOBS: [Knob; 3] = [
    Knob {
        name: "limit",
        about: "count the primes below this",
        default: LIMIT,
        min: 2,
        // Time grows faster than the limit: at 10^8 one count takes about 40 s in a release
        // build here, and the lesson counts 10 times.
        max: 100_000_000,
    },
    Knob {
        name: "threads",
        about: "threads for the CPU-bound work",
        default: CPU_THREADS as u64,
        min: 1,
        // Far past any core count: more threads cannot help, only queue.
        max: 1024,
    },
    Knob {
        name: "io-ms",
        about: "how long each I/O-bound task waits, in milliseconds",
        default: IO_WAIT_MS,
        min: 1,
        max: 10_000,
    },
];

/// Numbers are handed out in blocks of this many.
const BLOCK: u64 = 10_000;

/// What one thread did: how many primes it found, in how many blocks.
struct Tally {
    primes: u64,
    blocks: u64,
}

/// Takes the next untaken block of numbers below `limit`, counts its primes, and repeats
/// until no block is left. `fetch_add` hands each block to exactly one thread, so a
/// thread that gets more time from the scheduler simply takes more blocks.
fn count_blocks(next_block: &AtomicU64, limit: u64) -> Tally {
    let mut tally = Tally { primes: 0, blocks: 0 };
    loop {
        let start = next_block.fetch_add(BLOCK, Ordering::Relaxed);
        if start >= limit {
            return tally;
        }
        tally.primes += (start..(start + BLOCK).min(limit)).filter(|&n| is_prime(n)).count() as u64;
        tally.blocks += 1;
    }
}

/// One timed run: how long it all took, and for each job when it started and ended.
struct Run<T> {
    wall: Duration,
    rows: Vec<Row<T>>,
}

/// One job of a run: its start and end, measured from the start of the run, and its result.
struct Row<T> {
    start: Duration,
    end: Duration,
    value: T,
}

/// Runs `job(0)`, `job(1)`, ... on the calling thread, each after the last one ended.
fn one_after_another<T>(jobs: usize, job: impl Fn(usize) -> T) -> Run<T> {
    let start = Instant::now();
    let rows = (0..jobs).map(|i| timed(start, || job(i))).collect();
    Run { wall: start.elapsed(), rows }
}

/// Runs every job on its own thread at once, and waits for all of them.
fn all_at_once<T: Send>(jobs: usize, job: impl Fn(usize) -> T + Sync) -> Run<T> {
    let start = Instant::now();
    let rows = thread::scope(|s| {
        let job = &job;
        let handles: Vec<_> = (0..jobs).map(|i| s.spawn(move || timed(start, || job(i)))).collect();
        handles
            .into_iter()
            // Counting primes and sleeping cannot panic, so `join` is never Err here.
            .map(|handle| handle.join().expect("the jobs do not panic"))
            .collect()
    });
    Run { wall: start.elapsed(), rows }
}

fn timed<T>(since: Instant, job: impl FnOnce() -> T) -> Row<T> {
    let start = since.elapsed();
    let value = job();
    Row { start, end: since.elapsed(), value }
}

/// Runs `run` `rounds` times and keeps the run whose wall time is the median.
fn median_of<T>(rounds: usize, run: impl Fn() -> Run<T>) -> Run<T> {
    let mut runs: Vec<Run<T>> = (0..rounds.max(1)).map(|_| run()).collect();
    runs.sort_by_key(|run| run.wall);
    runs.swap_remove(runs.len() / 2)
}

/// One row per job: `     thread 1 |  ####    |` and then whatever `after` says of its result.
/// Every row is drawn on the same clock, from 0 to `span`.
fn timeline<T>(out: &Out, name: &str, run: &Run<T>, span: Duration, after: impl Fn(&T) -> String) {
    for (i, row) in run.rows.iter().enumerate() {
        outln!(out, "     {name} {} {}{}", i + 1, bar(row, span), after(&row.value));
    }
}

/// How wide a timeline is, in characters.
const WIDTH: usize = 40;

/// `|   #####      |`: the part of `span` during which `row` was running, at least one `#`.
fn bar<T>(row: &Row<T>, span: Duration) -> String {
    let span = span.as_nanos().max(1);
    let width = WIDTH as u128;
    let from = (row.start.as_nanos() * width / span).min(width - 1);
    let to = (row.end.as_nanos() * width).div_ceil(span).clamp(from + 1, width);
    let [from, to] = [from, to].map(|cell| cell as usize);
    format!("|{}{}{}|", " ".repeat(from), "#".repeat(to - from), " ".repeat(WIDTH - to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        // Waits of 10 ms, not 100: the snapshot hides the times, and the test is quicker.
        lesson(&out, LIMIT, CPU_THREADS, Duration::from_millis(10));
        testkit::assert_lesson_snapshot!("lesson-05", out.transcript(), testkit::filters::TIMINGS);
        // The snapshot hides who took how many blocks; together they took all 100, twice.
        let blocks: Vec<u64> = out
            .lines()
            .iter()
            .filter_map(|line| line.text.split_once("| blocks: ")?.1.parse().ok())
            .collect();
        assert_eq!(blocks.len(), 1 + CPU_THREADS);
        assert_eq!(blocks[0], LIMIT / BLOCK);
        assert_eq!(blocks[1..].iter().sum::<u64>(), LIMIT / BLOCK);
    }

    #[test]
    fn the_threads_together_count_every_prime_once() {
        // 25 primes below 100, 168 below 1000, 1229 below 10007 and 9592 below 100000 are
        // known values, not this program's output. 10_007 is just past one block, so the
        // last one is short; with 64 threads, most find no block left.
        let cases =
            [(0, 0), (2, 0), (3, 1), (100, 25), (1000, 168), (10_007, 1229), (100_000, 9592)];
        for (limit, primes) in cases {
            for threads in [1, 3, CPU_THREADS, 64] {
                let next_block = AtomicU64::new(0);
                let run = all_at_once(threads, |_| count_blocks(&next_block, limit));
                let counted: u64 = run.rows.iter().map(|row| row.value.primes).sum();
                assert_eq!(counted, primes, "limit {limit}, {threads} threads");
                let blocks: u64 = run.rows.iter().map(|row| row.value.blocks).sum();
                assert_eq!(blocks, limit.div_ceil(BLOCK), "every block taken once");
            }
        }
    }

    #[test]
    fn threads_report_each_job_in_job_order() {
        let run = all_at_once(6, |i| i * 10);
        let values: Vec<usize> = run.rows.iter().map(|row| row.value).collect();
        assert_eq!(values, [0, 10, 20, 30, 40, 50]);
        assert!(run.rows.iter().all(|row| row.start <= row.end && row.end <= run.wall));
    }

    #[test]
    fn one_after_another_never_overlaps() {
        let run = one_after_another(4, |_| thread::sleep(Duration::from_millis(1)));
        for pair in run.rows.windows(2) {
            assert!(pair[0].end <= pair[1].start);
        }
        // `sleep` waits at least as long as asked, however busy the machine is.
        assert!(run.wall >= Duration::from_millis(4));
    }

    #[test]
    fn bars_cover_the_time_a_job_ran() {
        let row = |start, end| Row {
            start: Duration::from_millis(start),
            end: Duration::from_millis(end),
            value: (),
        };
        let span = Duration::from_millis(400);
        assert_eq!(bar(&row(0, 400), span), format!("|{}|", "#".repeat(40)));
        assert_eq!(bar(&row(0, 100), span), format!("|{}{}|", "#".repeat(10), " ".repeat(30)));
        assert_eq!(bar(&row(300, 400), span), format!("|{}{}|", " ".repeat(30), "#".repeat(10)));
        // A job too short to see still gets one mark, even at the very end.
        assert_eq!(bar(&row(400, 400), span), format!("|{}#|", " ".repeat(39)));
        assert_eq!(bar(&row(0, 0), Duration::ZERO), format!("|#{}|", " ".repeat(39)));
    }

    #[test]
    fn the_median_run_is_kept() {
        let walls = std::cell::RefCell::new([30, 10, 20].into_iter());
        let median = median_of(3, || Run::<()> {
            wall: Duration::from_millis(walls.borrow_mut().next().unwrap()),
            rows: Vec::new(),
        });
        assert_eq!(median.wall, Duration::from_millis(20));
    }
}
