//! The Python side: `python/bridge.py` with the module built, on whichever Python
//! `LESSON_10_PYTHON` names (a virtual environment's, after `maturin develop`). Without
//! it these tests say they skipped and pass: `cargo test --workspace` needs no Python
//! and no maturin. `.ci/run` builds the module for the default Python and the
//! free-threaded one, the latter twice (declared `gil_used = false`, then `true`), and
//! runs them with each.
//!
//! Each build has its own pinned output: what the GIL allows differs, and that is the
//! lesson. The times and speedups are hidden. The counts of primes, and every outcome
//! that the build decides, are pinned; on a build with its GIL off, how many calls two
//! threads collide on is up to the scheduler, and hidden too.
//!
//! They are plain files (`snapshots/bridge-*.txt`), not insta's `.snap`: each run sees
//! one build, so insta would call the other builds' snapshots unused (`.ci/run` rejects
//! those). `INSTA_UPDATE=always` rewrites them all the same, as for insta's.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

const BRIDGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/python/bridge.py");

/// The Python to run, or `None` (and a note on stderr) when none was given.
fn python() -> Option<PathBuf> {
    // A relative path is taken from the course's folder, where a learner runs cargo (the
    // tests themselves run in the lesson's).
    let course = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let python = std::env::var_os("LESSON_10_PYTHON").map(|path| PathBuf::from(course).join(path));
    if python.is_none() {
        // Straight to stderr, past the test harness's capture, so it is always seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED a lesson 10 test: set LESSON_10_PYTHON to a Python that can import \
             rust_primes (lesson-10-pyo3/README.md)"
        );
    }
    python
}

fn run(python: &PathBuf, args: &[&str]) -> Output {
    Command::new(python)
        .arg(BRIDGE)
        .args(args)
        .env_remove("PYTHON_GIL")
        .output()
        .unwrap_or_else(|error| panic!("cannot run {}: {error}", python.display()))
}

/// Whether this Python was built free-threaded, as sysconfig says (not whether its GIL
/// is off now).
fn free_threaded(python: &PathBuf) -> bool {
    let asked = Command::new(python)
        .args(["-c", "import sysconfig; print(sysconfig.get_config_var('Py_GIL_DISABLED'))"])
        .output()
        .expect("the Python runs");
    String::from_utf8_lossy(&asked.stdout).trim() == "1"
}

/// The start of what a free-threaded Python prints when a module that says it needs the
/// GIL is imported; the whole warning is pinned in `snapshots/gil-back-on.txt`, which
/// README.md quotes.
const GIL_BACK_ON: &str = "RuntimeWarning: The global interpreter lock (GIL) has been enabled";

#[test]
fn bridge_prints_its_builds_snapshot() {
    let Some(python) = python() else { return };
    let run = run(
        &python,
        &["--python-limit", "20000", "--rust-limit", "200000", "--rounds", "1", "--calls", "2000"],
    );
    let stdout = String::from_utf8(run.stdout).expect("Python prints UTF-8");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "bridge.py failed:\n{stdout}\n{stderr}");
    let gil_used = stdout.contains("(gil_used = true)");
    let (name, gil_off) = match (free_threaded(&python), gil_used) {
        (false, false) => ("bridge-default-build", false),
        (true, false) => ("bridge-free-threaded", true),
        (true, true) => ("bridge-free-threaded-gil-used", false),
        (false, true) => panic!("build the module without --features gil-used for this Python"),
    };
    // The warning comes exactly when the free-threaded Python turns its GIL back on.
    let warned = stderr.contains(GIL_BACK_ON);
    assert_eq!(warned, name == "bridge-free-threaded-gil-used", "stderr:\n{stderr}");
    assert_eq!(stderr.lines().count(), usize::from(warned), "stderr:\n{stderr}");
    if warned {
        // "<frozen importlib._bootstrap>:488: RuntimeWarning: ...": the line number is
        // CPython's own, and moves between its versions.
        let filters =
            [(r"^<frozen importlib._bootstrap>:\d+:", "<frozen importlib._bootstrap>:[line]:")];
        pin("gil-back-on", &testkit::filtered(&stderr, &filters));
    }
    let mut filters = testkit::filters::BRIDGE.to_vec();
    if gil_off {
        // How many collide is up to the scheduler; that each call is added or refused,
        // "(8000 calls)", stays pinned.
        filters
            .push((r"(?m)^(   Tally, [^:]*: )\d+ added, \d+ refused", "$1[n] added, [n] refused"));
    }
    pin(name, &testkit::filtered(&stdout, &filters));
}

/// Try it 2: `PYTHON_GIL=0` keeps the GIL off even for a module that says it needs it.
/// Only where the module was built with `--features gil-used`, for a free-threaded Python.
#[test]
fn python_gil_0_overrides_the_modules_word() {
    let Some(python) = python() else { return };
    if !free_threaded(&python) {
        return;
    }
    let run = Command::new(&python)
        .args(["-c", "import sys, rust_primes; print(rust_primes.declares_gil_used(), sys._is_gil_enabled())"])
        .env("PYTHON_GIL", "0")
        .output()
        .expect("the Python runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let said_it_needs_the_gil = stdout.starts_with("True");
    if said_it_needs_the_gil {
        assert_eq!(stdout.trim(), "True False", "PYTHON_GIL=0: the GIL stays off");
        assert!(run.stderr.is_empty(), "no warning: {}", String::from_utf8_lossy(&run.stderr));
    }
}

#[test]
fn bad_knobs_are_refused_in_one_line() {
    let Some(python) = python() else { return };
    let mut report = String::new();
    for args in [
        &["--rust-limit", "a million"][..],
        &["--python-limit", "10"],
        &["--threads", "0"],
        &["--rounds", "101"],
        &["--calls"],
    ] {
        let run = run(&python, args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(run.stdout.is_empty(), "{args:?} printed before refusing");
        report += &format!("{args:?} -> exit {:?}: {stderr}", run.status.code());
    }
    pin("bridge-knobs", &report);
}

/// Checks `text` against `snapshots/NAME.txt`.
fn pin(name: &str, text: &str) {
    let path = format!("{}/snapshots/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    exercises::check::pinned(&path, text);
}
