//! Lesson 01: starting threads.
//!
//! `cargo run -p lesson-01-threads` runs it; README.md beside this folder explains it.
//! Everything is printed through `out` (see the `common` crate): in your terminal it is
//! standard output, in the tests it is captured so that a snapshot can pin it.

use common::{Out, outln};
use std::sync::mpsc;
use std::thread;

fn main() {
    lesson(&Out::terminal());
    // `main` returns here, and the process ends with it: every thread still running is
    // killed on the spot. Part 6 below leaves one behind on purpose.
}

fn lesson(out: &Out) {
    // ANCHOR: part1
    outln!(out, "1. A thread that runs a named function");
    // Python's `Thread(target=count_to_four)` plus `start()`. `spawn` starts the thread
    // at once; there is no separate start.
    let thread_out = out.clone();
    let handle = thread::spawn(move || print_numbers(&thread_out));
    // Wait for it (lesson 02 is all about this). Without this line `main` could race
    // ahead, and the numbers could land under a later heading.
    handle.join().expect("print_numbers does not panic");
    // ANCHOR_END: part1

    outln!(out);
    outln!(out, "2. The same thread, with a closure instead of a named function");
    let thread_out = out.clone();
    let handle = thread::spawn(move || {
        for i in 0..5 {
            outln!(thread_out, "{i}");
        }
    });
    handle.join().expect("the closure does not panic");

    outln!(out);
    outln!(out, "3. A thread with a name (Python's name=...)");
    let thread_out = out.clone();
    let handle = thread::Builder::new()
        .name("printer".to_string())
        .spawn(move || {
            let me = thread::current();
            outln!(thread_out, "my name is {}", me.name().unwrap_or("?"));
        })
        // A builder asks the OS for a thread and hands back its answer; `thread::spawn`
        // would panic instead. An OS that cannot start one more thread is beyond repair here.
        .expect("the OS starts a thread");
    handle.join().expect("the printer does not panic");

    outln!(out);
    outln!(out, "4. Passing arguments (Python's args=...): `move` hands them over");
    let label = String::from("tick");
    let start = 10;
    let thread_out = out.clone();
    // `move` makes the closure own `label`, `start` and `thread_out`. The thread may
    // outlive this function, so it cannot just borrow them.
    let handle = thread::spawn(move || count_from(&thread_out, &label, start, 3));
    // Try it: print `label` here. The compiler says it was moved into the thread.
    handle.join().expect("count_from does not panic");

    outln!(out);
    outln!(out, "5. A spawned thread is already running");
    let (tx, rx) = mpsc::channel();
    let thread_out = out.clone();
    let handle = thread::spawn(move || {
        outln!(thread_out, "worker: I am running");
        // The receiver is alive: `main` is waiting on it right now.
        tx.send(()).expect("main is listening");
    });
    // Wait for the worker's message, not for the worker. It arrives although nobody
    // called anything like `start()`.
    rx.recv().expect("the worker sends before it ends");
    outln!(out, "main: the worker ran before I joined it");
    handle.join().expect("the worker does not panic");

    outln!(out);
    outln!(out, "6. Threads die with main");
    let (tx, rx) = mpsc::channel();
    let thread_out = out.clone();
    // No handle is kept: this thread is never joined.
    thread::spawn(move || {
        outln!(thread_out, "worker: started a job that never ends");
        tx.send(()).expect("main is listening");
        wait_forever()
    });
    rx.recv().expect("the worker sends before it waits");
    outln!(out, "main: returning without join; the process ends and the worker with it");
}

fn print_numbers(out: &Out) {
    for i in 0..5 {
        outln!(out, "{i}");
    }
}

fn count_from(out: &Out, label: &str, start: u32, count: u32) {
    for i in start..start + count {
        outln!(out, "{label} {i}");
    }
}

/// Stands for a job that takes longer than the program: a download, a server loop.
fn wait_forever() -> ! {
    loop {
        // `park` may wake up for no reason, hence the loop; nobody ever unparks us.
        thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript() {
        let out = Out::capture();
        lesson(&out);
        testkit::assert_lesson_snapshot!("lesson-01", out.transcript());
    }

    #[test]
    fn the_numbers_come_from_the_spawned_threads_not_from_main() {
        let out = Out::capture();
        lesson(&out);
        let digits = ["0", "1", "2", "3", "4"];
        let from_main = out.lines_from("main");
        assert!(
            from_main.iter().all(|line| !digits.contains(&line.as_str())),
            "main printed a number itself; parts 1 and 2 print them from spawned threads: {from_main:?}"
        );
        let unnamed = out.lines_from("<unnamed>");
        let first_ten: Vec<&str> = unnamed.iter().take(10).map(String::as_str).collect();
        assert_eq!(
            first_ten,
            [digits, digits].concat(),
            "parts 1 and 2 should each print 0 to 4 from a thread of their own, in order; \
             the threads without a name printed {unnamed:?}"
        );
    }

    #[test]
    fn part_3_prints_from_the_thread_it_names() {
        let out = Out::capture();
        lesson(&out);
        let lines = out.lines();
        let line = lines.iter().find(|line| line.text.starts_with("my name is "));
        let line = line.expect("part 3 prints a line starting with \"my name is \"");
        let name = &line.text["my name is ".len()..];
        assert_eq!(
            line.thread, name,
            "the line says the thread is called {name:?}, but thread {:?} printed it",
            line.thread
        );
    }
}
