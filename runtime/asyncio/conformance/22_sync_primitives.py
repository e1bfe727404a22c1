# Lock, Event, Semaphore, BoundedSemaphore, Condition and Barrier, in the order CPython wakes waiters.
# cpython: test_asyncio/test_locks.py::LockTests.test_lock
# cpython: test_asyncio/test_locks.py::LockTests.test_release_not_acquired
# cpython: test_asyncio/test_locks.py::EventTests.test_wait
# cpython: test_asyncio/test_locks.py::SemaphoreTests.test_semaphore
# cpython: test_asyncio/test_locks.py::ConditionTests.test_notify
# cpython: test_asyncio/test_locks.py::ConditionTests.test_notify_unacquired
# cpython: test_asyncio/test_locks.py::BarrierTests.test_barrier
import asyncio
from twin import t, err


async def locked_worker(lock, name):
    async with lock:
        print(name, 'has the lock', t())
        await asyncio.sleep(1)


async def waiter(event, name):
    print(name, 'waiting')
    await event.wait()
    print(name, 'released', t())


async def limited(sem, name):
    async with sem:
        print(name, 'in', t())
        await asyncio.sleep(1)


async def consumer(cond, items, name):
    async with cond:
        await cond.wait_for(lambda: len(items) > 0)
        print(name, 'consumed', items.pop(0), t())


async def at_barrier(barrier, name, delay):
    await asyncio.sleep(delay)
    index = await barrier.wait()
    print(name, 'passed barrier, index', index, t())


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(locked_worker(lock, f'L{i}') for i in range(3)))
    print('lock locked():', lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print('release:', err(e))

    event = asyncio.Event()
    ws = [asyncio.create_task(waiter(event, f'E{i}')) for i in range(2)]
    await asyncio.sleep(1)
    event.set()
    await asyncio.gather(*ws)
    print('is_set', event.is_set())

    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(limited(sem, f'S{i}') for i in range(5)))
    bsem = asyncio.BoundedSemaphore(1)
    try:
        bsem.release()
    except ValueError as e:
        print('bounded:', err(e))

    cond = asyncio.Condition()
    items = []
    cs = [asyncio.create_task(consumer(cond, items, f'C{i}')) for i in range(2)]
    for x in ('a', 'b'):
        await asyncio.sleep(1)
        async with cond:
            items.append(x)
            cond.notify()
    await asyncio.gather(*cs)
    try:
        cond.notify()
    except RuntimeError as e:
        print('notify:', err(e))

    barrier = asyncio.Barrier(3)
    await asyncio.gather(*(at_barrier(barrier, f'B{i}', i) for i in range(3)))
    print('barrier n_waiting', barrier.n_waiting, 'broken', barrier.broken)
