//! Split the work
//!
//! Proves: for each limit and thread count in the table, the threads find as many primes
//! as one thread does.
//!
//! Hint: with `limit` 10 and 3 threads, `chunk` is 3 and the threads look at 0..3, 3..6
//! and 6..9: nobody looks at 9. Let the last thread go on to `limit`:
//! `let to = if t == threads - 1 { limit } else { (t + 1) * chunk };`.

#[path = "../05-gil/1-split-the-work.rs"]
mod answer;

use exercises::check;

#[test]
fn the_threads_find_every_prime() {
    let mut report = Vec::new();
    // The edges: one thread, a limit that threads do not divide, the last number below
    // the limit a prime (7 below 8, 10007 below 10008), more threads than numbers, none.
    let table = [(100, 1), (100, 3), (26, 2), (8, 3), (1000, 7), (10008, 4), (5, 8), (0, 2)];
    for (limit, threads) in table {
        let primes = answer::count_primes(limit, threads);
        let threads = check::plural(threads, "thread");
        report.push(format!("below {limit} on {threads}: {}", check::plural(primes, "prime")));
    }
    insta::assert_snapshot!(report.join("\n"), @r#"
    below 100 on 1 thread: 25 primes
    below 100 on 3 threads: 25 primes
    below 26 on 2 threads: 9 primes
    below 8 on 3 threads: 4 primes
    below 1000 on 7 threads: 168 primes
    below 10008 on 4 threads: 1230 primes
    below 5 on 8 threads: 2 primes
    below 0 on 2 threads: 0 primes
    "#);
}
