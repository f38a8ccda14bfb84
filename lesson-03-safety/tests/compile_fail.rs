//! rustdoc on stable Rust checks that the README's `compile_fail` examples fail to
//! compile, but not why: a typo would pass too. This test compiles each of them with
//! rustc and checks that it fails with the error code the README names, and with the
//! error line the README quotes below it.

use std::process::{Command, Stdio};

#[test]
fn each_compile_fail_example_fails_with_the_code_the_readme_quotes() {
    let examples = compile_fail_examples(include_str!("../README.md"));
    let codes: Vec<&str> = examples.iter().map(|example| example.code.as_str()).collect();
    assert_eq!(codes, ["E0499", "E0133", "E0277", "E0277"]);
    for (n, example) in examples.iter().enumerate() {
        let stderr = compile(&format!("example{n}"), &example.source);
        let source = &example.source;
        assert!(
            stderr.contains(&format!("error[{}]", example.code)),
            "expected error[{}] for\n{source}\nrustc said:\n{stderr}",
            example.code
        );
        assert!(
            stderr.lines().any(|line| line == example.quoted),
            "README.md quotes\n{}\nbut for\n{source}\nrustc said:\n{stderr}",
            example.quoted
        );
    }
}

#[test]
fn the_checker_notices_a_program_that_compiles() {
    let stderr = compile("ok", "let hits = 1;\nlet _ = hits + 1;");
    assert!(!stderr.contains("error["), "{stderr}");
}

/// A block fenced as "```rust,compile_fail,E....", and the first line of the ```text
/// block that follows it: the error the README says rustc prints.
struct Example {
    code: String,
    source: String,
    quoted: String,
}

fn compile_fail_examples(markdown: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        if let Some(code) = line.strip_prefix("```rust,compile_fail,") {
            let source: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            let quoted = lines.by_ref().skip_while(|l| *l != "```text").nth(1).unwrap_or("");
            examples.push(Example {
                code: code.to_string(),
                source: source.join("\n"),
                quoted: quoted.to_string(),
            });
        }
    }
    examples
}

/// Compiles `source` as the body of `main`, as rustdoc does; returns rustc's stderr.
fn compile(name: &str, source: &str) -> String {
    let out_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let mut rustc = Command::new("rustc")
        .args(["--edition", "2024", "--crate-type", "bin", "--crate-name", "example"])
        .args(["--emit", "metadata", "--out-dir"])
        .arg(&out_dir)
        .arg("-")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustc is on PATH wherever cargo test runs");
    let program = format!("#![allow(unused)]\nfn main() {{\n{source}\n}}\n");
    let mut stdin = rustc.stdin.take().expect("stdin was piped");
    std::io::Write::write_all(&mut stdin, program.as_bytes()).expect("rustc reads its stdin");
    drop(stdin); // end of file: rustc starts compiling
    let output = rustc.wait_with_output().expect("rustc runs to the end");
    String::from_utf8_lossy(&output.stderr).into_owned()
}
