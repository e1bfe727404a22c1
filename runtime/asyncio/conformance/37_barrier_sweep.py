# asyncio.Barrier as test_locks.py's BarrierTests check it: its repr through the states (filling, draining,
# resetting, broken), parties validation, `async with barrier as i` giving wait()'s index, one-party barriers,
# filling task by task, waiting twice, tasks arriving while it drains, a waiter cancelled, reset and abort at
# every point of a round (waiting, half draining, half blocking), and abort-then-reset making it usable again.
# cpython: test_asyncio/test_locks.py::BarrierTests.*
import asyncio
import re
from twin import err

N = 5


def r(b):
    return re.sub(r' at 0x[0-9a-f]+', '', repr(b))


async def gather_tasks(n, coro):
    tasks = [asyncio.create_task(coro()) for _ in range(n)]
    return await asyncio.gather(*tasks)


def state(label, b):
    print(label, 'n_waiting', b.n_waiting, 'broken', b.broken)


async def main():
    barrier = asyncio.Barrier(N)
    print('repr', r(barrier))
    waiters = []

    async def wait(b):
        await b.wait()
    for _ in range(2):
        waiters.append(asyncio.create_task(wait(barrier)))
    await asyncio.sleep(0)
    print('repr', r(barrier))
    for _ in range(barrier.parties - barrier.n_waiting):
        waiters.append(asyncio.create_task(wait(barrier)))
    await asyncio.sleep(0)
    print('repr', r(barrier))
    for _ in range(2):
        waiters.append(asyncio.create_task(wait(barrier)))
    await asyncio.sleep(0)
    await barrier.reset()
    print('repr', r(barrier))
    for _ in range(2):
        waiters.append(asyncio.create_task(wait(barrier)))
    await asyncio.sleep(0)
    await barrier.abort()
    print('repr', r(barrier), barrier.broken)
    print('waiters', [err(x) if x else x for x in await asyncio.gather(*waiters, return_exceptions=True)])

    for parties in (0, -4):
        try:
            asyncio.Barrier(parties)
        except ValueError as e:
            print('Barrier(%d):' % parties, err(e))

    barrier = asyncio.Barrier(3)
    results = []

    async def ctx():
        async with barrier as i:
            results.append(i)
    await gather_tasks(3, ctx)
    print('async with indexes', sorted(results))
    state('after async with', barrier)

    barrier = asyncio.Barrier(1)
    async with barrier as i:
        print('one party: index', i)
    t1 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print('one party: n_waiting', barrier.n_waiting)
    t2 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print('one party twice:', t1.result(), t2.result(), t1.done(), t2.done())
    state('one party', barrier)

    barrier = asyncio.Barrier(3)
    ts = []
    for _ in range(3):
        ts.append(asyncio.create_task(barrier.wait()))
        await asyncio.sleep(0)
        print('task by task: n_waiting', barrier.n_waiting, r(barrier))
    await asyncio.wait(ts)
    print('task by task: indexes', sorted(t.result() for t in ts))
    state('task by task', barrier)

    barrier = asyncio.Barrier(N)
    results = []

    async def twice():
        async with barrier:
            results.append(True)
            async with barrier as i:
                results.append(False)
                return i
    res = await gather_tasks(N, twice)
    print('twice:', results.count(True), results.count(False), sorted(res), results[:N].count(True))
    state('twice', barrier)

    barrier = asyncio.Barrier(N)
    results = []

    async def draining():
        async with barrier:
            results.append('draining' in repr(barrier))
    await gather_tasks(N, draining)
    print('draining seen inside the block:', results)

    barrier = asyncio.Barrier(N)
    nowaiting = asyncio.Barrier(N - 2)
    rewait = [2]
    passes = []

    async def blocking():
        await barrier.wait()
        if rewait[0] > 0:
            rewait[0] -= 1
            await barrier.wait()
        else:
            await nowaiting.wait()
            await barrier.wait()
        passes.append(True)
    await gather_tasks(N, blocking)
    print('arrivals while draining wait for the next round:', len(passes))

    barrier = asyncio.Barrier(3)
    results = []

    async def cancel_one():
        await barrier.wait()
        results.append(True)
    t1 = asyncio.create_task(cancel_one())
    await asyncio.sleep(0)
    t2 = asyncio.create_task(cancel_one())
    await asyncio.sleep(0)
    print('cancel one: n_waiting', barrier.n_waiting)
    t1.cancel()
    await asyncio.sleep(0)
    print('cancel one: n_waiting after cancel', barrier.n_waiting)
    try:
        await t1
    except asyncio.CancelledError:
        print('cancel one: cancelled', t1.cancelled())
    t3 = asyncio.create_task(cancel_one())
    await asyncio.sleep(0)
    print('cancel one: n_waiting', barrier.n_waiting)
    t4 = asyncio.create_task(cancel_one())
    await asyncio.gather(t2, t3, t4)
    print('cancel one: passed', len(results))
    state('cancel one', barrier)

    barrier = asyncio.Barrier(1)
    asyncio.create_task(barrier.reset())
    await asyncio.sleep(0)
    state('reset idle', barrier)

    barrier = asyncio.Barrier(N)
    results = []

    async def broken_waiter():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError as e:
            results.append(err(e))
    tasks = [asyncio.create_task(broken_waiter()) for _ in range(N - 1)]
    await asyncio.sleep(0)
    asyncio.create_task(barrier.reset())
    await asyncio.gather(*tasks)
    print('reset while waiting:', results, 'resetting' in repr(barrier))
    state('reset while waiting', barrier)

    barrier = asyncio.Barrier(N)
    results1 = []

    async def half_draining():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results1.append(True)
        else:
            if N // 2 == barrier._count:
                await barrier.reset()
    await gather_tasks(N, half_draining)
    print('reset half draining:', results1, 'resetting' in repr(barrier))
    state('reset half draining', barrier)

    barrier = asyncio.Barrier(N)
    results1, results2 = [], []
    count = [0]

    async def half_blocking():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results1.append(True)
            await barrier.wait()
        else:
            count[0] += 1
            if count[0] > N // 2:
                await barrier.reset()
                await barrier.wait()
            else:
                try:
                    await barrier.wait()
                except asyncio.BrokenBarrierError:
                    results2.append(True)
    await gather_tasks(N, half_blocking)
    print('reset half draining half blocking:', results1, results2, 'resetting' in repr(barrier))
    state('reset half draining half blocking', barrier)

    barrier = asyncio.Barrier(N)
    results1, results2 = [], []

    async def coro1():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results1.append(True)
        finally:
            await barrier.wait()
            results2.append(True)

    async def coro2():
        async with barrier:
            results2.append(True)
    tasks = [asyncio.create_task(coro1()) for _ in range(N - 1)]
    asyncio.create_task(barrier.reset())
    await asyncio.sleep(0)
    asyncio.create_task(coro2())
    await asyncio.gather(*tasks)
    print('reset then wait again:', len(results1), len(results2))
    state('reset then wait again', barrier)

    barrier = asyncio.Barrier(N)
    results1, results2, results3 = [], [], []
    count = [0]

    async def while_draining():
        await barrier.wait()
        count[0] += 1
        if count[0] == N:
            await barrier.reset()
            await barrier.wait()
        else:
            try:
                await barrier.wait()
                results1.append(True)
            except Exception:
                results2.append(True)
        await barrier.wait()
        results3.append(True)
    await gather_tasks(N, while_draining)
    print('reset while draining:', len(results1), len(results2), len(results3))
    state('reset while draining', barrier)

    barrier = asyncio.Barrier(1)
    asyncio.create_task(barrier.abort())
    await asyncio.sleep(0)
    state('abort idle', barrier)
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print('wait on a broken barrier:', err(e))

    barrier = asyncio.Barrier(N)
    results1, results2 = [], []
    count = [0]

    async def abort_half():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results1.append(True)
        else:
            count[0] += 1
            if count[0] > N // 2:
                await barrier.abort()
            else:
                try:
                    await barrier.wait()
                except asyncio.BrokenBarrierError:
                    results2.append(True)
    await gather_tasks(N, abort_half)
    print('abort half draining half blocking:', results1, results2)
    state('abort half draining half blocking', barrier)

    barrier = asyncio.Barrier(N)
    results1, results2 = [], []

    async def abort_on_error():
        try:
            async with barrier as i:
                if i == N // 2:
                    raise RuntimeError
            async with barrier:
                results1.append(True)
        except asyncio.BrokenBarrierError:
            results2.append(True)
        except RuntimeError:
            await barrier.abort()
    await gather_tasks(N, abort_on_error)
    print('abort on an error:', len(results1), len(results2))
    state('abort on an error', barrier)

    barrier1 = asyncio.Barrier(N)
    barrier2 = asyncio.Barrier(N)
    results1, results2, results3 = [], [], []

    async def abort_then_reset():
        try:
            i = await barrier1.wait()
            if i == N // 2:
                raise RuntimeError
            await barrier1.wait()
            results1.append(True)
        except asyncio.BrokenBarrierError:
            results2.append(True)
        except RuntimeError:
            await barrier1.abort()
        i = await barrier2.wait()
        if i == N // 2:
            await barrier1.reset()
        await barrier2.wait()
        await barrier1.wait()
        results3.append(True)
    await gather_tasks(N, abort_then_reset)
    print('abort then reset:', len(results1), len(results2), len(results3))
    state('abort then reset', barrier1)
