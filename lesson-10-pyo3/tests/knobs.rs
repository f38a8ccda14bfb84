//! The knobs, through the real binary: bad input is refused in one line with exit code 2.

#[test]
fn bad_knobs_are_refused_in_one_line() {
    let report = testkit::refusals(
        env!("CARGO_BIN_EXE_lesson-10-pyo3"),
        &[&["--limit", "a million"], &["--limit", "1"], &["--limit", "10000000001"], &["--limit"]],
    );
    testkit::assert_lesson_snapshot!("lesson-10-knobs", report);
}
