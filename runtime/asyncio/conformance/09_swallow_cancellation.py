# A task that swallows CancelledError keeps running, as in Python; it is then not cancelled().
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_task_ignoring
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel_task_catching
import asyncio
from twin import t


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('stubborn: ignoring cancellation at', t())
    await asyncio.sleep(1)
    print('stubborn: still running at', t())
    return 'survived'


async def main():
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    task.cancel()
    result = await task
    print('result:', result, 'cancelled():', task.cancelled(), 'cancelling():', task.cancelling())
    print(t())
    return result
