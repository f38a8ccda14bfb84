//! The next free block
//!
//! Proves, over every schedule with at most three preemptions, of two threads claiming
//! three blocks: each block is claimed exactly once, and `None` comes only once every
//! block is taken.
//!
//! Hint: `next.fetch_add(1, Ordering::Relaxed)` reads and increments in one step and
//! returns the value before: that value is your block, and nobody else can get it.

#[path = "../05-gil/2-the-next-free-block.rs"]
mod answer;

use exercises::sync::{Arc, atomic::AtomicU64, thread};

const BLOCKS: u64 = 3;

fn claim_all(next: &AtomicU64) -> Vec<u64> {
    let mut mine = Vec::new();
    // A bound, in case an answer never returns `None`.
    while let Some(block) = answer::claim(next, BLOCKS) {
        mine.push(block);
        assert!(mine.len() <= BLOCKS as usize, "one thread claimed more blocks than there are");
    }
    // `None` promises that every block is taken: `next` has gone past the last one.
    let after = next.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        after >= BLOCKS,
        "claim returned None while block {after} of 0 to {} was still free: None must mean \
         that every block is taken, not that this thread lost a race",
        BLOCKS - 1
    );
    mine
}

use exercises::check::Op;

#[test]
fn every_block_is_claimed_once_in_every_schedule() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["claims blocks", "claims blocks"]);
    exercises::check::every_schedule(&[&[Op::Atomic]], || {
        let next = Arc::new(AtomicU64::new(0));
        let other = Arc::clone(&next);
        let thread = thread::spawn(move || claim_all(&other));
        let mut claimed = claim_all(&next);
        claimed.extend(thread.join().expect("see the message above"));
        claimed.sort();
        assert_eq!(claimed, [0, 1, 2], "the two threads claimed blocks {claimed:?} between them");
    });
}
