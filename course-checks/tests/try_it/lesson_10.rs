//! lesson-10-pyo3/README.md, "Try it". Tries 1 and 2 run Python with the module built for
//! it: `lesson-10-pyo3/tests/python.rs` checks them where `.ci/run` builds it.

use super::*;

crate::tries![try_3_a_field_that_is_not_sync_does_not_compile];

const LESSON: &str = "lesson-10-pyo3";

/// Try 3: a `Cell` in a `#[pyclass]` makes it not `Sync`, and PyO3 refuses the class.
/// The module's code is built only with the `extension` feature, and PyO3's build asks
/// `python3` what to build for: without it this is skipped (and fails under CI).
pub fn try_3_a_field_that_is_not_sync_does_not_compile() {
    if !testkit::python3_or_skip("lesson 10's Try it 3 (PyO3 needs python3 to build)") {
        return;
    }
    let build = copy(LESSON, "try-3")
        .edit(
            "src/python.rs",
            "    struct Tally {\n        total: u64,\n    }",
            "    struct Tally {\n        total: u64,\n        last: std::cell::Cell<u64>,\n    }",
        )
        .cargo_args(&["--features", "extension", "--lib"])
        .build();
    assert_error(
        &build,
        "E0277",
        "error[E0277]: `Cell<u64>` cannot be shared between threads safely",
    );
}
