//! Lesson 03: thread safety.
//!
//! `cargo run -p lesson-03-safety` runs it; README.md beside this folder explains it.
//! The semaphore, the mailbox and the racy counter are in `src/lib.rs`.
//! Part 3 makes two threads panic on purpose (`std-mutex-holder` and `parking-lot-holder`):
//! their messages on stderr are expected.

use common::{Out, outln};
use lesson_03_safety::{Mailbox, Semaphore, final_value, interleavings, racy_count};
use std::cell::RefCell;
use std::sync::Mutex;
use std::thread;

/// The real racy run of part 2: two threads, this many increments each. Each thread must
/// still be counting when the other one starts, or the two never race. A release build
/// counts a million in about half a millisecond (0.27 to 0.54 ms here, for a thread that
/// has the counter to itself), no longer than the second thread can take to get going,
/// and with a million the two sometimes never overlapped (4 of 20 release runs here on a
/// busy machine): so release builds count 40 times as far. README.md has the measurements.
const RACY_INCREMENTS: u64 = if cfg!(debug_assertions) { 1_000_000 } else { 40_000_000 };
/// Part 5: how many workers queue for how many permits.
const WORKERS: usize = 6;
const PERMITS: usize = 2;

fn main() {
    lesson(&Out::terminal());
}

fn lesson(out: &Out) {
    outln!(out, "1. A shared counter with no lock does not compile");
    outln!(out, "   (the program is in README.md; `cargo test` checks that it still fails");
    outln!(out, "   with error[E0499]: two threads cannot both borrow the counter mutably)");

    outln!(out);
    outln!(out, "2. A race safe Rust allows: load the counter, then store it plus one");
    outln!(out, "   Two threads, A and B, each run read / add / write once.");
    outln!(out, "   Every order the scheduler may pick, and what the counter ends at:");
    for (n, schedule) in interleavings().iter().enumerate() {
        let end = final_value(schedule);
        let verdict = if end == 2 { "" } else { "  <- lost an update" };
        outln!(out, "   {:>2}. {}  counter = {end}{verdict}", n + 1, spell(schedule));
    }
    // This line depends on the scheduler, so the tests filter its numbers out.
    let count = racy_count(2, RACY_INCREMENTS);
    let lost = 2 * RACY_INCREMENTS - count;
    outln!(
        out,
        "   A real run, 2 threads x {RACY_INCREMENTS}: \
         counter = {count}, lost {lost} of its updates"
    );

    outln!(out);
    outln!(out, "3. Lock -> std::sync::Mutex, which is poisoned when a holder panics");
    let scores = Mutex::new(vec![1, 2, 3]);
    let crashed = thread::scope(|s| {
        thread::Builder::new()
            .name("std-mutex-holder".to_string())
            .spawn_scoped(s, || {
                // Fresh mutex, nobody has panicked yet: `lock` cannot fail here.
                let mut guard = scores.lock().expect("not poisoned yet");
                guard.push(4);
                panic!("crashed while holding the lock");
            })
            .expect("the OS starts a thread")
            .join()
            .is_err()
    });
    outln!(out, "   the thread panicked: {crashed}");
    match scores.lock() {
        Ok(guard) => outln!(out, "   lock() succeeded: {:?}", *guard),
        Err(poisoned) => {
            // The data may be half-updated; here we decide it is fine and take it anyway.
            let guard = poisoned.into_inner();
            outln!(out, "   lock() returned Err (poisoned); the data inside: {:?}", *guard);
        }
    }
    let scores = parking_lot::Mutex::new(vec![1, 2, 3]);
    thread::scope(|s| {
        let crashed = thread::Builder::new()
            .name("parking-lot-holder".to_string())
            .spawn_scoped(s, || {
                let mut guard = scores.lock(); // no Result: nothing to unwrap
                guard.push(4);
                panic!("crashed while holding the lock");
            })
            .expect("the OS starts a thread");
        // We know it panicked; this time we only care about the mutex. Joining still
        // matters: a scoped thread that panicked unjoined makes `scope` itself panic.
        let _panicked = crashed.join();
    });
    outln!(
        out,
        "   parking_lot::Mutex after the same panic: lock() just returns {:?}",
        *scores.lock()
    );

    outln!(out);
    outln!(out, "4. RLock -> parking_lot::ReentrantMutex: one thread may lock it again");
    let visits = parking_lot::ReentrantMutex::new(RefCell::new(Vec::new()));
    visit(&visits, 1);
    outln!(out, "   locked at depths {:?} by one thread, no deadlock", visits.lock().borrow());

    outln!(out);
    outln!(out, "5. Semaphore -> none in std; ours is a Mutex<usize> and a Condvar");
    let gate = Semaphore::new(PERMITS);
    let mut taken: Vec<_> = (0..PERMITS).map(|_| gate.acquire()).collect();
    let permits = how_many(PERMITS, "permit", "permits");
    outln!(out, "   took {permits}; one more is free: {}", gate.try_acquire().is_some());
    taken.pop(); // dropping a permit gives it back
    outln!(out, "   gave one back; one more is free: {}", gate.try_acquire().is_some());
    drop(taken);
    let most_inside = most_inside_at_once(&gate);
    outln!(
        out,
        "   {} shared {permits}; never more than {PERMITS} inside: {}",
        how_many(WORKERS, "worker", "workers"),
        most_inside <= PERMITS
    );

    outln!(out);
    outln!(out, "6. Condition -> Condvar: a producer hands items to a consumer");
    let mailbox = Mailbox::new();
    thread::scope(|s| {
        s.spawn(|| {
            for item in ["apple", "bread", "cheese"] {
                mailbox.put(Some(item));
            }
            mailbox.put(None); // nothing more to come
        });
        // Only this thread prints, so the order below is the order of hand-over.
        while let Some(item) = mailbox.take() {
            outln!(out, "   consumer got {item}");
        }
    });

    outln!(out);
    outln!(out, "7. Or share no data of your own: send messages (crossbeam channels)");
    let squares = square_on_two_workers(1..=10);
    outln!(out, "   jobs 1..=10, squared by 2 workers sharing one receiver: {squares:?}");
}

/// `n` and its noun, singular for 1: "1 permit", "2 permits".
fn how_many(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "AAB..." as "A.read A.add B.read ...".
fn spell(schedule: &str) -> String {
    let mut next_step = [0, 0];
    let steps: Vec<String> = schedule
        .chars()
        .map(|who| {
            let t = usize::from(who == 'B');
            let step = lesson_03_safety::INCREMENT[next_step[t]];
            next_step[t] += 1;
            format!("{who}.{:<5}", format!("{step:?}").to_lowercase())
        })
        .collect();
    steps.join(" ")
}

/// Locks the reentrant mutex once per level of recursion, holding the outer locks.
fn visit(visits: &parking_lot::ReentrantMutex<RefCell<Vec<u32>>>, depth: u32) {
    let guard = visits.lock(); // a std Mutex would deadlock (or panic) at depth 2
    guard.borrow_mut().push(depth);
    if depth < 3 {
        visit(visits, depth + 1);
    }
}

/// Runs WORKERS threads through the semaphore and returns the most that were ever
/// inside at the same time.
fn most_inside_at_once(gate: &Semaphore) -> usize {
    // (inside now, most so far). Only this arithmetic runs under the lock, and it cannot
    // panic, so the lock is never poisoned.
    let inside = Mutex::new((0, 0));
    thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                let _permit = gate.acquire(); // given back when this closure returns
                {
                    let mut counts = inside.lock().expect("never poisoned");
                    counts.0 += 1;
                    counts.1 = counts.1.max(counts.0);
                }
                thread::yield_now(); // let the others try to (wrongly) come in now
                inside.lock().expect("never poisoned").0 -= 1;
            });
        }
    });
    inside.into_inner().expect("never poisoned").1
}

/// Sends each job to a channel that two workers both receive from; collects the results.
fn square_on_two_workers(jobs: impl Iterator<Item = u64>) -> Vec<u64> {
    let (job_tx, job_rx) = crossbeam::channel::bounded(2);
    let (result_tx, result_rx) = crossbeam::channel::unbounded();
    thread::scope(|s| {
        for _ in 0..2 {
            // crossbeam's receivers can be cloned (std's mpsc ones cannot).
            let (job_rx, result_tx) = (job_rx.clone(), result_tx.clone());
            s.spawn(move || {
                for job in job_rx {
                    // The receiver lives until after the scope: sending cannot fail.
                    result_tx.send(job * job).expect("main still receives");
                }
            });
        }
        for job in jobs {
            // `job_rx` itself lives until the scope ends, so sending cannot fail.
            job_tx.send(job).expect("workers still receive");
        }
        drop(job_tx); // no more jobs: the workers' loops end
    });
    drop(result_tx); // the workers' clones are gone too, so the iteration below ends
    let mut results: Vec<u64> = result_rx.iter().collect();
    // Which worker finished first changes from run to run; sorted, it does not.
    results.sort_unstable();
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        testkit::expect_panics_from(&["std-mutex-holder", "parking-lot-holder"]);
        let out = Out::capture();
        lesson(&out);
        // The real race's numbers vary, and its size depends on the build profile.
        testkit::assert_lesson_snapshot!(
            "lesson-03",
            out.transcript(),
            testkit::filters::REAL_RACE
        );
    }
}
