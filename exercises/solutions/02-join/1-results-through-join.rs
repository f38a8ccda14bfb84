//! Exercise 02-1: results come back through `join` (lesson 02, part 2).
//!
//! `half_sums` should add up each half of `numbers` on a thread of its own and return the
//! two sums, which the threads hand back through `join`: no shared variable, no lock.
//! As it stands, it starts the threads but returns zeros. The check compares its answers for a few lists with
//! the expected ones, as a snapshot.

use std::thread;

pub fn half_sums(mut numbers: Vec<u64>) -> (u64, u64) {
    // The two halves, each moved into its thread below: after this, only the threads
    // have the numbers.
    let right = numbers.split_off(numbers.len() / 2);
    let left = numbers;
    let left_sum = thread::spawn(move || left.iter().sum::<u64>());
    let right_sum = thread::spawn(move || right.iter().sum::<u64>());
    (
        left_sum.join().expect("a sum does not panic"),
        right_sum.join().expect("a sum does not panic"),
    )
}
