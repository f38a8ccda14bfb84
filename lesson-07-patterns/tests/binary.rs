//! `cargo run` shows what the snapshot pins: run the real binary and compare.

#[test]
fn the_binary_prints_the_snapshot() {
    let stdout = testkit::stdout_of_binary(env!("CARGO_BIN_EXE_lesson-07-patterns"));
    testkit::assert_lesson_snapshot!("lesson-07", stdout);
}
