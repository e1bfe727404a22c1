# Lock and RLock as lock_tests.py checks them: try-acquire, contention, with, timeouts and their argument errors,
# a Lock released by another thread, an RLock's owner rule, and the state after a timed-out acquire.
# cpython: lock_tests.py::BaseLockTests.test_constructor lock_tests.py::BaseLockTests.test_acquire_release
# cpython: lock_tests.py::BaseLockTests.test_try_acquire lock_tests.py::BaseLockTests.test_try_acquire_contended
# cpython: lock_tests.py::BaseLockTests.test_acquire_contended lock_tests.py::BaseLockTests.test_with
# cpython: lock_tests.py::BaseLockTests.test_timeout lock_tests.py::LockTests.test_reacquire
# cpython: lock_tests.py::LockTests.test_different_thread lock_tests.py::LockTests.test_state_after_timeout
# cpython: lock_tests.py::RLockTests.test_reacquire lock_tests.py::RLockTests.test_release_unacquired
# cpython: lock_tests.py::RLockTests.test_different_thread
# cpython: test_threading.py::ThreadingExceptionTests.test_releasing_unacquired_lock
import threading
import time
from twin import t, err


def main():
    for name, kind in (('Lock', threading.Lock), ('RLock', threading.RLock)):
        lock = kind()
        print(name, 'try acquire:', lock.acquire(False))
        res = []
        th = threading.Thread(target=lambda: res.append(lock.acquire(False)))
        th.start()
        th.join()
        print(name, 'contended try acquire from another thread:', res[0])
        lock.release()

        lock.acquire()
        finished = []

        def f():
            lock.acquire()
            finished.append(t())
            lock.release()
        threads = [threading.Thread(target=f) for _ in range(5)]
        for x in threads:
            x.start()
        time.sleep(0.5)
        print(name, 'blocked threads finished before release:', len(finished))
        lock.release()
        for x in threads:
            x.join()
        print(name, 'after release all finished at', sorted(set(finished)))

        with lock:
            pass
        try:
            with lock:
                raise TypeError('in with')
        except TypeError as e:
            print(name, 'with re-raises', err(e))
        print(name, 'free after with:', lock.acquire(False))
        lock.release()

        for args, kw in (((False,), {'timeout': 1}), ((), {'timeout': -100}), ((), {'timeout': 1e100})):
            try:
                lock.acquire(*args, **kw)
                print(name, 'acquire', args, kw, 'ok')
                lock.release()
            except (ValueError, OverflowError) as e:
                print(name, 'acquire', args, kw, '->', err(e))
        print(name, 'acquire(timeout=TIMEOUT_MAX):', lock.acquire(timeout=threading.TIMEOUT_MAX))
        lock.release()

        lock.acquire()
        out = []

        def timed():
            t1 = time.monotonic()
            out.append(lock.acquire(timeout=0.5))
            out.append(round(time.monotonic() - t1, 1))
            out.append(lock.acquire(timeout=0))
        th = threading.Thread(target=timed)
        th.start()
        th.join()
        print(name, 'timed acquire on a held lock:', out)
        lock.release()

    lock = threading.Lock()
    phase = []

    def reacquire():
        lock.acquire()
        phase.append(None)
        lock.acquire()
        phase.append(None)
    lock.acquire()
    th = threading.Thread(target=reacquire)
    th.start()
    time.sleep(0.2)
    print('Lock: thread blocked, phase', len(phase))
    lock.release()
    time.sleep(0.2)
    print('Lock: thread got it, blocks on its own second acquire, phase', len(phase))
    lock.release()
    th.join()
    print('Lock: released by another thread, phase', len(phase))
    lock.release()

    lock = threading.Lock()
    lock.acquire()
    th = threading.Thread(target=lock.release)
    th.start()
    th.join()
    print('Lock released by a thread that did not acquire it; locked:', lock.locked())

    lock = threading.Lock()
    th = threading.Thread(target=lambda: lock.acquire(timeout=0.1))
    lock.acquire()
    th.start()
    th.join()
    lock.release()
    print('Lock after another thread timed out on it: locked', lock.locked())

    r = threading.RLock()
    r.acquire()
    r.acquire()
    r.release()
    r.acquire()
    r.release()
    r.release()
    try:
        r.release()
    except RuntimeError as e:
        print('RLock release unacquired:', err(e))
    r.acquire()
    errs = []

    def other():
        try:
            r.release()
        except RuntimeError as e:
            errs.append(err(e))
    th = threading.Thread(target=other)
    th.start()
    th.join()
    print('RLock released by another thread:', errs)
    r.release()
    try:
        threading.Lock().release()
    except RuntimeError as e:
        print('Lock release unacquired:', err(e))
