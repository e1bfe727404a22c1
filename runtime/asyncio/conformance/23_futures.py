# Future API: results set from callbacks, done callbacks, and CPython's InvalidStateError messages.
# cpython: test_asyncio/test_futures.py::BaseFutureTests.test_initial_state
# cpython: test_asyncio/test_futures.py::BaseFutureTests.test_exception
# cpython: test_asyncio/test_futures.py::BaseFutureTests.test_cancel
# cpython: test_asyncio/test_futures.py::BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_result
# cpython: test_asyncio/test_futures.py::BaseFutureDoneCallbackTests.test_remove_done_callback
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_ensure_future_future
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_ensure_future_coroutine
import asyncio
from twin import t, err


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print('done', fut.done(), 'cancelled', fut.cancelled())
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print('result():', err(e))
    try:
        fut.exception()
    except asyncio.InvalidStateError as e:
        print('exception():', err(e))
    fut.add_done_callback(lambda f: print('callback 1 sees', f.result(), t()))
    cb2 = lambda f: print('callback 2 (removed)')
    fut.add_done_callback(cb2)
    fut.add_done_callback(cb2)
    print('removed', fut.remove_done_callback(cb2))
    loop.call_later(1, fut.set_result, 42)
    print('awaited', await fut, t())
    try:
        fut.set_result(43)
    except asyncio.InvalidStateError as e:
        print('set_result again:', err(e))
    print('cancel a done future ->', fut.cancel())

    failed = loop.create_future()
    failed.set_exception(ValueError('nope'))
    print('exception()', err(failed.exception()))
    try:
        await failed
    except ValueError as e:
        print('await raised', err(e))
    try:
        failed.set_exception(StopIteration())
    except (asyncio.InvalidStateError, TypeError) as e:
        print('set_exception again:', err(e))

    cancelled = loop.create_future()
    print('cancel ->', cancelled.cancel('why'), cancelled.cancelled())
    try:
        cancelled.result()
    except asyncio.CancelledError as e:
        print('result() of cancelled:', err(e))
    cancelled.add_done_callback(lambda f: print('late callback runs soon, cancelled', f.cancelled()))
    await asyncio.sleep(0)

    # ensure_future wraps a coroutine in a Task and returns a Future unchanged.
    f2 = loop.create_future()
    print('ensure_future(future) is future:', asyncio.ensure_future(f2) is f2)
    task = asyncio.ensure_future(asyncio.sleep(0.5, result='slept'))
    print('ensure_future(coro) is a Task:', isinstance(task, asyncio.Task), await task, t())
    f2.cancel()
