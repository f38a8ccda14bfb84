//! Where the lessons print, and (in [`knobs`]) how they read their command-line options.
//!
//! A lesson never calls `println!`: it prints through an [`Out`]. Under `cargo run` that
//! is [`Out::terminal`], where each line appears the moment it is printed; in a test the
//! same lesson code gets an [`Out::capture`], which keeps the lines for a snapshot.
//! Clone an `Out` into a spawned thread, or lend `&Out` to scoped threads; each line is
//! written whole, so two threads never tear each other's lines.
//!
//! ```
//! use common::{Out, outln};
//!
//! let out = Out::capture(); // a lesson's `main` uses `Out::terminal()`
//! std::thread::scope(|s| {
//!     s.spawn(|| outln!(out, "hello from a thread"));
//! });
//! outln!(out, "done");
//! assert_eq!(out.transcript(), "hello from a thread\ndone\n");
//! ```

pub mod knobs;

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, ThreadId};

/// A place to print lines: the terminal, or a capture for tests. Clones print to the
/// same place, and any thread may print through it (`Out` is `Send + Sync`).
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
    /// The thread that made the capture, and the lines.
    Capture(ThreadId, Mutex<Vec<Line>>),
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
    /// Prints to standard output as it goes, as a lesson's `main` does. Nothing is kept:
    /// the [`Out::transcript`] of a terminal is empty.
    ///
    /// ```
    /// let out = common::Out::terminal();
    /// out.line("printed live");
    /// assert_eq!(out.transcript(), "");
    /// ```
    pub fn terminal() -> Out {
        Out { sink: Arc::new(Sink::Terminal) }
    }

    /// Keeps every line, in the order printed. The thread that calls `capture` is
    /// recorded as `"main"`, so a lesson reads the same in a test (where that thread is
    /// named after the test) as under `cargo run`.
    ///
    /// ```
    /// let out = common::Out::capture();
    /// out.line(42);
    /// assert_eq!(out.transcript(), "42\n");
    /// ```
    pub fn capture() -> Out {
        Out { sink: Arc::new(Sink::Capture(thread::current().id(), Mutex::default())) }
    }

    /// Prints one whole line; [`outln!`] calls this with `format!` arguments. If standard
    /// output is closed (as in `cargo run | head`), the line is dropped.
    ///
    /// ```
    /// let out = common::Out::capture();
    /// out.line(format_args!("{} + {} = {}", 2, 2, 2 + 2));
    /// assert_eq!(out.transcript(), "2 + 2 = 4\n");
    /// ```
    pub fn line(&self, text: impl std::fmt::Display) {
        match &*self.sink {
            Sink::Terminal => {
                // The lock keeps other threads out mid-line; an error means, e.g., no reader.
                let _closed = writeln!(std::io::stdout().lock(), "{text}");
            }
            Sink::Capture(made_by, lines) => {
                let line = Line { thread: thread_name(*made_by), text: text.to_string() };
                // Held only for a push, which cannot panic: never poisoned in practice,
                // and if it were, the lines in it would still be whole.
                lines.lock().unwrap_or_else(PoisonError::into_inner).push(line);
            }
        }
    }

    /// Every captured line, in the order they were printed (empty for a terminal).
    ///
    /// ```
    /// let out = common::Out::capture();
    /// out.line("a");
    /// out.line("b");
    /// assert_eq!(out.lines().len(), 2);
    /// ```
    pub fn lines(&self) -> Vec<Line> {
        match &*self.sink {
            Sink::Terminal => Vec::new(),
            Sink::Capture(_, lines) => lines.lock().unwrap_or_else(PoisonError::into_inner).clone(),
        }
    }

    /// The captured lines as one string, each ending in `\n`: what the terminal would
    /// have shown, and what the lessons' snapshots pin.
    ///
    /// ```
    /// let out = common::Out::capture();
    /// common::outln!(out, "one");
    /// common::outln!(out, "two");
    /// assert_eq!(out.transcript(), "one\ntwo\n");
    /// ```
    pub fn transcript(&self) -> String {
        self.lines().into_iter().map(|line| line.text + "\n").collect()
    }

    /// The lines one thread printed, in its own order: that order holds even where the
    /// interleaving of threads, and so the transcript, changes from run to run.
    ///
    /// ```
    /// let out = common::Out::capture();
    /// let worker = std::thread::Builder::new().name("worker".to_string());
    /// std::thread::scope(|s| worker.spawn_scoped(s, || out.line("hi")).unwrap().join());
    /// out.line("done");
    /// assert_eq!(out.lines_from("worker"), ["hi"]);
    /// assert_eq!(out.lines_from("main"), ["done"]);
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
