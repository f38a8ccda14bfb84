//! Keeps a lesson text honest: every fenced block in a README is either checked against
//! the file it shows, or a command whose package and paths exist, or a doctest, or says
//! plainly that it is a sketch. A README stays readable on its own (the code is really
//! in it), and a test notices the moment it drifts from the code.
//!
//! The line right before a block's opening fence says what it is:
//!
//! - `<!-- quote: python/lock.py -->`: the whole file, except its `ANCHOR` lines.
//! - `<!-- quote: src/lib.rs#increment -->`: the lines between `ANCHOR: increment` and
//!   `ANCHOR_END: increment` in that file, with their common indentation removed.
//! - `<!-- excerpt: snapshots/lesson-01.snap -->`: the block's lines stand in that file in
//!   the same order, one after another; a line `...` stands for any number of lines.
//! - `<!-- excerpt, filtered: snapshots/lesson-05.snap -->`: the same, after the lesson's
//!   snapshot filters have replaced timings and the like in both.
//! - `<!-- checked by tests/compile_fail.rs -->`: only right after a
//!   ```` ```rust,compile_fail ```` block; that test checks that rustc prints this error.
//!
//! Without such a line: a ```` ```sh ```` block holds commands (each `-p NAME` must be a
//! package of the workspace, each path to a script must exist); a ```` ```rust ```` block
//! must be a doctest (the crate's `src/lib.rs` includes the README); any other block must
//! start with a line `// sketch: ...`, `# sketch: ...` or `(sketch: ...)`, which the
//! reader sees too.

use regex::Regex;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Checks every fenced block of `dir/README.md` as the module docs describe; panics with
/// one line per problem. `filters` are the lesson's snapshot filters, used by
/// `excerpt, filtered:` blocks.
pub fn check_readme(dir: impl AsRef<Path>, filters: &[(&str, &str)]) {
    let dir = dir.as_ref();
    let problems = readme_problems(dir, filters);
    assert!(
        problems.is_empty(),
        "README.md in {} has drifted from the code it shows:\n{problems}",
        dir.display()
    );
}

/// What [`check_readme`] would complain about, one problem per line ("" if none).
pub fn readme_problems(dir: &Path, filters: &[(&str, &str)]) -> String {
    let readme = read(&dir.join("README.md"));
    let doctested = read(&dir.join("src/lib.rs")).contains("include_str!(\"../README.md\")");
    let mut problems = String::new();
    let mut after_compile_fail = false;
    for block in blocks(&readme) {
        let at = format!("README.md:{}", block.line);
        let problem = match (block.label.as_deref(), block.info.as_str()) {
            (Some("checked by tests/compile_fail.rs"), "text") => {
                (!after_compile_fail).then(|| {
                    "tests/compile_fail.rs checks only the block after a compile_fail one".into()
                })
            }
            (Some(label), _) => check_label(dir, label, &block.body, filters),
            (None, "sh") => check_commands(&block.body),
            (None, info) if info.starts_with("rust") && !info.contains("ignore") => {
                (!doctested).then(|| "a rust block, but rustdoc does not test this README".into())
            }
            (None, _) if is_sketch(block.body.lines().next().unwrap_or("")) => None,
            (None, _) => Some(
                "unchecked: add <!-- quote: FILE#ANCHOR --> or <!-- excerpt: FILE --> above it, \
                 or say in its first line that it is a sketch"
                    .into(),
            ),
        };
        if let Some(problem) = problem {
            let _ = writeln!(problems, "{at}: {problem}");
        }
        after_compile_fail = block.info.starts_with("rust,compile_fail");
    }
    problems
}

fn is_sketch(first_line: &str) -> bool {
    ["// sketch", "# sketch", "(sketch"].iter().any(|marker| first_line.starts_with(marker))
}

/// One fenced block: where it starts, its info string, the comment line above it.
struct Block {
    line: usize,
    info: String,
    label: Option<String>,
    body: String,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        let fence: String = trimmed.chars().take_while(|&c| c == '`' || c == '~').collect();
        let one_kind = fence.chars().all(|c| fence.starts_with(c));
        if fence.len() >= 3 && one_kind {
            let info = &trimmed[fence.len()..];
            let closes = |line: &str| {
                let line = line.trim();
                line.len() >= fence.len() && line.chars().all(|c| fence.starts_with(c))
            };
            let indent = lines[i].len() - trimmed.len();
            let label = i
                .checked_sub(1)
                .map(|above| lines[above].trim())
                .and_then(|above| above.strip_prefix("<!--")?.strip_suffix("-->"))
                .map(|label| label.trim().to_string());
            let start = i;
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && !closes(lines[i]) {
                let line = lines[i];
                let cut = line.len() - line.trim_start().len();
                body.push(line.get(indent.min(cut)..).unwrap_or("").trim_end());
                i += 1;
            }
            found.push(Block {
                line: start + 1,
                info: info.trim().into(),
                label,
                body: body.join("\n"),
            });
        }
        i += 1;
    }
    found
}

fn check_label(dir: &Path, label: &str, body: &str, filters: &[(&str, &str)]) -> Option<String> {
    if let Some(target) = label.strip_prefix("quote:") {
        let (file, anchor) = target.trim().split_once('#').unwrap_or((target.trim(), ""));
        let Some(source) = read_existing(&dir.join(file)) else {
            return Some(format!("there is no {file}"));
        };
        let Some(quoted) = anchored(&source, anchor) else {
            return Some(format!("{file} has no ANCHOR: {anchor} ... ANCHOR_END: {anchor}"));
        };
        return first_difference(body, &quoted)
            .map(|d| format!("differs from {}: {d}", target.trim()));
    }
    let (filtered, file) = if let Some(file) = label.strip_prefix("excerpt, filtered:") {
        (true, file.trim())
    } else if let Some(file) = label.strip_prefix("excerpt:") {
        (false, file.trim())
    } else {
        return Some(format!("unknown label <!-- {label} -->"));
    };
    let filter = |text: &str| if filtered { apply(filters, text) } else { text.to_string() };
    let Some(whole) = read_existing(&dir.join(file)) else {
        return Some(format!("there is no {file}"));
    };
    let whole = filter(&whole);
    let excerpt = filter(body);
    (!is_excerpt(&excerpt, &whole)).then(|| format!("is not an excerpt of {file}:\n{excerpt}"))
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name` (the whole file for ""), with
/// every ANCHOR line dropped and the common indentation removed.
fn anchored(source: &str, name: &str) -> Option<String> {
    let mut lines: Vec<&str> = source.lines().collect();
    if !name.is_empty() {
        let marks = |mark: String| lines.iter().position(|l| l.trim_end().ends_with(&mark));
        let start = marks(format!("ANCHOR: {name}"))?;
        let end = marks(format!("ANCHOR_END: {name}"))?;
        lines = lines.get(start + 1..end)?.to_vec();
    }
    lines.retain(|l| !l.contains("ANCHOR: ") && !l.contains("ANCHOR_END: "));
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let dedented: Vec<&str> =
        lines.iter().map(|l| l.get(indent..).unwrap_or("").trim_end()).collect();
    Some(dedented.join("\n").trim_matches('\n').to_string())
}

fn first_difference(readme: &str, file: &str) -> Option<String> {
    let (a, b): (Vec<&str>, Vec<&str>) = (readme.lines().collect(), file.lines().collect());
    let n = (0..a.len().max(b.len())).find(|&n| a.get(n) != b.get(n))?;
    Some(format!(
        "line {} of the block is {:?}, the file has {:?}",
        n + 1,
        a.get(n).unwrap_or(&"<end>"),
        b.get(n).unwrap_or(&"<end>")
    ))
}

/// True if the lines of `excerpt` stand in `whole` in order, consecutively, except that a
/// line `...` skips any number of lines.
fn is_excerpt(excerpt: &str, whole: &str) -> bool {
    let whole: Vec<&str> = whole.lines().map(str::trim_end).collect();
    let lines: Vec<&str> = excerpt.lines().map(str::trim_end).collect();
    if lines.iter().all(|l| l.trim().is_empty() || l.trim() == "...") {
        return false; // nothing to check
    }
    let mut from = 0;
    let mut anywhere = true;
    for run in lines.split(|l| l.trim() == "...") {
        let run: Vec<&str> = run.to_vec();
        if run.is_empty() {
            continue;
        }
        let found = (from..=whole.len().saturating_sub(run.len()))
            .find(|&at| whole[at..].starts_with(&run) && (anywhere || at >= from));
        match found {
            Some(at) => from = at + run.len(),
            None => return false,
        }
        anywhere = false;
    }
    true
}

fn apply(filters: &[(&str, &str)], text: &str) -> String {
    filters.iter().fold(text.to_string(), |text, (pattern, replacement)| {
        let regex = Regex::new(pattern).expect("the lessons' filters are valid regexes");
        regex.replace_all(&text, *replacement).into_owned()
    })
}

/// Each `-p NAME` is a package of the workspace; each path to a script exists.
fn check_commands(body: &str) -> Option<String> {
    let root = workspace_root();
    let packages = package_names(&root);
    let mut problems = Vec::new();
    for line in body.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let words: Vec<&str> = line.split_whitespace().collect();
        for pair in words.windows(2).filter(|pair| pair[0] == "-p") {
            if !packages.iter().any(|p| p == pair[1]) {
                problems.push(format!("no package {}", pair[1]));
            }
        }
        for word in words
            .iter()
            .filter(|w| w.ends_with(".py") || w.ends_with(".sh") || w.starts_with("scripts/"))
        {
            if !root.join(word).exists() {
                problems.push(format!("no file {word}"));
            }
        }
    }
    (!problems.is_empty()).then(|| problems.join(", "))
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("testkit sits in the workspace").into()
}

/// The `name = "..."` of every member's Cargo.toml, found by walking the workspace.
fn package_names(root: &Path) -> Vec<String> {
    let members = read(&root.join("Cargo.toml"));
    let member = Regex::new(r#"^\s*"([^"]+)",?$"#).expect("valid regex");
    let name = Regex::new(r#"(?m)^name = "([^"]+)""#).expect("valid regex");
    members
        .lines()
        .filter_map(|line| Some(member.captures(line)?[1].to_string()))
        .filter_map(|dir| {
            Some(name.captures(&read(&root.join(dir).join("Cargo.toml")))?[1].to_string())
        })
        .collect()
}

fn read(path: &Path) -> String {
    read_existing(path).unwrap_or_default()
}

fn read_existing(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_keeps_order_and_skips_only_at_dots() {
        let whole = "a\nb\nc\nd\ne";
        assert!(is_excerpt("b\nc", whole));
        assert!(is_excerpt("a\n...\nd\ne", whole));
        assert!(!is_excerpt("a\nc", whole), "a gap needs `...`");
        assert!(!is_excerpt("d\n...\nb", whole), "order matters");
        assert!(!is_excerpt("x", whole));
        assert!(!is_excerpt("...\n...", whole), "an excerpt of nothing checks nothing");
        assert!(!is_excerpt("...b", whole), "only a line of its own skips");
    }

    #[test]
    fn only_a_marked_first_line_makes_a_sketch() {
        assert!(is_sketch("// sketch: not the lesson's code"));
        assert!(is_sketch("(sketch: shortened)"));
        assert!(!is_sketch("# not a sketch: this is what you will see"));
    }

    #[test]
    fn every_kind_of_fence_is_seen() {
        let markdown =
            "~~~text\na\n~~~\n````text\nb\n```\nc\n````\n  ```sh\n  cargo run\n  ```  \n";
        let found = blocks(markdown);
        let bodies: Vec<&str> = found.iter().map(|b| b.body.as_str()).collect();
        assert_eq!(bodies, ["a", "b\n```\nc", "cargo run"]);
    }

    #[test]
    fn an_anchor_is_cut_out_and_dedented() {
        let source =
            "fn f() {\n    // ANCHOR: body\n    let x = 1;\n        x\n    // ANCHOR_END: body\n}";
        assert_eq!(anchored(source, "body").as_deref(), Some("let x = 1;\n    x"));
        assert_eq!(anchored(source, "nope"), None);
        assert_eq!(anchored(source, "bod"), None, "a name matches whole");
        assert_eq!(anchored("// ANCHOR_END: a\n// ANCHOR: a", "a"), None, "end before start");
        assert!(!anchored(source, "").unwrap().contains("ANCHOR"));
    }

    #[test]
    fn an_unmarked_block_and_a_drifted_quote_are_reported() {
        let dir = std::env::temp_dir().join(format!("testkit-readme-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("code.py"), "# ANCHOR: a\nx = 1\n# ANCHOR_END: a\n").unwrap();
        let readme = "<!-- quote: code.py#a -->\n```python\nx = 2\n```\n\n```text\nout\n```\n\n\
                      ```text\n(sketch: shortened)\n```\n\n```sh\ncargo run -p no-such-lesson\n```\n";
        std::fs::write(dir.join("README.md"), readme).unwrap();
        let problems = readme_problems(&dir, &[]);
        std::fs::remove_dir_all(&dir).unwrap();
        let lines: Vec<&str> = problems.lines().collect();
        assert_eq!(lines.len(), 3, "{problems}");
        assert!(lines[0].starts_with("README.md:2: differs from code.py#a"), "{problems}");
        assert!(lines[1].starts_with("README.md:6: unchecked"), "{problems}");
        assert!(lines[2].contains("no package no-such-lesson"), "{problems}");
    }
}
