"""Lesson 03 in Python: thread safety. Run: python3 lesson-03-safety/python/safety.py"""

import queue
import sys
import threading
import time

print("1. A shared counter with no lock: Python runs it, and may lose updates")
counter = 0


def add_unlocked(times):
    global counter
    for _ in range(times):
        value = counter      # read
        time.sleep(0)        # let another thread in between, as the scheduler may
        counter = value + 1  # write what may by now be out of date


sys.setswitchinterval(1e-6)  # switch threads as often as possible
racers = [threading.Thread(target=add_unlocked, args=(1000,)) for _ in range(2)]
for racer in racers:
    racer.start()
for racer in racers:
    racer.join()
sys.setswitchinterval(0.005)
print(f"   2 threads x 1000: counter = {counter} (2000 if no update was lost)")

print()
print("2. Lock: `with lock:` makes read-then-write one step")
counter = 0
lock = threading.Lock()


def add_locked(times):
    global counter
    for _ in range(times):
        with lock:  # acquire; released when the block ends, even on an exception
            counter += 1


workers = [threading.Thread(target=add_locked, args=(100_000,)) for _ in range(2)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print(f"   2 threads x 100000: counter = {counter}")

print()
print("3. RLock: the thread that holds it may take it again")
rlock = threading.RLock()
depths = []


def enter(depth):
    with rlock:
        depths.append(depth)
        if depth < 3:
            enter(depth + 1)


enter(1)
print(f"   locked at depths {depths} by one thread, no deadlock")

print()
print("4. Semaphore: at most 2 workers inside at once")
permits = threading.Semaphore(2)
inside = 0
most_inside = 0
count_lock = threading.Lock()


def visit():
    global inside, most_inside
    with permits:
        with count_lock:
            inside += 1
            most_inside = max(most_inside, inside)
        time.sleep(0.01)
        with count_lock:
            inside -= 1


visitors = [threading.Thread(target=visit) for _ in range(6)]
for visitor in visitors:
    visitor.start()
for visitor in visitors:
    visitor.join()
print(f"   6 workers shared 2 permits; never more than 2 inside: {most_inside <= 2}")

print()
print("5. Condition: a producer hands items to a consumer")
condition = threading.Condition()
mailbox = []


def consume(count):
    for _ in range(count):
        with condition:
            condition.wait_for(lambda: mailbox)  # sleeps until notified and mailbox is full
            item = mailbox.pop()
            condition.notify()                   # tell the producer there is room
        print(f"   consumer got {item}")


consumer = threading.Thread(target=consume, args=(3,))
consumer.start()
for item in ["apple", "bread", "cheese"]:
    with condition:
        condition.wait_for(lambda: not mailbox)  # one item at a time
        mailbox.append(item)
        condition.notify()
consumer.join()

print()
print("6. Or share no state at all: queue.Queue passes messages")
jobs, results = queue.Queue(), queue.Queue()


def square():
    while (job := jobs.get()) is not None:
        results.put(job * job)


squarers = [threading.Thread(target=square) for _ in range(2)]
for squarer in squarers:
    squarer.start()
for job in range(1, 11):
    jobs.put(job)
for _ in squarers:
    jobs.put(None)  # one "no more work" per worker
for squarer in squarers:
    squarer.join()
print(f"   jobs 1..=10, squared by 2 workers: {sorted(results.get() for _ in range(10))}")
