"""Lesson 05 in Python: the same CPU-bound and I/O-bound work as the Rust lesson, on threads.

Run it with `python3 lesson-05-gil/python/gil.py` and compare its report with
`cargo run --release -p lesson-05-gil`. The answers match. The CPU speedup matches only
on a free-threaded Python (3.13t, 3.14t) running with its GIL off; with the GIL, threads
do not speed it up.
"""

import argparse
import math
import os
import sys
import sysconfig
import threading
import time

LIMIT = 1_000_000   # count the primes below this
CPU_THREADS = 4     # on one thread, then on this many
ROUNDS = 1          # Python is slow enough that one timed run each is plenty
IO_TASKS = 5
IO_WAIT = 0.100     # seconds
BLOCK = 10_000      # threads take the numbers in blocks of this many
WIDTH = 40          # characters in a timeline
# Printed under every speedup that has a bound, as the Rust lesson does: a busy machine
# can slow the one-thread run more than the others, and the speedup then passes its bound.
NOISE = "(timings are noisy: on a busy machine a speedup can come out a little above its bound)"


def main():
    global LIMIT, CPU_THREADS
    knobs = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    knobs.add_argument("--limit", type=int, default=LIMIT, help="count the primes below this")
    knobs.add_argument("--threads", type=int, default=CPU_THREADS,
                       help="threads for the CPU-bound work")
    args = knobs.parse_args()
    if not 2 <= args.limit <= 100_000_000 or not 1 <= args.threads <= 1024:
        knobs.error("--limit must be from 2 to 100000000, --threads from 1 to 1024")
    LIMIT, CPU_THREADS = args.limit, args.threads

    print("Lesson 05: CPU-bound and I/O-bound work, one thread against many")
    # Like Rust's available_parallelism, this respects `taskset` (but not a container's
    # CPU quota, which Rust's also counts).
    if hasattr(os, "sched_getaffinity"):
        cores, source = len(os.sched_getaffinity(0)), "os.sched_getaffinity"
    else:
        cores, source = os.cpu_count(), "os.cpu_count"
    print(f"Cores this program may use: {cores} ({source})")
    # The build says whether the GIL can be off; sys._is_gil_enabled() whether it is off
    # now: a free-threaded build turns it back on for PYTHON_GIL=1, -X gil=1, or an
    # extension module not declared safe without it.
    free_threaded_build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil_off = not getattr(sys, "_is_gil_enabled", lambda: True)()
    version = f"Python {sys.version.split()[0]}"
    if gil_off:
        print(f"{version}, free-threaded build, GIL off: threads run Python code at the "
              "same time")
    else:
        build = ("free-threaded build with its GIL back on" if free_threaded_build
                 else "with the GIL")
        print(f"{version}, {build}: one thread runs Python code at a time")

    print()
    print(f"1. CPU-bound: count the primes below {LIMIT}, in blocks of {BLOCK} numbers")
    alone = median_of(ROUNDS, lambda: one_after_another(1, counter_of_blocks()))
    together = median_of(ROUNDS, lambda: all_at_once(CPU_THREADS, counter_of_blocks()))
    span = max(alone.wall, together.wall)

    def blocks(tally):
        return f" blocks: {tally.blocks}"

    print(f"   on one thread (main): {alone.wall:.3f} s ({runs(ROUNDS)})")
    timeline("thread", alone, span, blocks)
    on_threads = f"{CPU_THREADS} {'thread' if CPU_THREADS == 1 else 'threads'}"
    print(f"   on {on_threads}: {together.wall:.3f} s ({runs(ROUNDS)})")
    timeline("thread", together, span, blocks)
    print(f"   primes below {LIMIT}: {sum(r.value.primes for r in alone.rows)} on one thread, "
          f"{sum(r.value.primes for r in together.rows)} on {on_threads}")
    speedup = f"{alone.wall / together.wall:.2f}x"
    if gil_off:  # the same bound as the Rust lesson's
        bound = min(CPU_THREADS, cores)
        who_runs = ("the one thread runs alone" if CPU_THREADS == 1
                    else f"{bound} of the {CPU_THREADS} threads can run at once")
        print(f"   speedup: {speedup}, at most {bound}x here: {who_runs}")
        print(f"   {NOISE}")
    else:  # the threads overlap in the timeline, but they take turns holding the GIL
        print(f"   speedup: {speedup}, the GIL lets one thread count at a time")

    print()
    print(f"2. I/O-bound: {IO_TASKS} tasks that each wait {IO_WAIT * 1000:.0f} ms "
          "(for a disk, say, or a server)")

    def wait(_task):
        time.sleep(IO_WAIT)  # a waiting thread lets go of the GIL

    alone = one_after_another(IO_TASKS, wait)
    together = all_at_once(IO_TASKS, wait)
    span = max(alone.wall, together.wall)
    print(f"   one after another, on main: {alone.wall:.3f} s")
    timeline("task", alone, span, lambda _: "")
    print(f"   each task on its own thread: {together.wall:.3f} s")
    timeline("task", together, span, lambda _: "")
    print(f"   speedup: {alone.wall / together.wall:.2f}x, "
          f"at most {IO_TASKS}x whatever the cores: waiting needs none")
    print(f"   {NOISE}")


def is_prime(n):
    """Trial division by 2, then by odd numbers up to the square root."""
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    divisor = 3
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 2
    return True


class Tally:
    """What one thread did: how many primes it found, in how many blocks."""

    def __init__(self):
        self.primes = 0
        self.blocks = 0


def counter_of_blocks():
    """A job for any number of threads: take the next untaken block of numbers, count its
    primes, repeat until none is left. The lock makes taking a block one step."""
    next_block = [0]
    lock = threading.Lock()

    def job(_thread):
        tally = Tally()
        while True:
            with lock:
                start = next_block[0]
                next_block[0] += BLOCK
            if start >= LIMIT:
                return tally
            tally.primes += sum(1 for n in range(start, min(start + BLOCK, LIMIT)) if is_prime(n))
            tally.blocks += 1

    return job


class Row:
    def __init__(self, start, end, value):
        self.start, self.end, self.value = start, end, value


class Run:
    def __init__(self, wall, rows):
        self.wall, self.rows = wall, rows


def timed(since, job):
    start = time.perf_counter() - since
    value = job()
    return Row(start, time.perf_counter() - since, value)


def one_after_another(jobs, job):
    start = time.perf_counter()
    rows = [timed(start, lambda i=i: job(i)) for i in range(jobs)]
    return Run(time.perf_counter() - start, rows)


def all_at_once(jobs, job):
    # A threading.Thread cannot return a value (a concurrent.futures Future can: lesson
    # 02), so each one fills its own slot of a list.
    start = time.perf_counter()
    rows = [None] * jobs

    def worker(i):
        rows[i] = timed(start, lambda: job(i))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Run(time.perf_counter() - start, rows)


def median_of(rounds, run):
    results = sorted((run() for _ in range(max(rounds, 1))), key=lambda r: r.wall)
    return results[len(results) // 2]


def runs(rounds):
    return "1 run" if rounds == 1 else f"median of {rounds} runs"


def timeline(name, run, span, after):
    """One row per job, all drawn on the same clock, from 0 to `span`."""
    for i, row in enumerate(run.rows):
        print(f"     {name} {i + 1} {bar(row, span)}{after(row.value)}")


def bar(row, span):
    """The part of `span` during which `row` was running, at least one '#'."""
    span = max(span, 1e-9)
    start = min(int(row.start / span * WIDTH), WIDTH - 1)
    end = min(max(math.ceil(row.end / span * WIDTH), start + 1), WIDTH)
    return "|" + " " * start + "#" * (end - start) + " " * (WIDTH - end) + "|"


if __name__ == "__main__":
    main()
