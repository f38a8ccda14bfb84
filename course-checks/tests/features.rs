//! Lesson 07's `deadlock-detection` feature turns on parking_lot's deadlock detector,
//! which adds bookkeeping to every parking_lot lock in a build. Cargo turns a crate's
//! features on for everything built together, so this checks that a normal build of the
//! whole workspace, and lesson 04's benchmark built on its own as its README says, get
//! parking_lot without it.

use std::process::Command;

fn parking_lot_features(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["tree", "--quiet", "--locked", "-e", "features", "-i", "parking_lot_core"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn no_normal_build_has_the_deadlock_detector() {
    for args in
        [&["--workspace"][..], &["-p", "lesson-04-lock-bench"], &["-p", "lesson-08-atomics-bench"]]
    {
        let tree = parking_lot_features(args);
        assert!(tree.contains("parking_lot_core"), "{args:?}: no parking_lot at all?\n{tree}");
        assert!(!tree.contains("deadlock_detection"), "{args:?} builds the detector:\n{tree}");
    }
}

#[test]
fn the_lesson_07_feature_does_turn_it_on() {
    let tree =
        parking_lot_features(&["-p", "lesson-07-patterns", "--features", "deadlock-detection"]);
    assert!(
        tree.contains("deadlock_detection"),
        "the feature no longer reaches parking_lot:\n{tree}"
    );
}
