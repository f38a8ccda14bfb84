//! Lesson 10: lesson 05's prime count, built as a Python module. The counting is plain
//! Rust, here; `src/python.rs` is what Python sees, built only with the `extension`
//! feature (maturin turns it on). README.md is the lesson.

use rayon::prelude::*;
use std::ops::Range;

pub use lesson_05_gil::is_prime;

/// How many primes are in `numbers`, on the calling thread: lesson 05's trial division.
pub fn count_primes(numbers: Range<u64>) -> u64 {
    numbers.filter(|&n| is_prime(n)).count() as u64
}

/// The same count, shared out by rayon among the threads of its pool (one per core): the
/// calling thread, not one of them, blocks until they are done.
pub fn count_primes_rayon(numbers: Range<u64>) -> u64 {
    numbers.into_par_iter().filter(|&n| is_prime(n)).count() as u64
}

#[cfg(feature = "extension")]
mod python;
#[cfg(feature = "exercise")]
mod watched;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_counts_agree_with_the_known_one() {
        // 9592 primes below 100 000, 4 from 10 to 19 (11, 13, 17, 19).
        assert_eq!(count_primes(0..100_000), 9592);
        assert_eq!(count_primes_rayon(0..100_000), 9592);
        assert_eq!(count_primes(10..20), 4);
        assert_eq!(count_primes_rayon(0..2), 0);
    }
}
