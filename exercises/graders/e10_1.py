"""Exercise 10-1's check, run by graders/e10_1.rs: it imports the module built with the
learner's file, calls the learner's function from one Python thread while another, the
ticker, calls tick() over and over, and prints what it saw, one fact a line, for the
grader to judge:

    python 3.11.7 default build
    gil off                       (then nothing more: the check proves nothing without it)
    returned 1033                 (or: raised ValueError: ...)
    expected 1033
    count 10000 20000 1033 57 same    (per count: range, primes, ticks, thread)

While the calling thread holds the GIL, the ticker cannot call tick() at all (a Python
thread runs only with the GIL), so the ticks cannot go up during the count: nothing here
depends on timing.
"""

import sys
import sysconfig
import threading
import time

LO, HI = 10_000, 20_000
PRIMES = 1033  # in LO..HI: 2262 primes below 20 000, less the 1229 below 10 000


def main():
    build = "free-threaded build" if sysconfig.get_config_var("Py_GIL_DISABLED") else "default build"
    print(f"python {sys.version.split()[0]} {build}", flush=True)
    if not getattr(sys, "_is_gil_enabled", lambda: True)():
        print("gil off", flush=True)
        return
    import rust_primes

    stop = threading.Event()
    ticking = threading.Event()

    def ticker():
        while not stop.is_set():
            rust_primes.tick()
            ticking.set()
            time.sleep(0.001)  # lets go of the GIL: the caller gets its turns

    outcome = {}

    def caller():
        outcome["thread"] = rust_primes.this_thread()
        try:
            outcome["returned"] = rust_primes.count_primes_let_go(LO, HI)
        except BaseException as error:  # a panic in Rust is a PanicException, a BaseException
            outcome["raised"] = f"{type(error).__name__}: {error}".splitlines()[0]

    ticks = threading.Thread(target=ticker, daemon=True)
    ticks.start()
    ticking.wait()
    calls = threading.Thread(target=caller)
    calls.start()
    calls.join()
    stop.set()
    ticks.join()

    if "returned" in outcome:
        print(f"returned {outcome['returned']}")
    else:
        print(f"raised {outcome.get('raised', 'nothing')}")
    print(f"expected {PRIMES}")
    for lo, hi, primes, ticked, thread in rust_primes.report():
        where = "same" if thread == outcome["thread"] else "other"
        print(f"count {lo} {hi} {primes} {ticked} {where}")


if __name__ == "__main__":
    main()
