//! What the exercises share: [`sync`], the threads and locks they use, and [`check`],
//! the helpers their checks use.
//!
//! The exercises themselves are in the folders beside `src/` (`01-threads/` ...), one
//! file each; `cargo ex` checks them (see `exercises/README.md`).

/// `std::sync` and `std::thread`, or loom's versions of them when an exercise is checked
/// over every schedule (the `model` feature, which `cargo ex` turns on for those
/// exercises). Write your answer as you would with std: the names and methods are the
/// same.
pub mod sync {
    #[cfg(feature = "model")]
    pub use loom::{
        sync::{Arc, Condvar, Mutex, atomic, mpsc},
        thread,
    };
    #[cfg(not(feature = "model"))]
    pub use std::{
        sync::{Arc, Condvar, Mutex, atomic, mpsc},
        thread,
    };
}

/// Helpers for the checks in `graders/`.
pub mod check {
    /// Runs `model` under loom, once for every way its threads can interleave (up to
    /// three preemptions each run, enough for these small models). A panic in any of
    /// them fails the check with that panic's message.
    #[cfg(feature = "model")]
    pub fn every_schedule(model: impl Fn() + Sync + Send + 'static) {
        let mut builder = loom::model::Builder::new();
        builder.preemption_bound = Some(3);
        builder.check(model);
    }
}

/// What `cargo ex` says about a failed check.
pub mod report {
    /// What a failed check found, for a learner, from `cargo test`'s output for the
    /// check of the exercise in `file` (relative to `exercises/`): the compiler's
    /// errors, a snapshot diff, a deadlock, or the broken promise and where it broke.
    ///
    /// `by_loom` says that the check ran under loom, so that a broken promise was found
    /// in one particular schedule.
    pub fn why(stdout: &str, stderr: &str, file: &str, by_loom: bool) -> String {
        if stderr.contains("error[") || stderr.contains("error: could not compile") {
            let errors: Vec<&str> = stderr
                .lines()
                .take_while(|line| !line.starts_with("error: could not compile"))
                .collect();
            return format!("Your code does not compile yet:\n\n{}", errors.join("\n").trim());
        }
        if let Some(start) = stdout.find("-old snapshot") {
            let diff = &stdout[start..];
            let end = diff.find("────────────┴").map_or(diff.len(), |end| end);
            let body: Vec<&str> = diff[..end].lines().skip(2).collect();
            return format!(
                "What was expected (-) beside what your code did (+):\n\n{}",
                body.join("\n").trim_end()
            );
        }
        let all = format!("{stdout}{stderr}");
        if let Some(threads) = all.split("deadlock; threads = ").nth(1) {
            // "[(Id(0), Blocked(..)), (Id(1), Terminated), ...]": who waits, who is done.
            let threads = threads.lines().next().unwrap_or("");
            let (mut waiting, mut done) = (Vec::new(), Vec::new());
            for thread in threads.split("(Id(").skip(1) {
                let (id, state) = thread.split_once("), ").unwrap_or((thread, ""));
                let name = if id == "0" {
                    "the check's main thread".into()
                } else {
                    format!("thread #{id}")
                };
                if state.starts_with("Terminated") { done.push(name) } else { waiting.push(name) }
            }
            let done = if done.is_empty() {
                String::new()
            } else {
                format!("; finished: {}", done.join(", "))
            };
            return format!(
                "loom found a schedule in which every thread still running waits for another \
                 one, forever: a deadlock.\nWaiting: {}{done}. (Threads are numbered in the \
                 order the check started them.)",
                waiting.join(", ")
            );
        }
        let first_panic = all.split("panicked at ").nth(1).unwrap_or("");
        let first_panic = first_panic.lines().nth(1).unwrap_or("");
        if first_panic.contains("cannot access Loom execution state from outside a Loom model") {
            return "Some of your threads ran outside loom's model, so loom could not check \
                    them: for this exercise, start threads with `exercises::sync::thread::spawn` \
                    and wait with `join`, not with `std::thread` or `thread::scope`."
                .to_string();
        }
        if all.contains("Model exceeded maximum number of branches") {
            return "loom gave up: in some schedule your code takes more steps than loom will \
                    follow, as a loop that spins until another thread acts does. Wait on a \
                    `Condvar` (or `join`) instead of spinning."
                .to_string();
        }
        // The first panic in the check or in your code, not in loom or the standard library.
        let lines: Vec<&str> = stdout.lines().chain(stderr.lines()).collect();
        for (n, line) in lines.iter().enumerate() {
            let Some((_, place)) = line.split_once("panicked at ") else { continue };
            if place.contains("/.cargo/") || place.contains("/rustc/") {
                continue;
            }
            let message: Vec<&str> = lines[n + 1..]
                .iter()
                .take_while(|line| {
                    !line.starts_with("note:")
                        && !line.starts_with("thread '")
                        && !line.starts_with("failures:")
                        && !line.starts_with("stack backtrace:")
                })
                .map(|line| line.trim_end())
                .filter(|line| !line.is_empty())
                .collect();
            let message = message
                .join("\n")
                .replace("assertion `left == right` failed: ", "")
                .replace("\n  left: ", "\n     got: ")
                .replace("\n right: ", "\nexpected: ");
            // "exercises/graders/../03-safety/x.rs:31:9:" is "03-safety/x.rs:31:9", and
            // "exercises/graders/e03_1.rs:27:9:" is "graders/e03_1.rs:27:9".
            let place = place.trim_end_matches(':');
            let place = match place.split_once("graders/../") {
                Some((_, in_answer)) => in_answer,
                None => place.find("graders/").map_or(place, |start| &place[start..]),
            };
            let whose = if place.starts_with(file) { "your code" } else { "the check" };
            let found =
                if by_loom { "loom found a schedule in which this fails" } else { "This fails" };
            return format!("{found}, at {place} ({whose}):\n{message}");
        }
        format!("The check failed:\n{stdout}{stderr}")
    }
}

/// The exercises, as `Cargo.toml` lists them and their checks in `graders/` describe them.
pub mod catalog {
    use std::path::Path;

    /// One exercise, as `Cargo.toml` and its check in `graders/` describe it.
    pub struct Exercise {
        /// How the learner names it: "03-1".
        pub id: String,
        /// The test target that checks it: "e03_1".
        pub test: String,
        /// The learner's file, relative to `exercises/`: "03-safety/1-an-exact-counter.rs".
        pub file: String,
        /// What it is about: "An exact counter".
        pub title: String,
        /// What a passing check proves.
        pub proves: String,
        /// The grader's "Hint:" paragraph, for `cargo ex hint`.
        pub hint: String,
        /// Checked over every schedule by loom (`required-features = ["model"]`).
        pub by_loom: bool,
    }

    impl Exercise {
        /// Every exercise, in the order of `Cargo.toml`'s `[[test]]` targets.
        pub fn all(root: &Path) -> Result<Vec<Exercise>, String> {
            let manifest = read(&root.join("Cargo.toml"))?;
            let mut exercises = Vec::new();
            for target in manifest.split("[[test]]").skip(1) {
                let field = |name: &str| {
                    target.lines().find_map(|line| {
                        let value = line.strip_prefix(name)?.trim_start().strip_prefix('=')?;
                        Some(value.trim().trim_matches('"').to_string())
                    })
                };
                let (Some(test), Some(grader)) = (field("name"), field("path")) else { continue };
                let source = read(&root.join(&grader))?;
                let file = source
                    .lines()
                    .find_map(|line| line.strip_prefix("#[path = \"../")?.strip_suffix("\"]"))
                    .ok_or(format!("{grader} does not say which file it checks"))?;
                let docs: Vec<&str> = source
                    .lines()
                    .map_while(|line| line.strip_prefix("//!"))
                    .map(str::trim)
                    .collect();
                let paragraphs: Vec<String> =
                    docs.split(|line| line.is_empty()).map(|lines| lines.join(" ")).collect();
                let paragraph = |prefix: &str| {
                    paragraphs
                        .iter()
                        .find_map(|p| p.strip_prefix(prefix))
                        .unwrap_or("")
                        .trim()
                        .to_string()
                };
                exercises.push(Exercise {
                    id: test.trim_start_matches('e').replace('_', "-"),
                    title: paragraphs.first().cloned().unwrap_or_default(),
                    proves: paragraph("Proves"),
                    hint: paragraph("Hint:"),
                    by_loom: field("required-features").is_some_and(|f| f.contains("model")),
                    file: file.to_string(),
                    test,
                });
            }
            Ok(exercises)
        }
    }

    fn read(path: &Path) -> Result<String, String> {
        std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))
    }
}
