//! Bad knobs are refused in one line with exit code 2.

#[test]
fn bad_knobs_are_refused_in_one_line() {
    let report = testkit::refusals(
        env!("CARGO_BIN_EXE_lesson-06-pools"),
        &[&["--threads", "0"], &["--limit", "a lot"], &["--limit", "1"], &["--cores", "2"]],
    );
    testkit::assert_lesson_snapshot!("lesson-06-knobs", report);
}
