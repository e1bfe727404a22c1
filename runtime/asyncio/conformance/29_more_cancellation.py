# wait_for returns the value of work that swallowed its cancellation (3.11); a cancelled Condition.wait()
# re-acquires the lock before raising; a cancelled put() on a full queue lets the next putter in; nested
# timeouts: the inner one that expired raises TimeoutError; Barrier.abort() breaks waiters.
# cpython: test_asyncio/test_locks.py::ConditionTests.test_wait_cancel
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_nested_timeouts
# cpython: test_asyncio/test_locks.py::BarrierTests.test_abort_barrier
import asyncio
from twin import t, err


async def swallower():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print('swallower: cancelled at', t(), 'but returns anyway')
    return 'kept'


async def main():
    print('wait_for ->', await asyncio.wait_for(swallower(), 1), t())

    cond = asyncio.Condition()

    async def waiter():
        async with cond:
            try:
                await cond.wait()
            except asyncio.CancelledError:
                print('waiter: cancelled, holds the lock again:', cond.locked(), t())
                raise
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.5)
    async with cond:
        w.cancel()
        await asyncio.sleep(0.5)
        print('main still holds the lock; waiter done:', w.done(), t())
    await asyncio.gather(w, return_exceptions=True)
    print('waiter cancelled:', w.cancelled(), 'lock free:', not cond.locked())

    q = asyncio.Queue(1)
    q.put_nowait('first')

    async def putter(item):
        await q.put(item)
        print('put', item, 'at', t())
    p1 = asyncio.create_task(putter('p1'))
    p2 = asyncio.create_task(putter('p2'))
    await asyncio.sleep(0.5)
    p1.cancel()
    print('got', await q.get(), t())
    await asyncio.gather(p1, p2, return_exceptions=True)
    print('p1 cancelled:', p1.cancelled(), 'queue holds', q.get_nowait())

    try:
        async with asyncio.timeout(10):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(5)
            except TimeoutError:
                print('inner timeout at', t(), 'cancelling()', asyncio.current_task().cancelling())
            await asyncio.sleep(0.5)
            print('outer block goes on at', t())
    except TimeoutError:
        print('outer timeout (wrong)')

    barrier = asyncio.Barrier(3)

    async def party(name):
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError as e:
            print(name, err(e), t())
    parties = [asyncio.create_task(party(f'P{i}')) for i in range(2)]
    await asyncio.sleep(1)
    await barrier.abort()
    await asyncio.gather(*parties)
    print('broken:', barrier.broken)
