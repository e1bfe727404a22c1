# asyncio.TaskGroup as test_taskgroups.py checks it: results of tasks created before and during the block, a
# child cancelled explicitly (the others go on), the group's owner cancelled from outside (every child and the
# owner see CancelledError), task names, no new task after a failure, and the state errors (entered twice,
# finished, not entered).
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_02 test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_03
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_07 test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_task_name
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_no_create_task_after_failure
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_already_entered
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_double_enter
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_finished
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_not_entered
import asyncio
from twin import t, err


async def main():
    async def value_after(delay, value):
        await asyncio.sleep(delay)
        return value
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(value_after(0.1, 42))
        await asyncio.sleep(0.15)
        t2 = g.create_task(value_after(0.2, 11))
    print('results', t1.result(), t2.result(), t())

    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(value_after(1, 42))
        await asyncio.sleep(0.15)
        t1.cancel()
        t2 = g.create_task(value_after(0.2, 11))
    print('a child cancelled explicitly:', t1.cancelled(), 'the other', t2.result(), t())

    num = [0]

    async def foo():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            num[0] += 1
            raise

    async def runner():
        async with asyncio.TaskGroup() as g:
            for _ in range(5):
                g.create_task(foo())
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                num[0] += 10
                raise
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    print('owner running', not r.done())
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print('owner cancelled from outside: CancelledError, count', num[0], t())

    async with asyncio.TaskGroup() as g:
        named = g.create_task(asyncio.sleep(0), name='yolo')
        print('name', named.get_name())

    async def coro1():
        await asyncio.sleep(0.001)
        1 / 0

    async def coro2(g):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            try:
                g.create_task(coro1())
            except RuntimeError as e:
                print('create_task after a failure:', err(e))
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(coro1())
            g.create_task(coro2(g))
    except ExceptionGroup as eg:
        print('group failed with', [type(x).__name__ for x in eg.exceptions])

    tg = asyncio.TaskGroup()
    async with tg:
        try:
            async with tg:
                pass
        except RuntimeError as e:
            print('enter while entered:', err(e))
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print('enter again:', err(e))
    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print('create_task when finished:', err(e))
    await coro
    coro = asyncio.sleep(0)
    try:
        asyncio.TaskGroup().create_task(coro)
    except RuntimeError as e:
        print('create_task before entering:', err(e))
    await coro
