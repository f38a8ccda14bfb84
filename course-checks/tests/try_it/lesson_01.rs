//! lesson-01-threads/README.md, "Try it".

use super::*;

crate::tries![
    try_1_label_was_moved_into_the_thread,
    try_2_a_new_thread_name_shows_in_the_snapshot_diff,
    try_3_without_move_the_closure_may_outlive_the_function,
];

const LESSON: &str = "lesson-01-threads";

/// Try 1: print `label` after the thread took it.
pub fn try_1_label_was_moved_into_the_thread() {
    let spawn =
        "    let handle = thread::spawn(move || count_from(&thread_out, &label, start, 3));\n";
    let build = copy(LESSON, "try-1")
        .edit("src/main.rs", spawn, &format!("{spawn}    outln!(out, \"{{label}}\");\n"))
        .build();
    assert_error(&build, "E0382", "borrow of moved value: `label`");
}

/// Try 2: rename the thread of part 3; only the snapshot shows it.
pub fn try_2_a_new_thread_name_shows_in_the_snapshot_diff() {
    let build = copy(LESSON, "try-2")
        .edit("src/main.rs", r#".name("printer".to_string())"#, r#".name("ada".to_string())"#)
        .build();
    // Among the tests that pass: `part_3_prints_from_the_thread_it_names`.
    assert_review_shows(
        &build,
        &[],
        &["lesson-01.snap"],
        &["my name is printer"],
        &["my name is ada"],
    );
}

/// Try 3: no `move` on part 2's closure.
pub fn try_3_without_move_the_closure_may_outlive_the_function() {
    let build = copy(LESSON, "try-3")
        .edit(
            "src/main.rs",
            "let handle = thread::spawn(move || {\n        for i in 0..5 {",
            "let handle = thread::spawn(|| {\n        for i in 0..5 {",
        )
        .build();
    assert_error(&build, "E0373", "closure may outlive the current function");
}
