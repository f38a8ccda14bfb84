//! lesson-08-atomics/README.md, "Try it".

use super::*;

crate::tries![
    try_1_seq_cst_counts_the_same,
    try_2_one_core_shows_no_store_buffering,
    try_3_without_the_fence_both_loads_miss,
];

const LESSON: &str = "lesson-08-atomics";

/// Try 1: `SeqCst` in part 1's counter changes nothing: the count is the same, and the
/// snapshot test has nothing to review.
pub fn try_1_seq_cst_counts_the_same() {
    let build = copy(LESSON, "try-1")
        .edit(
            "src/lib.rs",
            "whatever the ordering.\n                    counter.fetch_add(1, Ordering::Relaxed);",
            "whatever the ordering.\n                    counter.fetch_add(1, Ordering::SeqCst);",
        )
        .build();
    assert!(stdout(&build).contains("then join: counter = 400000"));
    let tests = build.insta_test(&["src/main.rs", "src/lib.rs"]);
    assert!(tests.failed.is_empty(), "{}", tests.output);
    assert!(tests.pending.is_empty(), "a snapshot changed:\n{}", tests.output);
}

/// Try 2: pinned to one core, the two threads take turns, and no round sees both old.
pub fn try_2_one_core_shows_no_store_buffering() {
    let build = copy(LESSON, "try-2").build();
    let binary = build.command(&[]).get_program().to_owned();
    let run = std::process::Command::new("taskset")
        .args(["-c", "0"])
        .arg(binary)
        .args(["--rounds", "5000"])
        .output();
    let Ok(run) = run else {
        assert!(std::env::var_os("CI").is_none(), "taskset is not installed");
        return eprintln!("SKIPPED: taskset is not installed");
    };
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    let part_3 = stdout.split("3. Store buffering").nth(1).expect("part 3");
    assert!(part_3.contains("\n   Release/Acquire          0\n"), "{stdout}");
}

/// Try 3: without the fence, `Relaxed` loses both stores as `Release`/`Acquire` does.
/// That needs two threads running at once: on one core (`scripts/stress` pins the suite
/// to one) there is nothing to see, and the text says so.
pub fn try_3_without_the_fence_both_loads_miss() {
    let build = copy(LESSON, "try-3")
        .edit("src/lib.rs", "    if orders.fence {\n        fence(Ordering::SeqCst);\n    }\n", "")
        .build();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 {
        return eprintln!("SKIPPED: one core, where the reordering cannot show");
    }
    // A busy machine (this runs beside the other Try its) can keep the two threads on one
    // core for a whole run: it happened three runs in a row here. Run alone, every run
    // showed thousands. Allow ten runs, a tenth of a second each.
    let mut rows = Vec::new();
    for _ in 0..10 {
        let run = build.run(&["--rounds", "200000"]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
        let row = stdout.lines().find(|line| line.starts_with("   Relaxed + fence(SeqCst)"));
        let count = row.and_then(|row| row.split_whitespace().last()?.parse::<u64>().ok());
        if count.is_some_and(|count| count > 0) {
            return;
        }
        rows.push(stdout);
    }
    let last = rows.last().map_or("", String::as_str);
    panic!("ten runs without the fence, and no round lost both stores; the last:\n{last}");
}
