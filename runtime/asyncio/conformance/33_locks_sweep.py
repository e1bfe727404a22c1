# asyncio.Lock and asyncio.Event as test_locks.py checks them, step by step (each sleep(0) is one loop turn):
# FIFO acquire order, a cancelled acquire, cancel/release races that neither deadlock nor skip a waiter, a waiter
# cancelled after being handed the lock, async with, and Event waiters woken in the order the loop runs them.
# cpython: test_asyncio/test_locks.py::LockTests.test_acquire test_asyncio/test_locks.py::LockTests.test_acquire_cancel
# cpython: test_asyncio/test_locks.py::LockTests.test_cancel_race test_asyncio/test_locks.py::LockTests.test_cancel_release_race
# cpython: test_asyncio/test_locks.py::LockTests.test_finished_waiter_cancelled
# cpython: test_asyncio/test_locks.py::LockTests.test_release_no_waiters test_asyncio/test_locks.py::LockTests.test_context_manager
# cpython: test_asyncio/test_locks.py::EventTests.test_wait_on_set test_asyncio/test_locks.py::EventTests.test_wait_cancel
# cpython: test_asyncio/test_locks.py::EventTests.test_clear test_asyncio/test_locks.py::EventTests.test_clear_with_waiters
# cpython: test_asyncio/test_pep492.py::LockTests.test_context_manager_async_with
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    result = []
    print('acquire', await lock.acquire())

    async def c(n):
        if await lock.acquire():
            result.append(n)
        return True
    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    print('step 1', result)
    lock.release()
    await asyncio.sleep(0)
    print('step 2', result)
    await asyncio.sleep(0)
    print('step 3', result)
    t3 = asyncio.create_task(c(3))
    lock.release()
    await asyncio.sleep(0)
    print('step 4', result)
    lock.release()
    await asyncio.sleep(0)
    print('step 5', result, [x.done() and x.result() for x in (t1, t2, t3)])
    lock.release()

    lock = asyncio.Lock()
    await lock.acquire()
    task = asyncio.create_task(lock.acquire())
    loop.call_soon(task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        print('cancelled acquire: CancelledError, lock still locked', lock.locked())
    lock.release()

    lock = asyncio.Lock()

    async def lockit(blocker):
        await lock.acquire()
        try:
            if blocker is not None:
                await blocker
        finally:
            lock.release()
    fa = loop.create_future()
    ta = asyncio.create_task(lockit(fa))
    await asyncio.sleep(0)
    print('A holds it:', lock.locked())
    tb = asyncio.create_task(lockit(None))
    await asyncio.sleep(0)
    tc = asyncio.create_task(lockit(None))
    await asyncio.sleep(0)
    fa.set_result(None)
    tb.cancel()
    await asyncio.sleep(0)
    print('cancel race: locked', lock.locked(), 'A done', ta.done(), 'B cancelled', tb.cancelled())
    await tc
    print('C got it after all')

    lock = asyncio.Lock()
    counts = {'lock': 0, 'call': 0}

    async def lockit2():
        counts['call'] += 1
        await lock.acquire()
        counts['lock'] += 1
    await lock.acquire()
    t1 = asyncio.create_task(lockit2())
    t2 = asyncio.create_task(lockit2())
    t3 = asyncio.create_task(lockit2())
    await asyncio.sleep(0)

    def trigger():
        t1.cancel()
        lock.release()
    loop.call_soon(trigger)
    try:
        await t1
    except asyncio.CancelledError:
        print('cancel-release race:', counts, 't1 cancelled', t1.cancelled(), 't2 done', t2.done())
    t3.cancel()
    await asyncio.sleep(0)
    print('t3 cancelled', t3.cancelled())

    lock = asyncio.Lock()
    await lock.acquire()
    tb = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    tc = asyncio.create_task(lock.acquire())
    tb.cancel()
    lock.release()
    await asyncio.sleep(0)
    print('handed-over waiter cancelled: locked', lock.locked(), 'B cancelled', tb.cancelled())
    await tc
    print('C has it', lock.locked())
    lock.release()

    lock = asyncio.Lock()
    await lock.acquire()
    print('release without waiters:', lock.locked(), end=' ')
    lock.release()
    print(lock.locked())
    async with lock:
        print('async with: locked', lock.locked())
    print('after: locked', lock.locked())

    ev = asyncio.Event()
    result = []

    async def w(n):
        if await ev.wait():
            result.append(n)
    e1 = asyncio.create_task(w(1))
    e2 = asyncio.create_task(w(2))
    await asyncio.sleep(0)
    print('event before set', result)
    e3 = asyncio.create_task(w(3))
    ev.set()
    await asyncio.sleep(0)
    print('event woken in loop order', result, [x.done() for x in (e1, e2, e3)])
    ev2 = asyncio.Event()
    ev2.set()
    print('wait on a set event', await ev2.wait())
    ev3 = asyncio.Event()
    wait = asyncio.create_task(ev3.wait())
    loop.call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        print('cancelled wait: CancelledError')
    ev3.set()
    ev3.clear()
    print('clear', ev3.is_set())

    ev = asyncio.Event()
    result = []

    async def c1():
        if await ev.wait():
            result.append(1)
        return True
    t = asyncio.create_task(c1())
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    print('set(); clear(): is_set', ev.is_set(), end=' ')
    ev.set()
    ev.set()
    await asyncio.sleep(0)
    print('waiter ran', result, t.done(), t.result())
