//! The Python module `rust_primes`: what Python imports after `maturin develop`. Each
//! function counts primes with `crate::count_primes`; what differs is who holds the GIL
//! while it does.

// The module tells the interpreter whether it can run without the GIL. PyO3 0.28's
// default is `false` (it can); `--features gil-used` says it cannot, and a free-threaded
// Python then turns its GIL back on at `import rust_primes` (README.md, Try it 1).
#[cfg_attr(not(feature = "gil-used"), pyo3::pymodule(gil_used = false))]
#[cfg_attr(feature = "gil-used", pyo3::pymodule(gil_used = true))]
mod rust_primes {
    use pyo3::prelude::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    // Exercise 10-1's function and its check's, only when `cargo ex 10-1` builds the
    // module (the `exercise` feature): src/watched.rs.
    #[cfg(feature = "exercise")]
    #[pymodule_export]
    use crate::watched::{count_primes_let_go, patience, report, this_thread, tick};

    // ANCHOR: holding
    /// Counts the primes in `lo..hi` while this thread holds the GIL (on a free-threaded
    /// Python: while it is attached to the interpreter) from start to end.
    #[pyfunction]
    fn count_primes_holding_gil(lo: u64, hi: u64) -> u64 {
        crate::count_primes(lo..hi)
    }
    // ANCHOR_END: holding

    // ANCHOR: detached
    /// The same count with the GIL let go: `py.detach` releases it, runs the closure, and
    /// takes it back. Other Python threads run Python code meanwhile.
    #[pyfunction]
    fn count_primes(py: Python<'_>, lo: u64, hi: u64) -> u64 {
        py.detach(|| crate::count_primes(lo..hi))
    }
    // ANCHOR_END: detached

    // ANCHOR: rayon
    /// The same count shared out among rayon's threads, one per core, while the calling
    /// Python thread waits without the GIL.
    #[pyfunction]
    fn count_primes_rayon(py: Python<'_>, lo: u64, hi: u64) -> u64 {
        py.detach(|| crate::count_primes_rayon(lo..hi))
    }
    // ANCHOR_END: rayon

    /// How many threads rayon's pool has: one per core this process may use.
    #[pyfunction]
    fn rayon_threads() -> usize {
        rayon::current_num_threads()
    }

    /// What this module told the interpreter: `True` if it said it needs the GIL.
    #[pyfunction]
    fn declares_gil_used() -> bool {
        cfg!(feature = "gil-used")
    }

    // ANCHOR: tally
    /// A total that Python threads share. `&mut self` methods borrow it exclusively:
    /// PyO3 checks each borrow at run time, like a `RefCell`, and refuses one that would
    /// overlap another with `RuntimeError: Already borrowed`.
    #[pyclass]
    #[derive(Default)]
    struct Tally {
        total: u64,
    }

    #[pymethods]
    impl Tally {
        #[new]
        fn new() -> Self {
            Tally::default()
        }

        fn add(&mut self, n: u64) {
            self.total += n;
        }

        /// Adds what `f()` returns. `&mut self` stays borrowed while `f`, Python code,
        /// runs: if `f` waits, other threads run, and find the tally borrowed.
        fn add_from(&mut self, f: &Bound<'_, PyAny>) -> PyResult<()> {
            let n: u64 = f.call0()?.extract()?;
            self.total += n;
            Ok(())
        }

        #[getter]
        fn total(&self) -> u64 {
            self.total
        }
    }
    // ANCHOR_END: tally

    // ANCHOR: atomic_tally
    /// The same total with no `&mut self`: `frozen` promises PyO3 that every method takes
    /// `&self`, so no borrow is checked, and the `AtomicU64` makes `&self` enough to add.
    #[pyclass(frozen)]
    struct AtomicTally {
        total: AtomicU64,
    }

    #[pymethods]
    impl AtomicTally {
        #[new]
        fn new() -> Self {
            AtomicTally { total: AtomicU64::new(0) }
        }

        fn add(&self, n: u64) {
            self.total.fetch_add(n, Ordering::Relaxed);
        }

        fn add_from(&self, f: &Bound<'_, PyAny>) -> PyResult<()> {
            let n: u64 = f.call0()?.extract()?;
            self.add(n);
            Ok(())
        }

        #[getter]
        fn total(&self) -> u64 {
            self.total.load(Ordering::Relaxed)
        }
    }
    // ANCHOR_END: atomic_tally
}
