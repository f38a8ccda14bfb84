//! `cargo run` shows what the snapshot pins: run the real binary and compare. Its I/O
//! tasks wait 10 ms here, not 100: the snapshot hides the times, and the test is quicker.

#[test]
fn the_binary_prints_the_snapshot() {
    let binary = env!("CARGO_BIN_EXE_lesson-05-gil");
    let run = std::process::Command::new(binary).args(["--io-ms", "10"]).output();
    let run = run.unwrap_or_else(|error| panic!("cannot run {binary}: {error}"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8(run.stdout).expect("the lessons print UTF-8");
    testkit::assert_lesson_snapshot!("lesson-05", stdout, testkit::filters::TIMINGS);
}
