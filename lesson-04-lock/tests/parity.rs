//! Both languages end with the Python tutorial's last line: five threads, 100000 each,
//! nothing lost.

#[test]
fn python_counts_to_the_same_value() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-04-lock"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/lock.py"),
        &[],
        |line| line.starts_with("Counter value:").then(|| line.to_string()),
    );
}
