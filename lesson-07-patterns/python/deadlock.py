"""A real deadlock in Python, and how to see it: faulthandler prints every thread's stack.

Two threads take two locks in opposite orders and wait for each other forever. A
watchdog thread waits half a second, has faulthandler print the stack of every thread to
stderr, and ends the process, so this program does not hang.

Run: python3 lesson-07-patterns/python/deadlock.py
"""

import faulthandler
import os
import sys
import threading
import time

a, b = threading.Lock(), threading.Lock()
both_hold = threading.Barrier(2)


def take(first, second):
    with first:
        both_hold.wait()
        with second:  # waits forever: the other thread holds it, and waits for ours
            pass


def watchdog():
    time.sleep(0.5)
    print("half a second later, both threads still wait; faulthandler shows where:", flush=True)
    faulthandler.dump_traceback(file=sys.stdout, all_threads=True)
    sys.stdout.flush()
    os._exit(0)  # the two threads would wait forever; end the process here


threading.Thread(target=watchdog, daemon=True).start()
stuck = [threading.Thread(target=take, args=(a, b), name="stuck-1"),
         threading.Thread(target=take, args=(b, a), name="stuck-2")]
for thread in stuck:
    thread.start()
for thread in stuck:
    thread.join()
