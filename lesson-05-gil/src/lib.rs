//! The CPU-bound work of lesson 05, which lesson 06 does again four ways.

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
