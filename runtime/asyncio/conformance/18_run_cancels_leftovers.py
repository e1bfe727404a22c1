# When main returns, run() cancels the tasks still pending and lets their cleanup run.
# cpython: test_asyncio/test_runners.py::RunTests.test_asyncio_run_cancels_hanging_tasks
import asyncio
from twin import t


async def forever(name, cleanup):
    try:
        await asyncio.sleep(3600)
    finally:
        # run() cancels the leftovers in no fixed order; distinct cleanup times keep the output ordered.
        await asyncio.sleep(cleanup)
        print(name, 'cleanup finished at', t(), 'cancelling()', asyncio.current_task().cancelling())


async def main():
    asyncio.create_task(forever('first', 0.5))
    asyncio.create_task(forever('second', 0.2))
    await asyncio.sleep(1)
    print('main returns', t(), len(asyncio.all_tasks()))
    return 'main result'
