# shield() protects the inner work from the outer cancellation (here, wait_for's timeout).
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_shield_effect
import asyncio
from twin import t, err


async def important():
    await asyncio.sleep(2)
    print('important: finished', t())
    return 'saved'


async def main():
    task = asyncio.create_task(important())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=1)
    except TimeoutError as e:
        print('main:', err(e), t(), 'task cancelled:', task.cancelled())
    print('main: task result', await task, t())
