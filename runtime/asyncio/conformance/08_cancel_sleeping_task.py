# Cancelling a sleeping task raises CancelledError at its await; except and finally run; awaiting it re-raises.
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_task_cancel_sleeping_task
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_sleep_cancel
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_cancel
import asyncio
from twin import t, err


async def worker():
    try:
        print('worker: sleeping', t())
        await asyncio.sleep(10)
        print('worker: woke up (never printed)')
    except asyncio.CancelledError:
        print('worker: cancelled at', t())
        raise
    finally:
        print('worker: finally')


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    print('cancel() ->', task.cancel())
    print('done right after cancel():', task.done())
    try:
        await task
    except asyncio.CancelledError as e:
        print('main: awaiting the task raised', err(e))
    print('cancelled():', task.cancelled(), 'done():', task.done())
    print('cancel() again ->', task.cancel())
    try:
        task.result()
    except asyncio.CancelledError as e:
        print('result() raised', err(e))
    try:
        task.exception()
    except asyncio.CancelledError as e:
        print('exception() raised', err(e))
    print(t())
