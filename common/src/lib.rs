//! Where the lessons print.
//!
//! A lesson never calls `println!`: it prints through an [`Out`]. Under `cargo run` the
//! `Out` is [`Out::terminal`], and each line appears the moment it is printed, so you see
//! the real interleaving of your threads. In a test the very same lesson code gets an
//! [`Out::capture`], which keeps every line so that a snapshot can pin them.
//!
//! An `Out` is a cheap handle: clone it into a spawned thread, or lend `&Out` to scoped
//! threads. Each line is written whole; two threads never tear each other's lines.
//!
//! ```
//! use common::{Out, outln};
//! use std::thread;
//!
//! let out = Out::capture();
//! let worker = thread::Builder::new()
//!     .name("worker".to_string())
//!     .spawn({
//!         let out = out.clone();
//!         move || outln!(out, "hello from the worker")
//!     })
//!     .unwrap();
//! worker.join().unwrap();
//! outln!(out, "done");
//!
//! assert_eq!(out.transcript(), "hello from the worker\ndone\n");
//! assert_eq!(out.lines_from("worker"), ["hello from the worker"]);
//! assert_eq!(out.lines_from("main"), ["done"]);
//! ```

use std::fmt::Display;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, ThreadId};

/// A place to print lines: the terminal, or a capture for tests.
///
/// Cloning an `Out` gives another handle to the same place, and `Out` is `Send + Sync`,
/// so any thread may print through it.
///
/// ```
/// fn assert_send_sync<T: Send + Sync>() {}
/// assert_send_sync::<common::Out>();
/// ```
#[derive(Clone, Debug)]
pub struct Out {
    sink: Arc<Sink>,
}

#[derive(Debug)]
enum Sink {
    Terminal,
    Capture {
        made_by: ThreadId,
        lines: Mutex<Vec<Line>>,
    },
}

/// One captured line and the name of the thread that printed it.
///
/// ```
/// let out = common::Out::capture();
/// out.line("hi");
/// assert_eq!(out.lines()[0], common::Line { thread: "main".into(), text: "hi".into() });
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The printing thread's name: `"main"` for the thread that made the capture,
    /// `"<unnamed>"` for a thread spawned without a name.
    pub thread: String,
    /// What was printed, without the newline.
    pub text: String,
}

impl Out {
    /// Prints to standard output, one whole line at a time, as it goes.
    ///
    /// This is what a lesson's `main` uses. Nothing is kept: [`Out::transcript`] of a
    /// terminal is empty.
    ///
    /// ```
    /// let out = common::Out::terminal();
    /// out.line("printed live");
    /// assert_eq!(out.transcript(), "");
    /// ```
    pub fn terminal() -> Out {
        Out {
            sink: Arc::new(Sink::Terminal),
        }
    }

    /// Keeps every line in memory, in the order the lines were printed.
    ///
    /// The thread that calls `capture` is recorded as `"main"` whatever its real name, so
    /// a lesson reads the same in a test (whose thread the test harness names after the
    /// test) as under `cargo run`.
    ///
    /// ```
    /// let out = common::Out::capture();
    /// out.line(42);
    /// assert_eq!(out.transcript(), "42\n");
    /// ```
    pub fn capture() -> Out {
        Out {
            sink: Arc::new(Sink::Capture {
                made_by: thread::current().id(),
                lines: Mutex::new(Vec::new()),
            }),
        }
    }

    /// Prints one line. The [`outln!`] macro calls this with `format!`-style arguments.
    ///
    /// The whole line is written at once, so lines printed by different threads never
    /// mix. If standard output is closed (as in `cargo run | head`), the line is dropped.
    ///
    /// ```
    /// let out = common::Out::capture();
    /// out.line(format_args!("{} + {} = {}", 2, 2, 2 + 2));
    /// assert_eq!(out.transcript(), "2 + 2 = 4\n");
    /// ```
    pub fn line(&self, text: impl Display) {
        match &*self.sink {
            Sink::Terminal => {
                // `lock` holds standard output for the whole line, so no other thread can
                // print in the middle of it. An error means the reader has gone away.
                let _closed = writeln!(std::io::stdout().lock(), "{text}");
            }
            Sink::Capture { made_by, lines } => {
                let line = Line {
                    thread: thread_name(*made_by),
                    text: text.to_string(),
                };
                // The lock is held only for this push, which cannot panic, so the mutex is
                // never poisoned; if it ever were, the lines in it are still whole.
                lines
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(line);
            }
        }
    }

    /// Every captured line, in the order they were printed (empty for a terminal).
    ///
    /// ```
    /// let out = common::Out::capture();
    /// out.line("a");
    /// out.line("b");
    /// let texts: Vec<String> = out.lines().into_iter().map(|line| line.text).collect();
    /// assert_eq!(texts, ["a", "b"]);
    /// ```
    pub fn lines(&self) -> Vec<Line> {
        match &*self.sink {
            Sink::Terminal => Vec::new(),
            Sink::Capture { lines, .. } => {
                lines.lock().unwrap_or_else(PoisonError::into_inner).clone()
            }
        }
    }

    /// The captured lines as one string, each ending in `\n`: what the terminal would
    /// have shown. This is what the lessons' snapshots pin.
    ///
    /// ```
    /// let out = common::Out::capture();
    /// common::outln!(out, "one");
    /// common::outln!(out);
    /// common::outln!(out, "three");
    /// assert_eq!(out.transcript(), "one\n\nthree\n");
    /// ```
    pub fn transcript(&self) -> String {
        self.lines()
            .into_iter()
            .map(|line| line.text + "\n")
            .collect()
    }

    /// The texts of the lines one thread printed, in its own order.
    ///
    /// The interleaving of two threads may change from run to run; each thread's own order
    /// does not. A test can pin that order even where the transcript cannot be pinned.
    ///
    /// ```
    /// use std::thread;
    ///
    /// let out = common::Out::capture();
    /// thread::scope(|s| {
    ///     for name in ["a", "b"] {
    ///         let out = &out;
    ///         thread::Builder::new()
    ///             .name(name.to_string())
    ///             .spawn_scoped(s, move || (1..=3).for_each(|i| out.line(i)))
    ///             .unwrap();
    ///     }
    /// });
    /// assert_eq!(out.lines_from("a"), ["1", "2", "3"]);
    /// assert_eq!(out.lines_from("b"), ["1", "2", "3"]);
    /// ```
    pub fn lines_from(&self, thread: &str) -> Vec<String> {
        self.lines()
            .into_iter()
            .filter(|line| line.thread == thread)
            .map(|line| line.text)
            .collect()
    }
}

fn thread_name(capture_maker: ThreadId) -> String {
    let me = thread::current();
    if me.id() == capture_maker {
        "main".to_string()
    } else {
        me.name().unwrap_or("<unnamed>").to_string()
    }
}

/// Prints one line through an [`Out`], with `format!` arguments; `outln!(out)` prints an
/// empty line.
///
/// ```
/// use common::{Out, outln};
///
/// let out = Out::capture();
/// let who = "world";
/// outln!(out, "hello, {who}");
/// outln!(out);
/// assert_eq!(out.transcript(), "hello, world\n\n");
/// ```
#[macro_export]
macro_rules! outln {
    ($out:expr) => {
        $out.line("")
    };
    ($out:expr, $($arg:tt)*) => {
        $out.line(::std::format_args!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const THREADS: usize = 8;
    const LINES: usize = 1000;

    #[test]
    fn many_threads_lose_no_line_and_keep_their_own_order() {
        let out = Out::capture();
        thread::scope(|s| {
            for t in 0..THREADS {
                let out = &out;
                thread::Builder::new()
                    .name(format!("t{t}"))
                    .spawn_scoped(s, move || {
                        for i in 0..LINES {
                            outln!(out, "t{t} line {i:04} {}", "x".repeat(64));
                        }
                    })
                    .unwrap();
            }
        });

        let lines = out.lines();
        assert_eq!(lines.len(), THREADS * LINES);
        for t in 0..THREADS {
            let expected: Vec<String> = (0..LINES)
                .map(|i| format!("t{t} line {i:04} {}", "x".repeat(64)))
                .collect();
            // Whole, in order, and attributed to the thread that printed them.
            assert_eq!(out.lines_from(&format!("t{t}")), expected);
        }
        assert_eq!(out.transcript().lines().count(), THREADS * LINES);
    }

    #[test]
    fn the_capturing_thread_is_main_and_unnamed_threads_say_so() {
        let out = Out::capture();
        out.line("from the test thread");
        let from_unnamed = out.clone();
        thread::spawn(move || from_unnamed.line("from a nameless thread"))
            .join()
            .unwrap();
        assert_eq!(out.lines_from("main"), ["from the test thread"]);
        assert_eq!(out.lines_from("<unnamed>"), ["from a nameless thread"]);
    }

    #[test]
    fn clones_share_one_capture() {
        let out = Out::capture();
        let clone = out.clone();
        clone.line("via the clone");
        assert_eq!(out.transcript(), "via the clone\n");
    }
}
