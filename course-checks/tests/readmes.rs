//! Every block of every README is the code or output it claims to be (see
//! `testkit::readme`). A learner who edits a lesson makes these fail on purpose: the text
//! describes the lesson as published.

use std::path::Path;

fn course(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path).display().to_string()
}

#[test]
fn the_course_readme() {
    testkit::check_readme(course(""), &[]);
}

#[test]
fn lesson_01() {
    testkit::check_readme(course("lesson-01-threads"), &[]);
}

#[test]
fn lesson_02() {
    testkit::check_readme(course("lesson-02-join"), &[]);
    // Its table's last column quotes lines of the snapshot, in backticks.
    let readme = std::fs::read_to_string(course("lesson-02-join/README.md")).expect("a README");
    let snapshot = std::fs::read_to_string(course("lesson-02-join/snapshots/lesson-02.snap"))
        .expect("a snapshot");
    let rows = readme.lines().skip_while(|line| !line.contains("the line the snapshot pins"));
    let cells = rows.skip(2).take_while(|line| line.starts_with('|'));
    let quoted: Vec<&str> = cells
        .filter_map(|row| row.trim_end_matches('|').rsplit('|').next())
        .flat_map(|cell| cell.split('`').skip(1).step_by(2))
        .collect();
    assert_eq!(quoted.len(), 3, "the table should quote three lines: {quoted:?}");
    for line in quoted {
        assert!(
            snapshot.lines().any(|l| l == line),
            "README.md's table quotes {line:?}, not in the snapshot"
        );
    }
}

#[test]
fn lesson_03() {
    testkit::check_readme(course("lesson-03-safety"), &[]);
}

#[test]
fn lesson_04() {
    testkit::check_readme(course("lesson-04-lock"), &[]);
}

/// Lesson 05's recorded runs are checked against the snapshot after the snapshot's
/// filters, plus two that let the Python companion's runs through: it times 1 run where
/// the Rust times the median of 5, and on a build with the GIL it explains its speedup in
/// its own words, which must then be `python/gil.py`'s.
#[test]
fn lesson_05() {
    const GIL_SPEEDUP: &str = "the GIL lets one thread count at a time";
    let gil_py = include_str!("../../lesson-05-gil/python/gil.py");
    assert!(gil_py.contains(GIL_SPEEDUP), "python/gil.py no longer says {GIL_SPEEDUP:?}");
    let rust_speedup = "at most [bound]x here: [bound] of the 4 threads can run at once";
    let mut filters = testkit::filters::TIMINGS.to_vec();
    filters.push((r"\((1 run|median of \d+ runs)\)", "([runs])"));
    filters.push((GIL_SPEEDUP, rust_speedup));
    testkit::check_readme(course("lesson-05-gil"), &filters);
}

/// The exercises' README lists every exercise, with its file and how it is checked.
#[test]
fn exercises() {
    testkit::check_readme(course("exercises"), &[]);
    let readme = std::fs::read_to_string(course("exercises/README.md")).expect("a README");
    let all = exercises::catalog::Exercise::all(Path::new(&course("exercises")));
    for exercise in all.expect("exercises/Cargo.toml lists the exercises") {
        let how = match (exercise.by_loom, exercise.from_python) {
            (true, _) => "loom",
            (false, true) => "python",
            (false, false) => "output",
        };
        let row = format!("| {} | ", exercise.id);
        let line = readme.lines().find(|line| line.starts_with(&row));
        let line =
            line.unwrap_or_else(|| panic!("exercises/README.md has no row for {}", exercise.id));
        assert!(
            line.ends_with(&format!("| {how} | `{}` |", exercise.file)),
            "exercises/README.md's row for {} should end with `| {how} | {}`: {line}",
            exercise.id,
            exercise.file
        );
    }
}

#[test]
fn lesson_06() {
    testkit::check_readme(course("lesson-06-pools"), &[]);
}

#[test]
fn lesson_07() {
    testkit::check_readme(course("lesson-07-patterns"), &[]);
}

/// An exercise and its solution are one program in two states: the task, the imports and
/// the signatures must read the same in both, so that they cannot drift apart. Only the
/// bodies (where the `TODO`s are) may differ.
#[test]
fn each_solution_matches_its_exercise() {
    let dir = Path::new(&course("exercises")).to_path_buf();
    let all = exercises::catalog::Exercise::all(&dir).expect("exercises/Cargo.toml lists them");
    let outline = |text: &str| -> Vec<String> {
        let kept = ["//!", "use ", "pub fn ", "pub struct ", "impl ", "    pub fn "];
        text.lines()
            .filter(|line| kept.iter().any(|k| line.starts_with(k)))
            .map(String::from)
            .collect()
    };
    for exercise in all {
        let read = |path: std::path::PathBuf| std::fs::read_to_string(&path).expect("a file");
        let start = read(dir.join(&exercise.file));
        let solution = read(dir.join("solutions").join(&exercise.file));
        assert_eq!(
            outline(&start),
            outline(&solution),
            "{}: exercises/{} and its solution differ outside the bodies",
            exercise.id,
            exercise.file
        );
    }
}

/// Its excerpt of the snapshot hides what the snapshot hides: rounds and counts.
#[test]
fn lesson_08() {
    testkit::check_readme(course("lesson-08-atomics"), testkit::filters::ORDERINGS);
}

/// Its excerpt of the snapshot hides what the snapshot hides: part 1's real clock.
#[test]
fn lesson_09() {
    testkit::check_readme(course("lesson-09-async"), testkit::filters::WAITS);
}

/// Its excerpts of the Python side's snapshots hide what those hide: times, cores, the
/// Python version.
#[test]
fn lesson_10() {
    testkit::check_readme(course("lesson-10-pyo3"), testkit::filters::BRIDGE);
}
