# Task cancellation as test_tasks.py checks it: the message cancel(msg) gives the CancelledError (before the
# task started too), a task awaiting itself, cancelling()/uncancel() counting requests, cancel at a yield,
# cancelling the future a task awaits (and both), a task cancelling itself (before a sleep, at its very end,
# before awaiting a sub-task: the sub-task and its future are cancelled), cancellation passing through await
# chains but not shielding through wait(), current_task() while tasks interleave, and basics (chained
# awaits, create_task of an async function, set_result/set_exception refused on a task).
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_task_awaits_on_itself
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_task_basics
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancelling
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_uncancel_basic
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_with_message_then_future_result
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_with_message_then_future_exception
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_with_message_before_starting_task
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_yield
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_inner_future
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_both_task_and_inner_future
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_current_task
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_at_end
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_awaited_task
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_task_cancel_waiter_future
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_current_task_with_interleaving_tasks
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_yield_future_passes_cancel
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_yield_wait_does_not_shield_cancel
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_create_task_with_async_function
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_bare_create_task
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_task_set_methods
# cpython: test_asyncio/test_tasks.py::SetMethodsTest.*
# cpython: test_asyncio/test_tasks.py::BaseCurrentLoopTests.test_current_task_with_implicit_loop
import asyncio
from twin import err


async def outcome(aw):
    try:
        return 'result %s' % (await aw)
    except BaseException as e:
        return err(e)


async def main():
    async def sleeper():
        await asyncio.sleep(10)

    for args in ((), (None,), ('my message',)):
        async def coro():
            task = asyncio.create_task(sleeper())
            await asyncio.sleep(0)
            task.cancel(*args)
            await asyncio.wait([task])
            task.result()
        print('cancel%r then result():' % (args,), await outcome(asyncio.create_task(coro())))

        async def coro2():
            task = asyncio.create_task(sleeper())
            await asyncio.sleep(0)
            task.cancel(*args)
            await asyncio.wait([task])
            task.exception()
        print('cancel%r then exception():' % (args,), await outcome(asyncio.create_task(coro2())))

    async def before_start():
        task = asyncio.create_task(sleeper())
        task.cancel('my message')
        await asyncio.wait([task])
        task.exception()
    print('cancel before start:', await outcome(asyncio.create_task(before_start())))

    async def self_await():
        await task
    task = asyncio.create_task(self_await())
    print('await itself:', ': '.join((await outcome(task)).split(': ')[:2]))

    async def inner1():
        return 42

    async def inner2():
        return 1000

    async def outer():
        return await inner1() + await inner2()
    print('chained awaits:', await outer())

    t = asyncio.create_task(sleeper())
    print('cancelling before', t.cancelling(), 'cancel', t.cancel(), 'cancelling', t.cancelling(), 'cancel again', t.cancel(), t.cancelling())
    print('cancelled twice:', await outcome(t))

    async def uncancelling():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            asyncio.current_task().uncancel()
            await asyncio.sleep(10)
    t = asyncio.create_task(uncancelling())
    await asyncio.sleep(0.01)
    print('uncancel: cancel', t.cancel(), 'cancelling', t.cancelling(), 'cancelled', t.cancelled())
    await asyncio.sleep(0.01)
    print('uncancel: after uncancel cancelling', t.cancelling(), 'cancelled', t.cancelled())
    print('uncancel: cancel again', t.cancel(), t.cancelling(), t.cancelled())
    print('uncancel: outcome', await outcome(t), t.cancelled(), t.done())
    t.uncancel()
    print('uncancel after done:', t.cancelled(), t.done())

    async def twelve():
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return 12
    t = asyncio.create_task(twelve())
    await asyncio.sleep(0)
    t.cancel()
    print('cancel at a yield:', await outcome(t), t.done(), t.cancelled(), t.cancel())

    f = asyncio.get_running_loop().create_future()

    async def await_f():
        await f
        return 12
    t = asyncio.create_task(await_f())
    await asyncio.sleep(0)
    f.cancel()
    print('inner future cancelled:', await outcome(t), f.cancelled(), t.cancelled())

    f = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(await_f())
    await asyncio.sleep(0)
    f.cancel()
    t.cancel()
    print('both cancelled:', await outcome(t), t.done(), f.cancelled(), t.cancelled())

    f = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(await_f())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    print('task cancelled while awaiting a future:', await outcome(t), f.cancelled())

    async def cancel_self_then_sleep():
        t.cancel()
        await asyncio.sleep(100)
        return 12
    t = asyncio.create_task(cancel_self_then_sleep())
    print('cancels itself then sleeps:', t.cancelled(), await outcome(t), t.done(), t.cancelled(), t.cancel())

    async def cancel_self_at_end():
        t.cancel()
        return 12
    t = asyncio.create_task(cancel_self_at_end())
    print('cancels itself at its end:', await outcome(t), t.done(), t.cancelled(), t.cancel())

    fut = asyncio.get_running_loop().create_future()
    nested_task = None

    async def nested():
        await fut

    async def cancel_then_await_nested():
        nonlocal nested_task
        nested_task = asyncio.create_task(nested())
        await asyncio.sleep(0)
        task.cancel()
        await nested_task
    task = asyncio.create_task(cancel_then_await_nested())
    print('cancels itself then awaits a sub-task:', await outcome(task), task.cancelled(), nested_task.cancelled(), fut.cancelled())

    fut1 = asyncio.get_running_loop().create_future()
    fut2 = asyncio.get_running_loop().create_future()
    seen = []

    async def coro1():
        seen.append(asyncio.current_task() is task1)
        await fut1
        seen.append(asyncio.current_task() is task1)
        fut2.set_result(True)

    async def coro2():
        seen.append(asyncio.current_task() is task2)
        fut1.set_result(True)
        await fut2
        seen.append(asyncio.current_task() is task2)
    task1 = asyncio.create_task(coro1())
    task2 = asyncio.create_task(coro2())
    await asyncio.wait((task1, task2))
    print('current_task while interleaving:', seen)

    proof = [0]
    waiter = asyncio.get_running_loop().create_future()

    async def inner():
        try:
            await waiter
        except asyncio.CancelledError:
            proof[0] += 1
            raise

    async def outer_catch():
        try:
            await inner()
        except asyncio.CancelledError:
            proof[0] += 100
        else:
            proof[0] += 10
    f = asyncio.create_task(outer_catch())
    await asyncio.sleep(0)
    f.cancel()
    await f
    print('cancel passes through awaits:', proof[0], waiter.cancelled())

    proof = [0]
    waiter = asyncio.get_running_loop().create_future()

    async def inner_counting():
        await waiter
        proof[0] += 1

    async def outer_wait():
        await asyncio.wait([asyncio.create_task(inner_counting())])
        proof[0] += 100
    f = asyncio.create_task(outer_wait())
    await asyncio.sleep(0)
    f.cancel()
    print('wait() does not shield:', await outcome(f))
    waiter.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('the inner task went on:', proof[0])

    async def coro_noop():
        await asyncio.sleep(0.01)
        return 'ok'
    t = asyncio.create_task(coro_noop())
    print('create_task of an async function:', await t, asyncio.current_task() is not None)

    t = asyncio.create_task(coro_noop())
    for method, arg in (('set_result', 1), ('set_exception', ValueError('x'))):
        try:
            getattr(t, method)(arg)
        except RuntimeError as e:
            print(method, 'on a task:', err(e))
    print('task still runs:', await t)
