//! The Python companion gives the same results where the two languages must agree: every
//! wait of part 1 finishes, tasks share one thread, gather keeps the order and
//! as_completed does not, a blocking call stops the ticker and one on another thread does
//! not, a lock the tasks await keeps
//! the count, a timeout stops a job after two steps and runs its clean-up, the shorter
//! sleep wins, and a bounded queue makes the producer wait as often. The lines name the
//! tools of their own language, so what is compared is what comes after their last ": ",
//! cut where the two languages go on differently. Part 1's times and memory, the
//! multi-thread runtime (asyncio has none) and the Python-only lines are compared by no
//! one.

/// Lines to compare: how they start (after the indentation) in either language, `|`
/// between the two, and what of them to keep.
struct Shared {
    starts: &'static str,
    keep: fn(&str) -> String,
}

/// What comes after the line's last ": ", or the whole line if it has none.
fn result(line: &str) -> String {
    line.rsplit_once(": ").map_or(line, |(_, result)| result).to_string()
}

/// `text` up to where `end` first appears in it.
fn before<'a>(text: &'a str, end: &str) -> &'a str {
    text.split_once(end).map_or(text, |(kept, _)| kept)
}

const SHARED: [Shared; 15] = [
    // "all 100 done in 0.103 s, peak memory ...": the time and the memory differ.
    Shared { starts: "OS threads (|threads (", keep: |line| before(&result(line), " in ").into() },
    Shared {
        starts: "tokio tasks (|asyncio tasks (",
        keep: |line| before(&result(line), " in ").into(),
    },
    Shared {
        starts: "current-thread runtime (asyncio's one loop)|asyncio.create_task, one event loop",
        keep: result,
    },
    Shared { starts: "awaiting the handles in order|asyncio.gather", keep: result },
    Shared { starts: "JoinSet::join_next|asyncio.as_completed", keep: result },
    Shared {
        starts: "the job awaits tokio::time::sleep|the job awaits asyncio.sleep",
        keep: result,
    },
    Shared { starts: "the job calls std::thread::sleep|the job calls time.sleep", keep: result },
    Shared {
        starts: "the job runs in spawn_blocking|the job awaits asyncio.to_thread",
        keep: result,
    },
    Shared { starts: "std Mutex, guard dropped|threading.Lock, released", keep: result },
    Shared { starts: "tokio::sync::Mutex|asyncio.Lock", keep: result },
    // "steps it finished: [1, 2]; its clean-up (a Drop) ran: true": "(finally)" in Python.
    Shared {
        starts: "steps it finished",
        keep: |line| format!("{}; {}", result(before(line, ";")), result(line)),
    },
    // "the other was dropped" in Rust, "cancelled" in Python: the same thing, two words.
    Shared {
        starts: "select! between|asyncio.wait(FIRST_COMPLETED) between",
        keep: |line| before(&result(line), ", the other").into(),
    },
    Shared { starts: "try_send 1, 2, 3|put_nowait 1, 2, 3", keep: result },
    Shared { starts: "a producer of 5 items", keep: result },
    // "the producer waited for room 3 times; send(...).await is where it waits": the
    // count, not the call, which each language names.
    Shared { starts: "the producer waited for room", keep: |line| before(line, ";").into() },
];

#[test]
fn python_gives_the_same_results() {
    testkit::assert_same_lines(
        env!("CARGO_BIN_EXE_lesson-09-async"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/python/tasks.py"),
        // Few and short waits, as the binary's own test starts; part 1's numbers are not
        // compared.
        &["--waits", "100", "--wait-ms", "1"],
        |line| {
            let line = line.trim();
            let shared = SHARED
                .iter()
                .find(|shared| shared.starts.split('|').any(|start| line.starts_with(start)))?;
            Some((shared.keep)(line))
        },
    );
}
