//! Python's RLock and Condition do what Rust's ReentrantMutex and Condvar do: the same
//! depths, the same items in the same order.

#[test]
fn python_locks_and_conditions_give_the_same_lines() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-03-safety"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/safety.py"),
        &[],
        |line| {
            let shared = line.contains("consumer got ") || line.contains("locked at depths ");
            shared.then(|| line.trim().to_string())
        },
    );
}
