//! Test helpers shared by the lessons' tests: run a lesson's Python companion beside its
//! Rust binary and check that the lines meant to match do match; run a binary with bad
//! knobs and report how it refused them.
//!
//! Only tests use this crate (it is a dev-dependency); the lessons print through `common`.
//!
//! Without `python3` a parity test cannot run. On a learner's machine it then says so on
//! stderr (`SKIPPED ...`) and returns; with `CI` set it fails, so CI always runs it for real.
//! Set `PYTHON` to run the companions with another interpreter, such as a free-threaded
//! build (`PYTHON=$(scripts/free-threaded-python) cargo test --workspace --test main -- parity::`).
//!
//! [`check_readme`] keeps each lesson's text in step with its code;
//! [`assert_lesson_snapshot!`] is the snapshot setup every lesson shares, with the
//! [`filters`] that hide what varies; [`try_it`] makes a lesson's "Try it" edits on a
//! copy and checks what the text predicts.

mod readme;
mod snapshot;
pub mod try_it;
pub use readme::{check_readme, readme_problems};
pub use snapshot::{filtered, filters, stdout_of_binary};

use std::io::{ErrorKind, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the Rust binary at `binary` and the Python program at `companion`, both with
/// `args`, keeps the lines of each output for which `pick` returns `Some`, and asserts
/// that the two lists are equal and not empty.
///
/// `pick` may rewrite a line before it is compared, to drop what is meant to differ
/// (a timing, a timeline). Skipped, with a note on stderr, when `python3` is not installed
/// and `CI` is not set.
///
/// In `lesson-04-lock/tests/parity.rs`, where the binary's path is
/// `env!("CARGO_BIN_EXE_lesson-04-lock")`:
///
/// ```no_run
/// testkit::assert_same_lines(
///     "target/debug/lesson-04-lock",
///     "python/lock.py",
///     &[],
///     |line| line.starts_with("Counter value:").then(|| line.to_string()),
/// );
/// ```
pub fn assert_same_lines(
    binary: &str,
    companion: impl AsRef<Path>,
    args: &[&str],
    pick: impl Fn(&str) -> Option<String>,
) {
    let companion = companion.as_ref();
    let interpreter = python();
    // Both at once: the Rust runs while the Python does.
    let mut command = Command::new(binary);
    command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    let rust = command.spawn();
    let Some(python) = companion_output(&interpreter, companion, args) else {
        skip_or_fail(on_ci(), &interpreter, companion);
        return;
    };
    let rust = checked_stdout(&command, rust.and_then(|child| child.wait_with_output()));
    let picked = |output: &str| output.lines().filter_map(&pick).collect::<Vec<_>>();
    let (rust_lines, python_lines) = (picked(&rust), picked(&python));
    assert!(
        !rust_lines.is_empty(),
        "no line of {binary}'s output was picked, so nothing would be compared:\n{rust}"
    );
    assert_eq!(
        rust_lines,
        python_lines,
        "the lines meant to match differ (left: Rust, right: {})",
        companion.display()
    );
}

/// Runs `binary` once per entry of `bad_args` and returns one line per run,
/// `ARGS -> exit CODE: STDERR`, for a snapshot. Asserts what every refusal must be: exit
/// code 2, exactly one line on stderr, nothing on stdout.
pub fn refusals(binary: &str, bad_args: &[&[&str]]) -> String {
    let mut report = String::new();
    for args in bad_args {
        let output = Command::new(binary)
            .args(*args)
            .output()
            .unwrap_or_else(|error| panic!("cannot run {binary}: {error}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: one line, not:\n{stderr}");
        assert!(output.stdout.is_empty(), "{args:?} printed on stdout");
        report += &format!("{} -> exit 2: {}", args.join(" "), stderr);
    }
    report
}

/// Silences the default panic message ("thread 'doomed' panicked at ...") of the threads
/// named in `threads`, which a lesson makes panic on purpose, so that when a test fails,
/// the failure is the first thing in its output. Panics in any other thread are reported
/// as usual. The first call in a test binary sets the names for all its tests.
pub fn expect_panics_from(threads: &'static [&'static str]) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let current = std::thread::current();
            if !current.name().is_some_and(|name| threads.contains(&name)) {
                report(info);
            }
        }));
    });
}

/// Whether `python3` runs here, for a test that needs it for something other than a
/// companion (lesson 10 builds PyO3, whose build asks Python what to build for). Without
/// it, CI fails and a learner is told that `what` was skipped.
pub fn python3_or_skip(what: &str) -> bool {
    let found = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(!on_ci(), "python3 is not installed: CI must run {what} for real");
        let _ = writeln!(std::io::stderr(), "SKIPPED {what}: python3 is not installed");
    }
    found
}

/// The Python to run the companions with: `$PYTHON`, or else `python3`.
fn python() -> String {
    std::env::var("PYTHON").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| "python3".into())
}

/// True when the `CI` environment variable says this is a CI run.
fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"))
}

/// The standard output of `python companion args...`, or `None` if `python` is not installed.
/// Panics if the program fails: a broken companion is a failed test.
fn companion_output(python: &str, companion: &Path, args: &[&str]) -> Option<String> {
    let mut command = Command::new(python);
    command.arg(companion).args(args);
    match command.output() {
        Err(error) if error.kind() == ErrorKind::NotFound => None,
        output => Some(checked_stdout(&command, output)),
    }
}

/// Without `python`, CI fails and a learner is told that the test was skipped.
fn skip_or_fail(ci: bool, python: &str, companion: &Path) {
    assert!(!ci, "{python} is not installed: CI must run the parity tests for real");
    // Straight to stderr, past the test harness's capture, so it is always seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED a parity test: {python} is not installed, so {} was not run",
        companion.display()
    );
}

fn checked_stdout(command: &Command, output: std::io::Result<Output>) -> String {
    let output = output.unwrap_or_else(|error| panic!("cannot run {command:?}: {error}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the programs print UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_PYTHON: &str = "/nonexistent/python3";

    #[test]
    fn a_missing_python_is_noticed() {
        assert_eq!(companion_output(NO_PYTHON, Path::new("x.py"), &[]), None);
    }

    #[test]
    #[should_panic(expected = "CI must run the parity tests for real")]
    fn without_python_ci_fails() {
        skip_or_fail(true, NO_PYTHON, Path::new("x.py"));
    }

    #[test]
    #[should_panic(expected = "failed")]
    fn a_companion_that_fails_fails_the_test() {
        // `false` stands in for a Python program that exits with an error.
        companion_output("false", Path::new("x.py"), &[]);
    }
}
