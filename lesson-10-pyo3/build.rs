//! With the `exercise` feature only (`cargo ex 10-1`): makes the learner's file of
//! exercise 10-1 a module of this crate, `src/watched.rs`'s `exercise`. It is
//! `exercises/10-pyo3/1-let-go-of-the-gil.rs`, unless `RUST_PRIMES_EXERCISE` names
//! another file: course-checks grades known-wrong answers in copies of `exercises/`.
//!
//! A `#[path]` must be written out, and `include!` cannot take a file that starts with
//! `//!` docs, as the exercises do: so this writes `#[path = "..."] mod exercise;` into
//! `$OUT_DIR/exercise.rs`, which `src/watched.rs` includes. Without the feature it writes
//! nothing, and costs one small build script.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=RUST_PRIMES_EXERCISE");
    if std::env::var_os("CARGO_FEATURE_EXERCISE").is_none() {
        return;
    }
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it");
    let file = match std::env::var("RUST_PRIMES_EXERCISE") {
        Ok(file) if !file.is_empty() => file,
        _ => format!("{manifest_dir}/../exercises/10-pyo3/1-let-go-of-the-gil.rs"),
    };
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets it");
    // `{:?}` writes the path as a Rust string literal, its `\` and `"` escaped.
    let module = format!("#[path = {file:?}]\nmod exercise;\n");
    std::fs::write(Path::new(&out_dir).join("exercise.rs"), module).expect("OUT_DIR is writable");
}
