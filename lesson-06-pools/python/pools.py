"""Lesson 06 in Python: lesson 05's CPU-bound job on one thread, on a thread pool and
on a process pool.

Run: python3 lesson-06-pools/python/pools.py [--limit N] [--threads N]
"""

import argparse
import os
import sys
import sysconfig
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

# Lesson 05's is_prime, the same function the Rust lesson borrows from lesson 05. At the
# top level, so that process-pool workers that import this file again (the `spawn` and
# `forkserver` start methods; with `fork` they are copies of this process) find it too.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "lesson-05-gil", "python"))
from gil import is_prime  # noqa: E402

BLOCK = 10_000  # the pools hand out the numbers in blocks of this many


def count_primes(bounds):
    start, end = bounds
    return sum(1 for n in range(start, end) if is_prime(n))


def count(n, one, many):
    """`n` and its noun, singular for 1: "1 prime", "78498 primes"."""
    return f"{n} {one if n == 1 else many}"


def timed(job):
    start = time.perf_counter()
    value = job()
    return value, time.perf_counter() - start


def main():
    knobs = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    knobs.add_argument("--limit", type=int, default=1_000_000, help="count the primes below this")
    knobs.add_argument("--threads", type=int, default=4, help="workers in each pool")
    args = knobs.parse_args()
    if not 2 <= args.limit <= 100_000_000 or not 1 <= args.threads <= 1024:
        knobs.error("--limit must be from 2 to 100000000, --threads from 1 to 1024")
    limit, workers = args.limit, args.threads
    # The build says whether the GIL can be off; sys._is_gil_enabled() whether it is off
    # now: a free-threaded build turns it back on for PYTHON_GIL=1, -X gil=1, or an
    # extension module not declared safe without it.
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    build = "free-threaded build" if free_threaded else "default build"
    build += ", GIL on" if gil_on else ", GIL off"
    blocks = [(start, min(start + BLOCK, limit)) for start in range(0, limit, BLOCK)]

    print(f"Lesson 06 in Python {sys.version.split()[0]} ({build}): the primes below {limit}")
    primes, alone = timed(lambda: count_primes((0, limit)))
    print(f"1. One thread: {count(primes, 'prime', 'primes')}, {alone:.3f} s")

    # A pool of threads: map hands each block to the next free worker, like lesson 05's
    # work queue. With the GIL, only one of them runs Python code at a time.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        by_threads, took = timed(lambda: sum(pool.map(count_primes, blocks)))
    print(f"2. ThreadPoolExecutor.map, {count(workers, 'thread', 'threads')}: "
          f"{count(by_threads, 'prime', 'primes')}, {took:.3f} s, "
          f"{alone / took:.2f}x as fast as one thread")

    # A pool of processes, each with its own interpreter and its own GIL. The blocks and
    # the counts travel between them pickled; starting the workers is part of the time.
    def in_processes():
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return sum(pool.map(count_primes, blocks))
    by_processes, took = timed(in_processes)
    print(f"3. ProcessPoolExecutor.map, {count(workers, 'process', 'processes')}: "
          f"{count(by_processes, 'prime', 'primes')}, {took:.3f} s, "
          f"{alone / took:.2f}x as fast as one thread")

    if by_threads == by_processes == primes:
        print(f"Every way found the same answer: {count(primes, 'prime', 'primes')}")
    else:
        print(f"The answers differ: {primes}, {by_threads}, {by_processes}")


if __name__ == "__main__":
    main()
