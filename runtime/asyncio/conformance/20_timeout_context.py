# asyncio.timeout() cancels the block and raises TimeoutError on exit; reschedule() moves the deadline.
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_basic
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_not_called
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_reschedule
import asyncio
from twin import t, err


async def main():
    try:
        async with asyncio.timeout(1) as cm:
            await asyncio.sleep(5)
    except TimeoutError as e:
        print('timeout:', err(e), 'expired:', cm.expired(), t())
    async with asyncio.timeout(2) as cm:
        await asyncio.sleep(1)
    print('in time, expired:', cm.expired(), t())
    try:
        async with asyncio.timeout(None) as cm:
            cm.reschedule(asyncio.get_running_loop().time() + 0.5)
            await asyncio.sleep(1)
    except TimeoutError:
        print('rescheduled timeout', t())
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(5)
            finally:
                print('inner finally', t())
    except TimeoutError:
        print('outer caught TimeoutError', t())
