# call_soon runs callbacks in FIFO order on the next turn; call_later by deadline; handles can be cancelled.
# cpython: test_asyncio/test_base_events.py::BaseEventLoopTests.test_call_soon
# cpython: test_asyncio/test_base_events.py::BaseEventLoopTests.test_call_later
# cpython: test_asyncio/test_events.py::EventLoopTestsMixin.test_call_soon
# cpython: test_asyncio/test_events.py::EventLoopTestsMixin.test_call_later
import asyncio
from twin import t


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, print, 'later 0.2', 'x')
    h = loop.call_later(0.1, print, 'later 0.1 (cancelled)')
    loop.call_later(0.1, lambda: print('later 0.1', t()))
    loop.call_soon(print, 'soon 1')
    loop.call_soon(print, 'soon 2')
    h.cancel()
    print('handle cancelled():', h.cancelled())
    print('main before sleep(0)')
    await asyncio.sleep(0)
    print('main after sleep(0)')
    await asyncio.sleep(0.5)
    print('end', t())
