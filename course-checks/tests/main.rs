//! The course's quick checks, as one test program: cargo runs test programs one after
//! another, but the tests of one program side by side. Each file is a module here; with
//! `autotests = false` in `Cargo.toml`, a new file of `tests/` must be added below (or
//! get a `[[test]]` of its own there).

mod features;
mod readmes;
