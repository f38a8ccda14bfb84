//! The Python companion counts the same primes: its answer must be the Rust lesson's.
//! Only the timings, timelines and who took which block may differ; they are the lesson.

#[test]
fn python_finds_the_same_primes() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-05-gil"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/gil.py"),
        // A smaller job than the default keeps the Python side quick; a limit that is not
        // a multiple of the block size checks the short last block too.
        &["--limit", "40009", "--threads", "3"],
        |line| line.trim_start().starts_with("primes below").then(|| line.to_string()),
    );
}
