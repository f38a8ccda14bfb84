//! Python's Event, Barrier, threading.local, bounded Queue, timeouts and deadlock give the
//! same results as their Rust counterparts. The lines name the API of their own language,
//! so what is compared is what comes after their last ": ".

/// The lines to compare, by how they start (after the indentation) in either language.
const SHARED: [&str; 8] = [
    "the waiter saw",
    "3 threads: all arrived",
    "wait() named exactly one",
    "three threads counted",
    "try_send 1, 2, 3|put_nowait 1, 2, 3",
    "Lock.acquire(timeout=)",
    "Condition.wait_for(timeout=)",
    "each held what the other wanted",
];

#[test]
fn python_gives_the_same_results() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-07-patterns"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/patterns.py"),
        &[],
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
