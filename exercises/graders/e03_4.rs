//! A poisoned lock
//!
//! Proves: the scores come back whole, with the crashed thread's last addition, from a
//! poisoned lock.
//!
//! Hint: `match scores.lock() { Ok(guard) => ..., Err(poisoned) => ... }`, and
//! `poisoned.into_inner()` is the guard. Shorter: `.unwrap_or_else(|p| p.into_inner())`.

#[path = "../03-safety/4-after-a-crash.rs"]
mod answer;

use std::sync::Mutex;

#[test]
fn the_scores_survive_the_crash() {
    // The crash below is on purpose: keep its message out of the report's way.
    std::panic::set_hook(Box::new(|_| {}));
    let scores = Mutex::new(vec![1, 2, 3]);
    let crashed = std::thread::scope(|s| {
        s.spawn(|| {
            let mut scores = scores.lock().expect("not poisoned yet");
            scores.push(4);
            panic!("crashed while holding the lock"); // `scores` is still locked here
        })
        .join()
        .is_err()
    });
    let report = match std::panic::catch_unwind(|| answer::scores_after_a_crash(&scores)) {
        Ok(scores) => format!("scores: {scores:?}"),
        Err(_) => "scores_after_a_crash panicked".to_string(),
    };
    let _ = std::panic::take_hook();
    assert!(crashed && scores.is_poisoned(), "the check's own thread failed to poison the lock");
    insta::assert_snapshot!(report, @"scores: [1, 2, 3, 4]");
}
