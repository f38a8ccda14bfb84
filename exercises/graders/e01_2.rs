//! A named thread, and `move`
//!
//! Proves: the three lines are printed in order, by a thread named "printer".
//!
//! Hint: `thread::Builder::new().name("printer".to_string()).spawn(move || { ... })`
//! returns an `io::Result<JoinHandle>`: `.expect("the OS starts a thread")`, then
//! `.join()` it. Inside, `for n in start..start + 3 { outln!(thread_out, "{label} {n}"); }`.

#[path = "../01-threads/2-a-named-thread.rs"]
mod answer;

#[test]
fn the_printer_thread_prints_three_ticks() {
    let out = common::Out::capture();
    answer::ticks(&out);
    let lines: Vec<String> =
        out.lines().iter().map(|line| format!("[{}] {}", line.thread, line.text)).collect();
    insta::assert_snapshot!(lines.join("\n"), @r#"
    [printer] tick 10
    [printer] tick 11
    [printer] tick 12
    "#);
}
