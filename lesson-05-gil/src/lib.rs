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

/// `n` and its noun, singular for 1: "1 thread", "4 threads".
pub fn count<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// What the lessons print under every speedup they give a bound for. A measurement can
/// come out above its bound (say 2.12x where two cores allow 2x) when something else on the
/// machine slowed the one-thread run more than the many-thread one; the line says so
/// whether or not this run did, so that the report reads the same on every run.
pub const NOISE: &str =
    "(timings are noisy: on a busy machine a speedup can come out a little above its bound)";

/// The speedup of `fast` over `slow` with its bound, "speedup: 1.97x, at most 2x here: ...",
/// and the [`NOISE`] line under it, both indented as the lessons' reports are.
pub fn speedup_lines(slow: Duration, fast: Duration, bound: &str) -> [String; 2] {
    [format!("   speedup: {}, {bound}", ratio(slow, fast)), format!("   {NOISE}")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speedup_above_its_bound_comes_with_the_reason() {
        let bound = "at most 2x here: 2 of the 4 threads can run at once";
        let ms = Duration::from_millis;
        let [speedup, why] = speedup_lines(ms(212), ms(100), bound);
        assert_eq!(speedup, format!("   speedup: 2.12x, {bound}"));
        assert!(why.contains("noisy") && why.contains("above its bound"), "{why}");
    }

    #[test]
    fn one_takes_the_singular() {
        assert_eq!(count(1_usize, "thread", "threads"), "1 thread");
        assert_eq!(count(4_usize, "thread", "threads"), "4 threads");
        assert_eq!(count(0_u64, "prime", "primes"), "0 primes");
    }
}
