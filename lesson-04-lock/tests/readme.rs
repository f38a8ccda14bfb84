//! Every block in README.md is the code or output it claims to be (see `testkit::readme`).

#[test]
fn the_readme_shows_the_code_as_it_is() {
    testkit::check_readme(env!("CARGO_MANIFEST_DIR"), &[]);
}
