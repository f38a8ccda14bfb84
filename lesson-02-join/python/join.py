"""Lesson 02 in Python: joining threads. Run: python3 lesson-02-join/python/join.py"""

import threading
from concurrent.futures import ThreadPoolExecutor

# ANCHOR: part1
def count_to_four():
    for n in range(5):
        print(n)


print("1. join waits until the thread has finished")
worker = threading.Thread(target=count_to_four)
worker.start()
worker.join()  # returns None once count_to_four has returned
print("Thread execution completed")
# ANCHOR_END: part1

print()
print("2. A thread's result has to travel through shared data")
results = []
worker = threading.Thread(target=lambda: results.append(sum(range(1, 101))))
worker.start()
worker.join()
print(f"the thread left {results[0]} in a list")

print()
print("3. A thread that raises: join returns normally and main never hears of it")
threading.excepthook = lambda args: print(f"(excepthook saw: {args.exc_value!r})")


def give_up():
    raise RuntimeError("the thread gave up")


worker = threading.Thread(target=give_up, name="doomed")
worker.start()
print(f"join returned {worker.join()!r}")
print("main is still running")

print()
print("4. No scoped threads: join every thread yourself before using what it wrote")
numbers = list(range(1, 11))
halves = [0, 0]


def add_half(index, part):
    halves[index] = sum(part)


workers = [
    threading.Thread(target=add_half, args=(0, numbers[:5])),
    threading.Thread(target=add_half, args=(1, numbers[5:])),
]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print(f"{numbers[:5]} sums to {halves[0]}, {numbers[5:]} to {halves[1]}")
print(f"all of {numbers}: {sum(halves)}")

print()
print("5. What Python code uses today: concurrent.futures, the counterpart of Rust's join")
# ANCHOR: futures
with ThreadPoolExecutor(max_workers=2) as pool:
    total = pool.submit(sum, range(1, 101))
    doomed = pool.submit(give_up)
    print(f"result() returned {total.result()}")  # waits, then hands back the value
    try:
        doomed.result()  # waits, then raises the thread's exception here, in main
    except RuntimeError as error:
        print(f"result() raised {error!r}")
# ANCHOR_END: futures
