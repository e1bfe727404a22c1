# asyncio.Condition as test_locks.py checks it turn by turn: notify(1), notify(2), notify_all() waking waiters one
# at a time as the lock frees, a cancelled wait that still re-acquires the lock (also when contested, or
# cancelled after a notify), wait/wait_for without the lock, wait_for's predicate.
# cpython: test_asyncio/test_locks.py::ConditionTests.test_wait test_asyncio/test_locks.py::ConditionTests.test_wait_cancel_contested
# cpython: test_asyncio/test_locks.py::ConditionTests.test_wait_cancel_after_notify test_asyncio/test_locks.py::ConditionTests.test_wait_unacquired
# cpython: test_asyncio/test_locks.py::ConditionTests.test_wait_for test_asyncio/test_locks.py::ConditionTests.test_wait_for_unacquired
# cpython: test_asyncio/test_locks.py::ConditionTests.test_notify_all
import asyncio
from twin import err


async def main():
    cond = asyncio.Condition()
    result = []

    async def c(n):
        await cond.acquire()
        if await cond.wait():
            result.append(n)
        return True
    tasks = [asyncio.create_task(c(n)) for n in (1, 2, 3)]
    await asyncio.sleep(0)
    print('waiting:', result, 'locked', cond.locked())
    print('acquire', await cond.acquire())
    cond.notify()
    await asyncio.sleep(0)
    print('notified, lock still held:', result, cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print('released:', result, cond.locked())
    cond.notify(2)
    await asyncio.sleep(0)
    print('notify(2) by the holder:', result, cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print('released:', result, cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print('released:', result, cond.locked(), [x.done() and x.result() for x in tasks])
    cond.release()

    cond = asyncio.Condition()
    await cond.acquire()
    wait_task = asyncio.create_task(cond.wait())
    await asyncio.sleep(0)
    print('waiting released the lock:', not cond.locked())
    await cond.acquire()
    cond.notify()
    asyncio.get_running_loop().call_soon(wait_task.cancel)
    asyncio.get_running_loop().call_soon(cond.release)
    try:
        await wait_task
    except asyncio.CancelledError:
        print('contested cancelled wait: CancelledError')
    print('and it holds the lock again:', cond.locked())
    cond.release()

    waited = []
    cond = asyncio.Condition()

    async def wait_on_cond():
        async with cond:
            waited.append(True)
            await cond.wait()
    waiter = asyncio.create_task(wait_on_cond())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.sleep(0)
    cond.release()
    await asyncio.sleep(0)
    print('cancelled after notify: cancelled', waiter.cancelled(), 'reached wait', waited, 'locked', cond.locked())

    cond = asyncio.Condition()
    try:
        await cond.wait()
    except RuntimeError as e:
        print('wait without the lock:', err(e))
    print('wait_for a true predicate without the lock:', await cond.wait_for(lambda: [1, 2, 3]))
    try:
        await cond.wait_for(lambda: False)
    except RuntimeError as e:
        print('wait_for a false predicate without the lock:', err(e))

    cond = asyncio.Condition()
    presult = [False]
    result = []

    async def w():
        await cond.acquire()
        if await cond.wait_for(lambda: presult[0]):
            result.append(1)
            cond.release()
        return True
    task = asyncio.create_task(w())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    cond.release()
    await asyncio.sleep(0)
    print('notified, predicate false:', result)
    presult[0] = True
    await cond.acquire()
    cond.notify()
    cond.release()
    await asyncio.sleep(0)
    print('notified, predicate true:', result, task.done(), task.result())

    cond = asyncio.Condition()
    result = []

    async def c2(n):
        await cond.acquire()
        if await cond.wait():
            result.append(n)
            cond.release()
        return True
    tasks = [asyncio.create_task(c2(n)) for n in (1, 2)]
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify_all()
    cond.release()
    await asyncio.sleep(0)
    print('notify_all:', result, [x.done() for x in tasks])
