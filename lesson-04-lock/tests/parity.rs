//! Both languages end with the Python tutorial's last line, run with the lesson's
//! settings (five threads, 100000 each, unless you changed them): nothing lost.

use lesson_04_lock::{INCREMENTS, THREADS};

#[test]
fn python_counts_to_the_same_value() {
    let (threads, increments) = (THREADS.to_string(), INCREMENTS.to_string());
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-04-lock"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/lock.py"),
        &["--threads", &threads, "--increments", &increments],
        |line| line.starts_with("Counter value:").then(|| line.to_string()),
    );
}
