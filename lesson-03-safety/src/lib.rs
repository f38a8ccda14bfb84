#![doc = include_str!("../README.md")]
//!
//! ---
//!
//! The items below are the tools lesson 03 builds or studies; `src/main.rs` is the tour
//! that uses them. They live in this small library so that rustdoc compiles the README's
//! examples above (rustdoc only tests libraries).

use std::hint::black_box;
use std::sync::{Barrier, PoisonError};
use std::thread;

// One implementation, two sets of types. A normal build uses std's; the model-checking
// tests (`RUSTFLAGS="--cfg loom" cargo test`, see `mod loom_proofs` at the end) swap in
// loom's look-alikes, which let loom run the same code under every schedule of a small
// model. They come through the exercises' model, which notes each step this file makes
// with them, so that a failing schedule can be shown in this file's lines.
#[cfg(not(all(loom, test)))]
use std::sync::{
    Condvar, Mutex, MutexGuard,
    atomic::{AtomicU64, Ordering},
};

#[cfg(all(loom, test))]
use exercises::sync::{
    Condvar, Mutex, MutexGuard,
    atomic::{AtomicU64, Ordering},
};

/// One step of `counter += 1`, as the CPU really does it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Copy the shared counter into this thread's register.
    Read,
    /// Add 1 to the register. Nobody else can see this.
    Add,
    /// Copy the register back into the shared counter.
    Write,
}

/// What each of the two threads runs for one `counter += 1`.
pub const INCREMENT: [Step; 3] = [Step::Read, Step::Add, Step::Write];

/// Every order in which threads `A` and `B` can run their [`INCREMENT`] steps, each
/// thread keeping its own order. A schedule lists which thread moves at each turn.
///
/// ```
/// use lesson_03_safety::interleavings;
/// let all = interleavings();
/// assert_eq!(all.len(), 20); // 6 turns, choose which 3 are A's
/// assert_eq!(all[0], "AAABBB");
/// ```
pub fn interleavings() -> Vec<String> {
    fn extend(schedule: String, a_left: usize, b_left: usize, all: &mut Vec<String>) {
        if a_left == 0 && b_left == 0 {
            all.push(schedule);
            return;
        }
        if a_left > 0 {
            extend(schedule.clone() + "A", a_left - 1, b_left, all);
        }
        if b_left > 0 {
            extend(schedule + "B", a_left, b_left - 1, all);
        }
    }
    let mut all = Vec::new();
    extend(String::new(), INCREMENT.len(), INCREMENT.len(), &mut all);
    all
}

/// Runs one schedule from [`interleavings`] on a counter that starts at 0 and returns
/// the final value: 2 if both increments counted, 1 if one was lost.
///
/// ```
/// use lesson_03_safety::final_value;
/// assert_eq!(final_value("AAABBB"), 2); // A finished before B started
/// assert_eq!(final_value("ABABAB"), 1); // both read 0, both wrote 1
/// ```
pub fn final_value(schedule: &str) -> u64 {
    let mut counter = 0;
    let mut register = [0, 0];
    let mut next_step = [0, 0];
    for who in schedule.chars() {
        let t = usize::from(who == 'B');
        match INCREMENT[next_step[t]] {
            Step::Read => register[t] = counter,
            Step::Add => register[t] += 1,
            Step::Write => counter = register[t],
        }
        next_step[t] += 1;
    }
    counter
}

/// `threads` threads each add 1 to one counter `increments` times, as a separate load
/// and store. Safe Rust, no data race, and still wrong: another thread can store
/// between our load and our store, and its update is lost. Returns the final count,
/// which may be anything from 2 to `threads * increments`, depending on the scheduler.
///
/// ```
/// let count = lesson_03_safety::racy_count(2, 1000);
/// assert!(count <= 2000);
/// ```
pub fn racy_count(threads: usize, increments: u64) -> u64 {
    let counter = AtomicU64::new(0);
    // Every thread waits here until all have arrived, so that their loops overlap. Without
    // it the first thread might finish before the last one starts, and never race.
    let start_line = Barrier::new(threads);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                start_line.wait();
                for _ in 0..increments {
                    racy_increment(&counter);
                }
            });
        }
    });
    counter.load(Ordering::Relaxed) // every thread has ended: nobody stores any more
}

// ANCHOR: racy_increment
/// `counter += 1` as a separate load and store: the step that loses updates.
fn racy_increment(counter: &AtomicU64) {
    // `black_box` keeps the load and the store two separate instructions. Without it, a
    // release build on x86-64 fuses them into one `inc` instruction: still not atomic,
    // but the window between read and write becomes so narrow that losses are rarer.
    let seen = black_box(counter.load(Ordering::Relaxed));
    // Another thread may store here; we are about to overwrite it.
    counter.store(seen + 1, Ordering::Relaxed);
}
// ANCHOR_END: racy_increment

/// A counting semaphore built from a `Mutex` and a `Condvar`: at most `permits` holders
/// at once. The standard library has none; Python's `threading.Semaphore` is one.
///
/// ```
/// let gate = lesson_03_safety::Semaphore::new(1);
/// let permit = gate.acquire();
/// assert!(gate.try_acquire().is_none()); // the only permit is taken
/// drop(permit);
/// assert!(gate.try_acquire().is_some());
/// ```
#[derive(Debug)]
pub struct Semaphore {
    free: Mutex<usize>,
    released: Condvar,
}

/// Proof of holding one permit of a [`Semaphore`]; dropping it gives the permit back,
/// as leaving Python's `with semaphore:` block does.
#[derive(Debug)]
#[must_use = "the permit is given back as soon as it is dropped"]
pub struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Semaphore {
    /// A semaphore with `permits` free permits.
    pub fn new(permits: usize) -> Self {
        Semaphore { free: Mutex::new(permits), released: Condvar::new() }
    }

    /// Waits until a permit is free, then takes it.
    pub fn acquire(&self) -> Permit<'_> {
        let mut free = self.count();
        // `wait` unlocks, sleeps until notified, and locks again. A wake-up does not
        // promise a free permit (another thread may have taken it first), so check again.
        while *free == 0 {
            free = self.released.wait(free).unwrap_or_else(PoisonError::into_inner);
        }
        self.take(free)
    }

    /// Takes a permit if one is free right now, without waiting.
    pub fn try_acquire(&self) -> Option<Permit<'_>> {
        let free = self.count();
        (*free > 0).then(|| self.take(free))
    }

    fn take(&self, mut free: MutexGuard<'_, usize>) -> Permit<'_> {
        *free -= 1;
        Permit { semaphore: self }
    }

    fn count(&self) -> MutexGuard<'_, usize> {
        // Only the arithmetic above runs under this lock, and it cannot panic, so the
        // mutex is never poisoned. Were it poisoned, the count would still be right.
        self.free.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.semaphore.count() += 1;
        self.semaphore.released.notify_one();
    }
}

/// A one-item mailbox: a `Mutex<Option<T>>` and a `Condvar` to wait on, the Rust shape of
/// Python's `threading.Condition`. `put` waits while the box is full, `take` while it is
/// empty.
///
/// ```
/// use lesson_03_safety::Mailbox;
/// use std::thread;
///
/// let mailbox = Mailbox::new();
/// thread::scope(|s| {
///     s.spawn(|| (1..=3).for_each(|n| mailbox.put(n)));
///     let got: Vec<i32> = (0..3).map(|_| mailbox.take()).collect();
///     assert_eq!(got, [1, 2, 3]);
/// });
/// ```
#[derive(Debug, Default)]
pub struct Mailbox<T> {
    slot: Mutex<Option<T>>,
    changed: Condvar,
}

impl<T> Mailbox<T> {
    /// An empty mailbox.
    pub fn new() -> Self {
        Mailbox { slot: Mutex::new(None), changed: Condvar::new() }
    }

    /// Waits until the box is empty, then puts `item` in it.
    pub fn put(&self, item: T) {
        let mut slot = self.slot();
        while slot.is_some() {
            slot = self.changed.wait(slot).unwrap_or_else(PoisonError::into_inner);
        }
        *slot = Some(item);
        // Wake whoever waits: they re-check their condition, so waking too many is safe.
        self.changed.notify_all();
    }

    /// Waits until the box holds an item, then takes it out.
    pub fn take(&self) -> T {
        let mut slot = self.slot();
        loop {
            if let Some(item) = slot.take() {
                self.changed.notify_all();
                return item;
            }
            slot = self.changed.wait(slot).unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn slot(&self) -> MutexGuard<'_, Option<T>> {
        // Never poisoned: nothing that can panic runs while the slot is locked.
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn only_the_two_serial_orders_count_both_increments() {
        let all = interleavings();
        assert_eq!(all.len(), 20);
        for schedule in &all {
            assert_eq!(schedule.matches('A').count(), 3);
            // Both updates survive exactly when one thread's write comes before the other's
            // read, which (each thread keeping its own order) means one ran entirely first.
            let serial = schedule == "AAABBB" || schedule == "BBBAAA";
            assert_eq!(final_value(schedule) == 2, serial, "{schedule}");
            assert!((1..=2).contains(&final_value(schedule)));
        }
    }

    #[test]
    fn the_semaphore_never_lets_more_than_its_permits_in() {
        let gate = Semaphore::new(3);
        let inside = AtomicU64::new(0);
        let most = AtomicU64::new(0);
        thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..200 {
                        let _permit = gate.acquire();
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert!(most.into_inner() <= 3);
        assert_eq!(*gate.count(), 3, "every permit came back");
    }

    #[test]
    fn the_mailbox_delivers_every_item_in_order() {
        let mailbox = Mailbox::new();
        let got: Vec<u32> = thread::scope(|s| {
            s.spawn(|| (0..1000).for_each(|n| mailbox.put(n)));
            (0..1000).map(|_| mailbox.take()).collect()
        });
        assert_eq!(got, (0..1000).collect::<Vec<_>>());
    }
}

/// Checks over every schedule, not one lucky run: `loom::model` runs its closure once per
/// interleaving of the threads in it (and fails on a deadlock). It is called with loom's
/// defaults, which set no preemption bound (unless the `LOOM_MAX_PREEMPTIONS` environment
/// variable sets one), so it tries every schedule, skipping only those that cannot change
/// the outcome. `RUSTFLAGS="--cfg loom" cargo test --release -p lesson-03-safety --lib`
#[cfg(all(test, loom))]
mod loom_proofs {
    use super::*;
    use exercises::sync::{Arc, atomic::AtomicUsize, thread};

    /// Runs `work` on `threads` loom threads, each with its own clone of `shared`.
    fn on_threads<T: Send + Sync + 'static>(threads: usize, shared: &Arc<T>, work: fn(&T)) {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let shared = Arc::clone(shared);
                thread::spawn(move || work(&shared))
            })
            .collect();
        for handle in handles {
            handle.join().expect("the threads under test do not panic");
        }
    }

    /// loom finds a schedule that loses an update. Its steps, in this file's lines, are
    /// pinned in `snapshots/loom-lost-update.txt`, which README.md quotes.
    #[test]
    fn loom_finds_the_schedule_where_the_load_then_store_loses_an_update() {
        exercises::check::threads(&["the model", "racy_increment", "racy_increment"]);
        let found = exercises::check::failing_schedule(file!(), || {
            let counter = Arc::new(AtomicU64::new(0));
            on_threads(2, &counter, racy_increment);
            assert_eq!(counter.load(Ordering::Relaxed), 2, "lost an update");
        });
        let (message, steps) = found.expect("loom found no schedule that loses an update");
        assert!(message.contains("lost an update"), "it failed, but not so: {message}");
        let pinned = concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots/loom-lost-update.txt");
        exercises::check::pinned(pinned, &steps);
    }

    #[test]
    fn a_single_fetch_add_never_loses_one() {
        // The control: the same model, with the read-add-write made one step.
        loom::model(|| {
            let counter = Arc::new(AtomicU64::new(0));
            on_threads(2, &counter, |counter| {
                counter.fetch_add(1, Ordering::Relaxed);
            });
            assert_eq!(counter.load(Ordering::Relaxed), 2);
        });
    }

    /// A semaphore with 1 permit, and how many threads hold one right now.
    struct Gate {
        semaphore: Semaphore,
        inside: AtomicUsize,
    }

    #[test]
    fn the_semaphore_never_lets_more_than_its_permits_in_and_never_deadlocks() {
        loom::model(|| {
            let gate = Arc::new(Gate { semaphore: Semaphore::new(1), inside: AtomicUsize::new(0) });
            on_threads(3, &gate, |gate| {
                let _permit = gate.semaphore.acquire();
                let now = gate.inside.fetch_add(1, Ordering::SeqCst) + 1;
                assert!(now <= 1, "{now} threads inside a 1-permit semaphore");
                gate.inside.fetch_sub(1, Ordering::SeqCst);
            });
            // Every thread got in and out (loom reports a deadlock as a failure), and
            // every permit came back.
            assert_eq!(*gate.semaphore.count(), 1);
        });
    }

    #[test]
    fn the_mailbox_delivers_every_item_in_order_and_always_ends() {
        loom::model(|| {
            let mailbox = Arc::new(Mailbox::new());
            let producer = {
                let mailbox = Arc::clone(&mailbox);
                thread::spawn(move || (1..=3).for_each(|item| mailbox.put(item)))
            };
            let got: Vec<u32> = (0..3).map(|_| mailbox.take()).collect();
            producer.join().expect("put does not panic");
            assert_eq!(got, [1, 2, 3]);
        });
    }
}
