//! A panic comes back through `join`
//!
//! Proves: a job's value comes back as `Ok`, and its panic, whatever the message's type,
//! as `Err(message)`, without `run_job` panicking.
//!
//! Hint: `match handle.join() { Ok(value) => Ok(value), Err(payload) => ... }`.
//! `payload.downcast_ref::<&str>()` gives `Some(&message)` when the message was a
//! literal; try `downcast_ref::<String>()` next.

#[path = "../02-join/2-a-panic-through-join.rs"]
mod answer;

fn adds_up() -> u64 {
    (1..=100).sum()
}

fn gives_up() -> u64 {
    panic!("the thread gave up")
}

fn counts_tries() -> u64 {
    let tries = 3;
    panic!("out of {tries} tries")
}

#[test]
fn every_job_reports_back() {
    // The jobs panic on purpose: keep their messages out of the report's way.
    std::panic::set_hook(Box::new(|_| {}));
    let jobs: [(&str, fn() -> u64); 3] =
        [("adds_up", adds_up), ("gives_up", gives_up), ("counts_tries", counts_tries)];
    let report: Vec<String> = jobs
        .into_iter()
        .map(|(name, job)| match std::panic::catch_unwind(|| answer::run_job(job)) {
            Ok(result) => format!("{name}: {result:?}"),
            Err(_) => format!("{name}: run_job itself panicked"),
        })
        .collect();
    let _ = std::panic::take_hook();
    insta::assert_snapshot!(report.join("\n"), @r#"
    adds_up: Ok(5050)
    gives_up: Err("the thread gave up")
    counts_tries: Err("out of 3 tries")
    "#);
}
