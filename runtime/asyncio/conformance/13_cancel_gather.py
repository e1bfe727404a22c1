# Cancelling the future returned by gather cancels all its children.
# cpython: test_asyncio/test_tasks.py::CoroutineGatherTests.test_cancellation_broadcast
import asyncio
from twin import t, err


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, 'finished')
    except asyncio.CancelledError:
        print(name, 'cancelled at', t())
        raise


async def main():
    a = asyncio.create_task(child('a', 1))
    b = asyncio.create_task(child('b', 5))
    g = asyncio.gather(a, b, child('c', 5))
    await asyncio.sleep(2)
    print('cancel() ->', g.cancel())
    try:
        await g
    except asyncio.CancelledError as e:
        print('main: gather raised', err(e), t())
    print('a cancelled:', a.cancelled(), 'b cancelled:', b.cancelled(), 'g cancelled:', g.cancelled())
