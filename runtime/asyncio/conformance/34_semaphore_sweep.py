# asyncio.Semaphore and BoundedSemaphore as test_locks.py checks them turn by turn: locked() at zero, the value
# error, acquires racing releases, cancelled waiters that pass their turn on (before being woken, or while
# waking) so nobody hangs, FIFO order (also for a task that releases and re-acquires at once), over-release.
# cpython: test_asyncio/test_locks.py::SemaphoreTests.test_initial_value_zero
# cpython: test_asyncio/test_locks.py::SemaphoreTests.test_semaphore_value test_asyncio/test_locks.py::SemaphoreTests.test_acquire
# cpython: test_asyncio/test_locks.py::SemaphoreTests.test_acquire_cancel test_asyncio/test_locks.py::SemaphoreTests.test_acquire_hang
# cpython: test_asyncio/test_locks.py::SemaphoreTests.test_acquire_no_hang test_asyncio/test_locks.py::SemaphoreTests.test_release_not_acquired
# cpython: test_asyncio/test_locks.py::SemaphoreTests.test_release_no_waiters test_asyncio/test_locks.py::SemaphoreTests.test_acquire_fifo_order
# cpython: test_asyncio/test_locks.py::SemaphoreTests.test_acquire_fifo_order_2 test_asyncio/test_locks.py::SemaphoreTests.test_acquire_fifo_order_3
import asyncio
from twin import t, err


async def main():
    print('Semaphore(0) locked:', asyncio.Semaphore(0).locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print('Semaphore(-1):', err(e))

    sem = asyncio.Semaphore(3)
    result = []
    print('two acquires:', await sem.acquire(), await sem.acquire(), 'locked', sem.locked())

    async def c(n):
        await sem.acquire()
        result.append(n)
        return True
    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    t3 = asyncio.create_task(c(3))
    await asyncio.sleep(0)
    print('one more got in:', result, 'locked', sem.locked())
    t4 = asyncio.create_task(c(4))
    sem.release()
    sem.release()
    await asyncio.sleep(0)
    print('after two releases:', len(result), 'locked', sem.locked(), 't1 done', t1.done(),
          'racers done', sum(x.done() for x in (t2, t3, t4)))
    sem.release()
    await asyncio.gather(t2, t3, t4)
    print('all in:', sorted(result))

    sem = asyncio.Semaphore()
    await sem.acquire()
    acq = asyncio.create_task(sem.acquire())
    asyncio.get_running_loop().call_soon(acq.cancel)
    try:
        await acq
    except asyncio.CancelledError:
        print('cancelled acquire: CancelledError, locked', sem.locked())

    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('no hang: locked', sem.locked(), 't2 done', t2.done())

    sem = asyncio.Semaphore(1)

    async def n1():
        async with sem:
            await asyncio.sleep(0)
        k2.cancel()

    async def n2():
        async with sem:
            print('never here')
    k1 = asyncio.create_task(n1())
    k2 = asyncio.create_task(n2())
    r1, r2 = await asyncio.gather(k1, k2, return_exceptions=True)
    print('cancel while handing over:', r1, type(r2).__name__, end=' ')
    await asyncio.wait_for(sem.acquire(), timeout=1.0)
    print('and the semaphore is still usable')

    try:
        asyncio.BoundedSemaphore().release()
    except ValueError as e:
        print('BoundedSemaphore over-release:', err(e))
    sem = asyncio.Semaphore()
    await sem.acquire()
    print('release without waiters:', sem.locked(), end=' ')
    sem.release()
    print(sem.locked())

    sem = asyncio.Semaphore(1)
    result = []

    async def coro(tag):
        await sem.acquire()
        result.append(f'{tag}_1')
        await asyncio.sleep(0.01)
        sem.release()
        await sem.acquire()
        result.append(f'{tag}_2')
        await asyncio.sleep(0.01)
        sem.release()
    async with asyncio.TaskGroup() as tg:
        for tag in ('c1', 'c2', 'c3'):
            tg.create_task(coro(tag))
    print('FIFO:', result)

    sem = asyncio.Semaphore(1)
    result = []

    async def f1():
        await sem.acquire()
        result.append(1)
        return True

    async def f2():
        await sem.acquire()
        result.append(2)
        sem.release()
        await sem.acquire()
        result.append(4)
        return True

    async def f3():
        await sem.acquire()
        result.append(3)
        return True
    tasks = [asyncio.create_task(f()) for f in (f1, f2, f3)]
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    await asyncio.gather(*tasks)
    print('FIFO with a re-acquire:', result)

    sem = asyncio.Semaphore(0)
    result = []

    async def g(n):
        await sem.acquire()
        result.append(n)
        return True
    tasks = [asyncio.create_task(g(n)) for n in (1, 2, 3)]
    await asyncio.sleep(0)
    tasks[0].cancel()
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    await asyncio.gather(*tasks, return_exceptions=True)
    print('FIFO after a cancelled waiter:', result, t())
