# to_thread and run_in_executor run blocking code in threads; asyncio keeps running meanwhile.
# cpython: test_asyncio/test_threads.py::ToThreadTests.test_to_thread
# cpython: test_asyncio/test_events.py::EventLoopTestsMixin.test_run_in_executor
import asyncio
import time
import threading
from twin import t


def blocking(name, seconds):
    thread = threading.current_thread().name
    # The default executor names its threads asyncio_0, asyncio_1, ...; which idle one runs 'c' is not fixed.
    print(name, 'in thread', thread if name != 'c' else thread.startswith('asyncio_'))
    time.sleep(seconds)
    return f'{name} after {seconds}'


async def ticker():
    for _ in range(3):
        await asyncio.sleep(0.4)
        print('tick', t())


async def main():
    results = await asyncio.gather(
        asyncio.to_thread(blocking, 'a', 1),
        asyncio.to_thread(blocking, 'b', 1),
        ticker(),
    )
    print(results[:2], t())
    loop = asyncio.get_running_loop()
    value = await loop.run_in_executor(None, blocking, 'c', 0.5)
    print(value, t())
