//! The steps of the schedule loom is running, so that a failed check can show how it
//! failed, not only where it ended.
//!
//! Each operation of the model's types (see `model.rs`) notes a [`Step`]: the loom thread
//! that made it, the line that called it (`#[track_caller]`) and what happened, in cheap
//! data (an enum, integers, a `&'static Location`). The log holds one execution: it is
//! cleared when loom starts the next one, and frozen by the first panic, which is where
//! a failing execution ends. Only then, once, is it turned into text: [`schedule`].

use loom::thread::ThreadId;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::panic::Location;
use std::sync::{Mutex, PoisonError};

/// An atomic's value, as a step notes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Any integer type.
    Int(i128),
    /// `AtomicBool`.
    Bool(bool),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(n) => write!(f, "{n}"),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// A value an atomic holds.
pub(crate) trait Noted: Copy {
    /// As a step notes it.
    fn noted(self) -> Value;
}

macro_rules! noted_integers {
    ($($t:ty),*) => {
        $(impl Noted for $t {
            fn noted(self) -> Value {
                Value::Int(self as i128)
            }
        })*
    };
}
noted_integers!(u32, u64, usize, i32, i64);

impl Noted for bool {
    fn noted(self) -> Value {
        Value::Bool(self)
    }
}

/// What a step did. Locks and condition variables are told apart by their address,
/// which is never printed: it only pairs a release with its lock within one execution.
#[derive(Clone, Copy, Debug)]
pub(crate) enum What {
    /// Started the thread.
    Spawn(ThreadId),
    /// Is about to wait for the thread to end.
    Join(ThreadId),
    /// The thread it waited for has ended.
    Joined(ThreadId),
    /// The thread's closure returned.
    Ends,
    /// Asks for a lock (and may have to wait for it).
    Lock(usize),
    /// Has the lock it asked for.
    Locked(usize),
    /// `try_lock`, and whether it got the lock.
    TryLock(usize, bool),
    /// A guard was dropped: the lock taken at that place is free again.
    Unlock(usize, &'static Location<'static>),
    /// `Condvar::wait` on the lock: lets go of it and sleeps.
    Wait {
        /// The lock.
        lock: usize,
        /// The condition variable.
        cv: usize,
    },
    /// Back from `Condvar::wait`, with the lock again.
    Woken {
        /// The lock.
        lock: usize,
        /// The condition variable.
        cv: usize,
    },
    /// `notify_one` (`all: false`) or `notify_all`.
    Notify {
        /// The condition variable.
        cv: usize,
        /// `notify_all`.
        all: bool,
    },
    /// An atomic's `load` (the atomic, the value read, whether it was `SeqCst`).
    Load(usize, Value, bool),
    /// An atomic's `store`.
    Store(usize, Value),
    /// A read-modify-write (`swap`, `fetch_add`, ...): the value before and after.
    Change(usize, &'static str, Value, Value),
    /// `compare_exchange`: what it expected, what it found, what it would write.
    Exchange {
        /// The atomic.
        atomic: usize,
        /// The value it expected.
        expected: Value,
        /// The value it found.
        found: Value,
        /// The value it wrote if it found the one expected.
        new: Value,
    },
    /// A `compare_exchange_weak` that failed without trying, as a weak one may: what it
    /// expected and what it found.
    WeakFails {
        /// The atomic.
        atomic: usize,
        /// The value it expected.
        expected: Value,
        /// The value it found.
        found: Value,
    },
    /// `fetch_update`: the value it found last, and what it wrote (`None`: nothing).
    Update(usize, Value, Option<Value>),
    /// `fence`, with its ordering.
    Fence(std::sync::atomic::Ordering),
    /// `Sender::send`.
    Send,
    /// Asks for a value from a channel (and may have to wait for one).
    Recv,
    /// Back from a receive: with a value (`true`), or the channel closed.
    Received(bool),
    /// `try_recv` found the channel empty.
    Empty,
}

/// One step of an execution.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Step {
    thread: ThreadId,
    at: &'static Location<'static>,
    what: What,
}

/// Whose steps the log notes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Noting {
    /// None: no check runs.
    Nothing,
    /// Every step (an exercise's check, which runs alone in its process).
    Everywhere,
    /// Only those made on this OS thread, which runs a lesson's check while the lesson's
    /// other tests, on other threads, use the same types.
    Only(std::thread::ThreadId),
}

/// The steps of the execution being explored, and how it ended.
struct Log {
    noting: Noting,
    steps: Vec<Step>,
    /// Set by the first panic: what comes after (guards dropped while unwinding) is
    /// not part of the schedule.
    frozen: bool,
    /// A panic in the learner's file or the check's: the thread, the file and line.
    panic: Option<(ThreadId, String, u32)>,
}

static LOG: Mutex<Log> =
    Mutex::new(Log { noting: Noting::Nothing, steps: Vec::new(), frozen: false, panic: None });

impl Log {
    /// Whether steps made on the current OS thread are noted.
    fn notes_here(&self) -> bool {
        match self.noting {
            Noting::Nothing => false,
            Noting::Everywhere => true,
            Noting::Only(thread) => thread == std::thread::current().id(),
        }
    }
}

fn log() -> std::sync::MutexGuard<'static, Log> {
    // Nothing panics while holding it: at worst a step would be missing.
    LOG.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts noting steps for a check: every step (`only_here: false`), or only those made
/// on the current OS thread.
pub(crate) fn begin(only_here: bool) {
    let mut log = log();
    log.noting =
        if only_here { Noting::Only(std::thread::current().id()) } else { Noting::Everywhere };
    log.steps.clear();
    log.frozen = false;
    log.panic = None;
    FOUND.lock().unwrap_or_else(PoisonError::into_inner).take();
}

/// Starts a new execution's log (loom runs one execution at a time to its end).
pub(crate) fn start() {
    let mut log = log();
    if !log.notes_here() {
        return;
    }
    log.steps.clear();
    log.frozen = false;
    log.panic = None;
}

/// Notes that the current loom thread did `what`, called from `at`.
pub(crate) fn step(at: &'static Location<'static>, what: What) {
    if !log().notes_here() {
        return;
    }
    let thread = loom::thread::current().id();
    step_of(thread, at, what);
}

/// Notes that `thread` did `what`, called from `at`: for a guard's drop, which must not
/// ask loom which thread runs (after a deadlock, none does).
pub(crate) fn step_of(thread: ThreadId, at: &'static Location<'static>, what: What) {
    let mut log = log();
    if !log.frozen && log.notes_here() {
        log.steps.push(Step { thread, at, what });
    }
}

/// What the check calls its threads (see [`schedule`]), for [`panicked`].
static ROLES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Notes what the check calls its threads, before it starts.
pub(crate) fn roles(roles: &[&str]) {
    *ROLES.lock().unwrap_or_else(PoisonError::into_inner) =
        roles.iter().map(|role| role.to_string()).collect();
}

/// For the panic hook: the execution ends here, with the panic whose `message` is
/// given. A panic in the learner's file or the check's, on the OS thread that runs
/// loom (`loom_thread`), is noted with the loom thread that made it. Then the schedule
/// is printed between [`crate::SCHEDULE_STARTS`] and [`crate::SCHEDULE_ENDS`]: here, as
/// the panic starts, because a deadlock ends the process (a `loom::sync::Arc` dropped
/// while unwinding after it panics again).
pub(crate) fn panicked(
    location: Option<&Location<'_>>,
    message: &str,
    loom_thread: std::thread::ThreadId,
) {
    {
        let mut log = log();
        if log.frozen || !log.notes_here() {
            return;
        }
        log.frozen = true;
        let Some(location) = location else { return };
        // Only code that loom runs between its own steps: asking loom which thread runs
        // is safe there, and not inside loom (a deadlock is found with its state
        // borrowed).
        if std::thread::current().id() == loom_thread
            && !IN_LOOM.with(Cell::get)
            && whose(location) != Whose::Hidden
        {
            log.panic =
                Some((loom::thread::current().id(), location.file().to_string(), location.line()));
        }
    }
    // A loop that loom gave up on has too many steps to be worth showing.
    if message.contains("Model exceeded maximum number of branches") {
        return;
    }
    let roles = ROLES.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let roles: Vec<&str> = roles.iter().map(String::as_str).collect();
    if let Some(steps) = schedule(&roles, message.starts_with("deadlock"), message) {
        println!("{}\n{steps}\n{}", crate::SCHEDULE_STARTS, crate::SCHEDULE_ENDS);
        *FOUND.lock().unwrap_or_else(PoisonError::into_inner) = Some(steps);
    }
}

/// The steps of the last schedule that failed, as [`panicked`] printed them.
static FOUND: Mutex<Option<String>> = Mutex::new(None);

/// Takes the steps of the last schedule that failed, if one did since the last call.
pub(crate) fn found() -> Option<String> {
    FOUND.lock().unwrap_or_else(PoisonError::into_inner).take()
}

thread_local! {
    /// Set while loom runs the learner's code with its own state borrowed (the closure
    /// of `fetch_update`): a panic there must not ask loom which thread runs.
    static IN_LOOM: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, which loom calls with its state borrowed.
pub(crate) fn inside_loom<R>(f: impl FnOnce() -> R) -> R {
    IN_LOOM.with(|flag| flag.set(true));
    let result = f();
    IN_LOOM.with(|flag| flag.set(false));
    result
}

/// Freezes the log: the check is over.
pub(crate) fn stop() {
    let mut log = log();
    log.frozen = true;
    log.noting = Noting::Nothing;
}

/// The file whose steps are shown, for a lesson's check (`None`: an exercise's, whose
/// learner's file is included from `graders/`).
static OWN_FILE: Mutex<Option<String>> = Mutex::new(None);

/// Shows the steps made from `file` (a lesson's `file!()`), or (`None`) those of the
/// learner's file and the check's, as for an exercise.
pub(crate) fn own_file(file: Option<&str>) {
    *OWN_FILE.lock().unwrap_or_else(PoisonError::into_inner) =
        file.map(|file| file.replace('\\', "/"));
}

fn own() -> Option<String> {
    OWN_FILE.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// The number loom gives a thread: 0 for the check's main thread, then 1, 2 ... in the
/// order they were started.
fn number(thread: ThreadId) -> usize {
    let text = format!("{thread:?}");
    text.trim_start_matches("ThreadId(").trim_end_matches(')').parse().unwrap_or(usize::MAX)
}

/// Whose code made a step.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Whose {
    Answer,
    Check,
    /// `model.rs`, or anything else: not shown.
    Hidden,
}

fn whose(at: &Location<'_>) -> Whose {
    let file = at.file().replace('\\', "/");
    if let Some(own) = own() {
        return if file == own { Whose::Answer } else { Whose::Hidden };
    }
    if file.contains("graders/../") {
        Whose::Answer
    } else if file.contains("graders/") {
        Whose::Check
    } else {
        Whose::Hidden
    }
}

/// The lines of the learner's file and the check's, read once each when printing.
#[derive(Default)]
struct Sources(BTreeMap<String, Vec<String>>);

impl Sources {
    fn line(&mut self, file: &str, line: u32) -> String {
        let lines = self.0.entry(file.to_string()).or_insert_with(|| {
            // The path is the one rustc was given, from the workspace's root: read it
            // from this package's folder (a copy's, in the course's own tests).
            let file = file.replace('\\', "/");
            let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            // A lesson's file, from the workspace's root.
            let path = if own().is_some() {
                here.join("..").join(&file)
            } else {
                let inside = file.find("graders/").map_or(file.as_str(), |start| &file[start..]);
                here.join(inside)
            };
            let text = std::fs::read_to_string(path).unwrap_or_default();
            text.lines().map(|line| line.trim().to_string()).collect()
        });
        lines.get((line as usize).saturating_sub(1)).cloned().unwrap_or_default()
    }
}

/// What each thread is called in the schedule: "main (the producer)", "thread #1 (a
/// consumer)", from the roles the check gives (`roles[n]` for loom's thread `n`).
fn name(roles: &[&str], n: usize) -> String {
    let base = if n == 0 { "main".to_string() } else { format!("thread #{n}") };
    match roles.get(n) {
        Some(role) if !role.is_empty() => format!("{base} ({role})"),
        _ => base,
    }
}

/// A thread that begins `Condvar::wait` is asleep, in loom's queue, by the time it lets
/// go of its lock: once another thread (`who`) has that `lock`, it surely is.
fn asleep(sleeping: &mut BTreeMap<usize, VecDeque<(usize, usize, bool)>>, lock: usize, who: usize) {
    for queue in sleeping.values_mut() {
        for (thread, waits_with, asleep) in queue.iter_mut() {
            if *waits_with == lock && *thread != who {
                *asleep = true;
            }
        }
    }
}

/// A printed step: the thread's number, the line and its code (`None` for the check's
/// steps and for those of the learner's that have no line of their own), what it did.
type Line = (usize, Option<(u32, String)>, String);

/// At most this many lines of steps: a longer schedule keeps its end, where it broke.
const MOST_STEPS: usize = 60;
/// The learner's code is cut to this many characters in a step.
const CODE_WIDTH: usize = 40;

/// The failing execution, step by step, for a learner: each step with its thread, its
/// line of the learner's code and what it did; the check's steps in brief; for a
/// deadlock (`deadlock`), what each thread still holds and waits for; for a lesson's
/// check, the panic's `message` says why its last step panics. `None` if the learner's
/// code made no step.
pub(crate) fn schedule(roles: &[&str], deadlock: bool, message: &str) -> Option<String> {
    let log = log();
    if !log.steps.iter().any(|step| whose(step.at) == Whose::Answer) {
        return None;
    }
    let mut sources = Sources::default();
    let mut answer_file = String::new();
    // What each printed line says: the thread, the place (None for the check's steps
    // and the learner's that have no line of their own), what it did.
    let mut lines: Vec<Line> = Vec::new();
    let mut held: BTreeMap<usize, (usize, &'static Location<'static>)> = BTreeMap::new();
    // The threads waiting on each condition variable, in order, with their lock and
    // whether they are surely asleep (see `asleep`).
    let mut sleeping: BTreeMap<usize, VecDeque<(usize, usize, bool)>> = BTreeMap::new();
    let mut ended: BTreeSet<usize> = BTreeSet::new();
    // The last value written to each atomic, as far as the steps show.
    let mut latest: BTreeMap<usize, Value> = BTreeMap::new();
    // Whether a SeqCst load read an old value (see the note at the end).
    let mut old_seq_cst = false;
    // The threads a notify surely woke, that have not taken their lock back yet.
    let mut notified: BTreeSet<usize> = BTreeSet::new();
    // What each thread last began to wait for and has not got yet.
    let mut blocked: BTreeMap<usize, Step> = BTreeMap::new();
    let line_of = |at: &Location<'_>| match whose(at) {
        Whose::Answer => format!("at line {}", at.line()),
        _ => "in the check".to_string(),
    };
    for (n, step) in log.steps.iter().enumerate() {
        let who = number(step.thread);
        let shown = whose(step.at);
        if shown == Whose::Answer && answer_file.is_empty() {
            let file = step.at.file().replace('\\', "/");
            answer_file = file.split("graders/../").nth(1).unwrap_or(&file).to_string();
        }
        let what: Option<String> = match step.what {
            What::Spawn(child) => Some(format!("starts {}", name(&[], number(child)))),
            What::Join(of) => {
                let of = number(of);
                if ended.contains(&of) {
                    None
                } else {
                    blocked.insert(who, *step);
                    Some(format!("waits for {} to end", name(&[], of)))
                }
            }
            What::Joined(of) => {
                blocked.remove(&who);
                Some(format!("joins {}", name(&[], number(of))))
            }
            What::Ends => {
                ended.insert(who);
                blocked.remove(&who);
                Some("ends".to_string())
            }
            What::Lock(lock) => {
                blocked.insert(who, *step);
                match held.get(&lock) {
                    Some(&(holder, at)) if holder != who => Some(format!(
                        "waits for the lock {} took {}",
                        name(&[], holder),
                        line_of(at)
                    )),
                    Some(_) => Some("asks for a lock it holds: waits for itself".to_string()),
                    // Free: say so only if loom lets another thread go first.
                    None => match log.steps.get(n + 1) {
                        Some(next) if number(next.thread) == who => None,
                        _ => Some("about to take the lock; loom switches threads".to_string()),
                    },
                }
            }
            What::Locked(lock) => {
                blocked.remove(&who);
                held.insert(lock, (who, step.at));
                asleep(&mut sleeping, lock, who);
                Some("takes the lock".to_string())
            }
            What::TryLock(lock, got) => {
                if got {
                    held.insert(lock, (who, step.at));
                    asleep(&mut sleeping, lock, who);
                    Some("try_lock: takes the lock".to_string())
                } else {
                    Some("try_lock: the lock is taken, goes on without it".to_string())
                }
            }
            What::Unlock(lock, taken) => {
                held.remove(&lock);
                // Right after its own "takes the lock", with nothing in between: one line.
                let place = (whose(taken) == Whose::Answer).then(|| taken.line());
                match lines.last_mut() {
                    Some((thread, Some((line, _)), what))
                        if *thread == who && Some(*line) == place && what == "takes the lock" =>
                    {
                        *what = "takes the lock, and lets go of it".to_string();
                        None
                    }
                    _ => Some(format!("lets go of the lock taken {}", line_of(taken))),
                }
            }
            What::Wait { lock, cv } => {
                held.remove(&lock);
                sleeping.entry(cv).or_default().push_back((who, lock, false));
                blocked.insert(who, *step);
                Some("waits on the Condvar (and lets go of the lock)".to_string())
            }
            What::Woken { lock, cv } => {
                blocked.remove(&who);
                notified.remove(&who);
                held.insert(lock, (who, step.at));
                if let Some(queue) = sleeping.get_mut(&cv) {
                    queue.retain(|&(n, _, _)| n != who);
                }
                asleep(&mut sleeping, lock, who);
                Some("is woken, and has the lock again".to_string())
            }
            What::Notify { cv, all } => {
                // A thread that notes `Condvar::wait` while another notifies may not be
                // in loom's queue yet; it was if it wakes next, with no other notify.
                let woke_next = |thread: usize| {
                    let later = log.steps[n + 1..].iter();
                    let mut theirs = later.filter(|later| {
                        number(later.thread) == thread
                            || matches!(later.what, What::Notify { cv: other, .. } if other == cv)
                    });
                    matches!(
                        theirs.next(),
                        Some(Step { what: What::Woken { cv: other, .. }, thread: t, .. })
                            if *other == cv && number(*t) == thread
                    )
                };
                let queue = sleeping.entry(cv).or_default();
                for (thread, _, asleep) in queue.iter_mut() {
                    if woke_next(*thread) {
                        *asleep = true;
                    }
                }
                let call = if all { "notify_all" } else { "notify_one" };
                // loom wakes the threads asleep on it, first come first woken.
                let sure = queue.iter().take_while(|&&(_, _, asleep)| asleep).count();
                let woken: Vec<usize> = match (all, sure) {
                    (true, _) => queue.drain(..sure).map(|(n, _, _)| n).collect(),
                    (false, 0) => Vec::new(),
                    (false, _) => queue.pop_front().map(|(n, _, _)| n).into_iter().collect(),
                };
                Some(if queue.is_empty() && woken.is_empty() {
                    format!("{call}: no thread waits yet: wakes nobody")
                } else if woken.is_empty() {
                    let first = queue.front().map_or(0, |&(n, _, _)| n);
                    format!("{call}: wakes {}, if it is asleep yet", name(&[], first))
                } else {
                    notified.extend(woken.iter().copied());
                    let woken: Vec<String> = woken.iter().map(|&n| name(&[], n)).collect();
                    format!("{call}: wakes {}", woken.join(" and "))
                })
            }
            What::Load(atomic, value, seq_cst) => Some(match latest.get(&atomic) {
                // loom lets a load see an older value, as a CPU may; under loom even a
                // SeqCst one, which real SeqCst rules out: the note below says so.
                Some(last) if *last != value && seq_cst => {
                    old_seq_cst = true;
                    format!("load: reads {value}, an old value* ({last} is the latest)")
                }
                Some(last) if *last != value => {
                    format!("load: reads {value}, an old value ({last} is the latest)")
                }
                _ => format!("load: reads {value}"),
            }),
            What::Fence(order) => Some(format!("fence({order:?})")),
            What::Store(atomic, value) => {
                latest.insert(atomic, value);
                Some(format!("store: writes {value}"))
            }
            What::Change(atomic, op, old, new) => {
                latest.insert(atomic, new);
                Some(format!("{op}: {old} → {new}"))
            }
            What::Exchange { atomic, expected, found, new } => Some(if found == expected {
                latest.insert(atomic, new);
                format!("compare_exchange: {found} → {new}")
            } else {
                latest.insert(atomic, found);
                format!("compare_exchange: finds {found}, not {expected}: fails")
            }),
            // A failed compare_exchange only loads: the latest value stays the latest.
            What::WeakFails { atomic, expected, found } => {
                let old = match latest.get(&atomic) {
                    Some(last) if *last != found => {
                        format!(", an old value ({last} is the latest)")
                    }
                    _ => String::new(),
                };
                Some(if found == expected {
                    format!(
                        "compare_exchange_weak: finds {found}{old}, fails anyway (a weak one may)"
                    )
                } else {
                    format!("compare_exchange_weak: finds {found}{old}, not {expected}: fails")
                })
            }
            What::Update(atomic, old, new) => Some(match new {
                Some(new) => {
                    latest.insert(atomic, new);
                    format!("fetch_update: {old} → {new}")
                }
                None => format!("fetch_update: reads {old}, writes nothing"),
            }),
            What::Send => Some("sends".to_string()),
            What::Recv => {
                blocked.insert(who, *step);
                None
            }
            What::Empty => Some("try_recv: the channel is empty".to_string()),
            What::Received(got) => {
                blocked.remove(&who);
                Some(
                    if got { "receives" } else { "receives nothing: the channel is closed" }
                        .to_string(),
                )
            }
        };
        let Some(what) = what else { continue };
        match shown {
            Whose::Answer => {
                let code = sources.line(step.at.file(), step.at.line());
                let place = match step.what {
                    // A guard is dropped where the code does not say: no line of its own.
                    What::Unlock(..) | What::Ends => None,
                    _ => Some((step.at.line(), code)),
                };
                lines.push((who, place, what));
            }
            Whose::Check if matches!(step.what, What::Ends) => lines.push((who, None, what)),
            Whose::Check => {
                let what = match step.what {
                    What::Lock(_) if what.starts_with("about") => {
                        "about to take a lock; loom switches threads".to_string()
                    }
                    What::Locked(_) => "takes a lock".to_string(),
                    What::Unlock(..) => "lets go of a lock".to_string(),
                    _ => what,
                };
                // The check's steps in brief: one line for a run of them.
                match lines.last_mut() {
                    Some((thread, None, last))
                        if *thread == who
                            && last.starts_with("the check: ")
                            && last.len() + what.len() < 94 =>
                    {
                        *last += &format!(", {what}");
                    }
                    _ => lines.push((who, None, format!("the check: {what}"))),
                }
            }
            Whose::Hidden => {}
        }
    }
    let mut ending = Vec::new();
    if let Some((thread, file, line)) = &log.panic {
        let who = number(*thread);
        if own().is_some() {
            // A lesson's own assertion: what it says.
            let said = message.lines().next().unwrap_or("");
            let said = said.trim_start_matches("assertion `left == right` failed: ");
            let code = sources.line(file, *line);
            lines.push((who, Some((*line, code)), format!("panics: {said}")));
        } else if file.replace('\\', "/").contains("graders/../") {
            let code = sources.line(file, *line);
            let what = if message.contains(crate::NO_SUCH_ORDERING) {
                "panics: an ordering this operation cannot have"
            } else {
                "panics: your own code's check fails"
            };
            lines.push((who, Some((*line, code)), what.to_string()));
        } else {
            lines.push((who, None, "the check: panics (its message is above)".to_string()));
        }
    }
    if deadlock {
        let mut threads: BTreeSet<usize> =
            log.steps.iter().map(|step| number(step.thread)).collect();
        threads.extend(held.values().map(|&(n, _)| n));
        for who in threads.into_iter().filter(|n| !ended.contains(n)) {
            // In the order of their lines: the locks' addresses differ from run to run.
            let mut holds: Vec<&Location<'_>> =
                held.values().filter(|&&(holder, _)| holder == who).map(|&(_, at)| at).collect();
            holds.sort_by_key(|at| (whose(at) != Whose::Answer, at.line()));
            let mut parts: Vec<String> =
                holds.iter().map(|at| format!("holds the lock taken {}", line_of(at))).collect();
            if let Some(step) = blocked.get(&who) {
                let at = match whose(step.at) {
                    Whose::Answer => format!("at line {}", step.at.line()),
                    _ => "in the check".to_string(),
                };
                parts.push(match step.what {
                    What::Lock(lock) => match held.get(&lock) {
                        Some(&(holder, _)) if holder == who => {
                            format!("waits {at} for the lock it holds itself")
                        }
                        Some(&(holder, _)) => {
                            format!("waits {at} for the lock {} holds", name(&[], holder))
                        }
                        None => format!("waits {at} for a lock"),
                    },
                    // Woken, but the lock is not free to take back.
                    What::Wait { lock, .. } if notified.contains(&who) => match held.get(&lock) {
                        Some(&(holder, _)) => format!(
                            "is woken, and waits {at} to take back the lock {} holds",
                            name(&[], holder)
                        ),
                        None => format!("is woken, and waits {at} to take back its lock"),
                    },
                    What::Wait { .. } => {
                        format!("waits {at} on the Condvar, for a notify that never comes")
                    }
                    What::Join(of) => format!("waits {at} for {} to end", name(&[], number(of))),
                    What::Recv => format!("waits {at} for a value that never comes"),
                    _ => format!("waits {at}"),
                });
            }
            if !parts.is_empty() {
                ending.push(format!("  {}: {}", name(roles, who), parts.join(",\n      and ")));
            }
        }
    }
    // Out: a heading for each run of steps by one thread, then its steps.
    let skipped = lines.len().saturating_sub(MOST_STEPS);
    let lines = &lines[skipped..];
    let width = lines
        .iter()
        .filter_map(|(_, place, _)| place.as_ref().map(|(_, code)| code.chars().count()))
        .max()
        .unwrap_or(0)
        .min(CODE_WIDTH);
    let number_width = lines
        .iter()
        .filter_map(|(_, place, _)| place.as_ref())
        .map(|(line, _)| line.to_string().len())
        .max()
        .unwrap_or(0);
    let mut out = format!("The schedule that broke it, step by step (lines of {answer_file}):\n");
    if skipped > 0 {
        out += &format!("  ... {skipped} steps before these\n");
    }
    let mut current = None;
    for (who, place, what) in lines {
        if current != Some(*who) {
            out += &format!("{}\n", name(roles, *who));
            current = Some(*who);
        }
        match place {
            Some((line, code)) => {
                let code = if code.chars().count() > width {
                    format!("{}…", code.chars().take(width - 1).collect::<String>())
                } else {
                    code.clone()
                };
                out += &format!("  line {line:<number_width$}  {code:<width$}  {what}\n");
            }
            None if what.starts_with("the check") => out += &format!("  {what}\n"),
            None => {
                let pad = "line ".len() + number_width + 2 + width + 2;
                out += &format!("  {:pad$}{what}\n", "");
            }
        }
    }
    if !ending.is_empty() {
        out += &format!("Then nobody can go on:\n{}\n", ending.join("\n"));
    }
    if old_seq_cst {
        out += "* A SeqCst load that reads an old value: loom allows it, since it models \
                SeqCst as\n  Acquire/Release, but real SeqCst does not. A stronger ordering \
                still never makes\n  two steps one: other orders fail the same way.\n";
    }
    Some(out.trim_end().to_string())
}
