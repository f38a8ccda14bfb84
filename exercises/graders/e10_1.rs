//! Let go of the GIL
//!
//! Proves, on a Python with the GIL on: while your function counted, another Python
//! thread ran (so your function had let go of the GIL), and it returned the number of
//! primes in `lo..hi`, counted by the course's `count_primes`.
//!
//! Hint: PyO3 gives a `#[pyfunction]` the GIL's token when it asks for one, as
//! `count_primes_let_go` does (`py: Python<'_>`). `py.detach(|| ...)` lets go of the GIL,
//! runs the closure, and takes the GIL back before it returns what the closure returned:
//! put the count inside it. (It was called `allow_threads` before PyO3 0.26.) Inside, no
//! Python: the closure gets no token, and a `Python::attach` there would take the GIL
//! back.
//!
//! How: this builds lesson-10-pyo3's module with the `exercise` feature, which compiles
//! the learner's file into it (lesson-10-pyo3/build.rs, src/watched.rs), as
//! `cargo build --release` would for maturin, in a target directory of its own; copies
//! it where Python finds it, under the name Python imports; and runs `e10_1.py` beside
//! this file on that Python, with `PYTHON_GIL=1` (so that a free-threaded Python has its
//! GIL too). The script prints what it saw, and this judges it. Nothing is timed: with
//! the GIL held, the ticker cannot tick at all.

// The learner's file is a module of lesson-10-pyo3's library, not of this check: PyO3 is
// not a dependency of `exercises`, which builds on machines without Python. (This line
// tells `cargo ex` which file this checks.)
#[cfg(any())]
#[path = "../10-pyo3/1-let-go-of-the-gil.rs"]
mod answer;

use exercises::AS_IS;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The learner's file, from this package's folder (in course-checks' copies too).
const ANSWER: &str = "10-pyo3/1-let-go-of-the-gil.rs";
/// The range the check asks for (as `e10_1.py` does).
const RANGE: &str = "10000..20000";
/// Its ends.
const LO: u64 = 10_000;
const HI: u64 = 20_000;
/// How long the Python check may take: about 0.1 s with a right answer, 2 s with one
/// that holds the GIL (the count waits that long for the ticker).
const PYTHON_TIME: Duration = Duration::from_secs(60);
/// How long the build of the module may take (the first one builds PyO3: about 20 s).
const BUILD_TIME: Duration = Duration::from_secs(600);
/// How long the count waits for the ticker, in seconds (`PATIENCE` in watched.rs).
const PATIENCE_S: u64 = 2;
/// Python's oldest version that the course supports.
const OLDEST: (u32, u32) = (3, 9);

#[test]
fn another_python_thread_runs_while_the_function_counts() {
    let seen = run().unwrap_or_else(|why| panic!("{AS_IS}{why}"));
    let judged = judge(&seen).unwrap_or_else(|why| panic!("{AS_IS}{why}"));
    if let Some(why) = judged {
        panic!("{why}");
    }
}

/// Why the check cannot say whether the answer is right: its own failure, not the
/// answer's.
fn cannot(why: &str) -> String {
    format!("The check cannot run: {why}")
}

/// What `e10_1.py` printed, one fact a line.
struct Seen {
    python: String,
    lines: Vec<String>,
}

impl Seen {
    fn value(&self, key: &str) -> Option<&str> {
        self.lines.iter().find_map(|line| line.strip_prefix(key)?.strip_prefix(' '))
    }
}

/// Builds the module with the learner's file, and runs the check's script on it. `Err`
/// is what `cargo ex` shows: the answer's compiler errors, or why the check cannot run.
fn run() -> Result<Seen, String> {
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = course_root(package)?;
    let python = find_python(&root)?;
    let answer = package.join(ANSWER);
    let answer = answer.canonicalize().unwrap_or(answer);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), |dir| root.join(dir))
        .join("cargo-ex-10-1");

    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo
        .args(["build", "--release", "--quiet", "--color", "never", "--lib"])
        .args(["-p", "lesson-10-pyo3", "--features", "exercise", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUST_PRIMES_EXERCISE", &answer)
        // What maturin would set: build for this Python, as a module it loads (no link
        // to libpython). See PyO3's guide, "Building and distribution".
        .env("PYO3_PYTHON", &python.executable)
        .env("PYO3_BUILD_EXTENSION_MODULE", "1");
    if cfg!(target_os = "macos") {
        // What maturin passes on macOS: Python's symbols are found when it loads the module.
        cargo.env("RUSTFLAGS", "-C link-arg=-undefined -C link-arg=dynamic_lookup");
    }
    let built = run_for_at_most(cargo, BUILD_TIME)
        .map_err(|error| cannot(&format!("it cannot run cargo: {error}")))?
        .ok_or_else(|| {
            cannot(&format!(
                "building the module took more than {} s, so it was stopped.",
                BUILD_TIME.as_secs()
            ))
        })?;
    if !built.ok {
        return Err(compile_errors(&built.stderr, &answer, package));
    }
    let library = target.join("release").join(format!(
        "{}rust_primes{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let folder = std::env::temp_dir().join(format!("cargo-ex-10-1-{}", std::process::id()));
    let module = folder.join(format!("rust_primes{}", python.ext_suffix));
    std::fs::create_dir_all(&folder).and_then(|()| std::fs::copy(&library, &module)).map_err(
        |error| {
            let (library, module) = (library.display(), module.display());
            cannot(&format!("it cannot copy {library} to {module}: {error}"))
        },
    )?;

    let mut check = Command::new(&python.executable);
    check
        .arg(package.join("graders/e10_1.py"))
        .current_dir(&folder)
        .env("PYTHONPATH", &folder)
        .env("PYTHON_GIL", "1")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    let ran = run_for_at_most(check, PYTHON_TIME);
    let _ = std::fs::remove_dir_all(&folder);
    let ran = ran
        .map_err(|error| cannot(&format!("it cannot run {}: {error}", python.name)))?
        .ok_or_else(|| {
            format!(
                "The Python check did not end within {} s, so it was stopped. It takes about \
                 a second, 2 s if your function holds the GIL: does your function wait for \
                 something that never comes?",
                PYTHON_TIME.as_secs()
            )
        })?;
    let lines: Vec<String> = ran.stdout.lines().map(str::to_string).collect();
    let finished = lines.iter().any(|line| line == "gil off" || line.starts_with("expected "));
    if !ran.ok || !finished {
        let said = ran.stderr.trim();
        let said = said.lines().rev().take(15).collect::<Vec<_>>();
        let said: Vec<&str> = said.into_iter().rev().collect();
        return Err(cannot(&format!(
            "the Python check ended before it had seen your function at work ({}):\n{}",
            python.name,
            said.join("\n")
        )));
    }
    Ok(Seen { python: python.name, lines })
}

/// What the check's script saw, judged: `Ok(None)` if it proves the exercise done,
/// `Ok(Some(what went wrong))` if not; `Err` if the check cannot tell.
fn judge(seen: &Seen) -> Result<Option<String>, String> {
    if seen.lines.iter().any(|line| line == "gil off") {
        return Err(cannot(&format!(
            "{} ran with PYTHON_GIL=1, and still has no GIL (`sys._is_gil_enabled()` is \
             False). Without a GIL, other Python threads run whatever your function does, \
             so the check would prove nothing. Check with another Python (set PYTHON to it).",
            seen.python
        )));
    }
    let not_understood = || {
        cannot(&format!(
            "it does not understand what {} printed:\n{}",
            seen.python,
            seen.lines.join("\n")
        ))
    };
    let expected: u64 =
        seen.value("expected").and_then(|value| value.parse().ok()).ok_or_else(not_understood)?;
    Ok(mistake(seen, expected))
}

/// What went wrong, if anything, when the right answer is `expected`.
fn mistake(seen: &Seen, expected: u64) -> Option<String> {
    let returned = seen.value("returned").map(|value| value.parse::<u64>().unwrap_or(u64::MAX));
    let counts: Vec<Count> = seen.lines.iter().filter_map(|line| Count::parse(line)).collect();
    let call = format!("`count_primes_let_go({})`", RANGE.replace("..", ", "));
    let Some(returned) = returned else {
        let raised = seen.value("raised").unwrap_or("an exception");
        return Some(format!(
            "{call} raised {raised} in Python. (A panic in Rust reaches Python as a \
             `PanicException`.)"
        ));
    };
    if counts.is_empty() {
        return Some(format!(
            "{call} returned {returned}, but the course's `count_primes` never ran. The \
             check watches that count (it notes whether other Python threads ran while it \
             counted), so the answer must come from it: call `count_primes(lo..hi)`, the one \
             this file imports."
        ));
    }
    if let Some(held) = counts.iter().find(|count| count.ticks < 2) {
        return Some(held_the_gil(held));
    }
    let mut ranges: Vec<(u64, u64)> = counts.iter().map(|count| (count.lo, count.hi)).collect();
    ranges.sort_unstable();
    let covers = ranges.first().is_some_and(|first| first.0 == LO)
        && ranges.last().is_some_and(|last| last.1 == HI)
        && ranges.windows(2).all(|pair| pair[0].1 == pair[1].0);
    if !covers {
        let counted: Vec<String> = ranges.iter().map(|(lo, hi)| format!("{lo}..{hi}")).collect();
        return Some(format!(
            "{call} let go of the GIL while it counted (other Python threads ran), but it \
             counted the primes in {} instead of {RANGE}: `lo..hi` is the range it is asked \
             for (`hi` not included, as in Python's `range(lo, hi)`).",
            counted.join(" and ")
        ));
    }
    if returned != expected {
        let found: u64 = counts.iter().map(|count| count.primes).sum();
        return Some(format!(
            "{call} let go of the GIL while it counted (other Python threads ran), and the \
             count found {found} primes in {RANGE}, but your function returned {returned}: \
             return what the count returned."
        ));
    }
    None
}

/// Why the ticker could not tick during `count`: the GIL was held, and how, as far as the
/// answer's code tells.
fn held_the_gil(count: &Count) -> String {
    let mut why = format!(
        "While your function counted, no other Python thread ran: it held the GIL. The \
         ticker, a Python thread that calls `tick()` over and over, ticked {} in the {} s \
         that the count waited for it. (The check runs Python with its GIL on, as a default \
         build always has it; only a free-threaded Python runs without one.)\n",
        if count.ticks == 0 { "not once" } else { "only once" },
        PATIENCE_S,
    );
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ANSWER))
        .unwrap_or_default();
    // The code without its comments, which name `detach` and the like.
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    if !count.on_the_calling_thread {
        why += "The count ran on a thread of its own, but your function held the GIL while \
                it waited for that thread to end: a thread that holds the GIL keeps it \
                whatever it waits for. Wait without it: inside `py.detach(|| ...)`.";
    } else if code.contains("attach(") {
        why += "Your code lets go of the GIL with `detach`, then takes it back with \
                `Python::attach` inside the closure, and counts holding it. The count \
                needs no Python: call it in the closure as it is, with no `attach`.";
    } else if code.contains("detach") {
        why += "Your code calls `detach`, but the count did not run inside it: `detach` \
                lets go of the GIL only while its closure runs, and takes it back before it \
                returns. Count inside the closure, and return what the closure returns.";
    } else {
        why += "`py.detach(|| ...)` lets go of the GIL while its closure runs, and takes it \
                back before it returns what the closure returned (Cython's `with nogil:`).";
    }
    why
}

/// One count, as the script printed it: `count LO HI PRIMES TICKS same|other`.
struct Count {
    lo: u64,
    hi: u64,
    primes: u64,
    ticks: u64,
    on_the_calling_thread: bool,
}

impl Count {
    fn parse(line: &str) -> Option<Count> {
        let fields: Vec<&str> = line.strip_prefix("count ")?.split(' ').collect();
        let [lo, hi, primes, ticks, thread] = fields[..] else { return None };
        Some(Count {
            lo: lo.parse().ok()?,
            hi: hi.parse().ok()?,
            primes: primes.parse().ok()?,
            ticks: ticks.parse().ok()?,
            on_the_calling_thread: thread == "same",
        })
    }
}

/// The answer's compiler errors, as `cargo ex` shows them for the other exercises; or,
/// if the errors are not in the answer, why the check cannot build the module.
fn compile_errors(stderr: &str, answer: &Path, package: &Path) -> String {
    let answer = answer.display().to_string();
    if !stderr.contains(&answer) {
        return cannot(&format!("building the module failed:\n\n{}", stderr.trim()));
    }
    // The learner knows the file as exercises/10-pyo3/...
    let package = package.canonicalize().unwrap_or(package.to_path_buf());
    let errors = stderr
        .lines()
        .take_while(|line| !line.starts_with("error: could not compile"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(&format!("{}/", package.display()), "exercises/");
    let mut message = format!("Your code does not compile yet:\n\n{}", errors.trim());
    if errors.contains("no method named `allow_threads`") {
        message += "\n\n`allow_threads` is the name PyO3 had before 0.26; PyO3 0.28 calls it \
                    `detach`.";
    }
    if errors.contains("`with_gil`") {
        message += "\n\n`Python::with_gil` is the name PyO3 had before 0.26; PyO3 0.28 calls \
                    it `Python::attach`.";
    }
    message
}

/// The Python the check runs, as it describes itself.
struct Python {
    /// Its full path (`sys.executable`), for PyO3's build and for the run.
    executable: PathBuf,
    /// The end of a module's file name that it imports: `.cpython-311-x86_64-linux-gnu.so`.
    ext_suffix: String,
    /// "Python 3.11.7 (/usr/bin/python3)", for messages.
    name: String,
}

/// `PYTHON` if set, else the course's `.venv`'s Python, else `python3`; if it runs and is
/// 3.9 or newer.
fn find_python(root: &Path) -> Result<Python, String> {
    let venv = if cfg!(windows) { ".venv/Scripts/python.exe" } else { ".venv/bin/python" };
    let (candidate, from) = match std::env::var_os("PYTHON").filter(|python| !python.is_empty()) {
        Some(python) => (PathBuf::from(python), "PYTHON"),
        None if root.join(venv).exists() => (root.join(venv), "the course's .venv"),
        None => (PathBuf::from("python3"), "python3, on the PATH"),
    };
    let asked = Command::new(&candidate)
        .args([
            "-c",
            "import sys, sysconfig; print(sys.executable); print(sys.version_info[0]); \
             print(sys.version_info[1]); print(sys.version.split()[0]); \
             print(sysconfig.get_config_var('EXT_SUFFIX'))",
        ])
        .stdin(Stdio::null())
        .output();
    let none = |why: String| {
        cannot(&format!(
            "it needs Python {}.{} or newer, and {} ({from}) {why}. Set PYTHON to one: \
             `PYTHON=/path/to/python3 cargo ex 10-1`.",
            OLDEST.0,
            OLDEST.1,
            candidate.display(),
        ))
    };
    let output = match asked {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            let said = String::from_utf8_lossy(&output.stderr);
            return Err(none(format!("fails: {}", said.lines().last().unwrap_or("").trim())));
        }
        Err(error) => return Err(none(format!("does not run: {error}"))),
    };
    let said = String::from_utf8_lossy(&output.stdout);
    let said: Vec<&str> = said.lines().map(str::trim).collect();
    let [executable, major, minor, version, ext_suffix] = said[..] else {
        return Err(none(format!("answers in a way it does not understand: {said:?}")));
    };
    let name = format!("Python {version} ({executable})");
    let at_least = (major.parse::<u32>().unwrap_or(0), minor.parse::<u32>().unwrap_or(0));
    if at_least < OLDEST {
        return Err(none(format!("is Python {version}")));
    }
    if ext_suffix == "None" || executable.is_empty() {
        return Err(none("cannot say where it is or what its modules are called".into()));
    }
    Ok(Python { executable: executable.into(), ext_suffix: ext_suffix.to_string(), name })
}

/// The course's folder: the workspace this package's `common` comes from. In the course
/// it is `exercises/..`; in course-checks' copies of `exercises`, their workspace names
/// the course's `common` by its full path.
fn course_root(package: &Path) -> Result<PathBuf, String> {
    let workspace = package.join("../Cargo.toml");
    let manifest = std::fs::read_to_string(&workspace).unwrap_or_default();
    let common = manifest.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("common = { path = \"")?;
        rest.split('"').next()
    });
    let root =
        common.and_then(|common| package.join("..").join(common).parent().map(Path::to_path_buf));
    match root {
        Some(root) if root.join("lesson-10-pyo3/Cargo.toml").exists() => {
            Ok(root.canonicalize().unwrap_or(root))
        }
        _ => Err(cannot(&format!(
            "it cannot find the course's lesson-10-pyo3 from {}",
            workspace.display()
        ))),
    }
}

/// What a command did.
struct Ran {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// [`exercises::run_for_at_most`], its outcome named.
fn run_for_at_most(command: Command, limit: Duration) -> std::io::Result<Option<Ran>> {
    let ran = exercises::run_for_at_most(command, limit)?;
    Ok(ran.map(|(ok, stdout, stderr)| Ran { ok, stdout, stderr }))
}
