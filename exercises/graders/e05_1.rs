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

#[test]
fn the_threads_find_every_prime() {
    let mut report = Vec::new();
    for (limit, threads) in [(100, 1), (100, 3), (26, 2), (1000, 7), (10007, 4), (5, 8)] {
        let primes = answer::count_primes(limit, threads);
        report.push(format!("below {limit} on {threads} threads: {primes} primes"));
    }
    insta::assert_snapshot!(report.join("\n"), @r#"
    below 100 on 1 threads: 25 primes
    below 100 on 3 threads: 25 primes
    below 26 on 2 threads: 9 primes
    below 1000 on 7 threads: 168 primes
    below 10007 on 4 threads: 1229 primes
    below 5 on 8 threads: 2 primes
    "#);
}
