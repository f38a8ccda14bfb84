//! The Python companion finds the same answer with its pools of threads and of processes.

#[test]
fn python_finds_the_same_primes() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-06-pools"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/pools.py"),
        // A smaller job keeps the Python side quick; a limit that is not a multiple of
        // the block size checks the short last block too.
        &["--limit", "40009", "--threads", "3"],
        |line| {
            let one = line.strip_prefix("1. One thread: ").map(|rest| rest.split(',').next());
            let answer = line.starts_with("Every way found the same answer");
            one.flatten().map(str::to_string).or_else(|| answer.then(|| line.to_string()))
        },
    );
}
