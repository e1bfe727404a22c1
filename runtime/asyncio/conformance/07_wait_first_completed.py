# Course: wait(FIRST_COMPLETED) returns (done, pending) sets after the 1 s task; names follow Task-N.
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_first_completed
import asyncio
from twin import t


async def get(n):
    await asyncio.sleep(n)
    return n


async def main():
    tareas = [
        asyncio.create_task(get(2)),
        asyncio.create_task(get(1)),
        asyncio.create_task(get(3)),
    ]
    done, pending = await asyncio.wait(set(tareas), return_when=asyncio.FIRST_COMPLETED)
    print('done', sorted(task.get_name() for task in done), sorted(task.result() for task in done))
    print('pending', sorted(task.get_name() for task in pending))
    print(t())
    # Leftover tasks are cancelled by run() when main returns.
