# Course: wait_for gives up after 1 s and cancels the hour-long sleep.
# cpython: test_asyncio/test_waitfor.py::AsyncioWaitForTest.test_wait_for
# cpython: test_asyncio/test_waitfor.py::AsyncioWaitForTest.test_asyncio_wait_for_timeout
import asyncio
from twin import t


async def eternity():
    await asyncio.sleep(3600)
    print('yay!')


async def main():
    try:
        await asyncio.wait_for(eternity(), timeout=1.0)
    except asyncio.TimeoutError:
        print('timeout!', t())
