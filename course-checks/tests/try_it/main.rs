//! Every "Try it" of every lesson, done on a copy of the lesson the way its text says,
//! with the outcome the text predicts asserted. See `testkit::try_it`: the first run
//! builds each copy (about a minute in all); later runs reuse a copy until its sources
//! change.
//!
//! Predictions about speed (lesson 05) are measured, not tested: the README quotes the
//! runs. Here their edits are only built, so that the code the text gives compiles.

mod lesson_01;
mod lesson_02;
mod lesson_03;
mod lesson_04;
mod lesson_05;
mod lesson_06;
mod lesson_07;

use testkit::try_it::{Build, Copy};

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
