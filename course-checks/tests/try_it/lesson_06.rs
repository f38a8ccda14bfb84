//! lesson-06-pools/README.md, "Try it".

use super::*;

crate::tries![
    try_1_two_threads_show_in_the_snapshot_diff,
    try_2_a_lost_leftover_fails_the_awkward_sizes,
];

const LESSON: &str = "lesson-06-pools";

/// Try 1: two threads; the answer does not change.
pub fn try_1_two_threads_show_in_the_snapshot_diff() {
    let build = copy(LESSON, "try-1")
        .edit("src/main.rs", "const THREADS: usize = 4;", "const THREADS: usize = 2;")
        .build();
    assert_review_shows(
        &build,
        &["src/main.rs"],
        &["lesson-06.snap"],
        &["2. thread::scope, one chunk of numbers per thread (4 threads)"],
        &[
            "2. thread::scope, one chunk of numbers per thread (2 threads)",
            "3. A work queue: 2 threads take blocks of 10000 numbers until none are left",
            "Every way found the same answer: 78498 primes",
        ],
    );
}

/// Try 2: drop the leftover; the snapshot passes, the invariant test does not.
pub fn try_2_a_lost_leftover_fails_the_awkward_sizes() {
    let build = copy(LESSON, "try-2")
        .edit(
            "src/main.rs",
            "let end = if t == threads - 1 { limit } else { (t + 1) * chunk };",
            "let end = (t + 1) * chunk;",
        )
        .build();
    let tests = build.insta_test(&["src/main.rs"]);
    assert_eq!(tests.failed, ["src/main.rs: tests::every_way_agrees_for_awkward_sizes"]);
    assert!(tests.pending.is_empty(), "the snapshot changed: {:?}", tests.pending);
    assert!(tests.output.contains("chunks, 5 on 16"), "{}", tests.output);
}
