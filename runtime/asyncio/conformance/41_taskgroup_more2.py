# The rest of test_taskgroups.py's scenarios (split from 40 so that CPython's timer lateness does not add up over
# one long run): a body slow to honour cancellation (15, 16), the body's own cancellation (17) or an error
# raised in its place (18), an error while the body waits and a child fails (19), 22 (cancel early), 23-25
# (tasks added while it runs, finished tasks leave it, a task tree), and a context manager whose exit raises
# (cancelling() is 0, both errors grouped).
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_15 test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_16
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_17 test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_18
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_19 test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_22
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_23 test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_24
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_25
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_context_manager_exit_raises
import asyncio
from twin import lap


class MyExc(Exception):
    pass


def desc(e):
    if isinstance(e, BaseExceptionGroup):
        return 'EG[' + ','.join(sorted(desc(x) for x in e.exceptions)) + ']'
    return type(e).__name__


async def outcome(aw):
    try:
        await aw
        return 'ok'
    except BaseException as e:
        return desc(e)


async def cancel_after(delay, coro):
    r = asyncio.create_task(coro)
    await asyncio.sleep(delay)
    running = not r.done()
    r.cancel()
    return f'{running} {await outcome(r)}'


async def main():
    async def v(delay, value):
        await asyncio.sleep(delay)
        return value

    async def crash_soon(delay):
        await asyncio.sleep(delay)
        1 / 0

    async def slow_to_cancel():
        async with asyncio.TaskGroup() as g1:
            g1.create_task(crash_soon(0.3))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                await asyncio.sleep(0.5)
                raise
    print('15:', await cancel_after(0.1, slow_to_cancel()), lap())

    async def runner16():
        await asyncio.create_task(slow_to_cancel())
    print('16:', await cancel_after(0.1, runner16()), lap())

    for label, replacement in (('17', None), ('18', MyExc)):
        num = [0]

        async def runner():
            async with asyncio.TaskGroup():
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    num[0] += 10
                    if replacement:
                        raise replacement
                    raise
        print(label + ':', await cancel_after(0.1, runner()), num[0], lap())

    async def nested_raising():
        try:
            await asyncio.sleep(10)
        finally:
            raise MyExc

    async def runner19():
        async with asyncio.TaskGroup() as g:
            g.create_task(crash_soon(0.1))
            await nested_raising()
    print('19:', await outcome(asyncio.create_task(runner19())), lap())

    async def runner22():
        async with asyncio.TaskGroup() as g:
            g.create_task(v(1, 42))
            g.create_task(v(2, 11))
    print('22:', await cancel_after(0.06, runner22()), lap())

    async with asyncio.TaskGroup() as g:
        sizes = []
        for count in range(6):
            await asyncio.sleep(0.1)
            g.create_task(asyncio.sleep(0.25))
            if count == 5:
                sizes.append(len(g._tasks))
        await asyncio.sleep(0.36)
        sizes.append(len(g._tasks))
    print('23: tasks in the group', sizes, lap())

    done = []

    async def coro1(delay):
        await asyncio.sleep(delay)
        done.append(delay)

    async def root(g):
        await asyncio.sleep(0.1)
        g.create_task(coro1(0.1))
        g.create_task(coro1(0.2))
    async with asyncio.TaskGroup() as g:
        g.create_task(root(g))
    print('24: a task adds tasks', done, lap())

    nhydras = [0]

    async def hydra(g):
        nhydras[0] += 1
        await asyncio.sleep(0.01)
        g.create_task(hydra(g))
        g.create_task(hydra(g))

    async def hercules():
        while nhydras[0] < 10:
            await asyncio.sleep(0.01)
        1 / 0

    async def runner25():
        async with asyncio.TaskGroup() as g:
            g.create_task(hydra(g))
            g.create_task(hercules())
    print('25:', await outcome(runner25()), nhydras[0] >= 10)

    class CustomException(Exception):
        pass

    async def raise_exc():
        raise CustomException

    async def exit_raises():
        task = asyncio.current_task()
        try:
            async with asyncio.TaskGroup() as tg:
                try:
                    tg.create_task(raise_exc())
                    await asyncio.sleep(1)
                finally:
                    raise CustomException
        except BaseExceptionGroup as eg:
            print('exit raises:', desc(eg), 'cancelling', task.cancelling())
    await asyncio.create_task(exit_raises())
