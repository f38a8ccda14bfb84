//! lesson-05-gil/README.md, "Try it".

use super::*;

crate::tries![
    try_1_fewer_threads_show_in_the_snapshot_diff,
    try_2_the_busy_task_compiles,
    try_3_big_blocks_give_the_same_answer,
];

const LESSON: &str = "lesson-05-gil";

/// Try 1: two threads instead of four; the snapshot diff shows the rows go.
pub fn try_1_fewer_threads_show_in_the_snapshot_diff() {
    let build = copy(LESSON, "try-1")
        .edit("src/main.rs", "const CPU_THREADS: usize = 4;", "const CPU_THREADS: usize = 2;")
        .build();
    // The other tests take knobs of their own; running the lesson twice more (binary,
    // parity) would only cost time.
    assert_review_shows(
        &build,
        &["src/main.rs"],
        &["lesson-05.snap"],
        &["   on 4 threads: [time] s (median of 5 runs)", "     thread 3 |[timeline]| blocks: [n]"],
        &[
            "   on 2 threads: [time] s (median of 5 runs)",
            "   primes below 1000000: 78498 on one thread, 78498 on 2 threads",
        ],
    );
}

/// Try 2: the waiting tasks do a fixed amount of work instead. Its speedup is measured
/// in the README; here, the code the text gives must compile as written.
pub fn try_2_the_busy_task_compiles() {
    let build = copy(LESSON, "try-2")
        .edit(
            "src/main.rs",
            "let wait = |_task| thread::sleep(io_wait);",
            "let wait = |_task| {
        std::hint::black_box((0..400_000_000u64).map(std::hint::black_box).sum::<u64>());
    };",
        )
        .build();
    assert!(build.ok, "{}", build.messages);
}

/// Try 3: four blocks of 250000: the same answer, one line of the snapshot changes.
pub fn try_3_big_blocks_give_the_same_answer() {
    let build = copy(LESSON, "try-3")
        .edit("src/main.rs", "const BLOCK: u64 = 10_000;", "const BLOCK: u64 = 250_000;")
        .build();
    // The other tests take knobs of their own; running the lesson twice more (binary,
    // parity) would only cost time.
    assert_review_shows(
        &build,
        &["src/main.rs"],
        &["lesson-05.snap"],
        &["1. CPU-bound: count the primes below 1000000, in blocks of 10000 numbers"],
        &[
            "1. CPU-bound: count the primes below 1000000, in blocks of 250000 numbers",
            "   primes below 1000000: 78498 on one thread, 78498 on 4 threads",
        ],
    );
}
