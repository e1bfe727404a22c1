# asyncio.run() and the rest of test_tasks.py: run() returns main's result, raises its error, refuses a
# non-coroutine (ValueError) and a call from a running loop (RuntimeError), and reports a leftover task's error
# raised while it was cancelled at shutdown through the loop's exception handler; ensure_future(task) is the
# task itself, ensure_future('ok') and create_task(123) raise TypeError; current_task() outside a loop raises
# RuntimeError; uncancel() in structured blocks (a hand-made timeout that uncancels its own cancellation).
# Each run() happens in a thread of its own (to_thread), which has no running loop, as a program's main does.
# cpython: test_asyncio/test_runners.py::RunTests.test_asyncio_run_return test_asyncio/test_runners.py::RunTests.test_asyncio_run_raises
# cpython: test_asyncio/test_runners.py::RunTests.test_asyncio_run_only_coro test_asyncio/test_runners.py::RunTests.test_asyncio_run_from_running_loop
# cpython: test_asyncio/test_runners.py::RunTests.test_asyncio_run_reports_hanging_tasks_errors
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_ensure_future_task test_asyncio/test_tasks.py::BaseTaskTests.test_ensure_future_neither
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_create_task_with_noncoroutine
# cpython: test_asyncio/test_tasks.py::BaseCurrentLoopTests.test_current_task_no_running_loop_implicit
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_uncancel_structured_blocks
import asyncio
from twin import err


def in_thread(fn):
    def call():
        try:
            return 'result %s' % (fn(),)
        except BaseException as e:
            return err(e)
    return asyncio.to_thread(call)


async def main():
    async def returns():
        await asyncio.sleep(0)
        return 42

    async def raises():
        await asyncio.sleep(0)
        raise ValueError('spam')
    print('run returns:', await in_thread(lambda: asyncio.run(returns())))
    print('run raises:', await in_thread(lambda: asyncio.run(raises())))
    print('run(1):', await in_thread(lambda: asyncio.run(1)))

    async def nested():
        coro = returns()
        try:
            asyncio.run(coro)
        finally:
            coro.close()
    try:
        await nested()
    except RuntimeError as e:
        print('run from a running loop:', err(e))

    lo_task = []
    reports = []

    async def leftover():
        try:
            await asyncio.sleep(0.1)
        except asyncio.CancelledError:
            1 / 0

    async def leaves_a_task():
        loop = asyncio.get_running_loop()
        loop.call_exception_handler = lambda context: reports.append(
            ('asyncio.run() shutdown' in context['message'], type(context['exception']).__name__))
        lo_task.append(asyncio.create_task(leftover()))
        return 123
    print('run with a leftover task:', await in_thread(lambda: asyncio.run(leaves_a_task())), lo_task[0].done(), reports)

    async def notmuch():
        return 'ok'
    t_orig = asyncio.create_task(notmuch())
    t = asyncio.ensure_future(t_orig)
    print('ensure_future(task) is the task:', t is t_orig, await t)
    for label, call in (('ensure_future("ok")', lambda: asyncio.ensure_future('ok')),
                        ('create_task(123)', lambda: asyncio.create_task(123))):
        try:
            call()
        except TypeError as e:
            print(label + ':', type(e).__name__)
    print('current_task() outside a loop:', await in_thread(asyncio.current_task))

    async def make_request_with_timeout(sleep, timeout):
        task = asyncio.current_task()
        loop = task.get_loop()
        state = {'timed_out': False, 'finished': False, 'outer': False}

        def on_timeout():
            state['timed_out'] = True
            task.cancel()
        handle = loop.call_later(timeout, on_timeout)
        try:
            try:
                await asyncio.sleep(sleep)
                state['finished'] = True
            except asyncio.CancelledError:
                if state['timed_out'] and task.uncancel() == 0:
                    raise TimeoutError
                raise
            finally:
                handle.cancel()
        except TimeoutError:
            pass
        state['outer'] = True
        await asyncio.sleep(0)
        return state
    for sleep, timeout in ((10.0, 0.1), (0, 10.0)):
        t = asyncio.create_task(make_request_with_timeout(sleep, timeout))
        state = await t
        print('structured block, sleep %s timeout %s:' % (sleep, timeout), state['timed_out'], state['finished'],
              state['outer'], 'cancelling', t.cancelling())
