//! Every block in README.md is the code or output it claims to be (see `testkit::readme`).
//! Its recorded runs are checked against the snapshot after the snapshot's filters, plus
//! two that let the Python companion's runs through: it times 1 run where the Rust times
//! the median of 5, and explains its speedup in its own words.

mod support;

#[test]
fn the_readme_shows_the_code_as_it_is() {
    let mut filters = support::FILTERS.to_vec();
    filters.push((r"\((1 run|median of \d+ runs)\)", "([runs])"));
    filters.push((r"(speedup: \[ratio\]x), .*", "$1, [why]"));
    testkit::check_readme(env!("CARGO_MANIFEST_DIR"), &filters);
}
