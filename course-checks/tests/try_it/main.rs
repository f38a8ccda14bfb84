//! Every "Try it" of every lesson, done on a copy of the lesson the way its text says,
//! with the outcome the text predicts asserted. See `testkit::try_it`: the first run
//! builds each copy (about a minute in all); later runs reuse a copy until its sources
//! change.
//!
//! Predictions about speed (lesson 05) are measured, not tested: the README quotes the
//! runs. Here their edits are only built, so that the code the text gives compiles.
//!
//! Most of a Try it's time is spent waiting for the copy's programs (sleeps, timeouts,
//! Python), so this runs them eight at a time, more than libtest's one per core: its own
//! `main` below (`harness = false` in `Cargo.toml`). It prints what libtest prints, and
//! takes the same filter: `cargo test -p course-checks --test try_it lesson_04`.

mod lesson_01;
mod lesson_02;
mod lesson_03;
mod lesson_04;
mod lesson_05;
mod lesson_06;
mod lesson_07;
mod lesson_08;
mod lesson_09;
mod lesson_10;

use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use testkit::try_it::{Build, Copy};

/// `tries![a, b]` in a lesson's module lists its checks: `TRIES`, by name.
#[macro_export]
macro_rules! tries {
    ($($name:ident),* $(,)?) => {
        pub const TRIES: &[(&str, fn())] = &[$((stringify!($name), $name)),*];
    };
}

fn main() -> ExitCode {
    // The slowest first (lesson 05 runs the whole lesson twice), so that the others fill
    // the time around them.
    let modules = [
        ("lesson_05", lesson_05::TRIES),
        ("lesson_03", lesson_03::TRIES),
        ("lesson_07", lesson_07::TRIES),
        ("lesson_08", lesson_08::TRIES),
        ("lesson_09", lesson_09::TRIES),
        ("lesson_10", lesson_10::TRIES),
        ("lesson_04", lesson_04::TRIES),
        ("lesson_06", lesson_06::TRIES),
        ("lesson_01", lesson_01::TRIES),
        ("lesson_02", lesson_02::TRIES),
    ];
    let filters: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let chosen: Vec<(String, fn())> = modules
        .iter()
        .flat_map(|(module, tries)| {
            tries.iter().map(move |(name, f)| (format!("{module}::{name}"), *f))
        })
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    if std::env::args().any(|arg| arg == "--list") {
        chosen.iter().for_each(|(name, _)| println!("{name}: test"));
        return ExitCode::SUCCESS;
    }
    // A panic's message goes to the test that raised it, not to stderr at once.
    std::panic::set_hook(Box::new(|info| {
        let message = format!("{info}");
        FAILURE.with(|failure| *failure.borrow_mut() = Some(message));
    }));
    let next = AtomicUsize::new(0);
    let results = Mutex::new(vec![None; chosen.len()]);
    println!("\nrunning {} tests", chosen.len());
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                while let Some((name, check)) = chosen.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = std::panic::catch_unwind(check).map_err(|_| {
                        FAILURE.with(|failure| failure.borrow_mut().take()).unwrap_or_default()
                    });
                    let n = chosen.iter().position(|(other, _)| other == name).expect("listed");
                    results.lock().expect("no panic while holding it")[n] = Some(outcome);
                }
            });
        }
    });
    let results = results.into_inner().expect("no panic while holding it");
    let mut failures = Vec::new();
    for ((name, _), result) in chosen.iter().zip(&results) {
        match result {
            Some(Ok(())) => println!("test {name} ... ok"),
            Some(Err(message)) => {
                println!("test {name} ... FAILED");
                failures.push(format!("---- {name} ----\n{message}\n"));
            }
            None => unreachable!("every test ran"),
        }
    }
    if !failures.is_empty() {
        println!("\nfailures:\n\n{}", failures.join("\n"));
    }
    let (failed, passed) = (failures.len(), chosen.len() - failures.len());
    let verdict = if failed == 0 { "ok" } else { "FAILED" };
    println!("\ntest result: {verdict}. {passed} passed; {failed} failed\n");
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(101) }
}

thread_local! {
    static FAILURE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A copy of `lesson` for the Try it called `name`.
fn copy(lesson: &str, name: &str) -> Copy {
    Copy::of(env!("CARGO_TARGET_TMPDIR"), lesson, name)
}

/// Asserts that the build failed with `code`, and that the compiler's messages hold
/// `line`.
fn assert_error(build: &Build, code: &str, line: &str) {
    let errors = build.errors();
    assert!(errors.contains(&format!("error[{code}]")), "no error[{code}] in:\n{errors}");
    assert!(errors.contains(line), "the compiler did not say {line:?}:\n{errors}");
}

/// Runs the copy's tests (of `targets`, or all) as `cargo insta test` does and asserts
/// what a learner then sees: no test fails, so the review follows, and it shows exactly
/// the snapshots in `review`; in them, each of `new_lines` is a line, and each of
/// `old_lines` a line of the snapshot before and not after.
fn assert_review_shows(
    build: &Build,
    targets: &[&str],
    review: &[&str],
    old_lines: &[&str],
    new_lines: &[&str],
) {
    let tests = build.insta_test(targets);
    assert!(
        tests.failed.is_empty(),
        "{:?} failed, so `cargo insta test --review` would skip the review:\n{}",
        tests.failed,
        tests.output
    );
    let pending: Vec<&str> =
        tests.pending.keys().map(|name| name.trim_end_matches(".new")).collect();
    assert_eq!(pending, review, "the snapshots up for review:\n{}", tests.output);
    let lines = |text: &str| text.lines().map(str::to_string).collect::<Vec<_>>();
    let new: Vec<String> = tests.pending.values().flat_map(|text| lines(text)).collect();
    let old: Vec<String> = review.iter().flat_map(|name| lines(&build.snapshot(name))).collect();
    for line in new_lines {
        assert!(new.iter().any(|l| l == line), "no new line {line:?} in {:?}", tests.pending);
    }
    for line in old_lines {
        assert!(old.iter().any(|l| l == line), "no line {line:?} in the snapshots {review:?}");
        assert!(!new.iter().any(|l| l == line), "{line:?} is still in {:?}", tests.pending);
    }
}

/// The binary's standard output; asserts that it succeeded.
fn stdout(build: &Build) -> String {
    let run = build.run(&[]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).into_owned()
}
