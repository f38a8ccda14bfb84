//! The Python companion counts the same primes: every count must match the Rust lesson's.
//! Only the timings and timelines may differ, and they are what the lesson is about.

#[test]
fn python_finds_the_same_primes() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-05-gil"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/gil.py"),
        |line| line.contains("primes").then(|| without_timeline(line)),
    );
}

/// `part 1 |####    | 19947 primes` -> `part 1 || 19947 primes`
fn without_timeline(line: &str) -> String {
    match (line.find('|'), line.rfind('|')) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{}", &line[..=open], &line[close..])
        }
        _ => line.to_string(),
    }
}
