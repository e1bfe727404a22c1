# More of test_taskgroups.py: a child's error cancels its siblings and the body (04; 09 and 10 with the body
# failing), the owner cancelled from outside (5 children cancelled: CancelledError), children failing in
# finally while cancelled (08: an ExceptionGroup instead), nested groups (11-14: which group reports what).
# The rest is in 41.
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_04 test_asyncio/test_taskgroups.py::TestTaskGroup.test_cancellation
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_08 test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_09
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_1[0-4]
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
    state = {'num': 0, 't2_cancel': False}

    async def foo1():
        await asyncio.sleep(0.1)
        1 / 0

    async def foo2():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            state['t2_cancel'] = True
            raise
        state['num'] += 1

    async def runner04():
        async with asyncio.TaskGroup() as g:
            g.create_task(foo1())
            state['t2'] = g.create_task(foo2())
        state['num'] += 10
    print('04:', await outcome(asyncio.create_task(runner04())), state['num'], state['t2_cancel'], state['t2'].cancelled(), lap())

    num = [0]

    async def foo_counting():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            num[0] += 1
            raise

    async def runner_cancel():
        async with asyncio.TaskGroup() as g:
            for _ in range(5):
                g.create_task(foo_counting())
    print('cancellation:', await cancel_after(0.1, runner_cancel()), num[0], lap())

    async def foo_finally():
        try:
            await asyncio.sleep(10)
        finally:
            1 / 0

    async def runner08():
        async with asyncio.TaskGroup() as g:
            for _ in range(5):
                g.create_task(foo_finally())
            await asyncio.sleep(10)
    print('08:', await cancel_after(0.1, runner08()), lap())

    async def v(delay, value):
        await asyncio.sleep(delay)
        return value
    for label, pause in (('09', 0.1), ('10', None)):
        tasks = []

        async def runner():
            async with asyncio.TaskGroup() as g:
                tasks.append(g.create_task(v(1, 42)))
                tasks.append(g.create_task(v(2, 11)))
                if pause:
                    await asyncio.sleep(pause)
                1 / 0
        print(label + ':', await outcome(runner()), [x.cancelled() for x in tasks], lap())

    async def runner11():
        async with asyncio.TaskGroup():
            async with asyncio.TaskGroup() as g2:
                for _ in range(5):
                    g2.create_task(foo_finally())
                await asyncio.sleep(10)
    print('11:', await cancel_after(0.1, runner11()), lap())

    async def runner12():
        async with asyncio.TaskGroup() as g1:
            g1.create_task(asyncio.sleep(10))
            async with asyncio.TaskGroup() as g2:
                for _ in range(5):
                    g2.create_task(foo_finally())
                await asyncio.sleep(10)
    print('12:', await cancel_after(0.1, runner12()), lap())

    async def crash_after(delay):
        await asyncio.sleep(delay)
        raise ValueError(delay)
    for label, outer_delay, inner_delay in (('13', 0.1, 10), ('14', 10, 0.1)):
        async def runner():
            async with asyncio.TaskGroup() as g1:
                g1.create_task(crash_after(outer_delay))
                async with asyncio.TaskGroup() as g2:
                    g2.create_task(crash_after(inner_delay))
        print(label + ':', await outcome(asyncio.create_task(runner())), lap())

    # Ends the run at 0.86 s of virtual time, away from a rounding boundary: CPython's timers fire late by a few
    # ms each on a loaded machine, and its elapsed time is compared rounded to 0.1 s.
    await asyncio.sleep(0.06)
