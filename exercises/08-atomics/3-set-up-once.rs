//! Exercise 08-3: set up once (lesson 08, part 5).
//!
//! `OnceU64` is a small `OnceLock<u64>`: the first call of `get_or_init` runs `init` and
//! keeps the value it returns; every later call returns that value, and does not run
//! `init`. Several threads may make the first call at the same time: still, `init` must
//! run once, and every caller must get the value it made.
//!
//! As it stands, `get_or_init` checks `ready`, then runs `init`: two threads can both
//! find `ready` unset, and both run `init`. And a thread that finds `ready` set can
//! still read `value` as it was before (0): `Relaxed` does not carry `value` with the
//! flag. Fix both. Lesson 08, part 5, shows the pattern: double-checked locking. The
//! struct has the lock it needs; change the fields if you want to build it another way.
//!
//! The check runs two threads that call `get_or_init` at the same time, each with its
//! own `init`, then one more call once both have ended, under loom, in every order with
//! at most three preemptions. It fails if `init` runs twice, or never, or if a call
//! returns anything but the value that the one `init` made.

use exercises::sync::Mutex;
use exercises::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A `u64` that is set up once, by the first call of `get_or_init`.
pub struct OnceU64 {
    /// Whether `value` is set up.
    ready: AtomicBool,
    /// The value, once `ready` is set.
    value: AtomicU64,
    /// For the thread that sets the value up: one at a time.
    lock: Mutex<()>,
}

impl OnceU64 {
    /// Not set up yet.
    pub fn new() -> OnceU64 {
        OnceU64 { ready: AtomicBool::new(false), value: AtomicU64::new(0), lock: Mutex::new(()) }
    }

    /// The value: the one `init` makes, if this is the first call.
    pub fn get_or_init(&self, init: impl FnOnce() -> u64) -> u64 {
        // TODO: a thread that finds `ready` set must also find `value` set.
        if self.ready.load(Ordering::Relaxed) {
            return self.value.load(Ordering::Relaxed);
        }
        // TODO: two threads can both get here before either sets `ready`.
        let value = init();
        self.value.store(value, Ordering::Relaxed);
        self.ready.store(true, Ordering::Relaxed);
        value
    }
}
