//! Lesson 10: Rust inside Python. The lesson runs in Python: `python/bridge.py` calls the
//! module this crate builds (`src/python.rs`) from Python threads. This binary counts
//! the same primes from Rust alone, and says how to build and run the Python side.

use common::knobs::{self, Knob};
use common::{Out, outln};
use rust_primes::{count_primes, count_primes_rayon};

/// The count the Python program gives the extension: the primes below four million.
const LIMIT: u64 = 4_000_000;

fn main() {
    // `cargo run --release -p lesson-10-pyo3 -- --limit 1000`; `-- --help` lists it.
    let [limit] = knobs::parse(NAME, ABOUT, &KNOBS);
    lesson(&Out::terminal(), limit);
}

fn lesson(out: &Out, limit: u64) {
    outln!(out, "Lesson 10: Rust inside Python, called from Python threads");
    outln!(out);
    outln!(out, "The Rust this lesson builds into the Python module rust_primes, run from Rust:");
    outln!(out, "   count_primes(0..{limit}): {} primes, on this thread", count_primes(0..limit));
    let threads = rayon::current_num_threads();
    let found = count_primes_rayon(0..limit);
    outln!(out, "   count_primes_rayon(0..{limit}): {found} primes, on rayon's {threads} threads");
    outln!(out);
    outln!(out, "The lesson itself runs in Python: Python threads call those functions,");
    outln!(out, "with the GIL held and let go, on the default build and a free-threaded one.");
    outln!(out, "Build the module into a virtual environment, then run the program");
    outln!(out, "(lesson-10-pyo3/README.md says more, and how to use a free-threaded Python):");
    for command in PYTHON_SIDE {
        outln!(out, "   {command}");
    }
}

/// The commands README.md gives, from the course's folder.
const PYTHON_SIDE: [&str; 5] = [
    "python3 -m venv .venv",
    ". .venv/bin/activate",
    "pip install -r lesson-10-pyo3/requirements.txt",
    "(cd lesson-10-pyo3 && maturin develop)",
    "python lesson-10-pyo3/python/bridge.py",
];

const NAME: &str = env!("CARGO_PKG_NAME");
const ABOUT: &str = "Lesson 10: Rust inside Python (the lesson runs in Python: see README.md).";

const KNOBS: [Knob; 1] = [Knob {
    name: "limit",
    about: "count the primes below this",
    default: LIMIT,
    min: 2,
    max: 10_000_000_000,
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lesson_prints_the_snapshot() {
        let out = Out::capture();
        lesson(&out, 100_000);
        testkit::assert_lesson_snapshot!("lesson-10", out.transcript(), testkit::filters::BRIDGE);
    }
}
