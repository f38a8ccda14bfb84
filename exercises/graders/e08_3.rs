//! Set up once
//!
//! Proves, over every schedule with at most three preemptions, of two threads calling
//! `get_or_init` at the same time and one more call after them: `init` runs exactly
//! once, and every call returns the value it made.
//!
//! Hint: check `ready` twice. First without the lock: if it is set, read the value and
//! return; that check must be able to see the value stored before the flag, so the
//! flag's store and this load pair up as in exercise 08-1. If it is not set, take the
//! lock, and check again: another thread may have set the value up while this one
//! waited for the lock.

#[path = "../08-atomics/3-set-up-once.rs"]
mod answer;

use exercises::sync::{Arc, thread};

use exercises::check::Op;

/// Which `init` ran, in order: the check's own notes, which loom does not see.
type Runs = std::sync::Arc<std::sync::Mutex<Vec<&'static str>>>;

/// An `init` that notes that `who`'s ran, and makes `value`.
fn init(runs: &Runs, who: &'static str, value: u64) -> impl FnOnce() -> u64 + use<> {
    let runs = std::sync::Arc::clone(runs);
    move || {
        runs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(who);
        value
    }
}

#[test]
fn init_runs_once_and_every_caller_gets_its_value() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["calls get_or_init", "calls get_or_init"]);
    exercises::check::every_schedule(&[&[Op::Atomic, Op::Lock]], || {
        let runs = Runs::default();
        let once = Arc::new(answer::OnceU64::new());
        let thread = {
            let (once, init) = (Arc::clone(&once), init(&runs, "thread #1's", 2));
            thread::spawn(move || once.get_or_init(init))
        };
        let main = once.get_or_init(init(&runs, "main's", 1));
        let theirs = thread.join().expect("get_or_init does not panic");
        check(&runs, &[("main's call", main), ("thread #1's call", theirs)]);
        let after = once.get_or_init(init(&runs, "the last call's", 3));
        check(&runs, &[("the last call", after)]);
    });
}

/// `init` ran once, and each call returned what it made.
fn check(runs: &Runs, calls: &[(&str, u64)]) {
    let ran = runs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let (who, made) = match ran.as_slice() {
        [who] => (*who, if *who == "main's" { 1 } else { 2 }),
        [] => panic!(
            "init never ran, but get_or_init returned {}: the value must be the one init makes",
            calls.iter().map(|(_, got)| got.to_string()).collect::<Vec<_>>().join(" and ")
        ),
        _ => panic!("init ran {} times ({}): it must run once", ran.len(), ran.join(", then ")),
    };
    for (call, got) in calls {
        let stale = if *got == 0 {
            ": it found `ready` set, but read `value` as it was before init's value was stored"
        } else {
            ""
        };
        assert!(*got == made, "{call} returned {got}, but {who} init made {made}{stale}");
    }
}
