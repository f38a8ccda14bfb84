//! The top README's blocks are commands whose packages and scripts exist, or marked.

#[test]
fn the_top_readme_names_only_what_exists() {
    testkit::check_readme(concat!(env!("CARGO_MANIFEST_DIR"), "/.."), &[]);
}
