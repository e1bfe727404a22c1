# asyncio.Queue: producer/consumer with join/task_done, bounded put waits, Lifo/Priority order, Empty/Full.
# cpython: test_asyncio/test_queues.py::QueueBasicTests.test_empty
# cpython: test_asyncio/test_queues.py::QueueBasicTests.test_full
# cpython: test_asyncio/test_queues.py::LifoQueueTests.test_order
# cpython: test_asyncio/test_queues.py::PriorityQueueTests.test_order
# cpython: test_asyncio/test_queues.py::QueueGetTests.test_nonblocking_get_exception
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_nonblocking_put_exception
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_blocking_put_wait
# cpython: test_asyncio/test_queues.py::_QueueJoinTestMixin.test_task_done
# cpython: test_asyncio/test_queues.py::_QueueJoinTestMixin.test_task_done_underflow
import asyncio
from twin import t, err


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print('put', i, t())
    print('producer done', t())


async def consumer(q, name):
    while True:
        item = await q.get()
        await asyncio.sleep(1)
        print(name, 'processed', item, t())
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(q, f'c{i}')) for i in range(2)]
    await producer(q, 5)
    await q.join()
    print('all processed', t(), 'qsize', q.qsize(), 'empty', q.empty())
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    lifo = asyncio.LifoQueue()
    prio = asyncio.PriorityQueue()
    for x in (3, 1, 2):
        lifo.put_nowait(x)
        prio.put_nowait((x, f'p{x}'))
    print('lifo', [lifo.get_nowait() for _ in range(3)], 'prio', [prio.get_nowait()[1] for _ in range(3)])
    small = asyncio.Queue(1)
    small.put_nowait('x')
    print('full', small.full(), 'maxsize', small.maxsize)
    try:
        small.put_nowait('y')
    except asyncio.QueueFull as e:
        print('put_nowait:', err(e))
    small.get_nowait()
    try:
        small.get_nowait()
    except asyncio.QueueEmpty as e:
        print('get_nowait:', err(e))
    try:
        small.task_done()
        small.task_done()
    except ValueError as e:
        print('task_done:', err(e))
    # get() with wait_for: the waiting getter is cancelled cleanly and the queue still works.
    try:
        await asyncio.wait_for(small.get(), 0.5)
    except TimeoutError:
        print('get timed out', t())
    small.put_nowait('z')
    print('then got', await small.get())
