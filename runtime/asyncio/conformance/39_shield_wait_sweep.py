# shield(), wait(), as_completed(), sleep() and gather's cancellation as test_tasks.py checks them: shield passes
# the inner result, exception and cancellation out, and cancelling the outer future leaves the inner one
# running (also around a gather, and gather over shields); a done future is passed through. wait() with the
# same task or coroutine twice, its errors (empty set, bad return_when, a future instead of a list),
# FIRST_COMPLETED with two tasks due at once, FIRST_EXCEPTION, a timeout, an iterator of tasks;
# as_completed with an unused timeout, awaited in reverse, wrapped in tasks, duplicates, bad arguments;
# sleep's result; a gather whose children are all done refuses cancel(); cancel(msg) reaching the gather's
# awaiter; a BaseException raised while handling cancellation.
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_shield_*
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_gather_shield
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_duplicate_coroutines
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_errors
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_first_exception_in_wait
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_with_exception
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_concurrent_complete
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_with_iterator_of_tasks
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_invalid_args
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_as_completed_*
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_sleep
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_gather_1
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_gather_2
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_baseexception_during_cancel
import asyncio
import warnings
from twin import err

MARK = [0.0]


def lap():
    """Seconds since the previous lap (phases are timed apart: lateness on a loaded machine does not add up)."""
    now = asyncio.get_running_loop().time()
    d, MARK[0] = now - MARK[0], now
    return f'{round(d, 1):.1f}'

warnings.simplefilter('ignore', DeprecationWarning)


async def outcome(aw):
    try:
        return 'result %s' % (await aw,)
    except BaseException as e:
        return err(e)


def names(fs, by):
    return sorted(by[f] for f in fs)


async def main():
    loop = asyncio.get_running_loop()
    MARK[0] = loop.time()
    inner = loop.create_future()
    outer = asyncio.shield(inner)
    inner.set_result(42)
    print('shield result:', await outer)

    inner = loop.create_future()
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    inner.set_exception(RuntimeError('expected'))
    await asyncio.sleep(0)
    print('shield exception:', err(outer.exception()))

    inner = loop.create_future()
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    inner.cancel()
    await asyncio.sleep(0)
    print('inner cancelled: outer cancelled', outer.cancelled())

    inner = loop.create_future()
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0)
    print('outer cancelled:', outer.cancelled(), 'inner cancelled', inner.cancelled())
    inner.set_result(1)

    fut = loop.create_future()
    fut.set_result(42)
    print('shield of a done future:', await asyncio.shield(fut))

    child1, child2 = loop.create_future(), loop.create_future()
    parent = asyncio.gather(child1, child2)
    outer = asyncio.shield(parent)
    await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0)
    child1.set_result(1)
    child2.set_result(2)
    await asyncio.sleep(0)
    print('shield(gather) cancelled:', outer.cancelled(), 'gather', parent.result())

    child1, child2 = loop.create_future(), loop.create_future()
    inner1, inner2 = asyncio.shield(child1), asyncio.shield(child2)
    parent = asyncio.gather(inner1, inner2)
    await asyncio.sleep(0)
    parent.cancel()
    await asyncio.sleep(0)
    print('gather(shields) cancelled:', type(parent.exception()).__name__, inner1.cancelled(), inner2.cancelled(),
          'children', child1.cancelled(), child2.cancelled())
    child1.set_result(1)
    child2.set_result(2)
    await asyncio.sleep(0)

    async def coro(s):
        return s
    c = asyncio.create_task(coro('test'))
    done, pending = await asyncio.wait([c, c, asyncio.create_task(coro('spam'))])
    print('wait with a task twice:', sorted(f.result() for f in done), len(pending))

    for label, call in (('wait(set())', lambda: asyncio.wait(set())),
                        ('wait(return_when=-1)', lambda: asyncio.wait([c], return_when=-1)),
                        ('wait([])', lambda: asyncio.wait([])),
                        ('wait(a future)', lambda: asyncio.wait(loop.create_future()))):
        print(label, await outcome(call()))

    a = asyncio.create_task(asyncio.sleep(0.1))
    b = asyncio.create_task(asyncio.sleep(0.1))
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED)
    print('FIRST_COMPLETED, two due at once:', names(done, {a: 'a', b: 'b'}), len(pending), lap())

    a = asyncio.create_task(asyncio.sleep(10.0))

    async def exc():
        await asyncio.sleep(0.1)
        raise ZeroDivisionError('err')
    b = asyncio.create_task(exc())
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_EXCEPTION)
    print('FIRST_EXCEPTION:', names(done, {a: 'a', b: 'b'}), names(pending, {a: 'a', b: 'b'}), lap())
    a.cancel()

    a = asyncio.create_task(asyncio.sleep(0.1))

    async def sleeper():
        await asyncio.sleep(0.3)
        raise ZeroDivisionError('really')
    b = asyncio.create_task(sleeper())
    for _ in range(2):
        done, pending = await asyncio.wait([b, a])
        print('wait with an exception:', len(done), len(pending), len([f for f in done if f.exception() is not None]), lap())

    a = asyncio.create_task(asyncio.sleep(0.1))
    b = asyncio.create_task(asyncio.sleep(0.3))
    done, pending = await asyncio.wait([b, a], timeout=0.2)
    print('wait timeout=0.2:', names(done, {a: 'a', b: 'b'}), names(pending, {a: 'a', b: 'b'}), lap())
    await b

    a = asyncio.create_task(asyncio.sleep(0.1))
    b = asyncio.create_task(asyncio.sleep(0.2))
    done, pending = await asyncio.wait(iter([b, a]))
    print('wait(iterator):', names(done, {a: 'a', b: 'b'}), len(pending), lap())

    for f in asyncio.as_completed([asyncio.sleep(0.07, 'a')], timeout=1):
        print('as_completed unused timeout:', await f, lap())
    futs = list(asyncio.as_completed({asyncio.sleep(0.1, 'a'), asyncio.sleep(0.2, 'b')}))
    x = await futs[1]
    at = lap()
    y = await futs[0]
    print('as_completed awaited in reverse:', len(futs), x, at, y, lap())
    futs = list(asyncio.as_completed({asyncio.sleep(0.1, 'a'), asyncio.sleep(0.1, 'b')}))
    done, pending = await asyncio.wait([asyncio.ensure_future(f) for f in futs])
    print('as_completed wrapped in tasks:', sorted(f.result() for f in done), lap())
    c = coro('ham')
    result = [await f for f in asyncio.as_completed([c, c, coro('spam')])]
    print('as_completed duplicates:', sorted(result))
    try:
        list(asyncio.as_completed(loop.create_future()))
    except TypeError as e:
        print('as_completed(a future):', type(e).__name__)

    async def sleeper2(dt, arg):
        await asyncio.sleep(dt / 2)
        return await asyncio.sleep(dt / 2, arg)
    print('sleep result:', await sleeper2(0.2, 'yeah'), lap())

    fut = loop.create_future()

    async def child():
        return await fut
    gather_task = asyncio.ensure_future(asyncio.gather(child()))
    await asyncio.sleep(0)
    cancel_result = []
    fut.add_done_callback(lambda _: cancel_result.append(gather_task.cancel()))
    fut.set_result(42)
    print('gather with all children done refuses cancel:', cancel_result, await outcome(gather_task), gather_task.cancelled())

    for args in ((), ('my message',)):
        async def looping():
            elapsed = 0
            while True:
                elapsed += 0.1
                await asyncio.gather(asyncio.sleep(0.1), return_exceptions=True)
                if elapsed > 1:
                    return

        async def canceller():
            qwe = asyncio.create_task(looping())
            await asyncio.sleep(0.2)
            qwe.cancel(*args)
            await qwe
        print('cancel%r through gather:' % (args,), await outcome(canceller()))

    class Stop(BaseException):
        pass

    async def notmuch():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            raise Stop('base')
    task = asyncio.create_task(notmuch())
    await asyncio.sleep(0)
    task.cancel()
    print('not done after cancel():', task.done())
    print('BaseException while cancelled:', await outcome(task), task.done(), task.cancelled())
