"""Lesson 05 in Python: the same CPU-bound and I/O-bound work as the Rust lesson, on threads.

Run it with `python3 lesson-05-gil/python/gil.py` and compare its report with
`cargo run --release -p lesson-05-gil`. The answers match; the CPU speedup does not.
"""

import math
import os
import sys
import threading
import time

LIMIT = 1_000_000   # count the primes below this
CPU_THREADS = 4     # in this many parts
ROUNDS = 1          # Python is slow enough that one timed run each is plenty
IO_TASKS = 5
IO_WAIT = 0.100     # seconds
BLOCK = 10_000      # numbers are dealt to the parts in blocks of this many
WIDTH = 40          # characters in a timeline


def main():
    print("Lesson 05: CPU-bound and I/O-bound work, one thread against many")
    # Like Rust's available_parallelism, this respects `taskset`.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Cores this program may use: {cores} (os.sched_getaffinity)")
    gil = "disabled" if hasattr(sys, "_is_gil_enabled") and not sys._is_gil_enabled() else "on"
    print(f"Python {sys.version.split()[0]}, GIL {gil}: one thread runs Python code at a time")

    print()
    print(f"1. CPU-bound: count the primes below {LIMIT}, in {CPU_THREADS} parts")

    def count_part(part):
        return count_primes_in_part(part, CPU_THREADS, LIMIT)

    alone = median_of(ROUNDS, lambda: one_after_another(CPU_THREADS, count_part))
    together = median_of(ROUNDS, lambda: all_at_once(CPU_THREADS, count_part))
    span = max(alone.wall, together.wall)
    print(f"   one after another, on main: {alone.wall:.3f} s ({runs(ROUNDS)})")
    for i, row in enumerate(alone.rows):
        print(f"     part {i + 1} {bar(row, span)} {row.value} primes")
    print(f"   each part on its own thread: {together.wall:.3f} s ({runs(ROUNDS)})")
    for i, row in enumerate(together.rows):
        print(f"     part {i + 1} {bar(row, span)} {row.value} primes")
    print(f"   primes below {LIMIT}: {sum(r.value for r in alone.rows)} one after another, "
          f"{sum(r.value for r in together.rows)} on threads")
    # The threads overlap in the timeline, but they take turns holding the GIL.
    print(f"   speedup: {alone.wall / together.wall:.2f}x, the GIL lets one thread count at a time")

    print()
    print(f"2. I/O-bound: {IO_TASKS} tasks that each wait {IO_WAIT * 1000:.0f} ms "
          "(for a disk, say, or a server)")

    def wait(_task):
        time.sleep(IO_WAIT)  # a waiting thread lets go of the GIL

    alone = one_after_another(IO_TASKS, wait)
    together = all_at_once(IO_TASKS, wait)
    span = max(alone.wall, together.wall)
    print(f"   one after another, on main: {alone.wall:.3f} s")
    for i, row in enumerate(alone.rows):
        print(f"     task {i + 1} {bar(row, span)}")
    print(f"   each task on its own thread: {together.wall:.3f} s")
    for i, row in enumerate(together.rows):
        print(f"     task {i + 1} {bar(row, span)}")
    print(f"   speedup: {alone.wall / together.wall:.2f}x, "
          f"at most {IO_TASKS}x whatever the cores: waiting needs none")


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


def count_primes_in_part(part, parts, limit):
    """Part 0 gets blocks 0, 4, 8, ...; part 1 gets 1, 5, 9, ...: the parts stay even."""
    count = 0
    for block in range(part * BLOCK, limit, parts * BLOCK):
        count += sum(1 for n in range(block, min(block + BLOCK, limit)) if is_prime(n))
    return count


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
    # A thread cannot return a value, so each one fills its own slot of a list.
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


def bar(row, span):
    """The part of `span` during which `row` was running, at least one '#'."""
    span = max(span, 1e-9)
    start = min(int(row.start / span * WIDTH), WIDTH - 1)
    end = min(max(math.ceil(row.end / span * WIDTH), start + 1), WIDTH)
    return "|" + " " * start + "#" * (end - start) + " " * (WIDTH - end) + "|"


if __name__ == "__main__":
    main()
