//! The one insta setup every lesson's snapshot tests share, and the filters that hide
//! what varies from run to run.

/// Asserts that `text` matches `snapshots/NAME.snap` in the calling package, after
/// replacing each `(regex, replacement)` of the optional `filters`. The snapshot file is
/// named after `NAME` alone (no module prefix), so a lesson's unit test and its
/// `tests/binary.rs` pin the same file.
///
/// In a lesson's test, with `insta` among its dev-dependencies:
/// `testkit::assert_lesson_snapshot!("lesson-05", out.transcript(), testkit::filters::TIMINGS);`
#[macro_export]
macro_rules! assert_lesson_snapshot {
    ($name:expr, $text:expr $(, $filters:expr)? $(,)?) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        $(
            for (regex, replacement) in $filters {
                settings.add_filter(*regex, *replacement);
            }
        )?
        settings.bind(|| insta::assert_snapshot!($name, $text));
    }};
}

/// `text` with each `(regex, replacement)` of `filters` applied in turn, as
/// [`assert_lesson_snapshot!`] applies them: for a text pinned in a plain file, which
/// insta does not see (lesson 10's Python side, pinned only where a Python runs it).
pub fn filtered(text: &str, filters: &[(&str, &str)]) -> String {
    filters.iter().fold(text.to_string(), |text, (regex, replacement)| {
        let regex = regex::Regex::new(regex).expect("the filters are valid regexes");
        regex.replace_all(&text, *replacement).into_owned()
    })
}

/// Runs a lesson's binary with no arguments, checks that it succeeds, and returns what
/// it printed: what `cargo run` shows.
pub fn stdout_of_binary(binary: &str) -> String {
    let run = std::process::Command::new(binary)
        .output()
        .unwrap_or_else(|error| panic!("cannot run {binary}: {error}"));
    assert!(
        run.status.success(),
        "{binary} failed ({}):\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout).expect("the lessons print UTF-8")
}

/// `(regex, replacement)` pairs for [`assert_lesson_snapshot!`], one set per kind of
/// output that varies from run to run.
pub mod filters {
    /// Lesson 03's real race: how many updates were lost changes every run, and the
    /// number of increments depends on the build profile (`cargo test --release` passes
    /// too).
    pub const REAL_RACE: &[(&str, &str)] = &[(
        r"(A real run, 2 threads x )\d+(: counter = )\d+, lost \d+",
        "$1[n]$2[varies], lost [varies]",
    )];

    /// Lesson 08's real runs: the rounds (a knob: the tests play few), and the counts
    /// that depend on the machine and the scheduler. The counts that must be 0 on every
    /// machine (`Release/Acquire flag`, `SeqCst`, the fence) are kept.
    pub const ORDERINGS: &[(&str, &str)] = &[
        (r"\d+ (values while a reader reads )\d+ times", "[rounds] ${1}[rounds] times"),
        (r"play \d+ rounds", "play [rounds] rounds"),
        (r"(?m)^(   Relaxed flag +)\d+$", "${1}[count]"),
        (r"(?m)^(   Release/Acquire +)\d+$", "${1}[count]"),
    ];

    /// Lesson 09's part 1, on the real clock: how many waits (a knob: the tests start
    /// few), how long they took and how much memory they held.
    pub const WAITS: &[(&str, &str)] = &[
        (r"^1\. Many waits: \d+ waits of \d+ ms", "1. Many waits: [waits] waits of [ms] ms"),
        (
            r"all \d+ done in \d+\.\d{3} s, (peak memory \d+\.\d MiB|not measured on this system)",
            "all [waits] done in [time] s, peak memory [memory] MiB",
        ),
        // The size of tokio's `Sleep`: 112 bytes on x86-64 with tokio 1.54, but another
        // target or another tokio can differ.
        (r"(a sleep future of )\d+ bytes", "${1}[bytes] bytes"),
    ];

    /// Lesson 10, its binary and its Python program: timings and speedups, the cores
    /// (rayon's threads), the Python version, and how many medians the times are.
    pub const BRIDGE: &[(&str, &str)] = &[
        (r"\d+\.\d{3} s\b", "[time] s"),
        (r"\d+\.\d{2}x", "[ratio]x"),
        (r"rayon's \d+ threads", "rayon's [cores] threads"),
        (r"(rayon's pool inside it: )\d+ threads", "${1}[cores] threads"),
        (r"Python 3\.\d+\.\d+[a-z0-9]*", "Python [version]"),
        (r"medians of \d+ runs", "medians of [rounds] runs"),
    ];

    /// Lesson 05's report: timings, speedups, timelines, who took which block, and the
    /// machine's cores and build profile.
    pub const TIMINGS: &[(&str, &str)] = &[
        // How long the I/O-bound tasks wait: a knob, which the tests turn down.
        (r"(tasks that each wait )\d+ ms", "${1}[ms] ms"),
        // Durations and speedups: the clock, never the same twice.
        (r"\d+\.\d{3} s\b", "[time] s"),
        (r"\d+\.\d{2}x", "[ratio]x"),
        // Timelines: the shape is the lesson, but its exact cells depend on the scheduler.
        (r"\|[# ]{40}\|", "|[timeline]|"),
        // Which thread took how many blocks is up to the scheduler.
        (r"blocks: \d+", "blocks: [n]"),
        // The machine: how many cores, and so how much speedup they allow.
        (r"(may use: )\d+", "$1[cores]"),
        (r"at most \d+x here: \d+ of", "at most [bound]x here: [bound] of"),
        // `cargo test --release` must pass too.
        (r"Build: (debug|release)[^\n]*(\n {7}[^\n]*)?", "Build: [profile]"),
    ];
}
