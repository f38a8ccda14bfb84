//! The one knob, through the real binary: bad input is refused in one line with exit
//! code 2.

#[test]
fn bad_knobs_are_refused_in_one_line() {
    let report = testkit::refusals(
        env!("CARGO_BIN_EXE_lesson-08-atomics"),
        &[
            &["--rounds", "a million"],
            &["--rounds", "0"],
            &["--rounds", "-5"],
            &["--rounds", "1e6"],
            &["--rounds", "10000000001"],
            &["--rounds"],
            &["--threads", "4"],
        ],
    );
    testkit::assert_lesson_snapshot!("lesson-08-knobs", report);
}
