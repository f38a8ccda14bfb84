//! `cargo ex`: checks the course's exercises (the alias is in `.cargo/config.toml`).
//!
//! ```text
//! cargo ex               check the next exercise not done yet
//! cargo ex 03-1          check exercise 03-1
//! cargo ex list          every exercise, done or not
//! cargo ex hint          a hint for the next exercise not done yet
//! cargo ex hint 03-1     a hint for exercise 03-1
//! cargo ex solution 03-1 where its solution is, and the solution itself
//! cargo ex watch         check again each time you save an exercise
//! ```
//!
//! An exercise is a file in `exercises/NN-lesson/`; its check is a test target in
//! `exercises/graders/`, listed in `exercises/Cargo.toml`, and run with
//! `cargo test -p exercises --test eNN_N` (with `--features model` for the ones loom
//! checks). What the check says is cut down to what a learner needs: the diff, the
//! schedule's broken promise, or the compiler's errors.

use exercises::catalog::Exercise;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, SystemTime};

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exercises = match Exercise::all(root) {
        Ok(exercises) => exercises,
        Err(problem) => return fail(&problem),
    };
    let mut progress = Progress::load(root);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let find = |id: &str| {
        exercises.iter().find(|exercise| exercise.id == id).ok_or_else(|| {
            let ids: Vec<&str> = exercises.iter().map(|exercise| exercise.id.as_str()).collect();
            format!("there is no exercise {id:?}; the exercises are {}", ids.join(", "))
        })
    };
    let result = match args.as_slice() {
        [] => match exercises.iter().find(|exercise| !progress.is_done(exercise)) {
            Some(exercise) => Ok(check(exercise, &mut progress)),
            None => {
                println!("Every exercise is done. Well done!");
                Ok(true)
            }
        },
        ["list"] => {
            list(&exercises, &progress);
            Ok(true)
        }
        ["hint"] => {
            match exercises.iter().find(|exercise| !progress.is_done(exercise)) {
                Some(exercise) => print_hint(exercise),
                None => println!("Every exercise is done: no hint needed."),
            }
            Ok(true)
        }
        ["hint", id] => find(id).map(|exercise| {
            print_hint(exercise);
            true
        }),
        ["solution", id] => find(id).map(|exercise| {
            let solution = root.join("solutions").join(&exercise.file);
            println!("The solution of {} is {}:\n", exercise.id, solution.display());
            print!("{}", fs::read_to_string(&solution).unwrap_or_default());
            true
        }),
        ["watch"] => {
            watch(root, &exercises, &mut progress);
            Ok(true)
        }
        ["help" | "-h" | "--help"] => {
            println!("{}", USAGE);
            Ok(true)
        }
        [id] if id.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            find(id).map(|exercise| check(exercise, &mut progress))
        }
        _ => Err(format!("unknown command {:?} (try cargo ex help)", args.join(" "))),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(problem) => fail(&problem),
    }
}

const USAGE: &str = "cargo ex               check the next exercise not done yet
cargo ex 03-1          check exercise 03-1
cargo ex list          every exercise, done or not
cargo ex hint          a hint for the next exercise not done yet
cargo ex hint 03-1     a hint for exercise 03-1
cargo ex solution 03-1 where its solution is, and the solution itself
cargo ex watch         check again each time you save an exercise";

fn print_hint(exercise: &Exercise) {
    println!("Hint for {} ({}):\n\n{}", exercise.id, exercise.title, exercise.hint);
}

fn fail(problem: &str) -> ExitCode {
    eprintln!("cargo ex: {problem}");
    ExitCode::from(2)
}

/// Runs the exercise's check, says what it found, and records a pass.
fn check(exercise: &Exercise, progress: &mut Progress) -> bool {
    let how = if exercise.by_loom {
        "with loom, over every schedule with at most three preemptions"
    } else if exercise.on_tokio {
        "by what it returns, on tokio's paused clock"
    } else if exercise.from_python {
        "from Python threads, with the GIL on; the first check builds PyO3, about half a minute"
    } else {
        "by its output"
    };
    println!("Checking {} {} ({how}): exercises/{}", exercise.id, exercise.title, exercise.file);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if exercise.by_loom {
        let source = fs::read_to_string(root.join(&exercise.file)).unwrap_or_default();
        if let Some(why) = exercises::report::not_modelled(&source) {
            return not_done(exercise, &why);
        }
    }
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.args([
        "test",
        "--quiet",
        "--color",
        "never",
        "-p",
        "exercises",
        "--test",
        &exercise.test,
    ]);
    if exercise.by_loom {
        cargo.args(["--features", "model"]);
    }
    cargo
        .current_dir(root)
        .env("INSTA_UPDATE", "no")
        .env("INSTA_FORCE_PASS", "0")
        .env("RUST_BACKTRACE", "0");
    // A check from Python builds PyO3 first, once: minutes on a slow machine.
    let limit = if exercise.from_python { CHECK_TIME * 5 } else { CHECK_TIME };
    let (passed, stdout, stderr) = match exercises::run_for_at_most(cargo, limit) {
        Ok(Some(output)) => output,
        Ok(None) => {
            let why = format!(
                "The check did not finish within {} s (it takes about a second), so it was \
                 stopped. Your code may wait for something that never comes, or block in a \
                 way loom cannot see (std's locks or channels).",
                limit.as_secs()
            );
            return not_done(exercise, &why);
        }
        Err(error) => {
            println!("cannot run cargo: {error}");
            return false;
        }
    };
    if passed {
        println!("\n✓ {} passes. {}", exercise.id, proved(&exercise.proves));
        progress.done(exercise);
        return true;
    }
    not_done(exercise, &exercises::report::why(&stdout, &stderr, &exercise.file, exercise.by_loom))
}

/// How long a check may take, the first build of loom included, before it is stopped.
const CHECK_TIME: Duration = Duration::from_secs(120);

fn not_done(exercise: &Exercise, why: &str) -> bool {
    println!("\n✗ {} is not done yet.\n", exercise.id);
    println!("{why}");
    println!("\nStuck? `cargo ex hint {}` gives a hint.", exercise.id);
    false
}

/// "Proves: X" as a sentence about what was shown.
fn proved(proves: &str) -> String {
    let proves = proves.trim_start_matches([':', ',']).trim();
    format!("Proved: {proves}")
}

fn list(exercises: &[Exercise], progress: &Progress) {
    use std::io::Write;
    let mut lines = String::new();
    let done = exercises.iter().filter(|exercise| progress.is_done(exercise)).count();
    lines += &format!("{done} of {} exercises done\n\n", exercises.len());
    for exercise in exercises {
        let mark = if progress.is_done(exercise) { "✓ done" } else { "  todo" };
        let how = if exercise.by_loom {
            "loom"
        } else if exercise.from_python {
            "python"
        } else {
            "output"
        };
        lines += &format!(
            "{mark}  {}  {:<36} ({how})  exercises/{}\n",
            exercise.id, exercise.title, exercise.file
        );
    }
    // `cargo ex list | head` closes the pipe early: that is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(lines.as_bytes());
}

/// Checks the next exercise not done yet, then again whenever an exercise file changes.
fn watch(root: &Path, exercises: &[Exercise], progress: &mut Progress) {
    let modified = |exercise: &Exercise| {
        fs::metadata(root.join(&exercise.file)).and_then(|m| m.modified()).ok()
    };
    let mut seen: Vec<Option<SystemTime>> = exercises.iter().map(modified).collect();
    let mut current = exercises.iter().position(|exercise| !progress.is_done(exercise));
    loop {
        match current {
            Some(n) => {
                if check(&exercises[n], progress) {
                    current = exercises.iter().position(|exercise| !progress.is_done(exercise));
                    if let Some(next) = current {
                        let next = &exercises[next];
                        println!("Next: {} (exercises/{})", next.id, next.file);
                        continue;
                    }
                    println!("Every exercise is done. Well done!");
                }
            }
            None => println!("Every exercise is done. Well done!"),
        }
        println!("\nWatching the exercise files; save one to check it again. Ctrl-C stops.");
        current = loop {
            std::thread::sleep(Duration::from_millis(300));
            let now: Vec<Option<SystemTime>> = exercises.iter().map(modified).collect();
            let changed = (0..exercises.len()).find(|&n| now[n] != seen[n]);
            seen = now;
            if changed.is_some() {
                break changed;
            }
        };
    }
}

/// Which exercises passed, and in which version: `exercises/.progress` holds the id and
/// a hash of the file that passed. Change a done exercise and it is to do again.
struct Progress {
    path: PathBuf,
    passed: BTreeMap<String, String>,
}

impl Progress {
    fn load(root: &Path) -> Progress {
        let path = root.join(".progress");
        let text = fs::read_to_string(&path).unwrap_or_default();
        let passed = text
            .lines()
            .filter_map(|line| line.split_once(' '))
            .map(|(id, hash)| (id.to_string(), hash.to_string()))
            .collect();
        Progress { path, passed }
    }

    fn is_done(&self, exercise: &Exercise) -> bool {
        self.passed.get(&exercise.id).is_some_and(|hash| *hash == file_hash(exercise))
    }

    fn done(&mut self, exercise: &Exercise) {
        self.passed.insert(exercise.id.clone(), file_hash(exercise));
        let text: String = self.passed.iter().map(|(id, hash)| format!("{id} {hash}\n")).collect();
        if let Err(error) = fs::write(&self.path, text) {
            eprintln!("cargo ex: cannot record the pass in {}: {error}", self.path.display());
        }
    }
}

/// FNV-1a of the exercise's file: enough to notice that it changed.
fn file_hash(exercise: &Exercise) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&exercise.file);
    let bytes = fs::read(path).unwrap_or_default();
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}
