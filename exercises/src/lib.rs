//! What the exercises share: [`sync`], the threads and locks they use, and [`check`],
//! the helpers their checks use.
//!
//! The exercises themselves are in the folders beside `src/` (`01-threads/` ...), one
//! file each; `cargo ex` checks them (see `exercises/README.md`).

/// `std::sync` and `std::thread`, or the model's versions of them when an exercise is
/// checked by loom (the `model` feature, which `cargo ex` turns on for those exercises).
///
/// Under the model these are loom's types, with the methods of std's that the lessons
/// use (`Condvar::wait_while`, `Receiver::iter` and `for x in receiver`,
/// `JoinHandle::is_finished`), and each notes what the learner's code did with it, so
/// that a check can tell that loom saw the answer work. What loom cannot model is left
/// out, and `cargo ex` says so if an answer uses it: `thread::scope`, `thread::sleep`,
/// and timed waits (`wait_timeout`, `recv_timeout`).
pub mod sync {
    #[cfg(feature = "model")]
    pub use crate::model::{Arc, Condvar, Mutex, MutexGuard, atomic, hint, mpsc, thread};
    #[cfg(not(feature = "model"))]
    pub use std::{
        hint,
        sync::{Arc, Condvar, Mutex, MutexGuard, atomic, mpsc},
        thread,
    };
}

/// How a check's panic starts when loom never saw the learner's code do its work.
pub const NOT_SEEN: &str = "loom never saw your code ";

/// How a check's panic starts when the answer passed every schedule, but not in the way
/// the exercise asks (it called the method that does the work for it): `cargo ex` shows
/// the rest of the message as it is.
pub const NOT_AS_ASKED: &str = "not as the exercise asks: ";

/// How a check's panic starts when the rest of its message is what `cargo ex` shows, as
/// it is: 10-1's check, which builds and runs the answer itself, reports the compiler's
/// errors this way, and why it cannot check (no Python, ...).
pub const AS_IS: &str = "[cargo ex shows the rest as it is] ";

/// How a check's panic starts when the learner's code gives an atomic operation an
/// ordering it cannot have (a `store` with `Acquire`, ...), which rustc refuses for std's
/// atomics but loom's would accept.
pub const NO_SUCH_ORDERING: &str = "an ordering this operation cannot have: ";

#[cfg(feature = "model")]
mod model;
#[cfg(feature = "model")]
mod seen;
#[cfg(feature = "model")]
mod steps;

/// The line before the steps of the schedule that failed a check, in the check's output.
pub const SCHEDULE_STARTS: &str = "----- the schedule that failed -----";
/// The line after them.
pub const SCHEDULE_ENDS: &str = "----- end of the schedule -----";

/// Runs `command` (with no input) and returns whether it succeeded, with its output and
/// its errors; `None` if it ran longer than `limit`, in which case it is stopped, with
/// everything it started. `cargo ex` runs each check so, and 10-1's check its Python.
pub fn run_for_at_most(
    mut command: std::process::Command,
    limit: std::time::Duration,
) -> std::io::Result<Option<(bool, String, String)>> {
    use std::io::Read;
    use std::process::Stdio;
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child =
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    // Read both pipes as the check writes, so that a full pipe never stalls it.
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = read(child.stdout.take().map(|pipe| Box::new(pipe) as Box<dyn Read + Send>));
    let stderr = read(child.stderr.take().map(|pipe| Box::new(pipe) as Box<dyn Read + Send>));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() > limit {
            // The check runs in a process group of its own: cargo and the test binary it
            // started go together.
            #[cfg(unix)]
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    // A reader thread only reads into a String: it cannot panic.
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    Ok(status.map(|status| (status.success(), stdout, stderr)))
}

/// Helpers for the checks in `graders/`.
pub mod check {
    #[cfg(feature = "model")]
    pub use crate::seen::Op;

    /// Runs `model` under loom, once for every way its threads can interleave with at
    /// most three preemptions (enough for these small models). A panic in any of them
    /// fails the check with that panic's message.
    ///
    /// Then it asks whether loom saw the learner's code do the work: each entry of
    /// `answer_must` lists operations of which the learner's own file must have made at
    /// least one, through `exercises::sync`, in some schedule. An answer built on std's
    /// types (or any others) runs outside loom's view, and is refused.
    ///
    /// When a schedule fails, its steps are printed between [`crate::SCHEDULE_STARTS`] and
    /// [`crate::SCHEDULE_ENDS`], for `report::why`, as the panic that fails it starts.
    /// The threads are called "main", "thread #1", "thread #2" ..., with what each is if
    /// [`threads`] said so first.
    #[cfg(feature = "model")]
    pub fn every_schedule(answer_must: &[&[Op]], model: impl Fn() + Sync + Send + 'static) {
        crate::seen::forget();
        let mut builder = loom::model::Builder::new();
        builder.preemption_bound = Some(3);
        crate::steps::begin(false);
        let checked = showing_the_steps(builder, model);
        let missing: Vec<String> = answer_must
            .iter()
            .filter(|any_of| !any_of.iter().any(|&op| crate::seen::was_seen(op)))
            .map(|any_of| any_of.iter().map(|op| op.doing()).collect::<Vec<_>>().join(" or "))
            .collect();
        // A pass needs all of them. A failure is loom's to report as long as the answer
        // did anything under the model; if it did nothing there, whatever failed was
        // the OS's order, not a schedule that loom found.
        if checked.is_ok() || !crate::seen::anything() {
            assert!(missing.is_empty(), "{}{}", crate::NOT_SEEN, missing.join("; "));
        }
        if let Err(panic) = checked {
            std::panic::resume_unwind(panic);
        }
    }

    /// For a lesson's loom test: runs `model` as `loom::model(model)` does, with loom's
    /// defaults (no preemption bound unless `LOOM_MAX_PREEMPTIONS` sets one), and notes
    /// the steps that the lesson's `file` (its `file!()`) makes through [`crate::sync`] on
    /// this OS thread. If a schedule fails, its steps (in that file's lines) are printed
    /// between [`crate::SCHEDULE_STARTS`] and [`crate::SCHEDULE_ENDS`] as the panic starts,
    /// as for an exercise, and returned with the panic's message: `Some((message, steps))`.
    /// `None` if every schedule passed. The threads are named as [`threads`] said.
    #[cfg(feature = "model")]
    pub fn failing_schedule(
        file: &str,
        model: impl Fn() + Sync + Send + 'static,
    ) -> Option<(String, String)> {
        crate::steps::own_file(Some(file));
        crate::steps::begin(true);
        let checked = showing_the_steps(loom::model::Builder::new(), model);
        crate::steps::own_file(None);
        let panic = checked.err()?;
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|message| message.to_string()))
            .unwrap_or_default();
        Some((message, crate::steps::found().unwrap_or_default()))
    }

    /// Checks that the file at `path` holds `text` (a failing schedule's steps, which a
    /// README quotes): with `INSTA_UPDATE=always` in the environment, as for insta's
    /// snapshots, it writes `text` there instead.
    pub fn pinned(path: &str, text: &str) {
        let text = format!("{}\n", text.trim_end());
        if std::env::var("INSTA_UPDATE").is_ok_and(|update| update == "always") {
            std::fs::write(path, &text)
                .unwrap_or_else(|error| panic!("cannot write {path}: {error}"));
            return;
        }
        let pinned = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            pinned == text,
            "{path} pins other steps (run with INSTA_UPDATE=always to write these):\n\
             --- pinned\n{pinned}--- now\n{text}"
        );
    }

    /// Runs `model` with `builder`, noting each execution's steps, and prints the steps of
    /// the first that panics as that panic starts (then the usual hook prints the panic).
    #[cfg(feature = "model")]
    fn showing_the_steps(
        builder: loom::model::Builder,
        model: impl Fn() + Sync + Send + 'static,
    ) -> std::thread::Result<()> {
        let previous = std::sync::Arc::new(std::panic::take_hook());
        let loom_thread = std::thread::current().id();
        {
            let previous = std::sync::Arc::clone(&previous);
            std::panic::set_hook(Box::new(move |info| {
                let payload = info.payload();
                let message = payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("");
                crate::steps::panicked(info.location(), message, loom_thread);
                previous(info);
            }));
        }
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            builder.check(move || {
                crate::steps::start();
                model();
            });
        }));
        crate::steps::stop();
        let _ = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| previous(info)));
        checked
    }

    /// Whether loom saw the learner's code do `op` in some schedule of the last
    /// [`every_schedule`]: for a check that asks for one way of doing the work (a
    /// `compare_exchange` loop written by hand), after every schedule passed.
    #[cfg(feature = "model")]
    pub fn saw(op: Op) -> bool {
        crate::seen::was_seen(op)
    }

    /// Refuses an answer that passed every schedule, but did not do what the exercise
    /// is about: `cargo ex` shows `why` as it is, after "Every schedule passed, but".
    pub fn not_as_asked(why: &str) -> ! {
        panic!("{}Every schedule passed, but {why}", crate::NOT_AS_ASKED)
    }

    /// What each thread is in the next check, for the steps of a failing schedule:
    /// `roles[0]` for the main thread, `roles[n]` for the `n`th started. `["the producer",
    /// "a consumer", "a consumer"]` names them "main (the producer)", "thread #1 (a
    /// consumer)" and "thread #2 (a consumer)".
    #[cfg(feature = "model")]
    pub fn threads(roles: &[&str]) {
        crate::steps::roles(roles);
    }

    /// `n` and `word`, with an "s" unless `n` is 1: "1 thread", "3 threads".
    pub fn plural(n: u64, word: &str) -> String {
        if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
    }

    /// What went wrong with a count that ended at `got` instead of `expected`, with
    /// every number in it right whichever way it is off: "the counter ended at 3: 1
    /// update was lost", or "... at 8: 4 more than were made".
    pub fn miscount(got: u64, expected: u64) -> String {
        let plural =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match got.cmp(&expected) {
            std::cmp::Ordering::Less => format!(
                "the counter ended at {got}: {} lost",
                plural(expected - got, "update was", "updates were")
            ),
            std::cmp::Ordering::Greater => {
                format!("the counter ended at {got}: {} more than were made", got - expected)
            }
            std::cmp::Ordering::Equal => format!("the counter ended at {got}, as expected"),
        }
    }

    /// Why [`within`] has no result: the job panicked, or it ran too long.
    #[derive(Debug)]
    pub enum Stopped {
        /// It panicked (or a thread it started did, first) with `message`, at `place`: a
        /// file and line, such as "09-async/2-off-the-executor.rs:24:5".
        Panicked {
            /// What the panic said.
            message: String,
            /// Where it happened.
            place: String,
        },
        /// It had not finished when the time was up; it is left running.
        TooLong,
    }

    /// Notes that call `n` of a function the exercise gives (09-1's `fetch`) has started;
    /// when the value returned is dropped, at the end of that call, it notes that it
    /// ended. The check reads the notes with [`calls`]: so it sees the calls really
    /// made, and in what order they started and ended.
    pub fn noted(n: u32) -> Noted {
        CALLS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(Call::Started(n));
        Noted(n)
    }

    /// What [`noted`] returns: dropping it notes that the call ended.
    #[derive(Debug)]
    pub struct Noted(u32);

    impl Drop for Noted {
        fn drop(&mut self) {
            CALLS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(Call::Ended(self.0));
        }
    }

    /// A start or an end of a call noted by [`noted`].
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Call {
        /// Call `n` started.
        Started(u32),
        /// Call `n` ended (or was dropped unfinished).
        Ended(u32),
    }

    static CALLS: std::sync::Mutex<Vec<Call>> = std::sync::Mutex::new(Vec::new());

    /// The calls noted since the last `calls()`, in order; and forgets them.
    pub fn calls() -> Vec<Call> {
        std::mem::take(&mut *CALLS.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Runs `job` on a thread of its own and waits at most `limit`, in real time, for
    /// it: for a check that runs an answer which may block or never end (a busy loop, a
    /// lock that is never let go), so that the check itself always ends, and says why.
    ///
    /// A panic in `job`, or in any thread but the caller's while it runs (a task's, on
    /// a runtime `job` started), prints nothing: the first one is returned as
    /// [`Stopped::Panicked`], for the check to explain. A job still running at `limit`
    /// is left to run until the process ends.
    pub fn within<T: Send + 'static>(
        limit: std::time::Duration,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Stopped> {
        use std::sync::{Mutex, OnceLock};
        static FIRST: OnceLock<Mutex<Option<(String, String)>>> = OnceLock::new();
        let first = FIRST.get_or_init(|| Mutex::new(None));
        *first.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
        let checker = std::thread::current().id();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().id() == checker {
                return previous(info);
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|message| message.to_string()))
                .unwrap_or_default();
            let place = info.location().map_or(String::new(), |at| {
                let file = at.file();
                // "exercises/graders/../09-async/x.rs" is the learner's "09-async/x.rs";
                // a crate's file is named from the crate's folder on.
                let file = file.split_once("graders/../").map_or(file, |(_, file)| file);
                let (file, library) = match file.split_once("/registry/src/") {
                    Some((_, file)) => (file.split_once('/').map_or(file, |(_, f)| f), true),
                    None => (file, false),
                };
                let place = format!("{file}:{}:{}", at.line(), at.column());
                if library { format!("{place}, in a library's code") } else { place }
            });
            let mut first = first.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            first.get_or_insert((message, place));
        }));
        let (done, result) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new().name("the answer".into()).spawn(move || {
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            let _ = done.send(ran);
        });
        let result = match started {
            Ok(_) => result.recv_timeout(limit),
            Err(error) => panic!("the check cannot start a thread: {error}"),
        };
        match result {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => {
                let first = first.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
                let (message, place) = first.unwrap_or_default();
                Err(Stopped::Panicked { message, place })
            }
            Err(_) => Err(Stopped::TooLong),
        }
    }
}

/// What `cargo ex` says about a failed check.
pub mod report {
    /// What std has and the model has not, as the compiler names it, and what to write
    /// instead.
    const NOT_IN_THE_MODEL: [(&str, &str); 5] = [
        (
            "`scope` in module `thread`",
            "loom cannot model `thread::scope`: start threads with `thread::spawn` (move an \
             `Arc` into each) and wait for them with `join`.",
        ),
        (
            "`sleep` in module `thread`",
            "loom has no clock, so `exercises::sync::thread` has no `sleep`: a sleep only makes \
             an order likely. `join` (or a `Condvar`) makes it certain.",
        ),
        (
            "no method named `wait_timeout",
            "loom has no clock, so the model's `Condvar` has no timed waits: use `wait` or \
             `wait_while`.",
        ),
        (
            "no method named `recv_timeout`",
            "loom has no clock, so the model's channel has no `recv_timeout`: use `recv`, or \
             `for x in receiver`.",
        ),
        (
            "`sync_channel` in module `mpsc`",
            "the model has `mpsc::channel` only, not the bounded `sync_channel`.",
        ),
    ];

    /// What std (or another crate) offers that loom cannot see, for an exercise that loom
    /// checks: a message that names each such line of the learner's `source`, or `None`.
    ///
    /// loom explores schedules only through its own types. With std's, a check would run
    /// the answer once, in whatever order the OS picks, and prove nothing: so such an
    /// answer is refused before it runs. (The check itself also refuses an answer whose
    /// code it never saw use `exercises::sync`, however it got its types.)
    pub fn not_modelled(source: &str) -> Option<String> {
        // Comments out, lines kept: a `use` group may span several lines.
        let code: Vec<&str> =
            source.lines().map(|line| line.split("//").next().unwrap_or("")).collect();
        // Each line once, with every std item it brings in.
        let mut by_line: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
        for (line, path) in paths_in(&code.join("\n")) {
            if !allowed(&path) {
                by_line.entry(line).or_default().push(path);
            }
        }
        if by_line.is_empty() {
            return None;
        }
        let found: Vec<String> = by_line
            .iter()
            .map(|(&line, paths)| {
                let text = source.lines().nth(line).unwrap_or("").trim();
                format!("  line {}: {text}   ({})", line + 1, paths.join(", "))
            })
            .collect();
        let mut advice: Vec<&str> = Vec::new();
        let all = code.join("\n");
        if all.contains("thread::scope") || all.contains(".scope(") {
            advice.push(
                "loom cannot model `thread::scope`: start threads with `thread::spawn` (move \
                 an `Arc` into each) and wait for them with `join`.",
            );
        }
        if by_line.values().flatten().any(|path| path.contains("hint")) {
            advice.push(
                "loom cannot see `std::hint::spin_loop`: under loom, a loop that waits with it \
                 would keep the thread it waits for from ever running. \
                 `exercises::sync::hint::spin_loop()` tells loom that this thread is waiting \
                 for another.",
            );
        }
        if all.contains("sleep(") {
            advice.push(
                "loom has no clock: a `sleep` cannot make one thread wait for another, it only \
                 makes that order likely. `join` (or a `Condvar`) makes it certain.",
            );
        }
        let mut message = format!(
            "Your code uses threads, locks, atomics, channels or spin hints that loom cannot \
             see:\n{}\n\n\
             loom checks every schedule only through its own types. With these, the check \
             would run your code once, in whatever order the OS picks, and prove nothing, \
             so it does not run. Take them from `exercises::sync` instead, which has std's \
             names and the methods the lessons use: `use exercises::sync::{{Arc, Condvar, Mutex, atomic, \
             hint, mpsc, thread}};` (whichever you need).",
            found.join("\n")
        );
        for tip in advice {
            message += "\n";
            message += tip;
        }
        Some(message)
    }

    /// Whether a path that names std's threads or sync is one loom can live with: an
    /// `Ordering`, an error type, or a hint other than the spin loop's.
    fn allowed(path: &str) -> bool {
        let path = path.trim_start_matches("::");
        // `hint::spin_loop()` must reach loom, or a spin loop never lets loom switch
        // threads; `black_box` and the rest are no business of loom's.
        if let Some(item) = ["std::hint", "core::hint"].iter().find_map(|p| path.strip_prefix(p)) {
            return !(item.is_empty() || item == "::spin_loop");
        }
        let Some(item) = ["std::sync::", "core::sync::", "std::thread::"]
            .iter()
            .find_map(|prefix| path.strip_prefix(prefix))
        else {
            // Other crates' locks and threads: parking_lot, crossbeam, rayon.
            return !["parking_lot", "crossbeam", "rayon", "std::sync", "std::thread"]
                .iter()
                .any(|name| path == *name || path.starts_with(&format!("{name}::")));
        };
        matches!(
            item,
            "atomic::Ordering"
                | "PoisonError"
                | "LockResult"
                | "TryLockError"
                | "TryLockResult"
                | "mpsc::RecvError"
                | "mpsc::SendError"
                | "mpsc::TryRecvError"
                | "Result"
        ) || item.starts_with("atomic::Ordering::")
    }

    /// Every path in `code` that starts with a crate loom cannot see, with the line it
    /// starts on, and `use` groups spelled out: `use std::sync::{Arc, Mutex};` gives
    /// `std::sync::Arc` and `std::sync::Mutex`.
    fn paths_in(code: &str) -> Vec<(usize, String)> {
        let roots = [
            "std::sync",
            "std::thread",
            "std::hint",
            "core::hint",
            "std::{",
            "core::sync",
            "core::{",
            "parking_lot",
            "crossbeam",
            "rayon",
        ];
        let mut paths = Vec::new();
        let mut from = 0;
        while let Some(start) = roots.iter().filter_map(|root| code[from..].find(root)).min() {
            let start = from + start;
            let preceded = code[..start].chars().next_back();
            let tail = &code[start..];
            // The whole path, groups included: up to the first character that ends it.
            let mut depth = 0;
            let end = tail
                .char_indices()
                .find(|&(_, c)| match c {
                    '{' => {
                        depth += 1;
                        false
                    }
                    '}' => {
                        depth -= 1;
                        depth < 0
                    }
                    c if depth > 0 => c == ';',
                    c => !(c.is_alphanumeric() || c == '_' || c == ':'),
                })
                .map_or(tail.len(), |(i, _)| i);
            if !preceded.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                let line = code[..start].matches('\n').count();
                let mut found = Vec::new();
                expand("", &tail[..end], &mut found);
                paths.extend(found.into_iter().map(|path| (line, path)));
            }
            from = start + end.max(1);
        }
        paths
    }

    /// `a::{b, c::{d}}` as `a::b` and `a::c::d`, each after `prefix`.
    fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
        let tree = tree.trim();
        let Some(open) = tree.find('{') else {
            let path = tree.split(" as ").next().unwrap_or(tree).trim().trim_end_matches("::");
            match path {
                "" => {}
                "self" => out.push(prefix.trim_end_matches("::").to_string()),
                path => out.push(format!("{prefix}{path}")),
            }
            return;
        };
        let head = format!("{prefix}{}", tree[..open].trim());
        let inner = tree[open + 1..].trim_end().strip_suffix('}').unwrap_or(&tree[open + 1..]);
        let mut depth = 0;
        let mut part = String::new();
        for c in inner.chars().chain([',']) {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&head, &part, out);
                    part.clear();
                    continue;
                }
                _ => {}
            }
            part.push(c);
        }
    }

    /// What a failed check found, for a learner, from `cargo test`'s output for the
    /// check of the exercise in `file` (relative to `exercises/`): the compiler's
    /// errors, a snapshot diff, a deadlock, or the broken promise and where it broke.
    ///
    /// `by_loom` says that the check ran under loom, so that a broken promise was found
    /// in one particular schedule.
    ///
    /// When loom found the schedule, the steps of that schedule follow (see
    /// `check::every_schedule`), so that the learner sees how it failed.
    pub fn why(stdout: &str, stderr: &str, file: &str, by_loom: bool) -> String {
        let (stdout, steps) = match schedule(stdout) {
            Some(steps) => {
                let start = stdout.find(crate::SCHEDULE_STARTS).unwrap_or(0);
                let end = stdout
                    .find(crate::SCHEDULE_ENDS)
                    .map_or(stdout.len(), |end| end + crate::SCHEDULE_ENDS.len());
                (format!("{}{}", &stdout[..start], &stdout[end..]), Some(steps))
            }
            None => (stdout.to_string(), None),
        };
        let cause = cause(&stdout, stderr, file, by_loom);
        match steps {
            Some(steps) if by_loom => {
                // After a deadlock the steps end with who waits for what, by name: the
                // list of the waiting threads' numbers says less.
                let cause = match cause.split_once("\nWaiting: ") {
                    Some((deadlock, _)) if steps.contains("\nThen nobody can go on:") => deadlock,
                    _ => &cause,
                };
                format!("{cause}\n\n{steps}")
            }
            _ => cause,
        }
    }

    /// The steps of the schedule that failed a check, from its output; `None` if it
    /// printed none.
    pub fn schedule(output: &str) -> Option<&str> {
        let start = output.find(crate::SCHEDULE_STARTS)? + crate::SCHEDULE_STARTS.len();
        let end = start + output[start..].find(crate::SCHEDULE_ENDS)?;
        Some(output[start..end].trim())
    }

    fn cause(stdout: &str, stderr: &str, file: &str, by_loom: bool) -> String {
        if stderr.contains("error[") || stderr.contains("error: could not compile") {
            let errors: Vec<&str> = stderr
                .lines()
                .take_while(|line| !line.starts_with("error: could not compile"))
                .collect();
            // The answer is a module of its check, `graders/../NN-lesson/file.rs`: the
            // learner knows it as `exercises/NN-lesson/file.rs`.
            let errors = errors.join("\n").replace("/graders/../", "/");
            let mut message = format!("Your code does not compile yet:\n\n{}", errors.trim());
            if by_loom {
                for (missing, instead) in NOT_IN_THE_MODEL {
                    if errors.contains(missing) {
                        message += &format!("\n\n{instead}");
                    }
                }
            }
            if errors.contains("cannot be sent between threads safely")
                && errors.contains("MutexGuard")
                && errors.contains("await")
            {
                message += "\n\nIn words: `tokio::spawn` may move a task to another thread at \
                            any `.await`, so whatever the task holds across an `.await` must \
                            be `Send`, and a std `MutexGuard` is not (a std lock must be let \
                            go by the thread that took it). The notes above show where the \
                            guard is made and the `.await` it is held across. Either let go \
                            of it before the `.await` (a block `{ ... }` around the lock and \
                            what is done under it), or use `tokio::sync::Mutex`, whose guard \
                            may be held across an `.await`.";
            }
            return message;
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
        if let Some(rest) = all.split(crate::AS_IS).nth(1) {
            let end = ["\nnote: run with `RUST_BACKTRACE", "\n\nfailures:"]
                .iter()
                .filter_map(|end| rest.find(end))
                .min()
                .unwrap_or(rest.len());
            return rest[..end].trim_end().to_string();
        }
        if let Some(rest) = all.split(crate::NOT_AS_ASKED).nth(1) {
            let said: Vec<&str> = rest
                .lines()
                .take_while(|line| !line.is_empty() && !line.starts_with("note:"))
                .collect();
            return said.join("\n");
        }
        if let Some(rest) = all.split(crate::NO_SUCH_ORDERING).nth(1) {
            let said = rest.lines().next().unwrap_or("");
            let place = all.split(crate::NO_SUCH_ORDERING).next().unwrap_or("");
            let place = place.rsplit("panicked at ").next().unwrap_or("");
            let place = place.lines().next().unwrap_or("").trim_end_matches(':');
            let place = place.split_once("graders/../").map_or(place, |(_, in_answer)| in_answer);
            return format!(
                "Your code gives an atomic operation an ordering it cannot have, at {place}:\n\
                 {said}\n(With std's atomics this does not compile. Every schedule stops \
                 here, so loom checked nothing else yet.)"
            );
        }
        if let Some(rest) = all.split(crate::NOT_SEEN).nth(1) {
            let missing = rest.lines().next().unwrap_or("").replace("; ", ", nor ");
            return format!(
                "loom never saw your code {missing}, which this exercise is about. If it \
                 does, it does so with types loom cannot see: then loom could not try its \
                 schedules, and whatever happened was the order the OS picked, not a proof. \
                 Take threads, locks, condition variables, atomics and channels from \
                 `exercises::sync`."
            );
        }
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
            return "loom gave up: in some schedule, your code goes round a loop more times than \
                    loom will follow. Either that loop can never end (a `compare_exchange` \
                    that expects, again and again, a value that is gone fails every time: try \
                    again with the value its `Err` returned), or it waits for another thread \
                    by spinning, and loom tried the schedule in which that thread never runs. \
                    A loop that waits must say so: call `exercises::sync::hint::spin_loop()` \
                    in it, or wait on a `Condvar`, or `join`."
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
            let own = if by_loom && whose == "your code" {
                "\n(This is your own code's check, an `expect`, an `assert` or Rust's overflow \
                 check, failing: in this schedule, what it takes for granted is not so.)"
            } else {
                ""
            };
            return format!("{found}, at {place} ({whose}):\n{message}{own}");
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
        /// Run on tokio's paused clock (lesson 09: its check uses `graders/paused.rs`).
        pub on_tokio: bool,
        /// Run from Python threads (lesson 10): its check runs a Python script beside it
        /// in `graders/`, on a module it builds with the learner's file.
        pub from_python: bool,
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
                    on_tokio: source.lines().any(|line| line == "#[path = \"paused.rs\"]"),
                    from_python: root.join(grader.replace(".rs", ".py")).exists(),
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

#[cfg(test)]
mod tests {
    use super::report::not_modelled;

    fn refused(source: &str) -> Vec<String> {
        let message = not_modelled(source).unwrap_or_default();
        let named = message.lines().filter_map(|line| Some(line.split_once("   (")?.1));
        named
            .flat_map(|named| named.trim_end_matches(')').split(", "))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn std_threads_and_locks_are_named_wherever_they_are_written() {
        assert_eq!(
            refused("use std::sync::{Condvar, Mutex};"),
            ["std::sync::Condvar", "std::sync::Mutex"]
        );
        assert_eq!(refused("use std::thread;\nfn f() { thread::sleep(d) }"), ["std::thread"]);
        assert_eq!(
            refused("use std::{\n    sync::{Arc, atomic::{AtomicU64, Ordering}},\n    thread,\n};"),
            ["std::sync::Arc", "std::sync::atomic::AtomicU64", "std::thread"]
        );
        assert_eq!(refused("let m = std::sync::Mutex::new(0);"), ["std::sync::Mutex::new"]);
        assert_eq!(refused("use parking_lot::Mutex as Lock;"), ["parking_lot::Mutex"]);
        assert_eq!(refused("use ::std::sync::mpsc;"), ["std::sync::mpsc"]);
        assert_eq!(refused("while busy() { std::hint::spin_loop(); }"), ["std::hint::spin_loop"]);
        assert_eq!(refused("use std::hint;\nfn f() { hint::spin_loop() }"), ["std::hint"]);
        assert_eq!(
            refused("use std::{hint::spin_loop, sync::atomic::Ordering};"),
            ["std::hint::spin_loop"]
        );
    }

    #[test]
    fn what_loom_can_live_with_and_comments_pass() {
        for source in [
            "use exercises::sync::{Arc, Mutex, thread};",
            "use std::sync::atomic::Ordering;",
            "use exercises::sync::atomic::{AtomicU64, Ordering};\nx.load(std::sync::atomic::Ordering::SeqCst);",
            "// with std::sync::Mutex this would run once\nuse exercises::sync::Mutex;",
            "use std::collections::VecDeque;",
            "fn f() -> Result<(), std::sync::PoisonError<u8>> { todo!() }",
            "use exercises::sync::hint;\nfn f() { hint::spin_loop() }",
            "let x = std::hint::black_box(3);",
        ] {
            assert_eq!(not_modelled(source), None, "{source}");
        }
    }

    #[test]
    fn the_schedule_follows_what_broke_and_leaves_the_rest() {
        let stdout = format!(
            "running 1 test\n{}\nThe schedule that broke it ...\nmain\n{}\n\
             thread 'x' panicked at loom/src/rt/execution.rs:215:13:\n\
             deadlock; threads = [(Id(0), Blocked(Location(None))), (Id(1), Terminated)]\n",
            crate::SCHEDULE_STARTS,
            crate::SCHEDULE_ENDS
        );
        let why = super::report::why(&stdout, "", "03-safety/3-a-mailbox.rs", true);
        assert!(why.starts_with("loom found a schedule in which every thread"), "{why}");
        assert!(why.ends_with("\n\nThe schedule that broke it ...\nmain"), "{why}");
        assert!(!why.contains(crate::SCHEDULE_STARTS), "{why}");
        assert!(why.contains("\nWaiting: the check's main thread;"), "{why}");
        // Steps that end with who waits for what make the list of numbers unneeded.
        let stdout = stdout.replace("\nmain\n", "\nThen nobody can go on:\n  main: waits\n");
        let why = super::report::why(&stdout, "", "03-safety/3-a-mailbox.rs", true);
        assert!(why.ends_with("a deadlock.\n\nThe schedule that broke it ...\nThen nobody can go on:\n  main: waits"), "{why}");
    }

    #[test]
    fn scope_and_sleep_get_their_own_advice() {
        let message = not_modelled("std::thread::scope(|s| { s.spawn(f); });").unwrap_or_default();
        assert!(message.contains("cannot model `thread::scope`"), "{message}");
        let message =
            not_modelled("std::thread::sleep(Duration::from_millis(5));").unwrap_or_default();
        assert!(message.contains("loom has no clock"), "{message}");
        let message = not_modelled("use std::hint::spin_loop;").unwrap_or_default();
        assert!(message.contains("`exercises::sync::hint::spin_loop()` tells loom"), "{message}");
    }
}
