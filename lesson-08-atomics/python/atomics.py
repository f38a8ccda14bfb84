"""Lesson 08 in Python: the same five parts as the Rust lesson, in a language that has no
atomics and no memory orderings to choose from.

Run: python3 lesson-08-atomics/python/atomics.py [--rounds N]

--rounds is the Rust binary's knob: values handed over in part 2, rounds played in
part 3. Python is about a hundred times slower at this than Rust, so its default is
10000 rounds, not the Rust lesson's 1000000.
"""

import argparse
import functools
import os
import sys
import sysconfig
import threading
import time

THREADS = 4            # parts 1, 4 and 5: how many threads share the work
INCREMENTS = 100_000   # part 1: how many times each thread adds 1
ROUNDS = 10_000        # parts 2 and 3, unless --rounds says otherwise
SPINS = 100            # part 3: how often a thread checks before it gives up its core
# Part 5: how long the two calls of the cached function wait for each other. They meet
# at once; the timeout only ends the wait if the function ever stops being called twice.
PATIENCE = 30.0

knobs = argparse.ArgumentParser(description=__doc__.splitlines()[0])
knobs.add_argument("--rounds", type=int, default=ROUNDS,
                   help="values handed over in part 2, rounds played in part 3")
args = knobs.parse_args()
if not 1 <= args.rounds <= 10_000_000_000:
    knobs.error("--rounds must be from 1 to 10000000000")
rounds = args.rounds

# The build says whether the GIL can be off; sys._is_gil_enabled() whether it is off now:
# a free-threaded build turns it back on for PYTHON_GIL=1, -X gil=1, or an extension
# module not declared safe without it.
free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
version = f"Python {sys.version.split()[0]}"
if not gil_on:
    print(f"{version}, free-threaded build, GIL off: threads run Python code at the same time")
else:
    build = "free-threaded build with its GIL back on" if free_threaded else "with the GIL"
    print(f"{version}, {build}: one thread runs Python code at a time")
print()


def run_all(workers):
    """Starts every thread of `workers`, then joins them all."""
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def times(n):
    """"once", "2 times"."""
    return "once" if n == 1 else f"{n} times"


print("1. A counter: no atomics in Python, so a Lock; join makes the count visible")
counter = 0
counter_lock = threading.Lock()


def add_many():
    global counter
    for _ in range(INCREMENTS):
        # `counter += 1` alone is a load, an add and a store, three steps that another
        # thread can come between (lesson 03 lost updates that way). The Lock makes the
        # three one step, as fetch_add is one step in Rust.
        with counter_lock:
            counter += 1


run_all([threading.Thread(target=add_many) for _ in range(THREADS)])
print(f"   {THREADS} threads x {INCREMENTS} `with lock: counter += 1`, then join: "
      f"counter = {counter}")

print()
print("2. Publishing: write the data, then a flag; read the flag, then the data")
# A writer hands over the values 1, 2, 3, ...: each goes into `mailbox.data`, then its
# number into `mailbox.ready`, "value n is in data". A reader that finds `ready` at n
# must find `data` at n or later; finding an older value is a stale read, as in the Rust
# lesson.


class Mailbox:
    def __init__(self):
        self.data = 0
        self.ready = 0


mailbox = Mailbox()
reading = threading.Event()


def publish(values):
    # Start once the reader is reading: a thread that starts late can find the other
    # already done, and two threads that never overlap prove nothing.
    reading.wait()
    for value in range(1, values + 1):
        mailbox.data = value
        mailbox.ready = value


def read(reads, report):
    stale = changes = last = 0
    reading.set()
    for _ in range(reads):
        ready = mailbox.ready
        data = mailbox.data
        if data < ready:
            stale += 1
        if ready != last:  # the writer has moved on since the read before
            changes += 1
            last = ready
    report.extend([stale, changes])


report = []
run_all([threading.Thread(target=publish, args=(rounds,)),
         threading.Thread(target=read, args=(rounds, report))])
stale, changes = report
print(f"   A writer publishes {rounds} values while a reader reads {rounds} times.")
print(f"   Reads that found the data older than the flag promised: {stale}")
print(f"   (reads that found the flag moved on since the read before: {changes})")
# Python promises nothing here: it documents no memory model (PEP 583, which proposed
# one, was withdrawn), and the zeros come from how CPython works today. With the GIL
# (3.10 and later) it switches threads only at a call or a loop's jump back, never
# between two lines like these. Without it (free-threaded 3.13), each attribute store
# takes the object's own lock and ends with a release store, and each attribute load
# is an acquire load: Rust's Release/Acquire pair, which keeps the order. A count of 0 where the line above it says 0 too only shows that the two
# threads never ran side by side: on a busy machine they often take turns on one core.

print()
print("3. Store buffering: each thread stores to its object, then loads the other's")
# In round r, thread A stores r into its object, then loads B's; thread B stores r into
# its own, then loads A's. If both loads find a value older than r, each load came before
# the other thread's store, and each store before its own thread's load: no single order
# of the four steps allows that. Each thread notes the last round it finished (`done`)
# and starts the next only once the other has finished this one: the rounds go in step.


class Slot:
    def __init__(self):
        self.value = 0  # the round this thread last stored
        self.done = 0   # the round this thread last finished


# Rust's thread::yield_now: give the core to another thread. time.sleep(0) would do too,
# but it takes about 50 microseconds here; os.sched_yield (Unix only) a few.
yield_now = getattr(os, "sched_yield", lambda: time.sleep(0))


def play(mine, theirs, saw):
    for r in range(1, rounds + 1):
        spins = 0
        while theirs.done < r - 1:  # wait for the other thread to finish the last round
            spins += 1
            if spins > SPINS:
                # With the GIL, the other thread cannot run at all while this one spins:
                # yielding lets it go now rather than after a 5 ms switch interval.
                yield_now()
        mine.value = r
        saw.append(theirs.value)
        mine.done = r


a, b, a_saw, b_saw = Slot(), Slot(), [], []
run_all([threading.Thread(target=play, args=(a, b, a_saw)),
         threading.Thread(target=play, args=(b, a, b_saw))])
played = list(zip(range(1, rounds + 1), a_saw, b_saw))
both_old = sum(1 for r, seen_by_a, seen_by_b in played if seen_by_a < r and seen_by_b < r)
both_new = sum(1 for r, seen_by_a, seen_by_b in played if seen_by_a == r and seen_by_b == r)
print(f"   Two threads play {rounds} rounds in step.")
print(f"   Rounds in which both loads missed the other thread's store: {both_old}")
print(f"   (rounds in which both loads found it, so the two threads ran at once: {both_new})")
# Again how CPython works, not a promise. With the GIL, a thread's store and its load
# are never split by a switch, so one of the two always sees the other's store. Without
# it, every attribute store ends by unlocking the object's lock, an atomic
# read-modify-write, which on x86 also empties the store buffer: a fence, as in the
# Rust lesson's third line.

print()
print("4. No compare_exchange in Python: a Lock around the check and the update")
balance = 100
balance_lock = threading.Lock()
outcomes = []
start_line = threading.Barrier(THREADS)  # all four ask at once


def withdraw(amount):
    global balance
    start_line.wait()
    with balance_lock:  # check, then update: nobody can write in between
        if balance >= amount:
            balance -= amount
            outcomes.append(True)
        else:
            outcomes.append(False)


run_all([threading.Thread(target=withdraw, args=(30,)) for _ in range(THREADS)])
succeeded = outcomes.count(True)
print(f"   {THREADS} threads each withdraw 30 from a balance of 100, under a Lock: "
      f"{succeeded} succeeded, {THREADS - succeeded} refused, {balance} left")

print()
print("5. Once-only set-up, and a stop flag")


class Settings:
    """What the set-up builds: an object, so that a half-built one could be seen."""

    def __init__(self, answer):
        self.answer = answer


settings = None
settings_lock = threading.Lock()
set_ups = 0


def get_settings():
    """Double-checked locking: the Lock is taken only while nothing is set up yet."""
    global settings, set_ups
    if settings is None:              # first check, without the Lock: cheap
        with settings_lock:
            if settings is None:      # again, holding it: another thread may have won
                set_ups += 1
                settings = Settings(42)
    return settings.answer


got = []
start_line = threading.Barrier(THREADS)


def ask():
    start_line.wait()
    got.append(get_settings())


run_all([threading.Thread(target=ask) for _ in range(THREADS)])
got = "all got 42" if got == [42] * THREADS else str(got)
print(f"   double-checked Lock, {THREADS} threads call get_settings() at once: "
      f"set-up ran {times(set_ups)}, {got}")

both_inside = threading.Barrier(2, timeout=PATIENCE)
cached_calls = 0
calls_lock = threading.Lock()


@functools.cache
def cached_settings():
    global cached_calls
    with calls_lock:
        cached_calls += 1
    try:
        # Returns only once two calls are in here at the same time: a second call that
        # ran proves itself by getting through.
        both_inside.wait()
    except threading.BrokenBarrierError:
        pass  # only one call came in: the cache made the other one wait for it
    return 42


answers = []
run_all([threading.Thread(target=lambda: answers.append(cached_settings()))
         for _ in range(2)])
both = f"both got {answers[0]}" if answers[0] == answers[1] else f"got {answers}"
print(f"   functools.cache, 2 threads call cached_settings() at once: "
      f"set-up ran {times(cached_calls)}, {both}")

stop = threading.Event()
counted_enough = threading.Event()


def work_until_stopped(report):
    done = 0
    while not stop.is_set():
        done += 1
        if done == 1000:
            counted_enough.set()
    report.append(done)


report = []
worker = threading.Thread(target=work_until_stopped, args=(report,))
worker.start()
counted_enough.wait()  # blocks, without spinning, until the worker has counted to 1000
stop.set()
worker.join()
print(f"   stop flag (threading.Event): the worker counted, then stopped: "
      f"{str(report[0] >= 1000).lower()}")
