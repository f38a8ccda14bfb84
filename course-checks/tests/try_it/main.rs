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

use testkit::try_it::{Build, Copy, Tests};

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

/// Asserts that of the tests that ran, exactly the lesson's snapshot tests failed (its
/// unit test `transcript` and `tests/binary.rs`), plus `also` (such as the knob refusals,
/// whose examples show defaults), so that `cargo insta test --review` goes on to the
/// review; and that the snapshot diff has each of `diff_lines` (insta's `│-old` and
/// `│+new` lines).
fn assert_only_snapshots_fail(tests: &Tests, also: &[&str], diff_lines: &[&str]) {
    let snapshot_tests =
        ["src/main.rs: tests::transcript", "tests/binary.rs: the_binary_prints_the_snapshot"];
    let ran = |test: &str| tests.targets.iter().any(|target| test.starts_with(target.as_str()));
    let mut expected: Vec<&str> =
        snapshot_tests.iter().chain(also).copied().filter(|test| ran(test)).collect();
    let mut failed: Vec<&str> = tests.failed.iter().map(String::as_str).collect();
    failed.sort();
    expected.sort();
    assert_eq!(failed, expected, "not the tests expected to fail:\n{}", tests.output);
    for line in diff_lines {
        assert!(tests.output.contains(line), "the diff has no {line:?}:\n{}", tests.output);
    }
}

/// The binary's standard output; asserts that it succeeded.
fn stdout(build: &Build) -> String {
    let run = build.run(&[]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).into_owned()
}
