//! Checks a "Try it" the way a learner would do it: copy the lesson, make the edit the
//! text asks for, build the copy, and run it or its tests.
//!
//! Each copy is a small workspace of its own under the target directory
//! (`target/tmp/try-it/NAME/`); all copies share one cargo target directory beside them,
//! so the dependencies are built once. A copy is rebuilt only when its sources change
//! (the lesson, the edit, `common`, `testkit`, the lock file or the toolchain); otherwise
//! the last build's executables and compiler messages are reused, the way cargo itself
//! skips fresh crates. The programs and tests are run anew every time.
//!
//! Each copy sits in a folder named after it (`lesson-04-lock-try-1/`) and its binary is
//! named the same way. Both matter: cargo tells two copies of one package apart by their
//! folder relative to their workspace, and the binary's name is its file name in the
//! shared target directory. Otherwise one copy would overwrite another's library or
//! executable.

use regex::Regex;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The workspace this crate belongs to: the course.
fn course_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("testkit sits in the course folder")
}

/// A lesson, copied, with edits to apply before it is built.
pub struct Copy {
    lesson: String,
    name: String,
    scratch: PathBuf,
    replaced: Vec<(String, String)>,
    edits: Vec<(String, String, String)>,
    cargo_args: Vec<String>,
    cfg: Option<String>,
}

impl Copy {
    /// A copy of the lesson in folder `lesson` (also its package name), called `name`
    /// (such as `"try-1"`), kept under `scratch` (a test's `env!("CARGO_TARGET_TMPDIR")`).
    pub fn of(scratch: &str, lesson: &str, name: &str) -> Self {
        Copy {
            lesson: lesson.to_string(),
            name: format!("{lesson}-{name}"),
            scratch: Path::new(scratch).join("try-it"),
            replaced: Vec::new(),
            edits: Vec::new(),
            cargo_args: Vec::new(),
            cfg: None,
        }
    }

    /// Replaces the whole of `file` (relative to the lesson) with `contents`, before
    /// any [`edit`](Copy::edit).
    pub fn replace(mut self, file: &str, contents: &str) -> Self {
        self.replaced.push((file.to_string(), contents.to_string()));
        self
    }

    /// Passes `args` to `cargo test --no-run` as well, to choose what is built (by
    /// default: the binary and every test that `cargo test` runs).
    pub fn cargo_args(mut self, args: &[&str]) -> Self {
        self.cargo_args.extend(args.iter().map(|arg| arg.to_string()));
        self
    }

    /// Builds the copy with `RUSTFLAGS="--cfg NAME"` (`"loom"` for a lesson's loom
    /// checks), in a target directory of its own: the other copies' builds stay as they
    /// are, instead of being rebuilt with the flag and then again without it.
    pub fn with_cfg(mut self, name: &str) -> Self {
        self.cfg = Some(name.to_string());
        self
    }

    /// Replaces the one place where `file` (relative to the lesson) contains `from` with
    /// `to`. Building fails with a plain message if `from` is not there exactly once:
    /// the lesson changed, and the "Try it" text must change with it.
    pub fn edit(mut self, file: &str, from: &str, to: &str) -> Self {
        self.edits.push((file.to_string(), from.to_string(), to.to_string()));
        self
    }

    /// Builds the copy (binary and every test), or reuses the last build of the same
    /// sources.
    pub fn build(&self) -> Build {
        let sources = self.sources();
        let dir = self.scratch.join(&self.name);
        let record = dir.join("build.txt");
        let key = format!("{:016x}", fingerprint(&sources));
        let lesson_dir = dir.join(&self.name);
        let last = fs::read_to_string(&record).ok();
        if let Some(build) = last.and_then(|last| Build::parse(&last, &key, &lesson_dir)) {
            return build;
        }
        let _ = fs::remove_dir_all(&dir);
        for (path, contents) in sources.iter().filter(|(path, _)| !path.starts_with('@')) {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().expect("a file has a folder"))
                .and_then(|()| fs::write(&path, contents))
                .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
        }
        let mut cargo = cargo();
        if let Some(name) = &self.cfg {
            cargo.env("RUSTFLAGS", format!("--cfg {name}"));
        }
        let target =
            self.cfg.as_ref().map_or("target".to_string(), |name| format!("target-{name}"));
        let output = cargo
            .args(["test", "--no-run", "--message-format=json-render-diagnostics"])
            .args(&self.cargo_args)
            .env("CARGO_TARGET_DIR", self.scratch.join(target))
            // No debug info: the copies took 0.5 GB instead of 1.9 GB here, and built in
            // 25 s instead of 34; a panic still names its file and line.
            .env("CARGO_PROFILE_DEV_DEBUG", "0")
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output()
            .expect("cargo runs");
        let build = Build::from_cargo(&output, &lesson_dir, &self.name);
        fs::write(&record, build.record(&key)).expect("the copy's folder is writable");
        build
    }

    /// Every file of the copy, edited, by path relative to the copy's folder; and, under
    /// `@`-prefixed names, what else the build depends on.
    fn sources(&self) -> BTreeMap<String, Vec<u8>> {
        let root = course_root();
        let mut files = BTreeMap::new();
        for (path, contents) in files_in(&root.join(&self.lesson)) {
            files.insert(format!("{}/{path}", self.name), contents);
        }
        for (file, contents) in &self.replaced {
            let key = format!("{}/{file}", self.name);
            assert!(files.contains_key(&key), "{}: there is no {file} to replace", self.name);
            files.insert(key, contents.clone().into_bytes());
        }
        for (file, from, to) in &self.edits {
            let key = format!("{}/{file}", self.name);
            let text = files
                .get(&key)
                .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
                .unwrap_or_else(|| panic!("{}: there is no {file} to edit", self.name));
            let found = text.matches(from.as_str()).count();
            assert!(
                found == 1,
                "{}: {}/{file} should contain this text once, but has it {found} times; \
                 if the lesson changed, change the Try it (and this test) with it:\n{from}",
                self.name,
                self.lesson,
            );
            files.insert(key, text.replacen(from.as_str(), to, 1).into_bytes());
        }
        // The copy's binary gets its own name, and its tests look for that name.
        let bin = &self.name;
        for (path, contents) in files.iter_mut() {
            if path.ends_with(".rs") {
                let text = String::from_utf8_lossy(contents).replace(
                    &format!("CARGO_BIN_EXE_{}\"", self.lesson),
                    &format!("CARGO_BIN_EXE_{bin}\""),
                );
                *contents = text.into_bytes();
            }
        }
        let manifest = format!("{}/Cargo.toml", self.name);
        let mut package = String::from_utf8_lossy(&files[&manifest]).into_owned();
        write!(package, "\n[[bin]]\nname = \"{bin}\"\npath = \"src/main.rs\"\n").expect("a String");
        files.insert(manifest, package.into_bytes());

        // A workspace of one member, with the course's dependencies and settings.
        let workspace = read(&root.join("Cargo.toml"));
        let members = Regex::new(r"(?s)members = \[.*?\]").expect("a valid regex");
        let workspace = members.replace(&workspace, format!("members = [\"{}\"]", self.name));
        // A profile setting for a package this copy does not build would make cargo warn.
        let package_profile =
            Regex::new(r"(?ms)^\[profile\.[a-z]+\.package\.([a-z0-9_-]+)\]\n.*?(?:\n\n|\z)")
                .expect("a valid regex");
        let lesson_manifest =
            String::from_utf8_lossy(&files[&format!("{}/Cargo.toml", self.name)]).into_owned();
        let workspace = package_profile.replace_all(&workspace, |found: &regex::Captures| {
            let package = &found[1];
            let built = package == self.lesson || lesson_manifest.contains(package);
            if built { found[0].to_string() } else { String::new() }
        });
        let paths = Regex::new(r#"path = "([^"/][^"]*)""#).expect("a valid regex");
        let root_text = root.display().to_string();
        let workspace = paths.replace_all(&workspace, format!("path = \"{root_text}/$1\""));
        files.insert("Cargo.toml".into(), workspace.into_owned().into_bytes());
        files.insert("Cargo.lock".into(), fs::read(root.join("Cargo.lock")).expect("Cargo.lock"));

        // Not written into the copy, but a change to any of them must rebuild it.
        for crate_dir in ["common", "testkit"] {
            for (path, contents) in files_in(&root.join(crate_dir)) {
                files.insert(format!("@{crate_dir}/{path}"), contents);
            }
        }
        files.insert("@toolchain".into(), toolchain().as_bytes().to_vec());
        files.insert("@cargo-args".into(), self.cargo_args.join(" ").into_bytes());
        files.insert("@cfg".into(), self.cfg.clone().unwrap_or_default().into_bytes());
        files
    }
}

/// A built copy: its compiler messages, its binary and its test executables.
pub struct Build {
    /// Did everything compile?
    pub ok: bool,
    /// What the compiler printed, as a learner sees it (errors, warnings, progress lines).
    pub messages: String,
    lesson_dir: PathBuf,
    bin: Option<PathBuf>,
    tests: Vec<(String, PathBuf)>,
}

impl Build {
    /// The compiler's messages of a build that was meant to fail; panics if it compiled.
    pub fn errors(&self) -> &str {
        assert!(!self.ok, "the edited copy compiled, but the Try it says it does not");
        &self.messages
    }

    /// Runs the copy's binary with `args` (a build that failed panics here, showing why).
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the copy's binary runs")
    }

    /// The command that would run the copy's binary, to start it yourself.
    pub fn command(&self, args: &[&str]) -> Command {
        assert!(self.ok, "the edited copy does not compile:\n{}", self.messages);
        let bin = self.bin.as_ref().expect("a lesson has a binary");
        let mut command = Command::new(bin);
        command.args(args).current_dir(&self.lesson_dir).env("RUST_BACKTRACE", "0");
        command
    }

    /// The contents of the copy's `snapshots/NAME` as the lesson has it.
    pub fn snapshot(&self, name: &str) -> String {
        read(&self.lesson_dir.join("snapshots").join(name))
    }

    /// Runs every test of the copy, as `cargo test --no-fail-fast` would (every test
    /// binary, even after one fails), and reports which failed.
    pub fn test(&self) -> Tests {
        self.run_tests(&[], false)
    }

    /// Runs the tests of the given targets (`"src/main.rs"`, `"tests/binary.rs"`; all of
    /// them if `targets` is empty) as `cargo insta test` does: a snapshot that differs
    /// prints its diff and is saved as `.snap.new`, but does not fail its test
    /// (cargo-insta sets `INSTA_FORCE_PASS=1` and `INSTA_UPDATE=new`). If any test fails
    /// then, `cargo insta test --review` would skip the review.
    pub fn insta_test(&self, targets: &[&str]) -> Tests {
        self.run_tests(targets, true)
    }

    fn run_tests(&self, targets: &[&str], as_cargo_insta: bool) -> Tests {
        assert!(self.ok, "the edited copy does not compile:\n{}", self.messages);
        let mut tests = Tests {
            targets: Vec::new(),
            passed: Vec::new(),
            failed: Vec::new(),
            output: String::new(),
            pending: BTreeMap::new(),
        };
        let snapshots = self.lesson_dir.join("snapshots");
        let pending_snapshots = || {
            let entries = fs::read_dir(&snapshots).into_iter().flatten().flatten();
            entries
                .map(|entry| entry.path())
                .filter(|path| path.to_string_lossy().ends_with(".snap.new"))
        };
        for stale in pending_snapshots() {
            fs::remove_file(stale).expect("the copy's folder is writable");
        }
        let chosen = |target: &str| targets.is_empty() || targets.contains(&target);
        for (target, executable) in self.tests.iter().filter(|(target, _)| chosen(target)) {
            tests.targets.push(target.clone());
            let mut command = Command::new(executable);
            clean_env(&mut command);
            let output = command
                .current_dir(&self.lesson_dir)
                .env("CARGO_MANIFEST_DIR", &self.lesson_dir)
                // What cargo-insta sets; `.snap.new` files land in the copy, not the lesson.
                .env("INSTA_UPDATE", if as_cargo_insta { "new" } else { "no" })
                .env("INSTA_FORCE_PASS", if as_cargo_insta { "1" } else { "0" })
                .env("RUST_BACKTRACE", "0")
                .stdin(Stdio::null())
                .output()
                .expect("a test executable runs");
            let stdout = String::from_utf8_lossy(&output.stdout);
            for line in stdout.lines() {
                let Some(rest) = line.strip_prefix("test ") else { continue };
                if let Some(name) = rest.strip_suffix(" ... ok") {
                    tests.passed.push(format!("{target}: {name}"));
                } else if let Some(name) = rest.strip_suffix(" ... FAILED") {
                    tests.failed.push(format!("{target}: {name}"));
                }
            }
            writeln!(
                tests.output,
                "== {target}\n{stdout}{}",
                String::from_utf8_lossy(&output.stderr)
            )
            .expect("a String");
        }
        for path in pending_snapshots() {
            let name = path.file_name().expect("a file").to_string_lossy().into_owned();
            tests.pending.insert(name, fs::read_to_string(&path).expect("a snapshot file"));
        }
        tests
    }

    fn from_cargo(output: &Output, lesson_dir: &Path, bin_name: &str) -> Build {
        let stdout = String::from_utf8_lossy(&output.stdout);
        let executable = Regex::new(r#""executable":"([^"]+)""#).expect("a valid regex");
        let src_path = Regex::new(r#""src_path":"([^"]+)""#).expect("a valid regex");
        let test_profile = Regex::new(r#""profile":\{[^}]*"test":true"#).expect("a valid regex");
        let mut build = Build {
            ok: output.status.success(),
            messages: String::from_utf8_lossy(&output.stderr).into_owned(),
            lesson_dir: lesson_dir.to_path_buf(),
            bin: None,
            tests: Vec::new(),
        };
        for line in stdout.lines().filter(|line| line.contains(r#""reason":"compiler-artifact""#)) {
            let Some(path) = executable.captures(line).map(|c| PathBuf::from(&c[1])) else {
                continue;
            };
            if test_profile.is_match(line) {
                let source = src_path.captures(line).map_or("?".into(), |c| c[1].to_string());
                let source = source.strip_prefix(&format!("{}/", lesson_dir.display()));
                build.tests.push((source.unwrap_or("?").to_string(), path));
            } else if path.file_name().is_some_and(|name| name == bin_name) {
                build.bin = Some(path);
            }
        }
        build.tests.sort();
        build
    }

    /// The build as a small text file: `KEY`, `ok` or `failed`, the executables, then the
    /// compiler's messages.
    fn record(&self, key: &str) -> String {
        let mut record = format!("{key}\n{}\n", if self.ok { "ok" } else { "failed" });
        if let Some(bin) = &self.bin {
            writeln!(record, "bin {}", bin.display()).expect("a String");
        }
        for (target, path) in &self.tests {
            writeln!(record, "test {target} {}", path.display()).expect("a String");
        }
        record + "messages\n" + &self.messages
    }

    fn parse(record: &str, key: &str, lesson_dir: &Path) -> Option<Build> {
        let (head, messages) = record.split_once("\nmessages\n")?;
        let mut lines = head.lines();
        if lines.next()? != key {
            return None;
        }
        let ok = lines.next()? == "ok";
        let mut build = Build {
            ok,
            messages: messages.to_string(),
            lesson_dir: lesson_dir.to_path_buf(),
            bin: None,
            tests: Vec::new(),
        };
        for line in lines {
            if let Some(path) = line.strip_prefix("bin ") {
                build.bin = Some(PathBuf::from(path));
            } else if let Some((target, path)) = line.strip_prefix("test ")?.split_once(' ') {
                build.tests.push((target.to_string(), PathBuf::from(path)));
            }
        }
        let executables = build.bin.iter().chain(build.tests.iter().map(|(_, path)| path));
        let complete = executables.into_iter().all(|path| path.exists());
        complete.then_some(build)
    }
}

/// The tests of a copy, by `target: test name`, and everything they printed.
pub struct Tests {
    /// The test targets that ran, such as `src/main.rs` and `tests/binary.rs`.
    pub targets: Vec<String>,
    /// Tests that passed.
    pub passed: Vec<String>,
    /// Tests that failed.
    pub failed: Vec<String>,
    /// Each test executable's output, one after another.
    pub output: String,
    /// The snapshots the tests saved for review (`lesson-04.snap.new`), by file name,
    /// with their contents.
    pub pending: BTreeMap<String, String>,
}

/// `cargo`, the same one that runs these tests, with an environment that does not leak
/// the outer build's settings into the copy's.
fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    clean_env(&mut command);
    command
}

fn clean_env(command: &mut Command) {
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let leaks = (name.starts_with("CARGO") && name != "CARGO_HOME" && name != "CARGO")
            || name.starts_with("INSTA_")
            || name.starts_with("RUSTFLAGS")
            || name.starts_with("RUSTDOCFLAGS");
        if leaks {
            command.env_remove(name.as_ref());
        }
    }
}

/// `cargo -vV`: a new toolchain rebuilds every copy.
fn toolchain() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let output = cargo().arg("-vV").output().expect("cargo runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    })
}

/// The files under `dir`, by path relative to it, leaving out build output, pending
/// snapshots, Python caches and nested packages (lesson 04's benchmark).
fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", folder.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                let skip = matches!(name.as_str(), "target" | "__pycache__")
                    || path.join("Cargo.toml").exists();
                if !skip {
                    folders.push(path);
                }
            } else if !name.ends_with(".snap.new") && !name.ends_with(".pending-snap") {
                let relative = path.strip_prefix(dir).expect("under dir").to_string_lossy();
                files.insert(relative.into_owned(), fs::read(&path).expect("a readable file"));
            }
        }
    }
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// FNV-1a over every path and file: stable across runs and Rust versions, unlike
/// `DefaultHasher`.
fn fingerprint(files: &BTreeMap<String, Vec<u8>>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, contents) in files {
        for &byte in path.as_bytes().iter().chain([0].iter()).chain(contents).chain([0].iter()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
