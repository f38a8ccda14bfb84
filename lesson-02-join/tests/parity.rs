//! The Python tutorial's example ends the same way in both languages: 0 to 4, then the
//! closing line.
//! The split sums of part 4 match too; how a result or a panic comes back does not.

#[test]
fn python_ends_with_the_same_lines() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-02-join"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/join.py"),
        &[],
        |line| {
            let shared = line.parse::<u32>().is_ok()
                || line == "Thread execution completed"
                || line.contains(" sums to ")
                || line.starts_with("all of ");
            shared.then(|| line.to_string())
        },
    );
}
