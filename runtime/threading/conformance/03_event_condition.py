# Event and Condition as lock_tests.py checks them: waiters released by set() and notify(n)/notify_all() in
# phases, timeouts, wait_for with and without a timeout, errors on an un-acquired condition, and Event.wait()
# returning whether it was notified (set(); clear() at once still releases the blocked waiters with True).
# cpython: lock_tests.py::EventTests.test_is_set lock_tests.py::EventTests.test_notify
# cpython: lock_tests.py::EventTests.test_timeout lock_tests.py::EventTests.test_set_and_clear
# cpython: lock_tests.py::EventTests.test_repr
# cpython: lock_tests.py::ConditionTests.test_acquire lock_tests.py::ConditionTests.test_unacquired_wait
# cpython: lock_tests.py::ConditionTests.test_unacquired_notify lock_tests.py::ConditionTests.test_notify
# cpython: lock_tests.py::ConditionTests.test_timeout lock_tests.py::ConditionTests.test_waitfor
# cpython: lock_tests.py::ConditionTests.test_waitfor_timeout
import re
import threading
import time
from twin import t, err


def r(obj):
    return re.sub(r' at 0x[0-9a-f]+', '', repr(obj))


def main():
    evt = threading.Event()
    print('is_set:', evt.is_set(), end=' ')
    evt.set()
    evt.set()
    print(evt.is_set(), end=' ')
    evt.clear()
    evt.clear()
    print(evt.is_set())
    print('repr:', r(evt), end=' ')
    evt.set()
    print(r(evt))
    evt.clear()

    for round_ in (1, 2):
        results1, results2 = [], []

        def f():
            results1.append(evt.wait())
            results2.append(evt.wait())
        threads = [threading.Thread(target=f) for _ in range(5)]
        for x in threads:
            x.start()
        time.sleep(0.1)
        print('round', round_, 'before set:', results1)
        evt.set()
        for x in threads:
            x.join()
        print('round', round_, 'after set:', results1, results2)
        evt.set()
        evt.clear()

    results1, results2 = [], []

    def g():
        results1.append(evt.wait(0.0))
        t1 = time.monotonic()
        res = evt.wait(0.5)
        results2.append((res, round(time.monotonic() - t1, 1)))
    threads = [threading.Thread(target=g) for _ in range(5)]
    for x in threads:
        x.start()
    for x in threads:
        x.join()
    print('timeouts on an unset event:', results1, results2)
    evt.set()
    results1, results2 = [], []
    threads = [threading.Thread(target=g) for _ in range(5)]
    for x in threads:
        x.start()
    for x in threads:
        x.join()
    print('timeouts on a set event:', results1, results2)

    event = threading.Event()
    results = []
    threads = [threading.Thread(target=lambda: results.append(event.wait(5))) for _ in range(5)]
    for x in threads:
        x.start()
    time.sleep(0.1)
    event.set()
    event.clear()
    for x in threads:
        x.join()
    print('set(); clear() at once: waiters got', results, 'at', t())

    cond = threading.Condition()
    cond.acquire()
    cond.acquire()
    cond.release()
    cond.release()
    lock = threading.Lock()
    cond = threading.Condition(lock)
    cond.acquire()
    print('condition holds its lock:', not lock.acquire(False), end=' ')
    cond.release()
    print(lock.acquire(False), cond.acquire(False))
    lock.release()
    for call in (cond.wait, cond.notify, cond.notify_all):
        try:
            call()
        except RuntimeError as e:
            print(call.__name__, 'un-acquired:', err(e))

    cond = threading.Condition()
    ready, results1, results2 = [], [], []
    phase = [0]

    def w():
        cond.acquire()
        ready.append(phase[0])
        result = cond.wait()
        cond.release()
        results1.append((result, phase[0]))
        cond.acquire()
        ready.append(phase[0])
        result = cond.wait()
        cond.release()
        results2.append((result, phase[0]))
    threads = [threading.Thread(target=w) for _ in range(5)]
    for x in threads:
        x.start()
    time.sleep(0.1)
    cond.acquire()
    cond.notify(3)
    time.sleep(0.1)
    phase[0] = 1
    cond.release()
    time.sleep(0.1)
    print('notify(3):', results1, results2)
    cond.acquire()
    cond.notify(5)
    time.sleep(0.1)
    phase[0] = 2
    cond.release()
    time.sleep(0.1)
    print('notify(5):', results1, results2)
    cond.acquire()
    cond.notify_all()
    time.sleep(0.1)
    phase[0] = 3
    cond.release()
    for x in threads:
        x.join()
    print('notify_all():', results1, results2)

    results = []

    def timed():
        with cond:
            t1 = time.monotonic()
            res = cond.wait(0.5)
            results.append((round(time.monotonic() - t1, 1), res))
    threads = [threading.Thread(target=timed) for _ in range(5)]
    for x in threads:
        x.start()
    for x in threads:
        x.join()
    print('cond.wait(0.5) timeouts:', results)

    state = [0]
    got = []

    def waiter():
        with cond:
            got.append(cond.wait_for(lambda: state[0] == 4))
            got.append(state[0])
    th = threading.Thread(target=waiter)
    th.start()
    for _ in range(4):
        time.sleep(0.025)
        with cond:
            state[0] += 1
            cond.notify()
    th.join()
    print('wait_for:', got)

    state[0] = 0
    got = []

    def waiter_timeout():
        with cond:
            t1 = time.monotonic()
            got.append(cond.wait_for(lambda: state[0] == 4, timeout=0.1))
            got.append(round(time.monotonic() - t1, 1))
    th = threading.Thread(target=waiter_timeout)
    th.start()
    for _ in range(3):
        time.sleep(0.02)
        with cond:
            state[0] += 1
            cond.notify()
    th.join()
    print('wait_for with timeout:', got)
