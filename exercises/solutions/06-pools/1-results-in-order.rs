//! Exercise 06-1: results in order (lesson 06, "Where they differ").
//!
//! `squares` works out the square of each number on a thread of its own, and must return
//! the squares in the order of `numbers`, as Python's `pool.map` does. As it stands, each
//! thread sends its square down a channel, and the squares come out in the order the
//! threads finished. Make the order that of `numbers`, whichever thread finishes first.
//!
//! The check runs it for three numbers under loom, in every order the threads can finish
//! with at most three preemptions: one order that comes back shuffled fails it.

use exercises::sync::{mpsc, thread};

pub fn squares(numbers: Vec<u64>) -> Vec<u64> {
    let count = numbers.len();
    let (sender, receiver) = mpsc::channel();
    for (place, n) in numbers.into_iter().enumerate() {
        let sender = sender.clone();
        // Each square travels with its place in the input.
        thread::spawn(move || sender.send((place, n * n)).expect("main is receiving"));
    }
    let mut squares = vec![0; count];
    for _ in 0..count {
        let (place, square) = receiver.recv().expect("every thread sends one");
        squares[place] = square;
    }
    squares
}
