"""Lesson 01 in Python: starting threads. Run: python3 lesson-01-threads/python/threads.py"""

import threading


# ANCHOR: part1
def count_to_four():
    for n in range(5):
        print(n)


print("1. A thread that runs a named function")
worker = threading.Thread(target=count_to_four)  # built, but not running yet
worker.start()                                   # now it runs
worker.join()                                    # wait for it (lesson 02)
# ANCHOR_END: part1

print()
print("2. The same thread, with a lambda instead of a named function")
worker = threading.Thread(target=lambda: [print(i) for i in range(5)])
worker.start()
worker.join()

print()
print("3. A thread with a name")
worker = threading.Thread(
    target=lambda: print(f"my name is {threading.current_thread().name}"),
    name="printer",
)
worker.start()
worker.join()



def count_from(label, start, count):
    for i in range(start, start + count):
        print(f"{label} {i}")


print()
print("4. Passing arguments with args=")
worker = threading.Thread(target=count_from, args=("tick", 10, 3))
worker.start()
worker.join()

print()
print("5. A thread does nothing until start()")
ran = threading.Event()
worker = threading.Thread(target=ran.set)
print(f"before start(): the worker has run: {ran.is_set()}")
worker.start()
ran.wait()
print(f"after start(): the worker has run: {ran.is_set()}")
worker.join()

print()
print("6. Python waits for its threads at exit (unless they are daemons)")
never_ends = threading.Event()
daemon = threading.Thread(target=never_ends.wait, daemon=True)
daemon.start()
print("main: the script ends here; the daemon thread dies with it,")
print("      a thread made without daemon=True would keep the program alive forever")
