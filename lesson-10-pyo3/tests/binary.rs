//! `cargo run` shows what the snapshot pins: run the real binary and compare. It counts
//! below a smaller limit than `cargo run` does, as the unit test does.

use std::process::Command;

#[test]
fn the_binary_prints_the_snapshot() {
    let run = Command::new(env!("CARGO_BIN_EXE_lesson-10-pyo3"))
        .args(["--limit", "100000"])
        .output()
        .expect("the binary runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8(run.stdout).expect("the lesson prints UTF-8");
    testkit::assert_lesson_snapshot!("lesson-10", stdout, testkit::filters::BRIDGE);
}
