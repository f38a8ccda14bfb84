//! The knobs, through the real binary: bad input is refused in one line with exit code 2,
//! `--help` lists the knobs, and big values that are allowed do finish.

use lesson_04_lock::{INCREMENTS, THREADS};
use std::process::Command;

const BINARY: &str = env!("CARGO_BIN_EXE_lesson-04-lock");

#[test]
fn bad_knobs_are_refused_in_one_line() {
    let report = testkit::refusals(
        BINARY,
        &[
            &["--threads", "five"],
            &["--threads", "0"],
            &["--threads", "-3"],
            &["--threads", "2.5"],
            &["--threads", "5000"],
            &["--threads"],
            &["--increments", "0"],
            &["--increments", "99999999999999999999"],
            &["--threads", "2", "--increments", "10000000000000000000"],
            &["--threads", "10", "--increments", "1000000000"],
            &["--thread", "3"],
            &["8"],
        ],
    );
    testkit::assert_lesson_snapshot!("lesson-04-knobs", report);
}

#[test]
fn help_lists_the_knobs_and_their_defaults() {
    let output = Command::new(BINARY).arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    let threads = format!("default {THREADS})");
    let increments = format!("default {INCREMENTS})");
    assert!(help.contains("--threads N") && help.contains(&threads), "no {threads} in:\n{help}");
    assert!(
        help.contains("--increments N") && help.contains(&increments),
        "no {increments} in:\n{help}"
    );
}

#[test]
fn sixty_four_threads_count_every_increment() {
    let output =
        Command::new(BINARY).args(["--threads", "64", "--increments", "2000"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("   counter: 128000\n"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("Counter value: 128000"));
}
