# wait_for, timeout() and to_thread as test_waitfor.py, test_timeouts.py and test_threads.py check them:
# cancelling a wait_for whose task ignores cancellation waits for that task to end; timeout=None waits; a
# future resolved before the timeout wins; a task that swallows the timeout's cancellation and returns gives
# its result; timeout=0 on a running task still waits for its cancellation to finish (TimeoutError); an error
# raised while the task is being cancelled replaces the TimeoutError; cancelling the wait_for while its task
# holds up cancellation; cancelling the wait_for cancels the task (with and without timeout). timeout():
# the waiter sees CancelledError before TimeoutError leaves; nested timeouts where the outer one expires
# during a blocking call; reschedule() before entering. to_thread: called once, ten at once, arguments.
# cpython: test_asyncio/test_waitfor.py::AsyncioWaitForTest.*
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_waiter_cancelled
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_nested_timeouts_concurrent
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_without_task
# cpython: test_asyncio/test_threads.py::ToThreadTests.*
import asyncio
import time
from twin import err, lap

EPSILON = 0.0001


async def outcome(aw):
    try:
        return 'result %s' % (await aw,)
    except BaseException as e:
        return err(e)


async def main():
    loop = asyncio.get_running_loop()
    exited = [False]

    async def slow_task():
        # Runs for 0.2 s whatever cancellations it receives.
        exit_at = loop.time() + 0.2
        while True:
            to_sleep = exit_at - loop.time()
            if to_sleep <= 0:
                break
            try:
                await asyncio.sleep(to_sleep)
            except asyncio.CancelledError:
                pass
        exited[0] = True
    waitfortask = asyncio.create_task(asyncio.wait_for(slow_task(), 0.4))
    await asyncio.sleep(0)
    waitfortask.cancel()
    await asyncio.wait({waitfortask})
    print('wait_for cancelled: the slow task exited', exited[0], waitfortask.cancelled(), lap())

    async def coro():
        return 'done'
    print('timeout=None:', await asyncio.wait_for(coro(), timeout=None))

    fut = loop.create_future()
    loop.call_later(0.1, fut.set_result, 'ok')
    print('resolved before the timeout:', await asyncio.wait_for(fut, timeout=0.2), lap())

    async def swallowing():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            return 1
    print('task swallows the cancellation:', await outcome(asyncio.wait_for(swallowing(), timeout=.01)), lap())

    task_done = [False]

    async def inner():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(EPSILON)
            raise
        finally:
            task_done[0] = True
    inner_task = asyncio.create_task(inner())
    await asyncio.sleep(EPSILON)
    print('timeout=0 on a running task:', await outcome(asyncio.wait_for(inner_task, timeout=0)), task_done[0])

    class FooException(Exception):
        pass

    async def raising():
        try:
            await asyncio.sleep(0.2)
        finally:
            raise FooException
    print('error during cancellation:', await outcome(asyncio.wait_for(asyncio.create_task(raising()), timeout=EPSILON)), lap())

    async def stubborn():
        try:
            await asyncio.sleep(0.3)
        except asyncio.CancelledError:
            try:
                await asyncio.sleep(0.3)
            except asyncio.CancelledError:
                await asyncio.sleep(0.3)
        return 42
    inner_task = asyncio.create_task(stubborn())
    task = asyncio.create_task(asyncio.wait_for(inner_task, timeout=0.1))
    await asyncio.sleep(0.2)
    task.cancel()
    print('wait_for cancelled while its task holds up:', await outcome(task), await inner_task, lap())

    for timeout in (None, 60.0):
        async def blocking():
            await loop.create_future()
        task = asyncio.create_task(blocking())
        wait = asyncio.create_task(asyncio.wait_for(task, timeout))
        loop.call_soon(wait.cancel)
        print('cancel wait_for(timeout=%s):' % timeout, await outcome(wait), 'task cancelled', task.cancelled())

    cancelled = [False]

    async def under_timeout():
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                cancelled[0] = True
                raise
    print('timeout: waiter cancelled first:', await outcome(under_timeout()), cancelled[0], lap())

    inner_outcome = []

    async def nested():
        async with asyncio.timeout(0.002):
            try:
                async with asyncio.timeout(0.1):
                    time.sleep(0.01)
                    await asyncio.sleep(1)
            except TimeoutError as e:
                inner_outcome.append(err(e))
                raise
    print('nested timeouts, outer expired while blocked:', await outcome(nested()), inner_outcome, lap())

    cm = asyncio.timeout(0.01)
    try:
        cm.reschedule(0.02)
    except RuntimeError as e:
        print('reschedule before entering:', err(e))

    calls = []

    def func(*args):
        calls.append(args)
        return len(calls)
    print('to_thread once:', await asyncio.to_thread(func), calls)
    calls.clear()
    await asyncio.gather(*[asyncio.to_thread(func) for _ in range(10)])
    print('to_thread ten at once:', len(calls))
    calls.clear()
    await asyncio.to_thread(func, 'test', True)
    print('to_thread with arguments:', calls)
    print('to_thread sum:', await asyncio.to_thread(sum, [40, 2]))
    # Ends the run at 0.76 s of virtual time, away from a rounding boundary (CPython's timers fire late by a few
    # ms each on a loaded machine; the elapsed time is compared rounded to 0.1 s).
    await asyncio.sleep(0.04)
