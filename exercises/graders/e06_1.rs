//! Results in order
//!
//! Proves, over every schedule with at most three preemptions, of main and three
//! threads: the squares come back in the order of the numbers, whichever thread
//! finishes first.
//!
//! Hint: send `(place, n * n)` instead of `n * n`, with `place` from
//! `numbers.into_iter().enumerate()`, and put each square at its place in a
//! `vec![0; count]`. Or keep the `JoinHandle`s in a `Vec`, let each thread return its
//! square, and `join` them in order. Sorting the squares does not do it: the order wanted
//! is the input's, not the smallest first.

#[path = "../06-pools/1-results-in-order.rs"]
mod answer;

use exercises::check::Op;

#[test]
fn the_squares_come_back_in_input_order_in_every_schedule() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["calls squares", "a worker", "a worker", "a worker"]);
    exercises::check::every_schedule(&[&[Op::Spawn], &[Op::Recv, Op::Join]], || {
        let squares = answer::squares(vec![3, 1, 2]);
        assert_eq!(squares, [9, 1, 4], "the squares of [3, 1, 2] came back as {squares:?}");
    });
}
