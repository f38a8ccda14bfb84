//! The Python companion prints what each Rust thread prints: the numbers, the thread's
//! name and the arguments. Only the parts about starting and ending differ, on purpose.

#[test]
fn python_threads_print_the_same_lines() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-01-threads"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/threads.py"),
        &[],
        |line| {
            let from_a_thread = line.parse::<u32>().is_ok()
                || line.starts_with("my name is ")
                || line.starts_with("tick ");
            from_a_thread.then(|| line.to_string())
        },
    );
}
