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
    // Few rounds: parts 2 and 3 do not change part 1's count, and beside CPU hogs (as
    // `scripts/stress` runs the suite) a million lockstep rounds take minutes.
    let run = build.run(&["--rounds", "500"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success() && stdout.contains("then join: counter = 400000"), "{stdout}");
    let tests = build.insta_test(&["src/main.rs"]);
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
        .args(["--rounds", "300"])
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

/// Try 3: without the fence, loom finds a round in which both loads see 0. (A real run
/// on two cores usually shows it too, but not always: beside the other Try its, the two
/// threads can share one core for a whole run. The text quotes runs; this checks loom.)
pub fn try_3_without_the_fence_both_loads_miss() {
    let build = copy(LESSON, "try-3")
        .edit(
            "src/lib.rs",
            "        fence(Ordering::SeqCst);\n",
            "        // fence(Ordering::SeqCst);\n",
        )
        .with_cfg("loom")
        .cargo_args(&["--lib"])
        .build();
    let tests = build.insta_test(&["src/lib.rs"]);
    let fence_test =
        "src/lib.rs: loom_proofs::with_a_seq_cst_fence_both_loads_never_see_old_values";
    assert!(tests.failed.iter().any(|t| t == fence_test), "{}", tests.output);
    // The schedule part 2 pins names the lesson's folder, and a copy's folder has another
    // name: that one test cannot pass in a copy. Every other loom check must.
    let pinned = "src/lib.rs: loom_proofs::with_relaxed_loom_finds_a_stale_read";
    let others: Vec<&String> =
        tests.failed.iter().filter(|t| *t != fence_test && *t != pinned).collect();
    assert!(others.is_empty(), "{others:?} failed too:\n{}", tests.output);
    assert!(tests.passed.len() >= 6, "the other loom checks did not all run:\n{}", tests.output);
}
