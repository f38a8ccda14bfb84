//! What varies from run to run in lesson 05's report, and what stands in for it in the
//! snapshot. Shared by the unit test in `src/main.rs` and by `tests/binary.rs`.

/// (regex, replacement) pairs for `insta::with_settings!({ filters => ... })`.
pub const FILTERS: &[(&str, &str)] = &[
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
