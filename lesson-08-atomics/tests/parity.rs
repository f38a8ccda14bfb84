//! The Python companion gives the same results where the two languages must agree: the
//! counter, the withdrawals, the once-only set-up and the stop flag. Parts 2 and 3 count
//! what depends on the machine, the build of Python and the ordering chosen, and Python
//! has no orderings to choose: they are compared by no one. The lines name the tools of
//! their own language, so what is compared is what comes after their last ": ".

/// The lines to compare, by how they start (after the indentation) in either language.
const SHARED: [&str; 4] = [
    "4 threads x 100000",
    "4 threads each withdraw 30",
    "OnceLock, 4 threads|double-checked Lock, 4 threads",
    "stop flag",
];

#[test]
fn python_gives_the_same_results() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-08-atomics"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/atomics.py"),
        // The binary's tests play few rounds too; parts 2 and 3 are not compared.
        &["--rounds", "500"],
        |line| {
            let line = line.trim();
            let shared = SHARED.iter().flat_map(|starts| starts.split('|'));
            shared.clone().any(|start| line.starts_with(start)).then(|| {
                let result = line.rsplit_once(": ").map_or(line, |(_, result)| result);
                result.to_string()
            })
        },
    );
}
