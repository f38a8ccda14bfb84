//! Checks on the course's texts, kept apart from the lessons' own tests.
//!
//! A lesson's tests (`cargo test -p lesson-04-lock`) check what must hold whatever a
//! learner changes: when you edit a lesson, only its snapshot shows the difference. The
//! tests here check that the texts tell the truth about the lessons as they are
//! published, so they fail when a lesson is edited, and they run with
//! `cargo test --workspace`:
//!
//! - `tests/readmes.rs`: every block of every README is the code or output it claims to
//!   be (see `testkit::check_readme`).
//! - `tests/try_it.rs`: every "Try it" of every lesson does what its text says, made on a
//!   copy of the lesson (see `testkit::try_it`).
