# wait_for on timeout cancels the inner work and waits for its cleanup (the finally) before raising.
# cpython: test_asyncio/test_waitfor.py::AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation
import asyncio
from twin import t, err


async def slow():
    try:
        print('slow: start')
        await asyncio.sleep(5)
        return 'never'
    finally:
        print('slow: cleanup begins', t())
        await asyncio.sleep(0.5)
        print('slow: cleanup ends', t())


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=1)
    except TimeoutError as e:
        print('main:', err(e), 'is asyncio.TimeoutError:', isinstance(e, asyncio.TimeoutError), t())
    # The happy path returns the value.
    value = await asyncio.wait_for(asyncio.sleep(0.5, result='quick'), timeout=1)
    print('main: got', value, t())
    # timeout=None waits forever.
    value = await asyncio.wait_for(asyncio.sleep(0.5, result='unbounded'), timeout=None)
    print('main: got', value, t())
