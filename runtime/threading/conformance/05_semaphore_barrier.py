# Semaphore, BoundedSemaphore and Barrier as lock_tests.py checks them: constructor errors, contended acquire in
# phases (release() and release(n)), try-acquire, timeouts and their argument error, with, over-release, and the
# barrier's passes, wait() indexes, action, abort, reset, timeouts and single-party use.
# cpython: lock_tests.py::BaseSemaphoreTests.test_constructor lock_tests.py::BaseSemaphoreTests.test_acquire
# cpython: lock_tests.py::BaseSemaphoreTests.test_acquire_contended lock_tests.py::BaseSemaphoreTests.test_multirelease
# cpython: lock_tests.py::BaseSemaphoreTests.test_try_acquire lock_tests.py::BaseSemaphoreTests.test_try_acquire_contended
# cpython: lock_tests.py::BaseSemaphoreTests.test_acquire_timeout lock_tests.py::BaseSemaphoreTests.test_default_value
# cpython: lock_tests.py::BaseSemaphoreTests.test_with lock_tests.py::SemaphoreTests.test_release_unacquired
# cpython: lock_tests.py::BoundedSemaphoreTests.test_release_unacquired
# cpython: test_threading.py::ThreadTests.test_BoundedSemaphore_limit
# cpython: lock_tests.py::BarrierTests.test_barrier lock_tests.py::BarrierTests.test_barrier_10
# cpython: lock_tests.py::BarrierTests.test_wait_return lock_tests.py::BarrierTests.test_action
# cpython: lock_tests.py::BarrierTests.test_abort lock_tests.py::BarrierTests.test_reset
# cpython: lock_tests.py::BarrierTests.test_abort_and_reset lock_tests.py::BarrierTests.test_timeout
# cpython: lock_tests.py::BarrierTests.test_default_timeout lock_tests.py::BarrierTests.test_single_thread
import threading
import time
from twin import err


def start_join(threads):
    for x in threads:
        x.start()
    for x in threads:
        x.join()


def main():
    for kind in (threading.Semaphore, threading.BoundedSemaphore):
        try:
            kind(-1)
        except ValueError as e:
            print(kind.__name__, '(-1):', err(e))
    sem = threading.Semaphore(7)
    sem.acquire()
    results1, results2 = [], []
    phase = [0]

    def func():
        sem.acquire()
        results1.append(phase[0])
        sem.acquire()
        results2.append(phase[0])
    threads = [threading.Thread(target=func) for _ in range(10)]
    for x in threads:
        x.start()
    time.sleep(0.1)
    print('phase 0:', sorted(results1 + results2))
    phase[0] = 1
    for _ in range(7):
        sem.release()
    time.sleep(0.1)
    print('phase 1 (7 releases):', sorted(results1 + results2))
    phase[0] = 2
    sem.release(6)
    time.sleep(0.1)
    print('phase 2 (release(6)):', sorted(results1 + results2), 'still locked:', not sem.acquire(False))
    sem.release()
    for x in threads:
        x.join()

    sem = threading.Semaphore(2)
    print('try acquire:', sem.acquire(False), sem.acquire(False), sem.acquire(False), end=' ')
    sem.release()
    print(sem.acquire(False))
    sem = threading.Semaphore(4)
    sem.acquire()
    results = []

    def f():
        results.append(sem.acquire(False))
        results.append(sem.acquire(False))
    start_join([threading.Thread(target=f) for _ in range(5)])
    print('contended try acquire:', sorted(results))

    sem = threading.Semaphore(2)
    try:
        sem.acquire(False, timeout=1.0)
    except ValueError as e:
        print('acquire(False, timeout=1.0):', err(e))
    print('timed acquires:', sem.acquire(timeout=0.005), sem.acquire(timeout=0.005), sem.acquire(timeout=0.005), end=' ')
    sem.release()
    t1 = time.monotonic()
    print(sem.acquire(timeout=0.005), sem.acquire(timeout=0.5), round(time.monotonic() - t1, 1))

    sem = threading.Semaphore(2)
    inner = []

    def _with(error=None):
        with sem:
            inner.append(sem.acquire(False))
            sem.release()
            with sem:
                inner.append(sem.acquire(False))
                if error:
                    raise error
    _with()
    try:
        _with(TypeError('boom'))
    except TypeError as e:
        print('with:', inner, err(e), 'free again:', sem.acquire(False))

    s = threading.Semaphore(1)
    s.release()
    print('Semaphore over-release is fine:', s.acquire(False), s.acquire(False), s.acquire(False))
    b = threading.BoundedSemaphore(1)
    try:
        b.release()
    except ValueError as e:
        print('BoundedSemaphore over-release:', err(e))
    b2 = threading.BoundedSemaphore(3)
    b2.acquire()
    b2.release()
    try:
        b2.release()
    except ValueError as e:
        print('BoundedSemaphore(3) limit:', err(e))

    N = 5
    for passes in (1, 10):
        barrier = threading.Barrier(N)
        r0, r1 = [], []

        def multipass():
            for i in range(passes):
                r0.append(True)
                barrier.wait()
                r1.append(True)
                barrier.wait()
        start_join([threading.Thread(target=multipass) for _ in range(N)])
        print('barrier passes', passes, ':', len(r0), len(r1), barrier.n_waiting, barrier.broken)

    barrier = threading.Barrier(N)
    idx = []
    start_join([threading.Thread(target=lambda: idx.append(barrier.wait())) for _ in range(N)])
    print('wait() indexes:', sorted(idx))

    acted = []
    barrier = threading.Barrier(N, action=lambda: acted.append(True))
    start_join([threading.Thread(target=barrier.wait) for _ in range(N)])
    print('action ran', len(acted), 'time(s)')

    barrier = threading.Barrier(N)
    res1, res2 = [], []

    def aborter():
        try:
            i = barrier.wait()
            if i == N // 2:
                raise RuntimeError
            barrier.wait()
            res1.append(True)
        except threading.BrokenBarrierError:
            res2.append(True)
        except RuntimeError:
            barrier.abort()
    start_join([threading.Thread(target=aborter) for _ in range(N)])
    print('abort:', len(res1), len(res2), barrier.broken)

    barrier = threading.Barrier(N)
    res1, res2, res3 = [], [], []

    def resetter():
        i = barrier.wait()
        if i == N // 2:
            while barrier.n_waiting < N - 1:
                time.sleep(0.001)
            barrier.reset()
        else:
            try:
                barrier.wait()
                res1.append(True)
            except threading.BrokenBarrierError:
                res2.append(True)
        barrier.wait()
        res3.append(True)
    start_join([threading.Thread(target=resetter) for _ in range(N)])
    print('reset:', len(res1), len(res2), len(res3), barrier.broken)

    barrier = threading.Barrier(N)
    barrier2 = threading.Barrier(N)
    res1, res2, res3 = [], [], []

    def abort_reset():
        try:
            i = barrier.wait()
            if i == N // 2:
                raise RuntimeError
            barrier.wait()
            res1.append(True)
        except threading.BrokenBarrierError:
            res2.append(True)
        except RuntimeError:
            barrier.abort()
        if barrier2.wait() == N // 2:
            barrier.reset()
        barrier2.wait()
        barrier.wait()
        res3.append(True)
    start_join([threading.Thread(target=abort_reset) for _ in range(N)])
    print('abort and reset:', len(res1), len(res2), len(res3))

    barrier = threading.Barrier(N)
    broken = []
    t0 = time.monotonic()

    def late():
        i = barrier.wait()
        if i == N // 2:
            time.sleep(0.5)
        try:
            barrier.wait(0.2)
        except threading.BrokenBarrierError:
            broken.append(True)
    start_join([threading.Thread(target=late) for _ in range(N)])
    print('timeout breaks it for all:', len(broken), barrier.broken, 'after', round(time.monotonic() - t0, 1))

    barrier = threading.Barrier(N, timeout=0.3)
    broken = []
    t0 = time.monotonic()

    def late_default():
        i = barrier.wait()
        if i == N // 2:
            time.sleep(0.5)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            broken.append(True)
    start_join([threading.Thread(target=late_default) for _ in range(N)])
    print('default timeout breaks it:', len(broken), 'after', round(time.monotonic() - t0, 1))

    b = threading.Barrier(1)
    print('single party:', b.wait(), b.wait())
