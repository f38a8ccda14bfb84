//! lesson-07-patterns/README.md, "Try it".

use super::*;

crate::tries![try_1_the_detector_finds_the_cycle, try_2_faulthandler_shows_both_threads_waiting,];

const LESSON: &str = "lesson-07-patterns";

/// Try 1: with the feature, parking_lot names the deadlocked threads, and the lesson ends.
pub fn try_1_the_detector_finds_the_cycle() {
    let build = copy(LESSON, "try-1").cargo_args(&["--features", "deadlock-detection"]).build();
    let stdout = stdout(&build);
    let last = stdout.lines().last();
    assert_eq!(
        last,
        Some("   parking_lot's detector found a cycle: stuck-1 and stuck-2"),
        "{stdout}"
    );
}

/// Try 2: Python's faulthandler shows where the two stuck threads wait.
pub fn try_2_faulthandler_shows_both_threads_waiting() {
    let program = concat!(env!("CARGO_MANIFEST_DIR"), "/../lesson-07-patterns/python/deadlock.py");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let Ok(run) = std::process::Command::new(&python).arg(program).output() else {
        assert!(std::env::var_os("CI").is_none(), "{python} is not installed");
        return eprintln!("SKIPPED: {python} is not installed");
    };
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}{}", String::from_utf8_lossy(&run.stderr));
    let source = std::fs::read_to_string(program).expect("deadlock.py");
    let line = 1 + source
        .lines()
        .position(|l| l.trim_start().starts_with("with second:"))
        .expect("a `with second:` line");
    assert!(
        stdout.starts_with(
            "half a second later, both threads still wait; faulthandler shows where:\n"
        ),
        "{stdout}"
    );
    let at_take = format!("line {line} in take");
    assert_eq!(stdout.matches(&at_take).count(), 2, "two threads at {at_take:?}:\n{stdout}");
}
