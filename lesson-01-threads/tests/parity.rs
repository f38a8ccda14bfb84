//! The Python companion prints what each Rust thread prints: the numbers, a line from the
//! named thread, and the arguments. Only the parts about starting and ending differ, on
//! purpose.

#[test]
fn python_threads_print_the_same_lines() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-01-threads"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/threads.py"),
        &[],
        |line| {
            if line.starts_with("my name is ") {
                // The name itself is yours to change (Try it 3); the Rust test
                // `part_3_prints_from_the_thread_it_names` checks that it is the thread's.
                return Some("my name is (the thread's name)".to_string());
            }
            let from_a_thread = line.parse::<u32>().is_ok() || line.starts_with("tick ");
            from_a_thread.then(|| line.to_string())
        },
    );
}
