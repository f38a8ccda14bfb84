//! Exercise 05-2: the next free block (lesson 05, part 1).
//!
//! Lesson 05's threads share the work by claiming blocks: each asks `claim` for the next
//! block nobody has taken, until none are left. Every block must be claimed exactly once.
//! As it stands, two threads can claim the same block. Fix `claim`, without a lock.
//!
//! The check runs two threads claiming three blocks, under loom, in every order with at
//! most three preemptions: one order where a block is claimed twice, or not at all,
//! fails it.

use exercises::sync::atomic::{AtomicU64, Ordering};

/// The next block nobody has claimed, or `None` once all `blocks` are taken.
pub fn claim(next: &AtomicU64, blocks: u64) -> Option<u64> {
    let block = next.fetch_add(1, Ordering::Relaxed);
    (block < blocks).then_some(block)
}
