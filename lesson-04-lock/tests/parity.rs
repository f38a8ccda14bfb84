//! Both languages end with the Python tutorial's last line: five threads, 100000 each,
//! nothing lost.

#[test]
fn python_counts_to_the_same_value() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-04-lock"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/lock.py"),
        &[],
        |line| line.starts_with("Counter value:").then(|| line.to_string()),
    );
}

#[test]
fn the_readme_shows_the_companion_as_it_is() {
    let readme = include_str!("../README.md");
    let companion = include_str!("../python/lock.py");
    assert!(
        readme.contains(&format!("```python\n{companion}```")),
        "README.md must quote python/lock.py whole; paste the file again"
    );
}
