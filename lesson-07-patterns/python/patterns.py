"""Lesson 07 in Python: Event, Barrier, threading.local, a bounded Queue, timeouts and a
deadlock broken by them, the same seven parts as the Rust lesson.

Run: python3 lesson-07-patterns/python/patterns.py
"""

import queue
import threading

PATIENCE = 0.050  # seconds a thread waits before it gives up, in parts 6 and 7

print("1. Event")
event = threading.Event()
seen = []
waiter = threading.Thread(target=lambda: seen.append(event.wait()))
waiter.start()
event.set()
waiter.join()
print("   the waiter saw the event set" if seen == [True] else "   the waiter missed it")

print()
print("2. Barrier: nobody leaves until all have arrived")
barrier = threading.Barrier(3)
steps, leaders = [], []
steps_lock = threading.Lock()


def arrive_and_leave():
    with steps_lock:
        steps.append("arrived")
    # wait() returns a different number, 0 to 2, to each thread: 0 stands for a leader.
    if barrier.wait() == 0:
        leaders.append(threading.current_thread().name)
    with steps_lock:
        steps.append("left")


threads = [threading.Thread(target=arrive_and_leave) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"   3 threads: all arrived before any left: {str(steps[:3] == ['arrived'] * 3).lower()}")
print(f"   wait() named exactly one of them the leader: {str(len(leaders) == 1).lower()}")

print()
print("3. threading.local: each thread its own copy")
local = threading.local()
local.calls = 0
counts = {}


def count(n):
    local.calls = 0  # this thread's own attribute
    for _ in range(n * 10):
        local.calls += 1
    counts[n] = local.calls


threads = [threading.Thread(target=count, args=(n,)) for n in (1, 2, 3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"   three threads counted {[counts[n] for n in (1, 2, 3)]}; "
      f"main's own copy is still {local.calls}")

print()
print("4. RwLock: none in the standard library (a Lock lets one reader in at a time)")

print()
print("5. Queue(maxsize=2): back-pressure")
mailbox = queue.Queue(maxsize=2)
tries = []
for item in (1, 2, 3):
    try:
        mailbox.put_nowait(item)
        tries.append(f"{item} queued")
    except queue.Full:
        tries.append(f"{item} refused, the queue is full")
print(f"   put_nowait 1, 2, 3 with nobody taking: {', '.join(tries)}")
sender = threading.Thread(target=mailbox.put, args=(3,))  # waits while the queue is full
sender.start()
got = [mailbox.get() for _ in range(3)]
sender.join()
print(f"   with a taker, put(3) gets in once there is room; taken: {got}")

print()
print("6. Timeouts")
lock = threading.Lock()
with lock:
    result = []
    trier = threading.Thread(target=lambda: result.append(lock.acquire(timeout=PATIENCE)))
    trier.start()
    trier.join()
print(f"   Lock.acquire(timeout=): got it while held: {str(result[0]).lower()}")
condition = threading.Condition()
with condition:
    # wait_for re-checks its predicate after every notify; nobody notifies here, and the
    # predicate never becomes true, so it returns False when the time is up.
    timed_out = not condition.wait_for(lambda: False, timeout=PATIENCE)
print(f"   Condition.wait_for(timeout=): timed out: {str(timed_out).lower()}")
stop = threading.Event()
worker = threading.Thread(target=stop.wait)  # works until main says stop
worker.start()
worker.join(timeout=PATIENCE)
print(f"   Thread.join(timeout=): returned None either way; is_alive() says {worker.is_alive()}")
stop.set()
worker.join()

print()
print("7. Deadlock: two threads take locks A and B in opposite orders")
a, b = threading.Lock(), threading.Lock()
holding, gave_up = threading.Barrier(2), threading.Barrier(2)
reports = {}


def take(first, second, name):
    with first:
        holding.wait()  # both now hold their first lock
        got = second.acquire(timeout=PATIENCE)
        gave_up.wait()  # neither lets go before both have tried
        if got:
            second.release()
        reports[name] = f"{name} got both" if got else f"{name} gave up"


one = threading.Thread(target=take, args=(a, b, "thread 1 (A, then B)"))
two = threading.Thread(target=take, args=(b, a, "thread 2 (B, then A)"))
for thread in (one, two):
    thread.start()
for thread in (one, two):
    thread.join()
print("   each held what the other wanted: "
      f"{reports['thread 1 (A, then B)']}; {reports['thread 2 (B, then A)']}")
