//! One counter, many handles
//!
//! Proves: for each setting, the total is threads × increments: every thread added to
//! the one counter that is returned.
//!
//! Hint: `Arc::clone(&counter)` makes a new handle to the same `Mutex`, not a new mutex;
//! the `move` closure takes that handle into its thread. `Arc::new(...)` inside the loop
//! makes a separate counter each time.

#[path = "../04-lock/2-one-counter-many-handles.rs"]
mod answer;

#[test]
fn every_thread_adds_to_the_one_counter() {
    // One thread, many, more threads than increments, and threads that add nothing.
    let report: Vec<String> = [(1, 10), (5, 1000), (8, 3), (3, 0)]
        .into_iter()
        .map(|(threads, increments)| {
            let total = answer::count_with_arc(threads, increments);
            let threads = exercises::check::plural(threads as u64, "thread");
            format!("{threads} x {increments}: {total}")
        })
        .collect();
    insta::assert_snapshot!(report.join("\n"), @r#"
    1 thread x 10: 10
    5 threads x 1000: 5000
    8 threads x 3: 24
    3 threads x 0: 0
    "#);
}
