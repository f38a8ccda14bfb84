"""Lesson 04 in Python: five threads raise one counter under a lock.

Run: python3 lesson-04-lock/python/lock.py
"""

import threading

THREADS = 5
INCREMENTS = 100_000

counter = 0
counter_lock = threading.Lock()


def increment():
    global counter
    for _ in range(INCREMENTS):
        with counter_lock:  # Rust: `let mut guard = counter.lock()...`
            counter += 1


print(f"{THREADS} threads each add 1 to one counter {INCREMENTS} times, under a lock")
threads = [threading.Thread(target=increment) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"Counter value: {counter}")
