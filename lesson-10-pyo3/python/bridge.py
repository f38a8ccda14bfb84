"""Lesson 10: Rust inside Python. Python threads call lesson 05's prime count, written in Rust.

Build the module first (README.md): in a virtual environment,
`pip install -r lesson-10-pyo3/requirements.txt`, then `maturin develop` in
lesson-10-pyo3/. Then run `python lesson-10-pyo3/python/bridge.py`, on the default Python
and, with a module built for it, on a free-threaded one.
"""

import argparse
import statistics
import sys
import sysconfig
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# The work is lesson 05's, in Python as in Rust: its companion's is_prime.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "lesson-05-gil" / "python"))
from gil import is_prime  # noqa: E402

PYTHON_LIMIT = 500_000  # Python counts the primes below this
RUST_LIMIT = 4_000_000  # Rust counts the primes below this: it is about 30 times faster
BLOCKS = 40             # each count is split into this many blocks, for the pool to share
THREADS = 4             # the ThreadPoolExecutor's threads
ROUNDS = 3              # each time is the median of this many runs
CALLS = 100_000         # part 5: how many times each thread adds 1 to a shared tally


def main():
    args = knobs()
    print("Lesson 10: Rust inside Python, called from Python threads")
    gil_before = gil_enabled()
    try:
        import rust_primes
    except ImportError as error:
        sys.exit(f"bridge.py: cannot import rust_primes ({error}): build it first, "
                 "with `maturin develop` in lesson-10-pyo3/ (README.md)")
    print(describe_python(gil_before))
    print(f"rust_primes: says it {'needs' if rust_primes.declares_gil_used() else 'does not need'} "
          f"the GIL (gil_used = {str(rust_primes.declares_gil_used()).lower()}); "
          f"importing it {'turned the GIL back on' if gil_enabled() and not gil_before else 'changed nothing'}")
    print(f"rayon's pool inside it: {rust_primes.rayon_threads()} threads")
    gil = "GIL on" if gil_enabled() else "GIL off"
    table = []

    def part(number, title, work, limit, count):
        print()
        print(f"{number}. {title}")
        print(f"   the work: count the primes below {limit}, in {BLOCKS} blocks")
        alone, answer_alone = timed(args.rounds, lambda: sum(count(lo, hi) for lo, hi in blocks(limit)))
        pool, answer_pool = timed(args.rounds, lambda: in_pool(args.threads, count, limit))
        print(f"   one thread: {alone:.3f} s; a pool of {args.threads} threads: {pool:.3f} s; "
              f"speedup: {alone / pool:.2f}x")
        print(f"   primes found: {answer_alone} on one thread, {answer_pool} in the pool")
        table.append((work, limit, alone, pool))

    part(1, "Python alone: pure-Python trial division", "Python alone",
         args.python_limit, count_in_python)
    part(2, "The extension, holding the GIL: count_primes_holding_gil",
         "Rust, holding the GIL", args.rust_limit, rust_primes.count_primes_holding_gil)
    part(3, "The extension, GIL let go: count_primes, inside py.detach",
         "Rust, py.detach", args.rust_limit, rust_primes.count_primes)

    print()
    print("4. Threads inside the extension: count_primes_rayon, one call from one thread")
    print(f"   the work: count the primes below {args.rust_limit}")
    one, answer_one = timed(args.rounds, lambda: rust_primes.count_primes(0, args.rust_limit))
    par, answer_par = timed(args.rounds,
                            lambda: rust_primes.count_primes_rayon(0, args.rust_limit))
    print(f"   count_primes: {one:.3f} s; count_primes_rayon: {par:.3f} s; "
          f"speedup: {one / par:.2f}x")
    print(f"   primes found: {answer_one} by count_primes, {answer_par} by count_primes_rayon")
    table.append(("Rust, rayon inside", args.rust_limit, one, par))

    print()
    print("5. One object, many threads: a #[pyclass] with a total in it")
    for cls in (rust_primes.Tally, rust_primes.AtomicTally):
        print(f"   {cls.__name__}: {while_another_thread_is_inside(cls())}")
    for cls in (rust_primes.Tally, rust_primes.AtomicTally):
        total, refused = add_on_threads(cls(), args.threads, args.calls)
        print(f"   {cls.__name__}, {args.threads} threads x {args.calls} add(1): {total} added, "
              f"{refused} refused with 'Already borrowed' ({total + refused} calls)")

    print()
    rounds = "1 run each" if args.rounds == 1 else f"medians of {args.rounds} runs"
    print(f"6. The table ({python_name()}, {gil}; {rounds})")
    print("   | work | primes below | one thread | pool of threads | speedup |")
    print("   |---|---:|---:|---:|---:|")
    for work, limit, alone, pool in table:
        pool_name = "rayon" if "rayon" in work else f"{args.threads} threads"
        print(f"   | {work} | {limit} | {alone:.3f} s | {pool:.3f} s ({pool_name}) | "
              f"{alone / pool:.2f}x |")


def count_in_python(lo, hi):
    """Lesson 05's trial division, in Python (its companion's is_prime): the primes in lo..hi."""
    return sum(1 for n in range(lo, hi) if is_prime(n))


def blocks(limit):
    """0..limit cut into BLOCKS ranges, as (lo, hi) pairs."""
    edges = [limit * i // BLOCKS for i in range(BLOCKS + 1)]
    return list(zip(edges, edges[1:]))


def in_pool(threads, count, limit):
    """Every block counted by a pool of threads: they take the blocks as they come free."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return sum(pool.map(lambda block: count(*block), blocks(limit)))


def while_another_thread_is_inside(tally):
    """One thread is inside tally.add_from, waiting in the Python function it called; then
    the main thread calls tally.add(1). The waits make the overlap certain, on any build."""
    inside, go_on = threading.Event(), threading.Event()

    def five():
        inside.set()
        go_on.wait()
        return 5

    other = threading.Thread(target=tally.add_from, args=(five,))
    other.start()
    inside.wait()
    try:
        tally.add(1)
        outcome = "add(1) went through"
    except RuntimeError as error:
        outcome = f"add(1) raised RuntimeError: {error}"
    go_on.set()
    other.join()
    return f"while another thread is inside add_from, {outcome}; total {tally.total}"


def add_on_threads(tally, threads, calls):
    """`threads` threads each call tally.add(1) `calls` times, all at once; how many of
    those calls PyO3 refused because another thread had the tally borrowed."""
    start = threading.Barrier(threads)
    refused = [0] * threads

    def adder(i):
        start.wait()
        for _ in range(calls):
            try:
                tally.add(1)
            except RuntimeError:
                refused[i] += 1

    workers = [threading.Thread(target=adder, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return tally.total, sum(refused)


def timed(rounds, work):
    """The median time of `rounds` runs of `work`, and what it returned."""
    times, answer = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        answer = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), answer


def gil_enabled():
    return getattr(sys, "_is_gil_enabled", lambda: True)()


def python_name():
    build = "free-threaded build" if sysconfig.get_config_var("Py_GIL_DISABLED") else "default build"
    return f"Python {sys.version.split()[0]}, {build}"


def describe_python(gil_before):
    if not gil_enabled():
        return f"{python_name()}, GIL off: Python threads run at the same time"
    if not gil_before:
        return f"{python_name()}, GIL back on: one thread at a time runs Python code"
    return f"{python_name()}, GIL on: one thread at a time runs Python code"


class Knobs(argparse.ArgumentParser):
    def error(self, message):
        print(f"bridge.py: {message}", file=sys.stderr)  # one line, as the Rust lessons do
        sys.exit(2)


def knobs():
    parser = Knobs(description=__doc__.splitlines()[0])
    parser.add_argument("--python-limit", type=int, default=PYTHON_LIMIT,
                        help="Python counts the primes below this")
    parser.add_argument("--rust-limit", type=int, default=RUST_LIMIT,
                        help="Rust counts the primes below this")
    parser.add_argument("--threads", type=int, default=THREADS, help="the pool's threads")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="runs per median")
    parser.add_argument("--calls", type=int, default=CALLS,
                        help="part 5: calls of add(1) per thread")
    args = parser.parse_args()
    for name, value, low, high in [("--python-limit", args.python_limit, BLOCKS, 10**8),
                                   ("--rust-limit", args.rust_limit, BLOCKS, 10**10),
                                   ("--threads", args.threads, 1, 256),
                                   ("--rounds", args.rounds, 1, 100),
                                   ("--calls", args.calls, 1, 10**7)]:
        if not low <= value <= high:
            parser.error(f"{name} must be from {low} to {high}, not {value}")
    return args


if __name__ == "__main__":
    main()
