//! Exercise 05-1: split the work (lesson 05, part 1).
//!
//! `count_primes` counts the primes below `limit` on `threads` scoped threads, each
//! taking one range of numbers. It must give the same answer as one thread, whatever the
//! limit and the number of threads. As it stands, it does not always. The check compares
//! its answers for a few limits and thread counts with the expected ones, as a snapshot.

use std::thread;

pub fn count_primes(limit: u64, threads: u64) -> u64 {
    let chunk = limit / threads;
    thread::scope(|s| {
        let counts: Vec<_> = (0..threads)
            .map(|t| {
                // TODO: which numbers does no thread look at when `limit` is not a
                // multiple of `threads`?
                let (from, to) = (t * chunk, (t + 1) * chunk);
                s.spawn(move || (from..to).filter(|&n| is_prime(n)).count() as u64)
            })
            .collect();
        counts.into_iter().map(|count| count.join().expect("counting does not panic")).sum()
    })
}

fn is_prime(n: u64) -> bool {
    n >= 2 && (2..).take_while(|d| d * d <= n).all(|d| n % d != 0)
}
