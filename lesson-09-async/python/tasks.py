"""Lesson 09 in Python: threads or asyncio, the same six parts as the Rust lesson, with
asyncio where the Rust has tokio.

Run: python3 lesson-09-async/python/tasks.py [--waits N] [--wait-ms MS]   (Python 3.11+)

--waits and --wait-ms are the Rust binary's knobs: how many waits part 1 starts, on
threads and on asyncio tasks (1 to 10000, default 10000), and how long each one lasts, in
milliseconds (1 to 10000, default 100).
"""

import argparse
import asyncio
import heapq
import itertools
import selectors
import sys
import sysconfig
import threading
import time
from concurrent.futures import ThreadPoolExecutor

WAITS = 10_000  # part 1, unless --waits says otherwise
WAIT_MS = 100   # part 1: how long each wait lasts, unless --wait-ms says otherwise
JOB = 0.105     # seconds: part 3's job (not 0.100: see part 3)
TICK = 0.010    # seconds: part 3's ticker
PATIENCE = 0.2  # seconds: how long part 4 watches a stalled loop before it says so

if sys.version_info < (3, 11):
    sys.exit(f"tasks.py: needs Python 3.11 or later (asyncio.timeout, TaskGroup), "
             f"not {sys.version.split()[0]}")


class Knobs(argparse.ArgumentParser):
    """Refuses bad input as the Rust binary does: one line on stderr, exit code 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message}\n")


def whole_number(low, high):
    """The Rust knobs' ranges and words; argparse puts "argument --NAME: " before them."""
    def value(text):
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"takes a whole number, not '{text}'") from None
        if number < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, not {number}")
        if number > high:
            raise argparse.ArgumentTypeError(f"must be at most {high}, not {number}")
        return number
    return value


knobs = Knobs(prog="tasks.py", description=__doc__.splitlines()[0])
# Each wait on a thread is a thread, all alive at once when the waits are long, and the
# OS has limits (the Rust lesson explains them): the same range as the Rust's knob.
knobs.add_argument("--waits", type=whole_number(1, 10_000), default=WAITS,
                   help="how many waits part 1 starts, on threads and on tasks")
knobs.add_argument("--wait-ms", type=whole_number(1, 10_000), default=WAIT_MS,
                   help="how long each wait of part 1 lasts, in milliseconds")
args = knobs.parse_args()
waits, wait = args.waits, args.wait_ms / 1000

# The build says whether the GIL can be off; sys._is_gil_enabled() whether it is off now.
free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
version = f"Python {sys.version.split()[0]}"
if not gil_on:
    print(f"{version}, free-threaded build, GIL off: threads run Python code at the same time")
else:
    build = "free-threaded build with its GIL back on" if free_threaded else "with the GIL"
    print(f"{version}, {build}: one thread runs Python code at a time")
print()


class PausedClock(asyncio.SelectorEventLoop):
    """An event loop on a paused clock, as tokio's `start_paused(true)`: asyncio has none.

    Its time() stands still while tasks run; when every task waits for a timer, the
    clock jumps to the earliest one instead of the loop sleeping until then. So
    asyncio.sleep(0.1) takes no real time, and what the tasks see (which timer fires
    first, how many ticks fit in a wait) is the same on every run, however busy the
    machine. Built on public hooks: loop.time(), loop.call_at (which call_later and so
    asyncio.sleep and asyncio.timeout go through), and the selector a SelectorEventLoop
    can be given. Only for tasks that wait on the clock: a thread's work takes real
    time, which this clock would not wait for.
    """

    def __init__(self):
        self._now = 0.0
        self._due = []  # every timer's due time, earliest first (some may be cancelled)
        super().__init__(_JumpingSelector(self))

    def time(self):
        return self._now

    def call_at(self, when, callback, *args, **kwargs):
        heapq.heappush(self._due, when)
        return super().call_at(when, callback, *args, **kwargs)

    def jump(self, timeout):
        """The loop would sleep `timeout` seconds, until its earliest timer: go there."""
        while self._due and self._due[0] <= self._now:
            heapq.heappop(self._due)
        # To the due time itself, not now + timeout: that sum can miss it by a rounding
        # error, and two timers due at once would no longer be due at once.
        self._now = min(self._due[0], self._now + timeout) if self._due else self._now + timeout


class _JumpingSelector(selectors.DefaultSelector):
    """Where the loop waits for I/O or a timer: a wait for a timer becomes a jump."""

    def __init__(self, clock):
        super().__init__()
        self.clock = clock

    def select(self, timeout=None):
        if timeout is None or timeout <= 0:  # nothing scheduled, or work to do now
            return super().select(timeout)
        ready = super().select(0)
        if not ready:
            self.clock.jump(timeout)
        return ready


def paused(coro):
    """Runs `coro` on a new loop with a paused clock, as the Rust's paused() runtimes."""
    with asyncio.Runner(loop_factory=PausedClock) as runner:
        return runner.run(coro)


print(f"1. Many waits: {waits} waits of {args.wait_ms} ms, on threads and on asyncio tasks")


def measure(job):
    """Runs `job`, which returns how many waits it finished (or why it could not start
    them all), and reports the wall time and, on Linux, the most memory the process held
    meanwhile: the Rust's measure(), line for line."""
    reset_peak_memory()
    start = time.perf_counter()
    finished = job()
    took = time.perf_counter() - start
    mib = peak_memory_mib()
    memory = "not measured on this system" if mib is None else f"peak memory {mib:.1f} MiB"
    if isinstance(finished, int):
        return f"all {finished} done in {took:.3f} s, {memory}"
    return f"{finished} (try fewer --waits); {took:.3f} s"


def reset_peak_memory():
    """Forgets the highest memory use so far (Linux: /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass


def peak_memory_mib():
    """The most memory (resident set) the process held since the last reset, in MiB;
    None where /proc does not tell (not Linux)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def on_threads():
    started = []
    for n in range(1, waits + 1):
        thread = threading.Thread(target=time.sleep, args=(wait,))
        try:
            thread.start()
        except RuntimeError as error:  # "can't start new thread": the OS refused
            for started_thread in started:
                started_thread.join()
            return f"the OS refused thread {n}: {error}"
        started.append(thread)
    for thread in started:
        thread.join()
    return len(started)


sizes = []  # of the first task and its coroutine, in bytes


async def on_tasks():
    # TaskGroup (3.11+) waits for every task it started, as the Rust's JoinSet::join_all;
    # asyncio.gather(*[asyncio.sleep(wait) for _ in range(waits)]) does the same.
    async with asyncio.TaskGroup() as tasks:
        started = [tasks.create_task(asyncio.sleep(wait)) for _ in range(waits)]
        sizes.extend([sys.getsizeof(started[0]), sys.getsizeof(started[0].get_coro())])
    return len(started)


print(f"   threads (threading.Thread + time.sleep): {measure(on_threads)}")
print(f"   asyncio tasks (TaskGroup.create_task + asyncio.sleep): "
      f"{measure(lambda: asyncio.run(on_tasks()))}")
# sys.getsizeof counts the object itself (a coroutine's, its frame too), not what it
# points to: the future and the timer asyncio.sleep makes come on top.
print(f"   each task is a Task of {sizes[0]} bytes running a coroutine of {sizes[1]} bytes; "
      f"each thread has its own stack")

print()
print("2. A task is not a thread; from here on the clock is paused: waits take no time")
# (except where a line says it runs threads: those take real time.)


async def thread_of_each(count, start):
    """Starts `count` tasks or calls with `start` and returns the threads they ran on."""
    return set(await asyncio.gather(*(start() for _ in range(count))))


async def current_thread():
    return threading.get_ident()


# Every task of one loop runs on the loop's thread: asyncio has no multi-thread runtime.
on_one = paused(thread_of_each(4, lambda: asyncio.create_task(current_thread())))
print(f"   asyncio.create_task, one event loop: 4 tasks ran on {len(on_one)} thread")


async def calls_on_a_pool():
    # What asyncio runs on other threads are plain functions, not tasks: to_thread hands
    # them to the loop's pool of threads (here of 2, as the Rust's 2 workers).
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=2))
    ids = await thread_of_each(8, lambda: asyncio.to_thread(threading.get_ident))
    return len(ids) <= 2 and threading.get_ident() not in ids


# Threads take real time: an ordinary loop, not the paused one.
print(f"   asyncio.to_thread, a pool of 2 threads: 8 calls ran on at most 2 threads, "
      f"none of them the loop's: {str(asyncio.run(calls_on_a_pool())).lower()}")


async def square_after(n):
    await asyncio.sleep((50 - 10 * n) / 1000)  # 40, 30, 20, 10 ms: the first waits longest
    return n * n


async def in_order_and_as_they_end():
    in_order = await asyncio.gather(*(square_after(n) for n in range(1, 5)))
    tasks = [asyncio.create_task(square_after(n)) for n in range(1, 5)]
    as_they_end = [await next_one for next_one in asyncio.as_completed(tasks)]
    return in_order, as_they_end


in_order, as_they_end = paused(in_order_and_as_they_end())
print(f"   asyncio.gather, in the order given: {in_order}")
print(f"   asyncio.as_completed, as they end: {as_they_end}")

print()
print("3. Blocking the event loop: a ticker ticks every 10 ms while a job waits 105 ms")


async def ticks_while(job, on_tick=lambda ticks: None):
    """Runs `job` beside a ticker that ticks every 10 ms; returns how many times it
    ticked while the job ran. The ticker calls `on_tick` with its count at each tick."""
    loop = asyncio.get_running_loop()
    ticks = 0

    async def ticker():
        nonlocal ticks
        start = loop.time()
        for k in itertools.count(1):
            # The k-th tick is due at start + k x 10 ms, however late the ones before
            # came (tokio's interval does the same): sleeping 10 ms after each tick
            # would drift, and on the paused clock ten sums of 0.01 make 0.0999...
            await asyncio.sleep(start + k * TICK - loop.time())
            ticks += 1
            on_tick(ticks)

    ticking = asyncio.create_task(ticker())
    await asyncio.sleep(0)  # let the ticker start
    await job()
    ticking.cancel()
    return ticks


ticks = paused(ticks_while(lambda: asyncio.sleep(JOB)))
# 105 ms, not 100: a tick due at the very moment the job ends could come before or after
# it, and asyncio's docs leave that order undefined ("If two callbacks are scheduled for
# exactly the same time, the order in which they are called is undefined").
print(f"   the job awaits asyncio.sleep: the ticker ticked {ticks} times meanwhile")


async def blocking_job():
    time.sleep(JOB)  # no await: the loop's one thread sleeps here


ticks = paused(ticks_while(blocking_job))
print(f"   the job calls time.sleep: the ticker ticked {ticks} times meanwhile")
print("   (one thread runs every task: while the job blocks it, nothing else runs)")

# The fix: asyncio.to_thread runs the blocking call on another thread, and the loop's
# thread runs the ticker meanwhile. On the real clock, how many ticks fit in the job's
# time depends on the machine: a loaded one can leave the loop's thread off the CPU for
# the whole 100 ms (seen here with CPU hogs). So the job here is a blocking wait that
# only the ticker can end: threading.Event.wait for the 3rd tick. Called on the loop's
# own thread it would wait out its 5 s in vain, for the ticker could not tick; on
# another thread it ends as soon as the loop has ticked 3 times.
third_tick = threading.Event()


async def job_on_a_thread():
    came.append(await asyncio.to_thread(third_tick.wait, 5.0))


def at_the_third(ticks):
    if ticks == 3:
        third_tick.set()


came = []
asyncio.run(ticks_while(job_on_a_thread, at_the_third))
print(f"   the job awaits asyncio.to_thread(a blocking wait for the 3rd tick): it came: "
      f"{str(came == [True]).lower()}")

print()
print("4. A threading.Lock held across an await stalls the loop (Rust refuses to compile it)")
lock = threading.Lock()
progress = []
second_waits = threading.Event()


def two_tasks_one_threading_lock():
    async def add(name):
        if name == "second":
            second_waits.set()
        with lock:  # a threading.Lock: if it is taken, the whole thread waits here
            progress.append(f"{name} holds the lock")
            await asyncio.sleep(0.010)  # still holding it: the other task runs now
        progress.append(f"{name} let go")

    async def both():
        await asyncio.gather(add("first"), add("second"))

    asyncio.run(both())


# On a thread of its own, with its own loop: it never ends, and the daemon thread does
# not keep the program from ending.
stuck = threading.Thread(target=two_tasks_one_threading_lock, daemon=True)
stuck.start()
second_waits.wait(timeout=30)  # from here the loop's thread is in lock.acquire(), or about to be
stuck.join(timeout=PATIENCE)
stalled = stuck.is_alive() and progress == ["first holds the lock"]
print(f"   the first task holds it across a 10 ms sleep, the second asks for it: "
      f"the loop stalled: {str(stalled).lower()}")
print(f"   (after {PATIENCE} s: the first task's sleep never ended, for the second blocks "
      f"the loop's thread; a deadlock)")


async def add_twice_with_a_scoped_threading_lock():
    """Two tasks add 1 to a counter behind a threading.Lock, each waiting 10 ms after.
    The lock is released before the await: a threading.Lock is fine in async code so."""
    counter, lock = 0, threading.Lock()

    async def add():
        nonlocal counter
        with lock:
            counter += 1
        # the lock is released here, before the await
        await asyncio.sleep(0.010)

    await asyncio.gather(add(), add())
    return counter


async def add_twice_holding_an_asyncio_lock():
    """The same with an asyncio.Lock held across the await: asking for it is itself an
    await, so a task that waits for it lets the others run (tokio::sync::Mutex)."""
    counter, lock = 0, asyncio.Lock()

    async def add():
        nonlocal counter
        async with lock:
            seen = counter
            await asyncio.sleep(0.010)  # still holding the lock
            counter = seen + 1

    await asyncio.gather(add(), add())
    return counter


scoped = paused(add_twice_with_a_scoped_threading_lock())
print(f"   threading.Lock, released before the await: counter = {scoped}")
held = paused(add_twice_holding_an_asyncio_lock())
print(f"   asyncio.Lock, held across the await: counter = {held}")

print()
print("5. Timeouts and cancellation")


async def cancel_a_job_after(patience, limit):
    """A job of three 10 ms steps, given `patience` by `limit`. Returns what the limit
    raised, the steps the job finished, and whether its `finally` ran."""
    steps, cleaned_up = [], []

    async def job():
        try:
            for step in range(1, 4):
                await asyncio.sleep(0.010)  # cancellation can only happen at an await
                steps.append(step)
        finally:
            cleaned_up.append(True)  # runs when the task is cancelled too

    try:
        await limit(job(), patience)
        result = "finished"
    except TimeoutError as error:  # asyncio.TimeoutError is TimeoutError since 3.11
        result = type(error).__name__
    return result, steps, cleaned_up == [True]


async def with_timeout(job, patience):
    async with asyncio.timeout(patience):
        await job


result, steps, cleaned_up = paused(cancel_a_job_after(0.025, with_timeout))
print(f"   asyncio.timeout(0.025) around a job of 3 steps of 10 ms: raised {result}")
print(f"   steps it finished: {steps}; its clean-up (finally) ran: {str(cleaned_up).lower()}")
result, steps, cleaned_up = paused(cancel_a_job_after(0.025, asyncio.wait_for))
print(f"   asyncio.wait_for(job, 0.025), the same job: raised {result}, steps {steps}, "
      f"clean-up ran: {str(cleaned_up).lower()}")


async def first_of_two():
    slow = asyncio.create_task(asyncio.sleep(0.100, "the 100 ms sleep"))
    fast = asyncio.create_task(asyncio.sleep(0.020, "the 20 ms sleep"))
    done, pending = await asyncio.wait({slow, fast}, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()  # asyncio.wait leaves the others running: cancel them
    await asyncio.gather(*pending, return_exceptions=True)  # let them finish cancelling
    (winner,) = done
    return winner.result(), all(task.cancelled() for task in pending)


winner, cancelled = paused(first_of_two())
print(f"   asyncio.wait(FIRST_COMPLETED) between a 100 ms and a 20 ms sleep: {winner} won, "
      f"the other was {'cancelled' if cancelled else 'left running'}")

print()
print("6. asyncio.Queue(maxsize=2): backpressure")


async def try_three():
    queue = asyncio.Queue(maxsize=2)
    tries = []
    for item in (1, 2, 3):
        try:
            queue.put_nowait(item)
            tries.append("queued")
        except asyncio.QueueFull:
            tries.append("full")
    return tries


print(f"   put_nowait 1, 2, 3 with nobody getting: {', '.join(paused(try_three()))}")

DONE = None  # the producer's last item: asyncio.Queue has no close before 3.13's shutdown


async def a_fast_producer_and_a_slow_consumer():
    queue = asyncio.Queue(maxsize=2)
    waited = 0

    async def producer():
        nonlocal waited
        for item in range(1, 6):
            if queue.full():
                waited += 1
            await queue.put(item)
        await queue.put(DONE)

    # The count is the same on every run, on any clock: one thread takes turns at the
    # awaits only. The consumer waits in get(); the producer puts 1 (which wakes the
    # consumer, but does not run it) and 2 without stopping, finds the queue full at 3,
    # and waits. Each get() then makes room for one more put before the consumer's 10 ms
    # sleep: the producer finds the queue full at 3, 4 and 5, as the Rust's sender does.
    producing = asyncio.create_task(producer())
    received = []
    while (item := await queue.get()) is not DONE:
        received.append(item)
        await asyncio.sleep(0.010)
    await producing
    return received, waited


received, waited = paused(a_fast_producer_and_a_slow_consumer())
print(f"   a producer of 5 items, a consumer taking one per 10 ms: received {received}")
print(f"   the producer waited for room {waited} times; await queue.put(...) is where it waits")
