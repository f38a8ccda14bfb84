//! `cargo run` shows what the snapshot pins: run the real binary and compare.

use std::process::Command;

#[test]
fn the_binary_prints_the_snapshot() {
    let run = Command::new(env!("CARGO_BIN_EXE_lesson-03-safety")).output().unwrap();
    assert!(run.status.success(), "{run:?}");
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        // The race's numbers vary, and its size depends on the build profile.
        filters => vec![(
            r"(A real run, 2 threads x )\d+(: counter = )\d+, lost \d+",
            "$1[n]$2[varies], lost [varies]",
        )],
    }, {
        insta::assert_snapshot!("lesson-03", String::from_utf8(run.stdout).unwrap());
    });
}
