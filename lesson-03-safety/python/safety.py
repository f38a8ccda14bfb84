"""Lesson 03 in Python: thread safety. Run: python3 lesson-03-safety/python/safety.py"""

import queue
import sys
import sysconfig
import threading
import time


def what_this_python_does():
    """Which build of Python this is and whether its GIL is on now: that decides part 1."""
    version = f"Python {sys.version.split()[0]}"
    # The build is a fact of the interpreter; the GIL's state is not: a free-threaded
    # build turns it back on for PYTHON_GIL=1, -X gil=1, or an extension module that does
    # not declare itself safe without it.
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    if not gil_on:
        return (f"{version}, free-threaded build, GIL off: nothing keeps the two threads from\n"
                "   running at once, and in neither loop are the read and the write one step")
    build = "free-threaded build with its GIL back on" if free_threaded else "with the GIL"
    if sys.version_info >= (3, 10):
        return (f"{version}, {build}:\n   it switches threads only at a call or at a "
                "loop's jump back, never inside `hits += 1`\n"
                "   (how CPython works today, not a promise)")
    return f"{version}, {build}: it may switch threads between any two bytecodes"


# ANCHOR: race
print("1. A shared counter with no lock: Python runs it")
INCREMENTS = 1_000_000
hits = 0


def one():
    return 1


def plain(start_line):
    global hits
    start_line.wait()
    for _ in range(INCREMENTS):
        hits += 1  # read hits, add 1, write hits back: no call in between


def with_a_call(start_line):
    global hits
    start_line.wait()
    for _ in range(INCREMENTS):
        hits = hits + one()  # the same read and write, with a call between them


def race(work):
    global hits
    hits = 0
    start_line = threading.Barrier(2)  # both threads start counting together
    racers = [threading.Thread(target=work, args=(start_line,)) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    return hits


for label, work in [("hits += 1", plain), ("hits = hits + one()", with_a_call)]:
    count = race(work)
    print(f"   {label:<20} 2 threads x {INCREMENTS}: hits = {count}, "
          f"lost {2 * INCREMENTS - count} of its updates")
# ANCHOR_END: race
print(f"   {what_this_python_does()}")

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
permits = threading.BoundedSemaphore(2)  # release() past its start raises ValueError
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
            condition.wait_for(lambda: mailbox)  # returns once the mailbox is not empty
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
print("6. Or share no data of your own: queue.Queue passes messages")
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
