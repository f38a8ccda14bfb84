//! lesson-03-safety/README.md, "Try it".

use super::*;

crate::tries![
    try_1_fetch_add_loses_no_update,
    try_2_a_std_mutex_locked_twice_by_one_thread_hangs,
    try_3_three_permits,
    try_4_expect_on_a_poisoned_lock_panics_in_main,
];
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

const LESSON: &str = "lesson-03-safety";

/// Try 1: an atomic add loses nothing, and the snapshot does not change.
pub fn try_1_fetch_add_loses_no_update() {
    let build = copy(LESSON, "try-1")
        .edit(
            "src/lib.rs",
            "    let seen = black_box(counter.load(Ordering::Relaxed));\n",
            "    counter.fetch_add(1, Ordering::Relaxed);\n",
        )
        .edit("src/lib.rs", "    counter.store(seen + 1, Ordering::Relaxed);\n", "")
        .build();
    // Not one run: every run must lose nothing.
    for _ in 0..3 {
        let stdout = stdout(&build);
        let line = "counter = 2000000, lost 0 of its updates";
        assert!(stdout.contains(line), "no {line:?} in:\n{stdout}");
    }
    let tests = build.test();
    assert!(tests.failed.is_empty(), "{}", tests.output);
}

/// Try 2: a std `Mutex` in `visit`. First the compiler objects; with `unwrap` it builds,
/// and locking again from the same thread never returns.
pub fn try_2_a_std_mutex_locked_twice_by_one_thread_hangs() {
    let std_mutex = |name: &str| {
        copy(LESSON, name)
            .edit(
                "src/main.rs",
                "fn visit(visits: &parking_lot::ReentrantMutex<RefCell<Vec<u32>>>, depth: u32) {",
                "fn visit(visits: &Mutex<RefCell<Vec<u32>>>, depth: u32) {",
            )
            .edit(
                "src/main.rs",
                "let visits = parking_lot::ReentrantMutex::new(RefCell::new(Vec::new()));",
                "let visits = Mutex::new(RefCell::new(Vec::new()));",
            )
    };
    assert_error(&std_mutex("try-2").build(), "E0599", "no method named `borrow_mut` found");

    let build = std_mutex("try-2b")
        .edit("src/main.rs", "let guard = visits.lock();", "let guard = visits.lock().unwrap();")
        .edit("src/main.rs", "visits.lock().borrow()", "visits.lock().unwrap().borrow()")
        .build();
    let mut command = build.command(&[]);
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("it runs");
    let (lines_tx, lines) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let part_4 = "4. RLock -> parking_lot::ReentrantMutex: one thread may lock it again";
    let printed: Vec<String> = lines.iter().take_while(|line| line != part_4).collect();
    assert!(printed.len() > 10, "the lesson stopped before part 4: {printed:?}");
    // The whole lesson takes a fraction of a second; part 4 alone, microseconds.
    let next = lines.recv_timeout(Duration::from_millis(500));
    let still_running = child.try_wait().expect("a child can be asked").is_none();
    child.kill().expect("a running child can be killed");
    child.wait().expect("a killed child is reaped");
    assert!(still_running, "the lesson ended instead of hanging");
    assert!(next.is_err(), "the lesson went on after part 4's heading: {next:?}");
}

/// Try 3: three permits; the diff shows the new limit, and the limit still holds.
pub fn try_3_three_permits() {
    let build = copy(LESSON, "try-3")
        .edit("src/main.rs", "const PERMITS: usize = 2;", "const PERMITS: usize = 3;")
        .build();
    assert_review_shows(
        &build,
        &[],
        &["lesson-03.snap"],
        &["   took 2 permits; one more is free: false"],
        &[
            "   took 3 permits; one more is free: false",
            "   6 workers shared 3 permits; never more than 3 inside: true",
        ],
    );
}

/// Try 4: `expect` on a poisoned lock passes the panic on, to `main`.
pub fn try_4_expect_on_a_poisoned_lock_panics_in_main() {
    let start = "    match scores.lock() {\n";
    let main_rs = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../lesson-03-safety/src/main.rs"
    ))
    .expect("lesson 03 has a main.rs");
    let from = main_rs.find(start).expect("part 3 matches on scores.lock()");
    let to = from + main_rs[from..].find("\n    }\n").expect("the match ends") + "\n    }\n".len();
    let build = copy(LESSON, "try-4")
        .edit(
            "src/main.rs",
            &main_rs[from..to],
            "    let guard = scores.lock().expect(\"scores are intact\");\n    \
             outln!(out, \"   lock() succeeded: {:?}\", *guard);\n",
        )
        .build();
    let run = build.run(&[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(101), "{stderr}");
    let line = "scores are intact: PoisonError { .. }";
    assert!(stderr.contains("thread 'main'") && stderr.contains(line), "{stderr}");
}
