//! The lesson's integration tests, as one test program: cargo runs test programs one
//! after another, but the tests of one program side by side. Each file of `tests/` is a
//! module here, and a new one must be added below: with `autotests = false` in
//! `Cargo.toml`, cargo no longer makes each file a program.

mod binary;
mod knobs;
mod python;
