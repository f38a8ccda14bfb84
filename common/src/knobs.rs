//! Knobs: the command-line options a lesson offers for experiments, such as
//! `--threads 8`. Every knob is a whole number with a default and a range. With no
//! arguments a lesson gets its defaults, so it prints exactly what its snapshot pins.
//!
//! Bad input never panics: [`parse`] prints one line on stderr that names the knob and
//! the problem, and exits with code 2, the usual code for a usage error.
//!
//! ```
//! use common::knobs::{Knob, Stop, parse_from};
//!
//! const KNOBS: [Knob; 1] = [Knob { name: "threads", about: "threads to start", default: 5, min: 1, max: 64 }];
//! assert_eq!(parse_from(["--threads", "8"], &KNOBS), Ok([8]));
//! assert_eq!(parse_from(["--threads=8"], &KNOBS), Ok([8]));
//! assert_eq!(parse_from([] as [&str; 0], &KNOBS), Ok([5]));
//! assert_eq!(
//!     parse_from(["--threads", "0"], &KNOBS),
//!     Err(Stop::Error("--threads must be at least 1, not 0".to_string()))
//! );
//! ```

use std::ffi::OsString;
use std::fmt::Write;

/// One option, `--name N`, that takes a whole number from `min` to `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Knob {
    /// The option's name, without the leading `--`.
    pub name: &'static str,
    /// What it sets, for `--help`.
    pub about: &'static str,
    /// The value when the option is not given.
    pub default: u64,
    /// The smallest value accepted.
    pub min: u64,
    /// The largest value accepted.
    pub max: u64,
}

/// Why parsing stopped before producing values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// `--help` or `-h` was given.
    Help,
    /// The arguments were wrong; the message names the knob and the problem.
    Error(String),
}

/// The values of `knobs`, in their order, read from `args` (without the program name).
/// Each knob may be given as `--name N` or `--name=N`; the last one given wins.
///
/// ```
/// use common::knobs::{Knob, Stop, parse_from};
///
/// const KNOBS: [Knob; 2] = [
///     Knob { name: "threads", about: "", default: 5, min: 1, max: 64 },
///     Knob { name: "increments", about: "", default: 100, min: 1, max: u64::MAX },
/// ];
/// assert_eq!(parse_from(["--increments", "7"], &KNOBS), Ok([5, 7]));
/// assert_eq!(parse_from(["--help"], &KNOBS), Err(Stop::Help));
/// let error = |args: &[&str]| match parse_from(args.iter().copied(), &KNOBS) {
///     Err(Stop::Error(message)) => message,
///     other => panic!("{other:?}"),
/// };
/// assert_eq!(error(&["--threads", "five"]), "--threads takes a whole number, not 'five'");
/// assert_eq!(error(&["--threads", "-2"]), "--threads cannot be negative: -2");
/// assert_eq!(error(&["--threads", "65"]), "--threads must be at most 64, not 65");
/// assert_eq!(error(&["--threds", "2"]), "unknown option '--threds' (try --help)");
/// ```
pub fn parse_from<const N: usize, I>(args: I, knobs: &[Knob; N]) -> Result<[u64; N], Stop>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    use lexopt::Arg::{Long, Short, Value};
    let mut values = knobs.map(|knob| knob.default);
    let mut parser = lexopt::Parser::from_args(args);
    loop {
        let arg = parser.next().map_err(|error| Stop::Error(error.to_string()))?;
        match arg {
            None => return Ok(values),
            Some(Long("help") | Short('h')) => return Err(Stop::Help),
            Some(Long(name)) => {
                let name = name.to_string(); // ends the borrow of `parser`
                let Some(i) = knobs.iter().position(|knob| knob.name == name) else {
                    return Err(Stop::Error(format!("unknown option '--{name}' (try --help)")));
                };
                let knob = knobs[i];
                let value = parser.value().map_err(|_| {
                    Stop::Error(format!(
                        "--{name} needs a value, such as --{name} {}",
                        knob.default
                    ))
                })?;
                values[i] = knob_value(&knob, &value.to_string_lossy()).map_err(Stop::Error)?;
            }
            Some(Short(letter)) => {
                return Err(Stop::Error(format!("unknown option '-{letter}' (try --help)")));
            }
            Some(Value(value)) => {
                let value = value.to_string_lossy();
                return Err(Stop::Error(format!("unexpected argument '{value}' (try --help)")));
            }
        }
    }
}

fn knob_value(knob: &Knob, text: &str) -> Result<u64, String> {
    let name = knob.name;
    let text = text.trim();
    let value = match text.parse::<u64>() {
        Ok(value) => value,
        Err(_) if text.starts_with('-') && text[1..].parse::<u64>().is_ok() => {
            return Err(format!("--{name} cannot be negative: {text}"));
        }
        Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(format!("--{name} is too large: {text} does not fit in 64 bits"));
        }
        Err(_) => return Err(format!("--{name} takes a whole number, not '{text}'")),
    };
    if value < knob.min {
        return Err(format!("--{name} must be at least {}, not {value}", knob.min));
    }
    if value > knob.max {
        return Err(format!("--{name} must be at most {}, not {value}", knob.max));
    }
    Ok(value)
}

/// `--help`'s text: a line on what the program does, then one line per knob.
///
/// ```
/// use common::knobs::{Knob, usage};
///
/// let knobs = [Knob { name: "threads", about: "threads to start", default: 5, min: 1, max: 64 }];
/// let text = usage("lesson-04-lock", "Five threads, one lock.", &knobs);
/// assert!(text.contains("  --threads N   threads to start (1 to 64, default 5)\n"));
/// ```
pub fn usage(program: &str, about: &str, knobs: &[Knob]) -> String {
    let mut text = format!("{about}\n\nUsage: {program} [OPTIONS]\n\nOptions:\n");
    let width = 4 + knobs.iter().map(|knob| knob.name.len()).max().unwrap_or(0);
    for knob in knobs {
        let flag = format!("--{} N", knob.name);
        let max = if knob.max == u64::MAX { "any".to_string() } else { knob.max.to_string() };
        let (about, min, default) = (knob.about, knob.min, knob.default);
        let _ = writeln!(text, "  {flag:<width$}   {about} ({min} to {max}, default {default})");
    }
    let _ = writeln!(text, "  {:<width$}   show this and exit", "-h, --help");
    text
}

/// Reads the knobs from the command line. On `--help` prints [`usage`] and exits with 0;
/// on bad input prints one line on stderr and exits with 2 (see [`exit_with_error`]).
///
/// ```no_run
/// use common::knobs::{Knob, parse};
///
/// const KNOBS: [Knob; 1] = [Knob { name: "threads", about: "threads to start", default: 5, min: 1, max: 64 }];
/// let [threads] = parse("lesson-04-lock", "Five threads, one lock.", &KNOBS);
/// ```
pub fn parse<const N: usize>(program: &str, about: &str, knobs: &[Knob; N]) -> [u64; N] {
    match parse_from(std::env::args_os().skip(1), knobs) {
        Ok(values) => values,
        Err(Stop::Help) => {
            print!("{}", usage(program, about, knobs));
            std::process::exit(0);
        }
        Err(Stop::Error(message)) => exit_with_error(program, message),
    }
}

/// Prints `program: message` on stderr and exits with code 2 (a usage error). For
/// checks that involve several knobs, after [`parse`].
///
/// ```no_run
/// common::knobs::exit_with_error("lesson-04-lock", "--threads × --increments is too large");
/// ```
pub fn exit_with_error(program: &str, message: impl std::fmt::Display) -> ! {
    eprintln!("{program}: {message}");
    std::process::exit(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOBS: [Knob; 2] = [
        Knob { name: "threads", about: "threads", default: 5, min: 1, max: 1024 },
        Knob { name: "increments", about: "increments", default: 100, min: 1, max: u64::MAX },
    ];

    fn error(args: &[&str]) -> String {
        match parse_from(args.iter().copied(), &KNOBS) {
            Err(Stop::Error(message)) => message,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn good_values_in_any_order_and_the_last_one_wins() {
        let parse = |args: &[&str]| parse_from(args.iter().copied(), &KNOBS);
        assert_eq!(parse(&["--increments=9", "--threads", "2"]), Ok([2, 9]));
        assert_eq!(parse(&["--threads", "2", "--threads", "3"]), Ok([3, 100]));
        assert_eq!(parse(&["--increments", &u64::MAX.to_string()]), Ok([5, u64::MAX]));
        assert_eq!(parse(&["-h"]), Err(Stop::Help));
    }

    #[test]
    fn every_bad_input_is_one_line_that_names_the_knob() {
        let cases = [
            (&["--threads"][..], "--threads needs a value, such as --threads 5"),
            (&["--threads", ""], "--threads takes a whole number, not ''"),
            (&["--threads", "5x"], "--threads takes a whole number, not '5x'"),
            (&["--threads", "2.5"], "--threads takes a whole number, not '2.5'"),
            (&["--increments", "0"], "--increments must be at least 1, not 0"),
            (&["--threads", "1025"], "--threads must be at most 1024, not 1025"),
            (
                &["--increments", "18446744073709551616"],
                "--increments is too large: 18446744073709551616 does not fit in 64 bits",
            ),
            (&["--threads", "-1"], "--threads cannot be negative: -1"),
            (&["-t", "2"], "unknown option '-t' (try --help)"),
            (&["8"], "unexpected argument '8' (try --help)"),
        ];
        for (args, expected) in cases {
            let message = error(args);
            assert_eq!(message, expected, "{args:?}");
            assert!(!message.contains('\n'));
        }
    }

    #[test]
    fn usage_lists_every_knob_with_its_range_and_default() {
        let text = usage("lesson", "About.", &KNOBS);
        let expected = "About.\n\nUsage: lesson [OPTIONS]\n\nOptions:\n\
            \x20 --threads N      threads (1 to 1024, default 5)\n\
            \x20 --increments N   increments (1 to any, default 100)\n\
            \x20 -h, --help       show this and exit\n";
        assert_eq!(text, expected);
    }
}
