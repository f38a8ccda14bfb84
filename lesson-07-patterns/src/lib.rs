//! Lesson 07's building blocks whose promises loom checks over every schedule of a small
//! model, with those checks at the end: an [`Event`] (Python's `threading.Event`, which std lacks) and two
//! locks taken in one order, [`in_one_order`].

// One implementation, two sets of types: std's, or under `RUSTFLAGS="--cfg loom"` in
// tests, loom's look-alikes, so that loom can check it over every schedule of a small
// model. They come through the exercises' model, which notes each step this file makes
// with them, so that a failing schedule can be shown in this file's lines.
#[cfg(not(all(loom, test)))]
use std::sync::{Condvar, Mutex, MutexGuard};

#[cfg(all(loom, test))]
use exercises::sync::{Condvar, Mutex, MutexGuard};

// ANCHOR: event
/// Python's `threading.Event`: a flag that threads can wait for. Once set, it stays set,
/// and every waiter, past or future, goes on.
#[derive(Default)]
pub struct Event {
    is_set: Mutex<bool>,
    changed: Condvar,
}

impl Event {
    /// Sets the flag and wakes every thread waiting for it.
    pub fn set(&self) {
        // Nothing panics while holding this lock, so it is never poisoned.
        *self.is_set.lock().expect("never poisoned") = true;
        self.changed.notify_all();
    }

    /// Waits until the flag is set; returns at once if it already is.
    pub fn wait(&self) {
        let mut is_set = self.is_set.lock().expect("never poisoned");
        // The flag is checked under the lock. `wait` unlocks and starts waiting as one step
        // as far as notifications go (std's docs: "atomically"): a `notify_all` that comes
        // after the unlock wakes this thread, so a `set` cannot slip in between and be
        // missed. The loop checks again after every wake-up (std's `wait_while` is this loop).
        while !*is_set {
            is_set = self.changed.wait(is_set).expect("never poisoned");
        }
    }

    /// Is the flag set? (Python's `is_set()`.)
    pub fn is_set(&self) -> bool {
        *self.is_set.lock().expect("never poisoned")
    }
}
// ANCHOR_END: event

// ANCHOR: in_one_order
/// Locks both mutexes, always the one at the lower address first, whatever order the
/// caller names them in. Two threads that lock the same two mutexes this way cannot each
/// hold one and wait for the other. `a` and `b` must be two different mutexes: locking
/// one twice would deadlock (or panic) by itself.
pub fn in_one_order<'a, T>(
    a: &'a Mutex<T>,
    b: &'a Mutex<T>,
) -> (MutexGuard<'a, T>, MutexGuard<'a, T>) {
    assert!(!std::ptr::eq(a, b), "in_one_order needs two different mutexes");
    // Nothing panics while holding these locks in this lesson.
    if std::ptr::from_ref(a) < std::ptr::from_ref(b) {
        let first = a.lock().expect("never poisoned");
        (first, b.lock().expect("never poisoned"))
    } else {
        let first = b.lock().expect("never poisoned");
        (a.lock().expect("never poisoned"), first)
    }
}
// ANCHOR_END: in_one_order

/// loom's checks, run with
/// `RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test --release -p lesson-07-patterns --lib`.
/// `loom::model` runs with loom's defaults: no preemption bound (unless the
/// `LOOM_MAX_PREEMPTIONS` environment variable sets one), so every schedule of each small
/// model is tried, except those that cannot change the outcome.
#[cfg(all(loom, test))]
mod loom_proofs {
    use super::*;
    use exercises::sync::{Arc, thread};

    /// A waiter never misses a `set`, whether it starts waiting before or after it. (loom's
    /// `Condvar` never wakes up for no reason, so this does not test the `while` loop's
    /// other job, spurious wake-ups; std's documentation allows them.)
    #[test]
    fn a_set_event_is_never_missed() {
        loom::model(|| {
            let event = Arc::new(Event::default());
            let waiters: Vec<_> = (0..2)
                .map(|_| {
                    let event = Arc::clone(&event);
                    thread::spawn(move || event.wait())
                })
                .collect();
            event.set();
            for waiter in waiters {
                waiter.join().expect("wait does not panic");
            }
            assert!(event.is_set());
        });
    }

    /// Two threads that lock the same two mutexes in opposite orders can deadlock: loom
    /// finds the schedule. Once deadlocked, loom's cleanup panics again and the process
    /// aborts, so the model runs in a test process of its own, started by the next test;
    /// it prints the schedule's steps, in this file's lines, as the deadlock is found.
    #[test]
    #[ignore = "run in a process of its own by opposite_orders_deadlock_in_some_schedule"]
    fn opposite_orders_model() {
        exercises::check::threads(&["locks a, then b", "locks b, then a"]);
        exercises::check::failing_schedule(file!(), || {
            let locks = Arc::new((Mutex::new(0), Mutex::new(0)));
            let other = Arc::clone(&locks);
            let thread = thread::spawn(move || {
                let _b = other.1.lock().expect("never poisoned");
                let _a = other.0.lock().expect("never poisoned");
            });
            {
                let _a = locks.0.lock().expect("never poisoned");
                let _b = locks.1.lock().expect("never poisoned");
            }
            thread.join().expect("no panic");
        });
    }

    /// The deadlock's schedule is pinned in `snapshots/loom-deadlock.txt`, which README.md
    /// quotes.
    #[test]
    fn opposite_orders_deadlock_in_some_schedule() {
        let this_test_binary = std::env::current_exe().expect("the test binary has a path");
        let model = "loom_proofs::opposite_orders_model";
        let run = std::process::Command::new(this_test_binary)
            .args(["--exact", model, "--ignored", "--nocapture"])
            .output()
            .expect("the test binary runs");
        let output = String::from_utf8_lossy(&run.stdout) + String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "loom found no deadlock:\n{output}");
        assert!(
            output.contains("deadlock; threads"),
            "it failed, but not with a deadlock:\n{output}"
        );
        let steps = exercises::report::schedule(&output);
        let steps = steps.unwrap_or_else(|| panic!("no schedule's steps:\n{output}"));
        let pinned = concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots/loom-deadlock.txt");
        exercises::check::pinned(pinned, steps);
    }

    /// The same two threads through `in_one_order` never deadlock, in any schedule.
    #[test]
    fn one_order_never_deadlocks() {
        loom::model(|| {
            let locks = Arc::new((Mutex::new(0), Mutex::new(0)));
            let other = Arc::clone(&locks);
            let thread = thread::spawn(move || {
                let (mut b, mut a) = in_one_order(&other.1, &other.0);
                *a += 1;
                *b += 1;
            });
            {
                let (mut a, mut b) = in_one_order(&locks.0, &locks.1);
                *a += 1;
                *b += 1;
            }
            thread.join().expect("no panic");
            assert_eq!(*locks.0.lock().expect("never poisoned"), 2);
        });
    }
}
