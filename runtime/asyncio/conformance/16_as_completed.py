# as_completed yields results in completion order; its timeout raises TimeoutError from the next await.
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_as_completed
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_as_completed_with_timeout
import asyncio
from twin import t, err


async def get(n):
    await asyncio.sleep(n)
    return n


async def main():
    for fut in asyncio.as_completed([get(3), get(1), get(2)]):
        print('got', await fut, t())
    try:
        for fut in asyncio.as_completed([get(0.5), get(5)], timeout=1):
            print('got', await fut, t())
    except TimeoutError as e:
        print('as_completed:', err(e), t())
