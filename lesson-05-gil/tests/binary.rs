//! `cargo run` shows what the snapshot pins: run the real binary and compare.

use std::process::Command;

mod support;

#[test]
fn the_binary_prints_the_snapshot() {
    let run = Command::new(env!("CARGO_BIN_EXE_lesson-05-gil")).output().unwrap();
    assert!(run.status.success(), "{run:?}");
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        filters => support::FILTERS.to_vec(),
    }, {
        insta::assert_snapshot!("lesson-05", String::from_utf8(run.stdout).unwrap());
    });
}
