//! Every block in README.md is the code or output it claims to be (see `testkit::readme`).
//! Its recorded runs are checked against the snapshot after the snapshot's filters, plus
//! two that let the Python companion's runs through: it times 1 run where the Rust times
//! the median of 5, and on a build with the GIL it explains its speedup in its own words,
//! which must then be `python/gil.py`'s.

mod support;

const GIL_SPEEDUP: &str = "the GIL lets one thread count at a time";

#[test]
fn the_readme_shows_the_code_as_it_is() {
    let gil_py = include_str!("../python/gil.py");
    assert!(gil_py.contains(GIL_SPEEDUP), "python/gil.py no longer says {GIL_SPEEDUP:?}");
    let rust_speedup = "at most [bound]x here: [bound] of the 4 threads can run at once";
    let mut filters = support::FILTERS.to_vec();
    filters.push((r"\((1 run|median of \d+ runs)\)", "([runs])"));
    filters.push((GIL_SPEEDUP, rust_speedup));
    testkit::check_readme(env!("CARGO_MANIFEST_DIR"), &filters);
}
