//! Results come back through `join`
//!
//! Proves: for each list, the two sums are those of its halves.
//!
//! Hint: `let left_sum = thread::spawn(move || left.iter().sum::<u64>());` moves `left`
//! into the thread; `left_sum.join().expect("a sum does not panic")` waits and hands back
//! what the closure returned.

#[path = "../02-join/1-results-through-join.rs"]
mod answer;

#[test]
fn each_half_is_summed() {
    // An even length, an odd one, and the edges: one number, none.
    let lists: [Vec<u64>; 5] =
        [(1..=10).collect(), vec![7, 1], (1..=101).collect(), vec![5], Vec::new()];
    let report: Vec<String> = lists
        .into_iter()
        .map(|numbers| {
            let n = numbers.len();
            let n = exercises::check::plural(n as u64, "number");
            format!("{n}: {:?}", answer::half_sums(numbers))
        })
        .collect();
    insta::assert_snapshot!(report.join("\n"), @r#"
    10 numbers: (15, 40)
    2 numbers: (7, 1)
    101 numbers: (1275, 3876)
    1 number: (0, 5)
    0 numbers: (0, 0)
    "#);
}
