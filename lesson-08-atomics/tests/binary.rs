//! `cargo run` shows what the snapshot pins: run the real binary and compare. It plays
//! fewer rounds than `cargo run` does; the snapshot hides the number.

use std::process::Command;

#[test]
fn the_binary_prints_the_snapshot() {
    let run = Command::new(env!("CARGO_BIN_EXE_lesson-08-atomics"))
        .args(["--rounds", "500"])
        .output()
        .expect("the binary runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8(run.stdout).expect("the lesson prints UTF-8");
    testkit::assert_lesson_snapshot!("lesson-08", stdout, testkit::filters::ORDERINGS);
}
