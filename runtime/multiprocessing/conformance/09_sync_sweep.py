# multiprocessing's Barrier, Condition and Event as _test_multiprocessing.py checks them. As in CPython's own
# tests of these primitives (which start threads beside the processes), the parties here are threads of the
# main process using the multiprocessing primitives, and processes where the test is about processes (barrier
# passes in lockstep, checked with a shared counter: CPython's test sends each pass through one Pipe end shared
# by the five processes, which this runtime cannot do (docs/process-model.md); 200 passes rather than 1000). Barrier: ten passes in lockstep, wait()'s
# indexes, the action run once per pass, abort then reset, the default timeout breaking it, one party.
# Condition: notify_all and notify(n) waking exactly that many, wait()'s result, wait_for with and without a
# timeout. Event: its repr.
# cpython: _test_multiprocessing.py::_TestBarrier.test_barrier_10 _test_multiprocessing.py::_TestBarrier.test_wait_return
# cpython: _test_multiprocessing.py::_TestBarrier.test_action _test_multiprocessing.py::_TestBarrier.test_abort_and_reset
# cpython: _test_multiprocessing.py::_TestBarrier.test_default_timeout _test_multiprocessing.py::_TestBarrier.test_single_thread
# cpython: _test_multiprocessing.py::_TestBarrier.test_thousand
# cpython: _test_multiprocessing.py::_TestCondition.test_notify_all _test_multiprocessing.py::_TestCondition.test_notify_n
# cpython: _test_multiprocessing.py::_TestCondition.test_wait_result _test_multiprocessing.py::_TestCondition.test_waitfor
# cpython: _test_multiprocessing.py::_TestCondition.test_waitfor_timeout _test_multiprocessing.py::_TestEvent.test_repr
import re
import threading
import time
import multiprocessing as mp

N = 5


def run_parties(n, target, *args):
    threads = [threading.Thread(target=target, args=args) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def thousand(barrier, passes, counter, queue):
    # In pass i every process counts once; nobody can count for pass i+1 before all have counted for pass i.
    ok = True
    for i in range(passes):
        barrier.wait()
        with counter.get_lock():
            counter.value += 1
            ok = ok and i * N < counter.value <= (i + 1) * N
    queue.put(ok)


if __name__ == '__main__':
    barrier = mp.Barrier(N, timeout=30.0)
    count = [0]
    count_lock = threading.Lock()
    ok = []

    def multipass():
        for i in range(10):
            with count_lock:
                count[0] += 1
            barrier.wait()
            ok.append(count[0] == (i + 1) * N)
            barrier.wait()
    run_parties(N, multipass)
    print('ten passes in lockstep:', all(ok), len(ok), barrier.n_waiting, barrier.broken)

    indexes = []
    run_parties(N, lambda: indexes.append(barrier.wait()))
    print('wait() indexes:', sorted(indexes))

    actions = []
    with_action = mp.Barrier(N, action=lambda: actions.append(True))
    seen = []

    def after_action():
        with_action.wait()
        seen.append(len(actions))
    run_parties(N, after_action)
    print('the action ran once before anyone left:', len(actions), seen)

    barrier2 = mp.Barrier(N)
    results1, results2, results3 = [], [], []

    def abort_and_reset():
        try:
            i = barrier.wait()
            if i == N // 2:
                raise RuntimeError
            barrier.wait()
            results1.append(True)
        except threading.BrokenBarrierError:
            results2.append(True)
        except RuntimeError:
            barrier.abort()
        if barrier2.wait() == N // 2:
            barrier.reset()
        barrier2.wait()
        barrier.wait()
        results3.append(True)
    run_parties(N, abort_and_reset)
    print('abort then reset:', len(results1), len(results2), len(results3), barrier.broken)

    timed = mp.Barrier(N, timeout=0.5)
    broken = []

    def default_timeout():
        i = timed.wait(30.0)
        if i == N // 2:
            time.sleep(1.0)
        try:
            timed.wait()
        except threading.BrokenBarrierError:
            broken.append(True)
    run_parties(N, default_timeout)
    print('the default timeout breaks it for every party:', len(broken), timed.broken)

    single = mp.Barrier(1)
    print('one party:', single.wait(), single.wait())

    passes = 200
    queue = mp.Queue()
    counter = mp.Value('i', 0)
    procs = [mp.Process(target=thousand, args=(barrier, passes, counter, queue)) for _ in range(N)]
    for p in procs:
        p.start()
    in_lockstep = all([queue.get() for _ in range(N)]) and counter.value == passes * N
    for p in procs:
        p.join()
    print('%d passes of %d processes in lockstep:' % (passes, N), in_lockstep)

    cond = mp.Condition()
    sleeping = mp.Semaphore(0)
    woken = mp.Semaphore(0)

    def sleeper():
        with cond:
            sleeping.release()
            cond.wait()
            woken.release()

    def woken_count():
        n = 0
        while woken.acquire(False):
            n += 1
        return n
    def settle(expected):
        # Waits (up to 10 s) for the expected wake-ups, then 0.1 s more for any extra one, as CPython's test's
        # assertReachesEventually does: no count depends on how fast a loaded machine runs the threads.
        got = woken_count()
        deadline = time.monotonic() + 10
        while got < expected and time.monotonic() < deadline:
            time.sleep(0.01)
            got += woken_count()
        time.sleep(0.1)
        return got + woken_count()

    threads = [threading.Thread(target=sleeper) for _ in range(6)]
    for t in threads:
        t.start()
    for _ in range(6):
        sleeping.acquire()
    counts = [settle(0)]
    with cond:
        cond.notify(n=2)
    counts.append(settle(2))
    with cond:
        cond.notify(n=4)
    counts.append(settle(4))
    with cond:
        cond.notify(n=3)
    counts.append(settle(0))
    for t in threads:
        t.join()
    print('notify(n): woken', counts)

    threads = [threading.Thread(target=sleeper) for _ in range(6)]
    for t in threads:
        t.start()
    for _ in range(6):
        sleeping.acquire()
    before = settle(0)
    with cond:
        cond.notify_all()
    for t in threads:
        t.join()
    print('notify_all: woken', before, woken_count())

    c = mp.Condition()
    with c:
        print('wait(0) and wait(0.1) with nobody notifying:', c.wait(0), c.wait(0.1))

        def notifier():
            time.sleep(0.1)
            with c:
                c.notify()
        threading.Thread(target=notifier).start()
        print('wait(60) notified:', c.wait(60))

    state = mp.Value('i', -1)
    log = []

    def waiter_for():
        with cond:
            state.value = 0
            cond.notify()
            result = cond.wait_for(lambda: state.value == 4)
            log.append((result, state.value))
    t = threading.Thread(target=waiter_for)
    t.start()
    with cond:
        log.append(cond.wait_for(lambda: state.value == 0))
    for _ in range(4):
        time.sleep(0.01)
        with cond:
            state.value += 1
            cond.notify()
    t.join()
    print('wait_for:', log)

    state.value = 0
    outcome = []

    def waiter_timeout():
        expected = 0.1
        dt = time.monotonic()
        with cond:
            result = cond.wait_for(lambda: state.value == 4, timeout=expected)
        dt = time.monotonic() - dt
        outcome.append((result, expected * 0.6 < dt < expected * 10))
    t = threading.Thread(target=waiter_timeout)
    t.start()
    for _ in range(3):
        time.sleep(0.01)
        with cond:
            state.value += 1
            cond.notify()
    t.join()
    print('wait_for with a timeout:', outcome)

    event = mp.Event()
    reprs = [re.sub(r' at 0x[0-9a-f]+', '', repr(event))]
    event.set()
    reprs.append(re.sub(r' at 0x[0-9a-f]+', '', repr(event)))
    event.clear()
    reprs.append(re.sub(r' at 0x[0-9a-f]+', '', repr(event)))
    print('event reprs:', reprs)
