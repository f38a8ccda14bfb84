//! Every exercise's check, tested: the exercise as it starts fails, its solution passes,
//! and each known-wrong answer fails, with the reason `cargo ex` would show. Each answer
//! is graded on a copy of the `exercises` package (see `testkit::try_it`), so the files a
//! learner works on are never touched.
//!
//! These build about a hundred copies (several minutes the first time), so they run in CI
//! (`.ci/run`), not in `cargo test --workspace`:
//!
//! ```sh
//! cargo test -p course-checks --test exercises -- --ignored
//! ```
//!
//! Each test grades the starting state as it is in the clone; on a clone where you have
//! solved exercises, those tests fail, as they should.

use exercises::catalog::Exercise;
use std::path::Path;
use testkit::try_it::Copy;

fn exercises_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../exercises"))
}

fn exercise(id: &str) -> Exercise {
    let all = Exercise::all(exercises_dir()).expect("exercises/Cargo.toml lists the exercises");
    all.into_iter().find(|exercise| exercise.id == id).expect("the exercise exists")
}

/// What `cargo ex` would say after checking `answer` (a replacement for the exercise's
/// file with edits made to it); `None` if the check passed.
fn grade(id: &str, name: &str, answer: Option<&str>, edits: &[(&str, &str)]) -> Option<String> {
    let exercise = exercise(id);
    if exercise.by_loom {
        // As `cargo ex` does: an answer built on types loom cannot see is not run.
        let mut source = answer.map(str::to_string).unwrap_or_else(|| {
            std::fs::read_to_string(exercises_dir().join(&exercise.file)).expect("the exercise")
        });
        for (from, to) in edits {
            assert!(source.contains(from), "{id}: the answer has no {from:?} to edit");
            source = source.replacen(from, to, 1);
        }
        if let Some(why) = exercises::report::not_modelled(&source) {
            return Some(why);
        }
    }
    let mut args = vec!["--test", exercise.test.as_str()];
    if exercise.by_loom {
        args.extend(["--features", "model"]);
    }
    let mut copy =
        Copy::of(env!("CARGO_TARGET_TMPDIR"), "exercises", &format!("{}-{name}", exercise.test))
            .cargo_args(&args);
    if let Some(answer) = answer {
        copy = copy.replace(&exercise.file, answer);
    }
    for (from, to) in edits {
        copy = copy.edit(&exercise.file, from, to);
    }
    let build = copy.build();
    if !build.ok {
        return Some(exercises::report::why("", &build.messages, &exercise.file, exercise.by_loom));
    }
    let tests = build.test();
    assert_eq!(tests.targets.len(), 1, "one check per exercise:\n{}", tests.output);
    let failed = !tests.failed.is_empty() || tests.passed.is_empty();
    failed.then(|| exercises::report::why(&tests.output, "", &exercise.file, exercise.by_loom))
}

/// The loom-checked exercise `id`, as it starts and as solved, but with `import` (its
/// `use exercises::sync` line) taking the same names from std as `std_import`: refused
/// both times, with a message that names `named`, the std item, and says what to import.
fn check_std_refused(id: &str, import: &str, std_import: &str, named: &str) {
    for (state, answer) in [("start", None), ("solution", Some(solution(id)))] {
        let why = grade(id, &format!("std-{state}"), answer.as_deref(), &[(import, std_import)]);
        let why = why.unwrap_or_else(|| panic!("{id}'s {state} with std's types passes"));
        for needed in [named, "loom cannot see", "exercises::sync"] {
            assert!(why.contains(needed), "{id}'s {state} with std: no {needed:?} in:\n{why}");
        }
    }
}

fn solution(id: &str) -> String {
    let file = exercise(id).file;
    std::fs::read_to_string(exercises_dir().join("solutions").join(file)).expect("a solution")
}

/// The starting state fails with `reason`, the solution passes, and each known-wrong
/// answer (the solution with one edit) fails with its reason. For a loom-checked
/// exercise, the steps of the schedule each one fails in are pinned too (see
/// `SCHEDULES`).
fn check_grader(id: &str, start_reason: &str, wrong: &[(&str, &str, &str)]) {
    let names = SCHEDULES.iter().find(|(named, _)| *named == id).map_or(&[][..], |(_, n)| n);
    let why = grade(id, "start", None, &[]);
    let why = why.unwrap_or_else(|| panic!("{id} as it starts passes its check"));
    assert!(
        why.contains(start_reason),
        "{id} as it starts fails, but not with {start_reason:?}:\n{why}"
    );
    check_schedule(id, names.first().copied(), &why);
    let solution = solution(id);
    let why = grade(id, "solution", Some(&solution), &[]);
    assert!(why.is_none(), "{id}'s solution fails its check:\n{}", why.unwrap_or_default());
    for (n, (from, to, reason)) in wrong.iter().enumerate() {
        let why = grade(id, &format!("wrong-{n}"), Some(&solution), &[(from, to)]);
        let why = why.unwrap_or_else(|| panic!("{id}: the wrong answer {to:?} passes its check"));
        assert!(why.contains(reason), "{id}: {to:?} fails, but not with {reason:?}:\n{why}");
        check_schedule(id, names.get(n + 1).copied(), &why);
    }
}

/// The snapshots that pin the schedule a loom-checked exercise fails in, as `cargo ex`
/// prints its steps: for the exercise as it starts ("" where it fails before loom
/// runs it), then for each known-wrong answer, in the order `check_grader` lists them.
/// Each is `snapshots/exercises__schedule_ID_NAME.snap`.
const SCHEDULES: &[(&str, &[&str])] = &[
    ("01-1", &["start", "finished_before_join"]),
    ("03-1", &["start", "load_then_store", "fetch_add_2"]),
    ("03-2", &["", "if_not_while", "no_notify", "double_release"]),
    ("03-3", &["start", "notify_before_push", "if_not_while"]),
    ("04-1", &["start", "unlock_between", "add_2", "lock_it_holds"]),
    ("05-2", &["start", "cas_ignores_failure", "one_try"]),
    ("06-1", &["start", "sorted"]),
    ("07-1", &["start", "one_lock_at_a_time", "wrong_guards"]),
    ("08-1", &["start", "relaxed_load", "relaxed_store", "flag_first", "acquire_store", ""]),
    (
        "08-2",
        &[
            "start",
            "load_then_store_seq_cst",
            "cas_gives_up",
            "",
            "writes_over_the_5",
            "",
            "",
            "weak_gives_up_when_it_fails_anyway",
        ],
    ),
    ("08-3", &["start", "no_second_check", "relaxed_fast_path", "relaxed_flag", "no_init", ""]),
];

/// The steps of the schedule in `why` are the snapshot `name` (for exercise `id`); an
/// answer that fails with no schedule has no name, and one with a schedule has one.
fn check_schedule(id: &str, name: Option<&str>, why: &str) {
    let steps = why.find("The schedule that broke it").map(|start| &why[start..]);
    match (steps, name.filter(|name| !name.is_empty())) {
        (None, None) => {}
        (Some(steps), Some(name)) => {
            let name = format!("schedule_e{}_{name}", id.replace('-', "_"));
            insta::assert_snapshot!(name, steps);
        }
        (Some(_), None) => panic!("{id}: name this schedule in SCHEDULES:\n{why}"),
        (None, Some(name)) => panic!("{id}: {name} fails with no schedule:\n{why}"),
    }
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e01_1_wait_for_the_thread() {
    check_grader(
        "01-1",
        "\"finished\" was not last",
        // Joined, but only after "finished".
        &[(
            "    // Until the thread has ended, this thread waits here.\n    handle.join().expect(\"the thread does not panic\");\n    log.lock().expect(\"the log is never poisoned\").push(\"finished\".to_string());",
            "    log.lock().expect(\"the log is never poisoned\").push(\"finished\".to_string());\n    handle.join().expect(\"the thread does not panic\");",
            "\"finished\" was not last",
        )],
    );
    check_std_refused(
        "01-1",
        "use exercises::sync::{Arc, Mutex, thread};",
        "use std::sync::{Arc, Mutex};\nuse std::thread;",
        "line 10: use std::sync::{Arc, Mutex};   (std::sync::Arc, std::sync::Mutex)",
    );
    // std, and a sleep for the join: the OS usually lets the thread finish first.
    let why = grade(
        "01-1",
        "std-sleep",
        Some(&solution("01-1")),
        &[
            (
                "use exercises::sync::{Arc, Mutex, thread};",
                "use std::sync::{Arc, Mutex};\nuse std::thread;",
            ),
            (
                "handle.join().expect(\"the thread does not panic\");",
                "let _ = handle;\n    thread::sleep(std::time::Duration::from_millis(50));",
            ),
        ],
    );
    let why = why.expect("a sleep instead of a join passes");
    assert!(why.contains("loom has no clock"), "{why}");
    // A correct answer with scoped threads, which loom cannot model.
    let why = grade(
        "01-1",
        "std-scope",
        None,
        &[(
            "    thread::spawn(move || {\n        for i in 0..5 {\n            // Nothing panics while holding the log, so it is never poisoned.\n            thread_log.lock().expect(\"the log is never poisoned\").push(i.to_string());\n        }\n    });",
            "    std::thread::scope(|s| {\n        s.spawn(move || {\n            for i in 0..5 {\n                thread_log.lock().expect(\"x\").push(i.to_string());\n            }\n        });\n    });",
        )],
    );
    let why = why.expect("a scope answer passes");
    assert!(why.contains("cannot model `thread::scope`"), "{why}");
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e01_2_a_named_thread() {
    check_grader(
        "01-2",
        "+[main] tick 10",
        // A thread without a name.
        &[(".name(\"printer\".to_string())", "", "+[<unnamed>] tick 10")],
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e02_1_results_through_join() {
    check_grader(
        "02-1",
        "+10 numbers: (0, 0)",
        // Both threads sum the same half.
        &[(
            "right.iter().sum::<u64>()",
            "right.iter().take(0).sum::<u64>()",
            "+10 numbers: (15, 0)",
        )],
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e02_2_a_panic_through_join() {
    check_grader(
        "02-2",
        "+gives_up: run_job itself panicked",
        // Only a literal's `&str` is read; a `String` message is lost.
        &[(
            "        } else if let Some(message) = payload.downcast_ref::<String>() {\n            message.clone()\n",
            "",
            "+counts_tries: Err(\"a panic without a message\")",
        )],
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e03_1_an_exact_counter() {
    check_grader(
        "03-1",
        "updates were lost",
        // A stronger ordering does not make two steps one.
        &[
            (
                "    counter.fetch_add(1, Ordering::Relaxed);",
                "    let seen = counter.load(Ordering::SeqCst);\n    counter.store(seen + 1, Ordering::SeqCst);",
                "the counter ended at 3: 1 update was lost",
            ),
            (
                // An over-count is reported, not a crash of the check.
                "counter.fetch_add(1, Ordering::Relaxed);",
                "counter.fetch_add(2, Ordering::Relaxed);",
                "the counter ended at 8: 4 more than were made",
            ),
        ],
    );
    check_std_refused(
        "03-1",
        "use exercises::sync::atomic::{AtomicU64, Ordering};",
        "use std::sync::atomic::{AtomicU64, Ordering};",
        "(std::sync::atomic::AtomicU64)",
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e03_2_a_semaphore() {
    check_grader(
        "03-2",
        // `acquire` and `release` do nothing yet.
        "loom never saw your code take a lock (`Mutex::lock`), nor notify a `Condvar`",
        &[
            // `if` instead of `while`: a woken thread does not look again.
            (
                "while *free == 0 {",
                "if *free == 0 {",
                "(your code):\nattempt to subtract with overflow",
            ),
            // Nobody is woken: the waiting thread waits forever.
            ("        self.given_back.notify_one();\n", "", "a deadlock"),
            // A double release: two permits given back for one.
            ("+= 1;", "+= 2;", "threads were inside at once"),
        ],
    );
    check_std_refused(
        "03-2",
        "use exercises::sync::{Condvar, Mutex};",
        "use std::sync::{Condvar, Mutex};",
        "(std::sync::Condvar, std::sync::Mutex)",
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e03_3_a_mailbox() {
    check_grader(
        "03-3",
        "a deadlock",
        &[
            // `take` fixed, `put` not: the notify comes before the item.
            (
                "        self.items.lock().expect(\"never poisoned\").push_back(item);\n        self.arrived.notify_one();",
                "        self.arrived.notify_one();\n        self.items.lock().expect(\"never poisoned\").push_back(item);",
                "a deadlock",
            ),
            // `put` fixed, `take` not: `if` around the wait.
            ("while items.is_empty() {", "if items.is_empty() {", "(your code):\nan item is there"),
        ],
    );
    check_std_refused(
        "03-3",
        "use exercises::sync::{Condvar, Mutex};",
        "use std::sync::{Condvar, Mutex};",
        "line 11: use std::sync::{Condvar, Mutex};   (std::sync::Condvar, std::sync::Mutex)",
    );
    // std's types under another name get past the look at the imports, but the check
    // sees that the answer never used the model's.
    let why = grade(
        "03-3",
        "std-alias",
        Some(&solution("03-3")),
        &[(
            "use exercises::sync::{Condvar, Mutex};",
            "use std as library;\nuse library::sync::{Condvar, Mutex};",
        )],
    );
    let why = why.expect("std under another name passes");
    assert!(why.contains("loom never saw your code take a lock"), "{why}");
    // The lessons' `wait_while` is there under the model too.
    let wait_while = grade(
        "03-3",
        "wait-while",
        Some(&solution("03-3")),
        &[(
            "        while items.is_empty() {\n            items = self.arrived.wait(items).expect(\"never poisoned\");\n        }",
            "        items = self.arrived.wait_while(items, |items| items.is_empty()).expect(\"x\");",
        )],
    );
    assert_eq!(wait_while, None, "a correct answer with wait_while fails");
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e03_4_a_poisoned_lock() {
    check_grader(
        "03-4",
        "+scores_after_a_crash panicked",
        // Giving up on the data instead of taking it out of the error.
        &[(
            "scores.lock().unwrap_or_else(|poisoned| poisoned.into_inner())",
            "scores.lock().unwrap_or_else(|_| panic!(\"poisoned\"))",
            "+scores_after_a_crash panicked",
        )],
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e04_1_one_lock_one_step() {
    check_grader(
        "04-1",
        "updates were lost",
        // Read, let go of the lock, then lock again to write.
        &[
            (
                "    *guard += 1;",
                "    let value = *guard;\n    drop(guard);\n    *counter.lock().expect(\"no thread panics holding the counter\") = value + 1;",
                "updates were lost",
            ),
            (
                "    *guard += 1;",
                "    *guard += 2;",
                "the counter ended at 8: 4 more than were made",
            ),
            // Locking again what it holds: it waits for itself.
            (
                "    *guard += 1;",
                "    *guard += 1;\n    *counter.lock().expect(\"again\") += 0;",
                "a deadlock",
            ),
        ],
    );
    check_std_refused(
        "04-1",
        "use exercises::sync::Mutex;",
        "use std::sync::Mutex;",
        "(std::sync::Mutex)",
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e04_2_one_counter_many_handles() {
    check_grader(
        "04-2",
        "+5 threads x 1000: 0",
        // A handle to a copy of the counter, not to the counter.
        &[(
            "let counter = Arc::clone(&counter);",
            "let counter = Arc::new(Mutex::new(*counter.lock().expect(\"x\")));",
            "+5 threads x 1000: 0",
        )],
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e05_1_split_the_work() {
    check_grader(
        "05-1",
        "+below 5 on 8 threads: 0 primes",
        // Ranges that overlap by one: a prime on a boundary is counted twice.
        &[("(t + 1) * chunk };", "(t + 1) * chunk + 1 };", "+below 26 on 2 threads: 10 primes")],
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e05_2_the_next_free_block() {
    check_grader(
        "05-2",
        "claimed blocks [0, 0",
        // A compare-and-swap that ignores its failure.
        &[
            (
                "    let block = next.fetch_add(1, Ordering::Relaxed);",
                "    let block = next.load(Ordering::Relaxed);\n    let _ = next.compare_exchange(block, block + 1, Ordering::Relaxed, Ordering::Relaxed);",
                "claimed blocks",
            ),
            (
                // One try, and `None` when it loses the race: a broken promise, though every
                // block is still claimed once (the other thread takes the rest).
                "    let block = next.fetch_add(1, Ordering::Relaxed);\n    (block < blocks).then_some(block)",
                "    let block = next.load(Ordering::Relaxed);\n    if block >= blocks {\n        return None;\n    }\n    next.compare_exchange(block, block + 1, Ordering::Relaxed, Ordering::Relaxed).ok()",
                "None must mean that every block is taken",
            ),
        ],
    );
    check_std_refused(
        "05-2",
        "use exercises::sync::atomic::{AtomicU64, Ordering};",
        "use std::sync::atomic::{AtomicU64, Ordering};",
        "(std::sync::atomic::AtomicU64)",
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e06_1_results_in_order() {
    check_grader(
        "06-1",
        "came back as [",
        // Sorting by value: right for sorted input, wrong for [3, 1, 2].
        &[(
            "    let mut squares = vec![0; count];\n    for _ in 0..count {\n        let (place, square) = receiver.recv().expect(\"every thread sends one\");\n        squares[place] = square;\n    }\n",
            "    let mut squares: Vec<u64> = (0..count).map(|_| receiver.recv().expect(\"x\").1).collect();\n    squares.sort();\n",
            "came back as [1, 4, 9]",
        )],
    );
    check_std_refused(
        "06-1",
        "use exercises::sync::{mpsc, thread};",
        "use std::sync::mpsc;\nuse std::thread;",
        "(std::sync::mpsc)",
    );
    // The lessons' ways to drain a channel work under the model: `iter()`, and `for`.
    let drain = "    for _ in 0..count {\n        let (place, square) = receiver.recv().expect(\"every thread sends one\");\n        squares[place] = square;\n    }";
    for (name, over) in [("iter", "receiver.iter()"), ("for", "receiver")] {
        let loop_ = format!(
            "    drop(sender);\n    for (place, square) in {over} {{\n        squares[place] = square;\n    }}"
        );
        let why = grade("06-1", name, Some(&solution("06-1")), &[(drain, &loop_)]);
        assert_eq!(why, None, "a correct answer with `for ... in {over}` fails");
    }
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e07_1_two_locks() {
    check_grader(
        "07-1",
        "a deadlock",
        &[
            // No deadlock: one lock at a time. But between the two, the money is in neither.
            (
                "    let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };\n",
                "    *from.balance.lock().expect(\"x\") -= amount;\n    *to.balance.lock().expect(\"x\") += amount;\n    return;\n    #[allow(unreachable_code)]\n    let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };\n",
                "money in flight",
            ),
            // One order, but the money moves between the wrong guards.
            (
                "    let (from_balance, to_balance) = if from.id < to.id {",
                "    let (from_balance, to_balance) = if true {",
                "the balances are (45, 55)",
            ),
        ],
    );
    check_std_refused(
        "07-1",
        "use exercises::sync::Mutex;",
        "use std::sync::Mutex;",
        "(std::sync::Mutex)",
    );
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e08_1_publish_with_release() {
    let said = "read returned Some(0): it saw `ready` set, but not `data`";
    check_grader(
        "08-1",
        said,
        &[
            // A Release store, read by a Relaxed load: one side of the pair.
            ("if !ready.load(Ordering::Acquire) {", "if !ready.load(Ordering::Relaxed) {", said),
            // An Acquire load of a Relaxed store: the other side alone.
            (
                "ready.store(true, Ordering::Release);",
                "ready.store(true, Ordering::Relaxed);",
                said,
            ),
            // The flag first, then the data: Release and Acquire cannot help.
            (
                "    data.store(value, Ordering::Relaxed);\n    // Release: a thread whose Acquire load reads this `true` sees `data` too.\n    ready.store(true, Ordering::Release);",
                "    ready.store(true, Ordering::Release);\n    data.store(value, Ordering::Relaxed);",
                said,
            ),
            // Orderings std refuses: rustc would not compile them, and the model stops.
            (
                "ready.store(true, Ordering::Release);",
                "ready.store(true, Ordering::Acquire);",
                "a store cannot be `Acquire` or `AcqRel`; it takes `Relaxed`, `Release` or `SeqCst`",
            ),
            (
                "if !ready.load(Ordering::Acquire) {",
                "if !ready.load(Ordering::Release) {",
                "a load cannot be `Release` or `AcqRel`; it takes `Relaxed`, `Acquire` or `SeqCst`",
            ),
        ],
    );
    check_std_refused(
        "08-1",
        "use exercises::sync::atomic::{AtomicBool, AtomicU64, Ordering};",
        "use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};",
        "(std::sync::atomic::AtomicBool, std::sync::atomic::AtomicU64)",
    );
    // Stronger than needed, and right: SeqCst everywhere.
    let seq_cst = solution("08-1")
        .replace("Ordering::Relaxed", "Ordering::SeqCst")
        .replace("Ordering::Release", "Ordering::SeqCst")
        .replace("Ordering::Acquire", "Ordering::SeqCst");
    assert_eq!(grade("08-1", "seq-cst", Some(&seq_cst), &[]), None, "SeqCst everywhere fails");
    // Relaxed, with a Release fence before the flag's store and an Acquire fence after its
    // load: right too, and the model has `fence`.
    let fences = grade(
        "08-1",
        "fences",
        Some(&solution("08-1")),
        &[
            (
                "    ready.store(true, Ordering::Release);",
                "    exercises::sync::atomic::fence(Ordering::Release);\n    ready.store(true, Ordering::Relaxed);",
            ),
            (
                "    if !ready.load(Ordering::Acquire) {\n        return None;\n    }",
                "    if !ready.load(Ordering::Relaxed) {\n        return None;\n    }\n    exercises::sync::atomic::fence(Ordering::Acquire);",
            ),
        ],
    );
    assert_eq!(fences, None, "Release and Acquire fences fail");
}

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e08_2_a_high_score() {
    let the_loop = "    let mut current = best.load(Ordering::Relaxed);\n    while score > current {\n        match best.compare_exchange(current, score, Ordering::Relaxed, Ordering::Relaxed) {\n            Ok(_) => return,\n            // Another thread wrote first: `found` is what `best` holds now.\n            Err(found) => current = found,\n        }\n    }\n";
    let not_by_hand = "Every schedule passed, but your `record` never calls `compare_exchange` \
                       (or `compare_exchange_weak`). If it calls `fetch_max` or `fetch_update`: \
                       that is right, and what real code should do.";
    check_grader(
        "08-2",
        "the best score ended at 3: the 5 was lost",
        &[
            // A stronger ordering does not make the load and the store one step.
            (
                the_loop,
                "    let current = best.load(Ordering::SeqCst);\n    if score > current {\n        best.store(score, Ordering::SeqCst);\n    }\n",
                "the best score ended at 3: the 5 was lost",
            ),
            // One try: when it fails, the score may still be the highest.
            ("Err(found) => current = found,", "Err(_) => return,", "the 5 was lost"),
            // It tries again with the value it loaded first, which is never there again.
            (
                "Err(found) => current = found,",
                "Err(_) => {}",
                "a value that is gone fails every time: try again with the value its `Err` returned",
            ),
            // It tries again, but never decides again: it writes 3 over the 5 it found.
            ("    while score > current {", "    loop {", "the 5 was lost"),
            // Right, but not the exercise: the loop done for it.
            (the_loop, "    best.fetch_max(score, Ordering::Relaxed);\n", not_by_hand),
            (
                the_loop,
                "    let higher = |current| (score > current).then_some(score);\n    let _ = best.fetch_update(Ordering::Relaxed, Ordering::Relaxed, higher);\n",
                not_by_hand,
            ),
            // A weak compare_exchange may fail though it found `current`: this gives up.
            (
                "        match best.compare_exchange(current, score, Ordering::Relaxed, Ordering::Relaxed) {\n            Ok(_) => return,\n",
                "        match best.compare_exchange_weak(current, score, Ordering::Relaxed, Ordering::Relaxed) {\n            Ok(_) => return,\n            Err(found) if found == current => return,\n",
                "a weak one may fail for no reason",
            ),
        ],
    );
    check_std_refused(
        "08-2",
        "use exercises::sync::atomic::{AtomicU64, Ordering};",
        "use std::sync::atomic::{AtomicU64, Ordering};",
        "(std::sync::atomic::AtomicU64)",
    );
    // The weak one is the same loop (under loom it never fails spuriously).
    let weak = grade(
        "08-2",
        "weak",
        Some(&solution("08-2")),
        &[("best.compare_exchange(", "best.compare_exchange_weak(")],
    );
    assert_eq!(weak, None, "a loop with compare_exchange_weak fails");
}

/// 08-3 built another way, as the exercise allows: a state (0: not set up, 1: being set
/// up, 2: set up) that a thread waits on, calling `spin` (a statement) in the loop.
fn spinning_once(spin: &str) -> String {
    format!(
        "{}{}",
        SET_UP_ONCE_USES,
        r#"
pub struct OnceU64 {
    state: AtomicU64,
    value: AtomicU64,
}

impl OnceU64 {
    pub fn new() -> OnceU64 {
        OnceU64 { state: AtomicU64::new(0), value: AtomicU64::new(0) }
    }

    pub fn get_or_init(&self, init: impl FnOnce() -> u64) -> u64 {
        loop {
            match self.state.compare_exchange(0, 1, Ordering::Acquire, Ordering::Acquire) {
                Ok(_) => {
                    let value = init();
                    self.value.store(value, Ordering::Relaxed);
                    self.state.store(2, Ordering::Release);
                    return value;
                }
                Err(2) => return self.value.load(Ordering::Relaxed),
                Err(_) => SPIN,
            }
        }
    }
}
"#
        .replace("SPIN", spin)
    )
}

/// The imports of 08-3's exercise, for answers written in full.
const SET_UP_ONCE_USES: &str = "use exercises::sync::Mutex;\nuse exercises::sync::atomic::{AtomicBool, AtomicU64, Ordering};\n";

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e08_3_set_up_once() {
    let solution = solution("08-3");
    let start = solution.find("/// A `u64` that").expect("the solution's struct");
    let spins_bare = spinning_once("{}");
    let spins_bare = &spins_bare[SET_UP_ONCE_USES.len()..];
    check_grader(
        "08-3",
        "init ran 2 times (main's, then thread #1's): it must run once",
        &[
            // Checked without the lock only: two threads wait for the lock, both run init.
            (
                "        // Another thread may have set it up while this one waited for the lock.\n        if self.ready.load(Ordering::Relaxed) {\n            return self.value.load(Ordering::Relaxed);\n        }\n",
                "",
                "init ran 2 times (main's, then thread #1's)",
            ),
            // A Relaxed fast path: `ready` is seen, the value is not.
            (
                "if self.ready.load(Ordering::Acquire) {",
                "if self.ready.load(Ordering::Relaxed) {",
                "thread #1's call returned 0, but main's init made 1: it found `ready` set, \
                 but read `value` as it was before",
            ),
            // The flag set with Relaxed: the same.
            (
                "self.ready.store(true, Ordering::Release);",
                "self.ready.store(true, Ordering::Relaxed);",
                "thread #1's call returned 0",
            ),
            // A value of its own: init never runs.
            ("let value = init();", "let value = 7;", "init never ran"),
            // A spin loop that does not say so to loom.
            (&solution[start..], spins_bare, "call `exercises::sync::hint::spin_loop()` in it"),
        ],
    );
    check_std_refused(
        "08-3",
        "use exercises::sync::Mutex;\nuse exercises::sync::atomic::{AtomicBool, AtomicU64, Ordering};",
        "use std::sync::Mutex;\nuse std::sync::atomic::{AtomicBool, AtomicU64, Ordering};",
        "line 19: use std::sync::Mutex;   (std::sync::Mutex)",
    );
    // Other ways that are right: a spin loop that tells loom it spins, and a Mutex alone.
    let spins = spinning_once("exercises::sync::hint::spin_loop()");
    assert_eq!(grade("08-3", "spin-loop", Some(&spins), &[]), None, "a spinning answer fails");
    let mutex = format!(
        "{SET_UP_ONCE_USES}{}",
        "pub struct OnceU64 {\n    value: Mutex<Option<u64>>,\n}\n\nimpl OnceU64 {\n    pub fn new() -> OnceU64 {\n        OnceU64 { value: Mutex::new(None) }\n    }\n\n    pub fn get_or_init(&self, init: impl FnOnce() -> u64) -> u64 {\n        *self.value.lock().expect(\"never poisoned\").get_or_insert_with(init)\n    }\n}\n"
    );
    assert_eq!(grade("08-3", "mutex", Some(&mutex), &[]), None, "a Mutex<Option<u64>> fails");
    // std's spin hint, which loom cannot see, is refused before the check runs.
    let why = grade("08-3", "std-spin", Some(&spinning_once("std::hint::spin_loop()")), &[]);
    let why = why.expect("std's spin_loop passes");
    assert!(why.contains("`exercises::sync::hint::spin_loop()` tells loom"), "{why}");
}

/// 09-1's solution, from `tokio::join!` to its result.
const JOIN_THREE: &str = "    let (first, second, third) = tokio::join!(fetch(1), fetch(2), fetch(3));\n    vec![first, second, third]";

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e09_1_three_waits_at_once() {
    check_grader(
        "09-1",
        "fetch_all returned [1, 2, 3] after 300 ms of tokio's time: 150 + 100 + 50, one fetch \
         after another",
        &[
            // A JoinSet: all at once, but its results come as the fetches end.
            (
                JOIN_THREE,
                "    let mut set = tokio::task::JoinSet::new();\n    for n in 1..=3 {\n        set.spawn(fetch(n));\n    }\n    set.join_all().await",
                "fetch_all returned [3, 2, 1] after 150 ms of tokio's time: in the order the \
                 fetches ended",
            ),
            // Two at once, then the third.
            (
                JOIN_THREE,
                "    let (first, second) = tokio::join!(fetch(1), fetch(2));\n    vec![first, second, fetch(3).await]",
                "fetch_all returned [1, 2, 3] after 200 ms of tokio's time: more than its \
                 slowest fetch (150 ms)",
            ),
            // Started, never awaited: the results are pushed after fetch_all returned.
            (
                JOIN_THREE,
                "    let results = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));\n    for n in 1..=3 {\n        let results = std::sync::Arc::clone(&results);\n        tokio::spawn(async move {\n            let result = fetch(n).await;\n            results.lock().expect(\"never poisoned\").push(result);\n        });\n    }\n    let results = results.lock().expect(\"never poisoned\").clone();\n    results",
                "fetch_all returned [] after 0 ms of tokio's time: 1, 2 and 3 are missing. A \
                 task started with `tokio::spawn`",
            ),
            // std's sleep in `fetch`: real time, which the paused clock does not count.
            (
                "    sleep(Duration::from_millis(wait)).await;",
                "    std::thread::sleep(Duration::from_millis(wait));",
                "fetch(1) returned 1 after 0 ms of tokio's time, and held its thread for",
            ),
            // Only the first fetch runs; the other numbers are made up.
            (
                JOIN_THREE,
                "    vec![fetch(1).await, 2, 3]",
                "but fetch(2) and fetch(3) never ran: the check notes each call of `fetch`",
            ),
            // Three futures built first, then awaited in turn: built is not started.
            (
                JOIN_THREE,
                "    let (first, second, third) = (fetch(1), fetch(2), fetch(3));\n    vec![first.await, second.await, third.await]",
                "Calling an `async fn` only builds its future",
            ),
            // Waiting for the tasks in a loop without `.await`: they can never run.
            (
                JOIN_THREE,
                "    let handles: Vec<_> = (1..=3).map(|n| tokio::spawn(fetch(n))).collect();\n    while !handles.iter().all(|handle| handle.is_finished()) {}\n    let mut results = Vec::new();\n    for handle in handles {\n        results.push(handle.await.expect(\"a fetch does not panic\"));\n    }\n    results",
                "`fetch_all` had not returned after 10 s of real time, so the check stopped \
                 waiting for it",
            ),
        ],
    );
    // Other ways that are right: spawn, then await the handles in order.
    let spawned = grade(
        "09-1",
        "spawn-in-order",
        Some(&solution("09-1")),
        &[(
            JOIN_THREE,
            "    let handles: Vec<_> = (1..=3).map(|n| tokio::spawn(fetch(n))).collect();\n    let mut results = Vec::new();\n    for handle in handles {\n        results.push(handle.await.expect(\"a fetch does not panic\"));\n    }\n    results",
        )],
    );
    assert_eq!(spawned, None, "spawning and awaiting the handles in order fails");
}

/// 09-2's solution's call.
const SPAWN_BLOCKING: &str =
    "    tokio::task::spawn_blocking(blocking_call).await.expect(\"the call does not panic\")";

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e09_2_off_the_executor() {
    let same_thread = "the blocking call ran on the thread that runs every task, so while it \
                       ran, the ticker (another task) could not tick once";
    check_grader(
        "09-2",
        same_thread,
        &[
            // An async block runs where it is awaited.
            (SPAWN_BLOCKING, "    async move { blocking_call() }.await", same_thread),
            // So does a task, on a runtime of one thread.
            (
                SPAWN_BLOCKING,
                "    tokio::spawn(async move { blocking_call() }).await.expect(\"no panic\")",
                same_thread,
            ),
            // block_in_place panics on a current-thread runtime: reported, not a crash.
            (
                SPAWN_BLOCKING,
                "    tokio::task::block_in_place(blocking_call)",
                "can call blocking only when running on the multi-threaded runtime\n\
                 `block_in_place` works only on tokio's multi-thread runtime",
            ),
            // A thread of its own, joined: the thread that runs the tasks waits for it.
            (
                SPAWN_BLOCKING,
                "    std::thread::spawn(blocking_call).join().expect(\"no panic\")",
                "the blocking call ran on a thread of its own, but the ticker ticked 0 of 3 \
                 times while it ran",
            ),
            // Started, not awaited.
            (
                SPAWN_BLOCKING,
                "    let _ = tokio::task::spawn_blocking(blocking_call);\n    42",
                "`run_job` returned 42, and the blocking call had not run yet",
            ),
        ],
    );
}

/// 09-3's solution's `add`, from the lock to the log.
const SCOPED_ADD: &str = "        let seen = {\n            let mut count = self.count.lock().expect(\"never poisoned\");\n            let seen = *count;\n            *count = seen + amount;\n            seen\n        };\n        log_change(seen, seen + amount).await;";

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e09_3_a_guard_across_await() {
    let lost = "two tasks each added 1, but the counter ended at 1: 1 update was lost. Both \
                tasks read the count before either wrote it back: the lock was let go between \
                the read and the write";
    check_grader(
        "09-3",
        "future cannot be sent between threads safely",
        &[
            // The guard let go before the log and taken again after it.
            (
                SCOPED_ADD,
                "        let seen = *self.count.lock().expect(\"never poisoned\");\n        log_change(seen, seen + amount).await;\n        *self.count.lock().expect(\"never poisoned\") = seen + amount;",
                lost,
            ),
            // `spawn_local` needs no `Send`, but a `LocalSet`: reported, not a crash.
            (
                "tokio::spawn(async move",
                "tokio::task::spawn_local(async move",
                "in a library's code:\n`spawn_local` called from outside of a `task::LocalSet` \
                 or `runtime::LocalRuntime`\n`tokio::task::spawn_local` takes a task that need \
                 not be `Send`",
            ),
            // No log at all: the guard problem gone with what the task was for.
            ("        log_change(seen, seen + amount).await;", "", "neither awaited its log"),
        ],
    );
    // The start's failure, explained in words after the compiler's.
    let why = grade("09-3", "start-words", None, &[]).expect("the start fails");
    assert!(why.contains("In words: `tokio::spawn` may move a task to another thread"), "{why}");
    assert!(why.contains("/09-async/3-a-guard-across-await.rs:50:5"), "{why}");
    assert!(!why.contains("graders/../"), "{why}");
    // tokio's Mutex, its guard held across the log: right.
    let tokio_mutex = |add: &str| {
        solution("09-3")
            .replace("use std::sync::{Arc, Mutex};", "use std::sync::Arc;\nuse tokio::sync::Mutex;")
            .replace(SCOPED_ADD, add)
            .replace(
                "        *self.count.lock().expect(\"never poisoned\")\n",
                "        *self.count.lock().await\n",
            )
    };
    let held = tokio_mutex(
        "        let mut count = self.count.lock().await;\n        let seen = *count;\n        log_change(seen, seen + amount).await;\n        *count = seen + amount;",
    );
    assert_eq!(grade("09-3", "tokio-mutex", Some(&held), &[]), None, "tokio's Mutex fails");
    // tokio's Mutex, taken twice: the same lost update.
    let twice = tokio_mutex(
        "        let seen = *self.count.lock().await;\n        log_change(seen, seen + amount).await;\n        *self.count.lock().await = seen + amount;",
    );
    let why = grade("09-3", "tokio-mutex-twice", Some(&twice), &[]);
    let why = why.expect("tokio's Mutex taken twice passes");
    assert!(why.contains(lost), "{why}");
}

/// 10-1's solution's count.
const DETACHED: &str = "    py.detach(|| count_primes(lo..hi))";

/// 10-1's check, when the count ran holding the GIL: this, then a line of advice.
const HELD: &str = "While your function counted, no other Python thread ran: it held the GIL. \
                    The ticker, a Python thread that calls `tick()` over and over, ticked not \
                    once in the 2 s that the count waited for it. (The check runs Python with \
                    its GIL on, as a default build always has it; only a free-threaded Python \
                    runs without one.)\n";

#[test]
#[ignore = "builds about a hundred copies; CI runs it with --ignored"]
fn e10_1_let_go_of_the_gil() {
    let no_detach = format!("{HELD}`py.detach(|| ...)` lets go of the GIL while its closure runs");
    let outside = format!("{HELD}Your code calls `detach`, but the count did not run inside it");
    let attached = format!(
        "{HELD}Your code lets go of the GIL with `detach`, then takes it back \
                            with `Python::attach` inside the closure, and counts holding it"
    );
    let joined = format!(
        "{HELD}The count ran on a thread of its own, but your function held \
                          the GIL while it waited for that thread to end"
    );
    let never_ran = "`count_primes_let_go(10000, 20000)` returned 1033, but the course's \
                     `count_primes` never ran";
    check_grader(
        "10-1",
        &no_detach,
        &[
            // detach around nothing, and the count after it.
            (DETACHED, "    py.detach(|| {});\n    count_primes(lo..hi)", &outside),
            // The GIL let go, and taken back for the count.
            (DETACHED, "    py.detach(|| Python::attach(|_py| count_primes(lo..hi)))", &attached),
            // A thread of its own, joined while the GIL is held.
            (
                DETACHED,
                "    let _ = py;\n    std::thread::spawn(move || count_primes(lo..hi)).join().expect(\"no panic\")",
                &joined,
            ),
            // A made-up answer: the GIL let go, the watched count never called.
            (DETACHED, "    py.detach(|| 1033)", never_ran),
            // The lesson's own count, which the check does not watch.
            (DETACHED, "    py.detach(|| crate::count_primes(lo..hi))", never_ran),
            // The wrong range.
            (
                DETACHED,
                "    py.detach(|| count_primes(0..hi))",
                "but it counted the primes in 0..20000 instead of 10000..20000",
            ),
            // The wrong answer from the right count.
            (
                DETACHED,
                "    py.detach(|| count_primes(lo..hi)) + 1",
                "the count found 1033 primes in 10000..20000, but your function returned 1034",
            ),
            // A panic reaches Python as an exception.
            (
                DETACHED,
                "    py.detach(|| -> u64 { panic!(\"no count today\") })",
                "raised PanicException: no count today in Python",
            ),
            // PyO3's name before 0.26: the compiler's errors, and a word on the new name.
            (
                DETACHED,
                "    py.allow_threads(|| count_primes(lo..hi))",
                "PyO3 0.28 calls it `detach`",
            ),
        ],
    );
    // The compiler's errors name the learner's file as the learner knows it.
    let why = grade(
        "10-1",
        "wrong-8",
        Some(&solution("10-1")),
        &[(DETACHED, "    py.allow_threads(|| count_primes(lo..hi))")],
    );
    let why = why.expect("allow_threads compiles");
    assert!(why.starts_with("Your code does not compile yet:"), "{why}");
    assert!(why.contains("--> exercises/10-pyo3/1-let-go-of-the-gil.rs:"), "{why}");
    // Other ways that are right: a thread inside the detach; two counts, one per half.
    for (name, answer) in [
        (
            "thread-inside",
            "    py.detach(|| std::thread::spawn(move || count_primes(lo..hi)).join().expect(\"no panic\"))",
        ),
        (
            "two-halves",
            "    let mid = lo + (hi - lo) / 2;\n    py.detach(|| count_primes(lo..mid) + count_primes(mid..hi))",
        ),
    ] {
        let why = grade("10-1", name, Some(&solution("10-1")), &[(DETACHED, answer)]);
        assert_eq!(why, None, "10-1's {name} fails");
    }
}
