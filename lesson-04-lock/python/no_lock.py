"""Lesson 04 in Python: the counter of lock.py without its lock, which Rust refuses to
compile (lesson 03). What it prints depends on the build of Python that runs it.

Run: python3 lesson-04-lock/python/no_lock.py
"""

import sys
import sysconfig
import threading

THREADS = 5
INCREMENTS = 100_000

total = 0


def add_many(times):
    global total
    for _ in range(times):
        total += 1  # no lock: read, add, write, and another thread may write in between


workers = [threading.Thread(target=add_many, args=(INCREMENTS,)) for _ in range(THREADS)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
lost = THREADS * INCREMENTS - total
print(f"{THREADS} threads x {INCREMENTS}, no lock: {total} "
      f"({lost} {'update' if lost == 1 else 'updates'} lost)")

version = f"Python {sys.version.split()[0]}"
# The build says whether the GIL can be off; sys._is_gil_enabled() whether it is off now (a
# free-threaded build turns it back on for PYTHON_GIL=1, -X gil=1, or an extension module
# not declared safe without it).
free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
if not getattr(sys, "_is_gil_enabled", lambda: True)():
    print(f"{version}, free-threaded build, GIL off: the threads may run at once, and then")
    print("`total += 1` without the lock loses updates")
elif sys.version_info >= (3, 10):
    build = "free-threaded build with its GIL back on" if free_threaded else "with the GIL"
    print(f"{version}, {build}: today it never switches threads halfway through")
    print("`total += 1` (lesson 03; not a promise), which hides the missing lock")
else:
    print(f"{version}, with the GIL: it may switch threads halfway through `total += 1`,")
    print("and then an update is lost")
