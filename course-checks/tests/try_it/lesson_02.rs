//! lesson-02-join/README.md, "Try it".

use super::*;

crate::tries![
    try_1_a_message_built_at_run_time_is_a_string,
    try_1_a_message_of_literals_stays_a_str,
    try_2_thread_spawn_cannot_borrow_local_data,
];

const LESSON: &str = "lesson-02-join";
const PANIC: &str = r#"panic!("the thread gave up")"#;

/// Try 1: a message built at run time travels as a `String`.
pub fn try_1_a_message_built_at_run_time_is_a_string() {
    let build = copy(LESSON, "try-1")
        .edit("src/main.rs", PANIC, r#"let tries = 3; panic!("out of {tries} tries")"#)
        .build();
    let stdout = stdout(&build);
    let line = r#"join returned Err, carrying a String: "out of 3 tries""#;
    assert!(stdout.contains(line), "no {line:?} in:\n{stdout}");
    let old = r#"join returned Err, carrying a &str: "the thread gave up""#;
    assert_review_shows(&build, &[], &["lesson-02.snap"], &[old], &[line]);
}

/// Try 1, second half: with only literals, the message is built in advance.
pub fn try_1_a_message_of_literals_stays_a_str() {
    let build = copy(LESSON, "try-1b")
        .edit("src/main.rs", PANIC, r#"panic!("out of {} tries", 3)"#)
        .build();
    let stdout = stdout(&build);
    let line = r#"join returned Err, carrying a &str: "out of 3 tries""#;
    assert!(stdout.contains(line), "no {line:?} in:\n{stdout}");
}

/// Try 2: a `thread::spawn` thread cannot borrow from `numbers`.
pub fn try_2_thread_spawn_cannot_borrow_local_data() {
    let build = copy(LESSON, "try-2")
        .edit(
            "src/main.rs",
            "let left_half = s.spawn(|| left.iter().sum::<u64>());",
            "let left_half = thread::spawn(|| left.iter().sum::<u64>());",
        )
        .build();
    assert_error(&build, "E0597", "`numbers` does not live long enough");
}
