//! What the learner's code did through `exercises::sync` while loom ran it.
//!
//! Every operation of the model's types (see `model.rs`) notes its kind here, with the
//! place in the source that called it (`#[track_caller]`). A check then asks whether
//! the learner's own file took part: an answer built on std's types runs outside loom's
//! view, and a pass would prove nothing.

use std::collections::BTreeSet;
use std::panic::Location;
use std::sync::{Mutex, PoisonError};

/// A kind of operation that loom sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Op {
    /// `thread::spawn`, or `thread::Builder::spawn`.
    Spawn,
    /// `JoinHandle::join`.
    Join,
    /// `Mutex::lock` or `try_lock`.
    Lock,
    /// `Condvar::wait` and its variants.
    Wait,
    /// `Condvar::notify_one` or `notify_all`.
    Notify,
    /// Any operation on an atomic.
    Atomic,
    /// `compare_exchange` or `compare_exchange_weak` (noted as [`Op::Atomic`] too): for an
    /// exercise whose point is to write the loop that `fetch_max` or `fetch_update`
    /// would write for you.
    CompareExchange,
    /// `Sender::send`.
    Send,
    /// `Receiver::recv`, or a step of `iter()` or a `for` loop over a receiver.
    Recv,
}

impl Op {
    /// What the learner's code would have done, in the words of a report.
    pub fn doing(self) -> &'static str {
        match self {
            Op::Spawn => "start a thread (`thread::spawn`)",
            Op::Join => "wait for a thread (`join`)",
            Op::Lock => "take a lock (`Mutex::lock`)",
            Op::Wait => "wait on a `Condvar`",
            Op::Notify => "notify a `Condvar`",
            Op::Atomic => "use an atomic",
            Op::CompareExchange => "call `compare_exchange` (or `compare_exchange_weak`)",
            Op::Send => "send on a channel",
            Op::Recv => "receive from a channel",
        }
    }
}

static FROM_ANSWER: Mutex<BTreeSet<Op>> = Mutex::new(BTreeSet::new());

/// Notes that `op` ran, called from `location`. Only calls from the learner's file
/// count: the checks include it from `graders/` as `#[path = "../NN-lesson/file.rs"]`,
/// so its path goes through `graders/..`.
pub(crate) fn saw(op: Op, location: &Location<'_>) {
    let file = location.file();
    if file.contains("graders/../") || file.contains("graders\\..\\") {
        // Nothing panics while holding this lock, so it is never poisoned in practice;
        // and a set of flags cannot be left half-updated anyway.
        FROM_ANSWER.lock().unwrap_or_else(PoisonError::into_inner).insert(op);
    }
}

/// Forgets what was seen (before a check starts).
pub(crate) fn forget() {
    FROM_ANSWER.lock().unwrap_or_else(PoisonError::into_inner).clear();
}

/// Whether the learner's code did `op` in any schedule so far.
pub(crate) fn was_seen(op: Op) -> bool {
    FROM_ANSWER.lock().unwrap_or_else(PoisonError::into_inner).contains(&op)
}

/// Whether the learner's code did anything at all under the model so far.
pub(crate) fn anything() -> bool {
    !FROM_ANSWER.lock().unwrap_or_else(PoisonError::into_inner).is_empty()
}
