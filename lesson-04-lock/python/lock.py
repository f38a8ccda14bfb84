"""Lesson 04 in Python: five threads raise one shared total under a lock.

Run: python3 lesson-04-lock/python/lock.py (add --threads 8 to change the count, as
with the Rust binary)
"""

import argparse
import threading

knobs = argparse.ArgumentParser(description="Threads add 1 to one counter, under a lock.")
knobs.add_argument("--threads", type=int, default=5)
knobs.add_argument("--increments", type=int, default=100_000)
args = knobs.parse_args()
THREADS, INCREMENTS = args.threads, args.increments

total = 0
total_lock = threading.Lock()


def add_many(times):
    global total
    for _ in range(times):
        with total_lock:  # Rust: `let mut guard = counter.lock()...`, released at `}`
            total += 1


who = "1 thread adds" if THREADS == 1 else f"{THREADS} threads each add"
times = "once" if INCREMENTS == 1 else f"{INCREMENTS} times"
print(f"{who} 1 to one counter {times}, under a lock")
workers = [threading.Thread(target=add_many, args=(INCREMENTS,)) for _ in range(THREADS)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()  # every addition is done once all of them are joined
print(f"Counter value: {total}")
