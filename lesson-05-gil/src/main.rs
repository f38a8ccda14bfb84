//! Lesson 05: Rust has no GIL. CPU-bound and I/O-bound work, one thread against many.
//!
//! `cargo run -p lesson-05-gil` runs it; `cargo run --release -p lesson-05-gil` shows the
//! real speed. README.md beside this folder explains it, and `python/gil.py` is the same
//! program in Python.

use common::{Out, outln};
use std::thread;
use std::time::{Duration, Instant};

/// Count the primes below this number. The answer is 78498 on every machine.
const LIMIT: u64 = 1_000_000;
/// The counting is split into this many parts: run one after another, then one per thread.
const CPU_THREADS: usize = 4;
/// Time the CPU-bound work this many times and keep the median run: this machine is busy.
const ROUNDS: usize = 5;
/// The I/O-bound work: this many tasks, each waiting this long.
const IO_TASKS: usize = 5;
const IO_WAIT: Duration = Duration::from_millis(100);

fn main() {
    lesson(&Out::terminal());
}

fn lesson(out: &Out) {
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
    outln!(out, "1. CPU-bound: count the primes below {LIMIT}, in {CPU_THREADS} parts");
    // The same closure both times: only who runs it changes.
    let count_part = |part| count_primes_in_part(part, CPU_THREADS, LIMIT);
    let alone = median_of(ROUNDS, || one_after_another(CPU_THREADS, count_part));
    let together = median_of(ROUNDS, || all_at_once(CPU_THREADS, count_part));
    // Each row is one part: its bar covers the time it was running, on one shared clock.
    let span = alone.wall.max(together.wall);
    outln!(out, "   one after another, on main: {} (median of {ROUNDS} runs)", secs(alone.wall));
    timeline(out, "part", &alone, span, |primes| format!(" {primes} primes"));
    outln!(
        out,
        "   each part on its own thread: {} (median of {ROUNDS} runs)",
        secs(together.wall)
    );
    timeline(out, "part", &together, span, |primes| format!(" {primes} primes"));
    let primes = |run: &Run<usize>| run.rows.iter().map(|row| row.value).sum::<usize>();
    outln!(
        out,
        "   primes below {LIMIT}: {} one after another, {} on threads",
        primes(&alone),
        primes(&together)
    );
    // Four threads, but only `cores` of them run at any moment: that caps the speedup.
    outln!(
        out,
        "   speedup: {}, at most {}x here ({CPU_THREADS} threads on {cores} cores)",
        ratio(alone.wall, together.wall),
        CPU_THREADS.min(cores)
    );

    outln!(out);
    outln!(
        out,
        "2. I/O-bound: {IO_TASKS} tasks that each wait {} ms (for a disk, say, or a server)",
        IO_WAIT.as_millis()
    );
    // A sleeping thread uses no core, so five of them can wait at once even on one core.
    let wait = |_task| thread::sleep(IO_WAIT);
    let alone = one_after_another(IO_TASKS, wait);
    let together = all_at_once(IO_TASKS, wait);
    let span = alone.wall.max(together.wall);
    outln!(out, "   one after another, on main: {}", secs(alone.wall));
    timeline(out, "task", &alone, span, |()| String::new());
    outln!(out, "   each task on its own thread: {}", secs(together.wall));
    timeline(out, "task", &together, span, |()| String::new());
    outln!(
        out,
        "   speedup: {}, at most {IO_TASKS}x whatever the cores: waiting needs none",
        ratio(alone.wall, together.wall)
    );
}

/// The CPU-bound work: is `n` prime? Trial division by 2, then by odd numbers up to √n.
fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    if n % 2 == 0 {
        return n == 2;
    }
    let mut divisor = 3;
    while divisor * divisor <= n {
        if n % divisor == 0 {
            return false;
        }
        divisor += 2;
    }
    true
}

/// Numbers are dealt out in blocks, like cards: part 0 gets blocks 0, 4, 8, ..., part 1
/// gets 1, 5, 9, ... Big numbers cost more to test, so this keeps the parts even.
const BLOCK: u64 = 10_000;

/// How many primes below `limit` fall in `part` (counting from 0) of `parts`.
fn count_primes_in_part(part: usize, parts: usize, limit: u64) -> usize {
    let first = part as u64 * BLOCK;
    let stride = parts as u64 * BLOCK;
    (first..limit)
        .step_by(stride as usize)
        .flat_map(|block| block..(block + BLOCK).min(limit))
        .filter(|&n| is_prime(n))
        .count()
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

/// One row per job: `     part 1 |  ####    |` and then whatever `after` says of its result.
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

fn secs(time: Duration) -> String {
    format!("{:.3} s", time.as_secs_f64())
}

fn ratio(slow: Duration, fast: Duration) -> String {
    format!("{:.2}x", slow.as_secs_f64() / fast.as_secs_f64().max(f64::MIN_POSITIVE))
}

#[cfg(test)]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        lesson(&out);
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            filters => support::FILTERS.to_vec(),
        }, {
            insta::assert_snapshot!("lesson-05", out.transcript());
        });
    }

    #[test]
    fn the_parts_together_count_every_prime_once() {
        // 25 primes below 100 and 168 below 1000 are known values, not this program's output.
        for (limit, primes) in [(0, 0), (2, 0), (3, 1), (100, 25), (1000, 168), (10_007, 1229)] {
            for parts in [1, 3, CPU_THREADS] {
                let counted: usize =
                    (0..parts).map(|p| count_primes_in_part(p, parts, limit)).sum();
                assert_eq!(counted, primes, "limit {limit}, {parts} parts");
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
