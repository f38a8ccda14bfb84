//! lesson-09-async/README.md, "Try it".

use super::*;

crate::tries![try_1_a_guard_across_await_is_refused, try_2_more_patience_finishes_the_job];

const LESSON: &str = "lesson-09-async";

/// Try 1: a std `MutexGuard` that lives across the `.await` makes the task's future not
/// `Send`, and `tokio::spawn` refuses it. This is the test that checks the compiler's
/// words the text quotes, in part 4 and here.
pub fn try_1_a_guard_across_await_is_refused() {
    let build = copy(LESSON, "try-1")
        .edit(
            "src/main.rs",
            "        {\n            let mut guard = counter.lock()",
            "        let mut guard = counter.lock()",
        )
        .edit("src/main.rs", "        } // the guard is dropped here, before the .await\n", "")
        .build();
    assert!(!build.ok, "the edited copy compiled:\n{}", build.messages);
    let errors = build.errors();
    for quoted in [
        "error: future cannot be sent between threads safely",
        "has type `std::sync::MutexGuard<'_, u64>` which is not `Send`",
    ] {
        assert!(errors.contains(quoted), "the compiler did not say {quoted:?}:\n{errors}");
    }
}

/// Try 2: with 35 ms the job ends on its own, and the review shows it.
pub fn try_2_more_patience_finishes_the_job() {
    let build = copy(LESSON, "try-2")
        .edit(
            "src/main.rs",
            "const PATIENCE: Duration = Duration::from_millis(25);",
            "const PATIENCE: Duration = Duration::from_millis(35);",
        )
        .build();
    assert_review_shows(
        &build,
        &["src/main.rs"],
        &["lesson-09.snap"],
        &[
            "   timeout(25 ms) around a job of 3 steps of 10 ms: Err(deadline has elapsed)",
            "   steps it finished: [1, 2]; its clean-up (a Drop) ran: true",
        ],
        &[
            "   timeout(35 ms) around a job of 3 steps of 10 ms: finished",
            "   steps it finished: [1, 2, 3]; its clean-up (a Drop) ran: true",
        ],
    );
}
