//! The CPU-bound work of lesson 05, which lesson 06 does again four ways, and how both
//! print a time and a speedup: the formats `testkit::filters::TIMINGS` hides in their
//! snapshots.

use std::time::Duration;

/// The CPU-bound work: is `n` prime? Trial division by 2, then by odd numbers up to √n.
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    if n % 2 == 0 {
        return n == 2;
    }
    let mut divisor = 3;
    while divisor * divisor <= n {
        if n % divisor == 0 {
            return false;
        }
        divisor += 2;
    }
    true
}

/// A duration as seconds with three decimals: "0.051 s".
pub fn secs(time: Duration) -> String {
    format!("{:.3} s", time.as_secs_f64())
}

/// How many times faster `fast` was than `slow`, with two decimals: "1.95x".
pub fn ratio(slow: Duration, fast: Duration) -> String {
    format!("{:.2}x", slow.as_secs_f64() / fast.as_secs_f64().max(f64::MIN_POSITIVE))
}
