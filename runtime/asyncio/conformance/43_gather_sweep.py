# gather() as test_tasks.py's gather tests check it: results in argument order with return_exceptions=True, its
# done callback called once; one child cancelled makes the gather fail with CancelledError (not cancelled
# itself) and later children change nothing; with return_exceptions the cancelled children appear as
# CancelledError in the results; an empty gather; the same coroutine several times; an error raised by one of
# several children reaches the awaiter; a bad argument raises TypeError.
# cpython: test_asyncio/test_tasks.py::GatherTestsBase.test_result_exception_success
# cpython: test_asyncio/test_tasks.py::FutureGatherTests.test_constructor_empty_sequence_use_running_loop
# cpython: test_asyncio/test_tasks.py::FutureGatherTests.test_one_cancellation
# cpython: test_asyncio/test_tasks.py::FutureGatherTests.test_result_exception_one_cancellation
# cpython: test_asyncio/test_tasks.py::CoroutineGatherTests.test_constructor_use_running_loop
# cpython: test_asyncio/test_tasks.py::CoroutineGatherTests.test_duplicate_coroutines
# cpython: test_asyncio/test_tasks.py::CoroutineGatherTests.test_exception_marking
# cpython: test_asyncio/test_tasks.py::CoroutineGatherTests.test_issue46672
import asyncio
from twin import err


def show(values):
    return [err(v) if isinstance(v, BaseException) else v for v in values]


async def main():
    loop = asyncio.get_running_loop()
    a, b, c = [loop.create_future() for _ in range(3)]
    fut = asyncio.gather(a, b, c, return_exceptions=True)
    calls = []
    fut.add_done_callback(lambda f: calls.append(f is fut))
    b.set_result(1)
    a.set_result(2)
    await asyncio.sleep(0)
    print('two of three:', calls, fut.done())
    c.set_result(3)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('all three:', calls, fut.result())

    a, b, c, d, e = [loop.create_future() for _ in range(5)]
    fut = asyncio.gather(a, b, c, d, e)
    calls = []
    fut.add_done_callback(lambda f: calls.append(f is fut))
    a.set_result(1)
    b.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('one cancelled:', fut.done(), calls, fut.cancelled(), err(fut.exception()))
    c.set_result(3)
    d.cancel()
    e.set_exception(RuntimeError())
    e.exception()
    await asyncio.sleep(0)
    print('later children change nothing:', calls, err(fut.exception()))

    a, b, c, d, e, f = [loop.create_future() for _ in range(6)]
    fut = asyncio.gather(a, b, c, d, e, f, return_exceptions=True)
    calls = []
    fut.add_done_callback(lambda x: calls.append(x is fut))
    a.set_result(1)
    b.set_exception(ZeroDivisionError())
    c.cancel()
    await asyncio.sleep(0)
    print('return_exceptions, half done:', fut.done())
    d.set_result(3)
    e.cancel()
    f.set_exception(RuntimeError())
    res = await fut
    await asyncio.sleep(0)
    print('return_exceptions results:', show(res), calls)

    empty = asyncio.gather()
    print('empty gather is a future:', isinstance(empty, asyncio.Future), await empty)

    async def coro(s):
        return s
    print('two coroutines:', await asyncio.gather(coro('abc'), coro('abc')))
    c = coro('abc')
    print('the same coroutine three times:', await asyncio.gather(c, c, coro('def'), c))

    async def inner(f):
        await f
        raise RuntimeError('should not be ignored')
    a, b = loop.create_future(), loop.create_future()

    async def outer():
        await asyncio.gather(inner(a), inner(b))
    f = asyncio.ensure_future(outer())
    await asyncio.sleep(0)
    a.set_result(None)
    await asyncio.sleep(0)
    b.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('an error of one child:', err(f.exception()))

    c = coro('abc')
    try:
        asyncio.gather(c, 42)
    except TypeError as e:
        print('gather(coro, 42):', type(e).__name__)
    await c
