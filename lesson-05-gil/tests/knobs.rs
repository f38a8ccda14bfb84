//! The knobs, through the real binary: bad input is refused in one line with exit code 2,
//! and `--help` lists the knobs. (`tests/parity.rs` runs the binary with knobs set, and
//! the unit tests count with 64 threads.)

use std::process::Command;

const BINARY: &str = env!("CARGO_BIN_EXE_lesson-05-gil");

#[test]
fn bad_knobs_are_refused_in_one_line() {
    let report = testkit::refusals(
        BINARY,
        &[
            &["--limit", "a million"],
            &["--limit", "1"],
            &["--limit", "-100"],
            &["--limit", "1000000000"],
            &["--limit", "1e6"],
            &["--threads", "0"],
            &["--threads", "100000"],
            &["--threads", "18446744073709551616"],
            &["--cores", "2"],
            &["--limit"],
        ],
    );
    testkit::assert_lesson_snapshot!("lesson-05-knobs", report);
}

#[test]
fn help_lists_the_knobs_and_their_defaults() {
    let output = Command::new(BINARY).arg("-h").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    // The defaults are the lesson's constants, yours to change: any whole number will do.
    for knob in ["--limit N", "--threads N"] {
        let line = help.lines().find(|line| line.trim_start().starts_with(knob));
        let line = line.unwrap_or_else(|| panic!("--help does not list {knob}:\n{help}"));
        let default = line.rsplit_once("default ").map(|(_, rest)| rest.trim_end_matches(')'));
        assert!(
            default.is_some_and(|n| n.parse::<u64>().is_ok()),
            "{knob} shows no default:\n{line}"
        );
    }
}
