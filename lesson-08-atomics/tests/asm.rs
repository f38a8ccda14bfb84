//! What README.md says the compiler makes of each ordering on x86-64, checked: `Relaxed`,
//! `Release` and `Acquire` are plain moves, a `SeqCst` store is an `xchg` and a `SeqCst`
//! fence a `lock`ed instruction, which both wait for the store buffer to empty; and a
//! `fetch_add` is the same locked instruction whatever its ordering. On other CPUs the
//! README makes no such claim, and this test checks nothing.

#![cfg(target_arch = "x86_64")]

use std::process::{Command, Stdio};

const PROGRAM: &str = r#"
use std::sync::atomic::{AtomicU64, Ordering, fence};
#[unsafe(no_mangle)] pub fn store_relaxed(a: &AtomicU64) { a.store(1, Ordering::Relaxed) }
#[unsafe(no_mangle)] pub fn store_release(a: &AtomicU64) { a.store(1, Ordering::Release) }
#[unsafe(no_mangle)] pub fn store_seq_cst(a: &AtomicU64) { a.store(1, Ordering::SeqCst) }
#[unsafe(no_mangle)] pub fn load_relaxed(a: &AtomicU64) -> u64 { a.load(Ordering::Relaxed) }
#[unsafe(no_mangle)] pub fn load_acquire(a: &AtomicU64) -> u64 { a.load(Ordering::Acquire) }
#[unsafe(no_mangle)] pub fn fence_seq_cst() { fence(Ordering::SeqCst) }
#[unsafe(no_mangle)] pub fn add_relaxed(a: &AtomicU64) { a.fetch_add(1, Ordering::Relaxed); }
#[unsafe(no_mangle)] pub fn add_seq_cst(a: &AtomicU64) { a.fetch_add(1, Ordering::SeqCst); }
"#;

#[test]
fn release_and_acquire_are_plain_moves_and_seq_cst_waits_for_the_store_buffer() {
    let asm = assembly();
    let body = |function: &str| -> Vec<String> {
        let start = format!("{function}:");
        let lines = asm.lines().skip_while(|line| *line != start).skip(1);
        let code = lines.map(str::trim).filter(|line| !line.starts_with('.'));
        let instructions: Vec<String> =
            code.take_while(|line| *line != "retq").map(String::from).collect();
        assert!(!instructions.is_empty(), "no {function} in:\n{asm}");
        instructions
    };
    for function in ["store_relaxed", "store_release", "load_relaxed", "load_acquire"] {
        let code = body(function);
        assert!(
            code.len() == 1 || (code.len() == 2 && function.starts_with("store")),
            "{function}: {code:?}"
        );
        assert!(code.iter().all(|line| line.starts_with("mov")), "{function}: {code:?}");
    }
    let seq_cst_store = body("store_seq_cst");
    assert!(seq_cst_store.iter().any(|line| line.starts_with("xchg")), "{seq_cst_store:?}");
    // A fetch_add is one locked instruction, whatever its ordering.
    let (relaxed_add, seq_cst_add) = (body("add_relaxed"), body("add_seq_cst"));
    assert_eq!(relaxed_add, seq_cst_add, "fetch_add: Relaxed and SeqCst differ");
    assert!(
        relaxed_add.len() == 1 && relaxed_add[0].starts_with("lock"),
        "fetch_add: {relaxed_add:?}"
    );
    let seq_cst_fence = body("fence_seq_cst");
    assert!(
        seq_cst_fence.iter().any(|line| line.starts_with("lock") || line.starts_with("mfence")),
        "{seq_cst_fence:?}"
    );
}

/// The program above, compiled with optimisations, as assembly.
fn assembly() -> String {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("orderings.s");
    let mut rustc = Command::new("rustc")
        .args(["--edition", "2024", "--crate-type", "lib", "--crate-name", "orderings", "-O"])
        .args(["--emit", "asm", "-o"])
        .arg(&out)
        .arg("-")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustc is on PATH wherever cargo test runs");
    let mut stdin = rustc.stdin.take().expect("stdin was piped");
    std::io::Write::write_all(&mut stdin, PROGRAM.as_bytes()).expect("rustc reads its stdin");
    drop(stdin);
    let output = rustc.wait_with_output().expect("rustc runs to the end");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    std::fs::read_to_string(&out).expect("rustc wrote the assembly")
}
