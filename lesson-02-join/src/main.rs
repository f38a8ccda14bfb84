//! Lesson 02: joining threads.
//!
//! `cargo run -p lesson-02-join` runs it; README.md beside this folder explains it.
//! Part 3 makes a thread panic on purpose: its message on stderr is expected.

use common::{Out, outln};
use std::any::Any;
use std::thread;

fn main() {
    lesson(&Out::terminal());
}

fn lesson(out: &Out) {
    outln!(out, "1. join waits until the thread has finished");
    let thread_out = out.clone();
    let handle = thread::spawn(move || print_numbers(&thread_out));
    // `join` blocks this thread until the other one ends. It returns `Err` only if the
    // thread panicked (part 3), and `print_numbers` does not.
    handle.join().expect("print_numbers does not panic");
    outln!(out, "Thread execution completed");

    outln!(out);
    outln!(out, "2. join hands back what the thread returned");
    // The closure's return value travels back through the handle: no shared list needed.
    let handle = thread::spawn(|| (1..=100u64).sum::<u64>());
    let total = handle.join().expect("adding numbers does not panic");
    outln!(out, "the thread returned {total}");

    outln!(out);
    outln!(out, "3. A thread that panics: join returns Err, main goes on");
    let handle = thread::Builder::new()
        .name("doomed".to_string())
        .spawn(|| -> u64 { panic!("the thread gave up") })
        // Only fails if the OS refuses a new thread; nothing here can recover from that.
        .expect("the OS starts a thread");
    match handle.join() {
        Ok(value) => outln!(out, "the thread returned {value}"),
        Err(payload) => {
            let (kind, message) = panic_message(&*payload);
            outln!(out, "join returned Err, carrying a {kind}: {message:?}");
        }
    }
    outln!(out, "main is still running");

    outln!(out);
    outln!(out, "4. Scoped threads borrow local data, and the scope joins them");
    let numbers: Vec<u64> = (1..=10).collect();
    let (left, right) = numbers.split_at(numbers.len() / 2);
    let (left_sum, right_sum) = thread::scope(|s| {
        // Scoped threads may borrow `out`, `left` and `right`: the scope cannot end
        // before they do. No `move`, no clone.
        s.spawn(|| outln!(out, "a scoped thread nobody joins: the scope waits for it"));
        let left_half = s.spawn(|| left.iter().sum::<u64>());
        let right_half = s.spawn(|| right.iter().sum::<u64>());
        (
            left_half.join().expect("a sum does not panic"),
            right_half.join().expect("a sum does not panic"),
        )
    });
    outln!(out, "{left:?} sums to {left_sum}, {right:?} to {right_sum}");
    outln!(out, "all of {numbers:?}: {}", left_sum + right_sum);
}

fn print_numbers(out: &Out) {
    for i in 0..5 {
        outln!(out, "{i}");
    }
}

/// What a panicking thread said, and the type it said it with: `panic!("a literal")`
/// carries a `&str`, a message built at run time (`panic!("{x}")`) a `String`. Anything
/// else is possible (`std::panic::panic_any`), but rare.
fn panic_message(payload: &(dyn Any + Send)) -> (&'static str, &str) {
    if let Some(message) = payload.downcast_ref::<&str>() {
        ("&str", message)
    } else if let Some(message) = payload.downcast_ref::<String>() {
        ("String", message)
    } else {
        ("value of another type", "<not a string>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        testkit::expect_panics_from(&["doomed"]);
        let out = Out::capture();
        lesson(&out);
        testkit::assert_lesson_snapshot!("lesson-02", out.transcript());
    }

    #[test]
    fn completed_is_printed_by_main_after_the_worker_printed_everything() {
        testkit::expect_panics_from(&["doomed"]);
        let out = Out::capture();
        lesson(&out);
        let lines = out.lines();
        let completed =
            lines.iter().position(|line| line.text == "Thread execution completed").unwrap();
        assert_eq!(lines[completed].thread, "main");
        let numbers: Vec<&str> = lines[..completed]
            .iter()
            .filter(|line| line.thread != "main")
            .map(|line| line.text.as_str())
            .collect();
        assert_eq!(numbers, ["0", "1", "2", "3", "4"]);
    }

    #[test]
    fn panic_message_reads_both_kinds_of_payload() {
        let literal = std::panic::catch_unwind(|| panic!("plain")).unwrap_err();
        let tries = 3;
        let built = std::panic::catch_unwind(|| panic!("out of {tries} tries")).unwrap_err();
        let other = std::panic::catch_unwind(|| std::panic::panic_any(7)).unwrap_err();
        assert_eq!(panic_message(&*literal), ("&str", "plain"));
        assert_eq!(panic_message(&*built), ("String", "out of 3 tries"));
        assert_eq!(panic_message(&*other), ("value of another type", "<not a string>"));
    }
}
