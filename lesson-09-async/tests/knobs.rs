//! The knobs, through the real binary: bad input is refused in one line with exit code 2.

#[test]
fn bad_knobs_are_refused_in_one_line() {
    let report = testkit::refusals(
        env!("CARGO_BIN_EXE_lesson-09-async"),
        &[
            &["--waits", "ten thousand"],
            &["--waits", "0"],
            &["--waits", "10001"],
            &["--waits", "-1"],
            &["--wait-ms", "0"],
            &["--wait-ms", "0.5"],
            &["--wait-ms"],
        ],
    );
    testkit::assert_lesson_snapshot!("lesson-09-knobs", report);
}
