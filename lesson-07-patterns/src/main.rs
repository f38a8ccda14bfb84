//! Lesson 07: the rest of Python's `threading`, in Rust.
//!
//! `cargo run -p lesson-07-patterns` runs it; README.md beside this folder explains it.
//! Every part prints what holds whatever the scheduler does: where threads race, they
//! record what happened and `main` prints it, in a fixed order, once they are joined.
//! `src/lib.rs` holds the `Event` and the lock-ordering helper, with their loom checks.

use common::{Out, outln};
use crossbeam::channel::{self, TrySendError};
use lesson_07_patterns::{Event, in_one_order};
use std::cell::Cell;
use std::sync::{Barrier, Condvar, Mutex, RwLock, mpsc};
use std::thread;
use std::time::Duration;

/// How long a thread waits before it gives up, in parts 6 and 7.
const PATIENCE: Duration = Duration::from_millis(50);

fn main() {
    lesson(&Out::terminal());
}

fn lesson(out: &Out) {
    outln!(out, "1. Event -> Mutex<bool> + Condvar (std has no Event)");
    let event = Event::default();
    thread::scope(|s| {
        let waiter = s.spawn(|| {
            event.wait();
            "the waiter saw the event set"
        });
        event.set();
        outln!(out, "   {}", waiter.join().expect("waiting does not panic"));
    });

    outln!(out);
    outln!(out, "2. Barrier -> std::sync::Barrier: nobody leaves until all have arrived");
    let barrier = Barrier::new(3);
    let steps = Mutex::new(Vec::new());
    let leaders = thread::scope(|s| {
        let threads: Vec<_> = (0..3)
            .map(|_| {
                s.spawn(|| {
                    steps.lock().expect("never poisoned").push("arrived");
                    let is_leader = barrier.wait().is_leader();
                    steps.lock().expect("never poisoned").push("left");
                    is_leader
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("no thread panics"))
            .filter(|&leader| leader)
            .count()
    });
    let steps = steps.into_inner().expect("never poisoned");
    let all_arrived_first = steps[..3].iter().all(|step| *step == "arrived");
    outln!(out, "   3 threads: all arrived before any left: {all_arrived_first}");
    outln!(out, "   wait() named exactly one of them the leader: {}", leaders == 1);

    outln!(out);
    outln!(out, "3. threading.local -> thread_local!: each thread its own copy");
    thread_local! {
        static CALLS: Cell<u32> = const { Cell::new(0) };
    }
    let counts: Vec<u32> = thread::scope(|s| {
        let threads: Vec<_> = (1..=3)
            .map(|n| {
                s.spawn(move || {
                    for _ in 0..n * 10 {
                        CALLS.with(|calls| calls.set(calls.get() + 1));
                    }
                    CALLS.with(Cell::get)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().expect("no thread panics")).collect()
    });
    outln!(
        out,
        "   three threads counted {counts:?}; main's own copy is still {}",
        CALLS.with(Cell::get)
    );

    outln!(out);
    outln!(out, "4. RwLock -> std::sync::RwLock (Python's standard library has none)");
    let settings = RwLock::new(String::from("dark mode"));
    let readers_inside = Barrier::new(3);
    thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| {
                let _reading = settings.read().expect("never poisoned");
                // All three pass this barrier only if all three hold the read lock at once.
                readers_inside.wait();
            });
        }
    });
    outln!(out, "   3 readers held the read lock at the same time");
    settings.write().expect("never poisoned").push_str(", large text");
    outln!(out, "   then one writer, alone: {:?}", settings.read().expect("never poisoned"));

    outln!(out);
    outln!(out, "5. Queue(maxsize=2) -> crossbeam::channel::bounded(2): back-pressure");
    let (sender, receiver) = channel::bounded(2);
    let tries: Vec<String> = (1..=3)
        .map(|item| match sender.try_send(item) {
            Ok(()) => format!("{item} queued"),
            Err(TrySendError::Full(item)) => format!("{item} refused, the queue is full"),
            Err(TrySendError::Disconnected(item)) => format!("{item}: nobody receives"),
        })
        .collect();
    outln!(out, "   try_send 1, 2, 3 with nobody receiving: {}", tries.join(", "));
    thread::scope(|s| {
        // `send` waits while the queue is full: it returns once the receiver below has
        // taken an item.
        s.spawn(|| sender.send(3).expect("the receiver is alive"));
        let got: Vec<i32> = (0..3).map(|_| receiver.recv().expect("the sender is alive")).collect();
        outln!(out, "   with a receiver, send(3) gets in once there is room; received {got:?}");
    });

    outln!(out);
    outln!(out, "6. Timeouts");
    let lock = parking_lot::Mutex::new(0);
    let held = lock.lock();
    let got = thread::scope(|s| s.spawn(|| lock.try_lock_for(PATIENCE).is_some()).join());
    drop(held);
    let got = got.expect("no thread panics");
    outln!(out, "   Lock.acquire(timeout=) -> parking_lot try_lock_for: got it while held: {got}");
    let (flag, nobody_notifies) = (Mutex::new(false), Condvar::new()); // nobody sets the flag
    let guard = flag.lock().expect("never poisoned");
    // `_while`: a wake-up for no reason (a spurious one) does not end the wait early.
    let (_guard, result) =
        nobody_notifies.wait_timeout_while(guard, PATIENCE, |set| !*set).expect("never poisoned");
    outln!(
        out,
        "   Condition.wait_for(timeout=) -> Condvar::wait_timeout_while: timed out: {}",
        result.timed_out()
    );
    let (finish, until_told) = mpsc::channel::<()>();
    let (done, finished) = mpsc::channel();
    let worker = thread::spawn(move || {
        let _ = until_told.recv(); // works until `main` says stop
        let _ = done.send(());
    });
    let waited = finished.recv_timeout(PATIENCE);
    outln!(
        out,
        "   Thread.join(timeout=) -> none in std; recv_timeout on a channel: {:?}, is_finished: {}",
        waited,
        worker.is_finished()
    );
    drop(finish); // the worker's `recv` fails, and it ends
    worker.join().expect("the worker does not panic");

    outln!(out);
    outln!(out, "7. Deadlock: two threads take locks A and B in opposite orders");
    // ANCHOR: deadlock
    let (a, b) = (parking_lot::Mutex::new(()), parking_lot::Mutex::new(()));
    let (holding, gave_up) = (Barrier::new(2), Barrier::new(2));
    let report = |first: &parking_lot::Mutex<()>, second: &parking_lot::Mutex<()>, name| {
        let _first = first.lock();
        holding.wait(); // both now hold their first lock
        let got = second.try_lock_for(PATIENCE).is_some();
        gave_up.wait(); // neither lets go before both have tried
        if got { format!("{name} got both") } else { format!("{name} gave up") }
    };
    let (one, two) = thread::scope(|s| {
        let one = s.spawn(|| report(&a, &b, "thread 1 (A, then B)"));
        let two = s.spawn(|| report(&b, &a, "thread 2 (B, then A)"));
        (one.join().expect("no panic"), two.join().expect("no panic"))
    });
    outln!(out, "   each held what the other wanted: {one}; {two}");
    // ANCHOR_END: deadlock
    let (a, b) = (Mutex::new(0), Mutex::new(0));
    thread::scope(|s| {
        s.spawn(|| {
            let (mut a, mut b) = in_one_order(&a, &b);
            *a += 1;
            *b += 1;
        });
        s.spawn(|| {
            let (mut b, mut a) = in_one_order(&b, &a);
            *a += 1;
            *b += 1;
        });
    });
    let counts = (a.into_inner().expect("never poisoned"), b.into_inner().expect("never poisoned"));
    outln!(
        out,
        "   the fix, one order for everyone (in_one_order): both finished, counts {counts:?}"
    );
    find_a_deadlock(out);
}

/// With `--features deadlock-detection`: two threads deadlock for real, and parking_lot's
/// detector finds the cycle. The two threads stay stuck until the process ends.
#[cfg(feature = "deadlock-detection")]
fn find_a_deadlock(out: &Out) {
    use std::sync::Arc;
    let locks = Arc::new((parking_lot::Mutex::new(()), parking_lot::Mutex::new(())));
    let both_hold = Arc::new(Barrier::new(2));
    let mut names = Vec::new();
    for name in ["stuck-1", "stuck-2"] {
        let (locks, both_hold) = (Arc::clone(&locks), Arc::clone(&both_hold));
        let handle = thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let (first, second) =
                    if name == "stuck-1" { (&locks.0, &locks.1) } else { (&locks.1, &locks.0) };
                let _first = first.lock();
                both_hold.wait();
                let _second = second.lock(); // waits forever
            })
            .expect("the OS starts a thread");
        names.push((handle.thread().id(), name));
    }
    loop {
        thread::sleep(Duration::from_millis(10));
        if let Some(cycle) = parking_lot::deadlock::check_deadlock().first() {
            // The detector reports std's `ThreadId`s; the names are ours.
            let name = |id| names.iter().find(|(known, _)| *known == id).map_or("?", |(_, n)| *n);
            let mut stuck: Vec<&str> =
                cycle.iter().map(|thread| name(thread.thread_id())).collect();
            stuck.sort_unstable();
            outln!(out, "   parking_lot's detector found a cycle: {}", stuck.join(" and "));
            return;
        }
    }
}

#[cfg(not(feature = "deadlock-detection"))]
fn find_a_deadlock(out: &Out) {
    outln!(
        out,
        "   (cargo run -p lesson-07-patterns --features deadlock-detection: parking_lot finds one)"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        lesson(&out);
        testkit::assert_lesson_snapshot!("lesson-07", out.transcript());
    }
}
