//! lesson-04-lock/README.md, "Try it", and the course README's example (the same edit).

use super::*;

crate::tries![
    try_1_eight_threads_change_only_the_snapshots,
    try_2_the_arc_moves_into_the_first_thread,
    try_3_one_guard_for_the_whole_loop_counts_the_same,
];

const LESSON: &str = "lesson-04-lock";

/// Try 1: eight threads. Only the snapshots change: the parity test runs the Python with
/// the same settings, and the knob tests follow the constants.
pub fn try_1_eight_threads_change_only_the_snapshots() {
    let build = copy(LESSON, "try-1")
        .edit("src/lib.rs", "pub const THREADS: usize = 5;", "pub const THREADS: usize = 8;")
        .build();
    // Three diffs: the lesson's output (its unit test and `tests/binary.rs`) and the knob
    // refusals, whose example shows the default.
    assert_review_shows(
        &build,
        &[],
        &["lesson-04-knobs.snap", "lesson-04.snap"],
        &["Counter value: 500000"],
        &[
            "8 threads each add 1 to one counter 100000 times, under a lock",
            "Counter value: 800000",
            "--threads -> exit 2: lesson-04-lock: --threads needs a value, such as --threads 8",
        ],
    );
}

/// Try 2: move the `Arc` itself into the first thread.
pub fn try_2_the_arc_moves_into_the_first_thread() {
    let build = copy(LESSON, "try-2")
        .edit("src/lib.rs", "let counter = Arc::clone(&counter);", "let counter = counter;")
        .build();
    assert_error(&build, "E0382", "value moved here, in previous iteration of loop");
}

/// Try 3: one guard around the whole loop: the same total, every test passes.
pub fn try_3_one_guard_for_the_whole_loop_counts_the_same() {
    let lock =
        "let mut guard = counter.lock().expect(\"no thread panics while holding the lock\");";
    let build = copy(LESSON, "try-3")
        .edit(
            "src/lib.rs",
            "\n    for _ in 0..increments {\n",
            &format!("\n    {lock}\n    for _ in 0..increments {{\n"),
        )
        .edit("src/lib.rs", &format!("        {lock}\n"), "")
        .build();
    let tests = build.test();
    assert!(tests.failed.is_empty(), "{}", tests.output);
    assert!(stdout(&build).ends_with("Counter value: 500000\n"));
}
