# gather with return_exceptions=True puts errors in the result list; without it the first error propagates.
# cpython: test_asyncio/test_tasks.py::GatherTestsBase.test_return_exceptions
# cpython: test_asyncio/test_tasks.py::GatherTestsBase.test_one_exception
import asyncio
from twin import t, err


async def ok(delay, value):
    await asyncio.sleep(delay)
    return value


async def boom(delay, message):
    await asyncio.sleep(delay)
    raise ValueError(message)


async def main():
    results = await asyncio.gather(ok(1, 'a'), boom(0.5, 'bad'), ok(0.2, 'c'), return_exceptions=True)
    print([r if isinstance(r, str) else err(r) for r in results], t())
    try:
        await asyncio.gather(ok(1, 'a'), boom(0.5, 'first'), boom(0.7, 'second'))
    except ValueError as e:
        print('propagated:', err(e), t())
    results = await asyncio.gather()
    print('empty gather:', results)
