# asyncio.Queue as test_queues.py checks it: order, maxsize (a putter blocks after filling it), blocking gets and
# puts released by the other side, the nowait forms, cancelled getters and putters that neither lose nor hold an
# item (one or many pending readers, a cancelled writer, a cancelled put racing others), a float maxsize,
# producers and consumers in a TaskGroup, join() on an empty queue.
# cpython: test_asyncio/test_queues.py::QueueBasicTests.test_order test_asyncio/test_queues.py::QueueBasicTests.test_maxsize
# cpython: test_asyncio/test_queues.py::QueueGetTests.test_blocking_get test_asyncio/test_queues.py::QueueGetTests.test_blocking_get_wait
# cpython: test_asyncio/test_queues.py::QueueGetTests.test_nonblocking_get test_asyncio/test_queues.py::QueueGetTests.test_get_cancelled_race
# cpython: test_asyncio/test_queues.py::QueueGetTests.test_get_with_waiting_putters
# cpython: test_asyncio/test_queues.py::QueueGetTests.test_why_are_getters_waiting
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_blocking_put test_asyncio/test_queues.py::QueuePutTests.test_nonblocking_put
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_get_cancel_drop_one_pending_reader
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_get_cancel_drop_many_pending_readers
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_put_cancel_drop test_asyncio/test_queues.py::QueuePutTests.test_float_maxsize
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_put_cancelled test_asyncio/test_queues.py::QueuePutTests.test_put_cancelled_race
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_put_with_waiting_getters
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_why_are_putters_waiting
# cpython: test_asyncio/test_queues.py::QueuePutTests.test_cancelled_put_silence_value_error_exception
# cpython: test_asyncio/test_queues.py::_QueueJoinTestMixin.test_join_empty_queue
import asyncio
from twin import t, err


async def main():
    q = asyncio.Queue()
    for i in [1, 3, 2]:
        await q.put(i)
    print('order', [await q.get() for _ in range(3)])

    q = asyncio.Queue(maxsize=2)
    have_been_put = []

    async def putter():
        for i in range(3):
            await q.put(i)
            have_been_put.append(i)
        return True
    task = asyncio.create_task(putter())
    for _ in range(2):
        await asyncio.sleep(0)
    print('maxsize', q.maxsize, 'putter blocked after', have_been_put)
    print('got', await q.get())
    await asyncio.sleep(0)
    print('putter resumed:', have_been_put, await q.get(), await q.get(), task.done(), task.result())

    q = asyncio.Queue()
    q.put_nowait(1)
    print('blocking get of a ready item', await q.get())
    started = asyncio.Event()
    finished = []

    async def queue_get():
        started.set()
        res = await q.get()
        finished.append(True)
        return res
    get_task = asyncio.create_task(queue_get())
    await started.wait()
    print('get waiting, finished', bool(finished))
    asyncio.get_running_loop().call_later(0.1, q.put_nowait, 1)
    print('get released by a later put:', await get_task, bool(finished), t())
    q.put_nowait(1)
    print('get_nowait', q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print('get_nowait on empty:', type(e).__name__)

    q = asyncio.Queue()
    t1 = asyncio.create_task(q.get())
    t2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    print('cancelled getter done', t1.done())
    await q.put('a')
    await asyncio.sleep(0)
    print('the other getter gets', await t2)

    q = asyncio.Queue(maxsize=1)
    asyncio.create_task(q.put('a'))
    asyncio.create_task(q.put('b'))
    print('waiting putters in order:', await q.get(), await q.get())

    async def consumer(queue, n):
        for _ in range(n):
            await queue.get()

    async def producer(queue, n):
        for i in range(n):
            await queue.put(i)
    q = asyncio.Queue(1)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(producer(q, 5))
        tg.create_task(consumer(q, 5))
    print('producer and consumer through a queue of 1 finished, qsize', q.qsize())

    q = asyncio.Queue()
    await q.put(1)
    print('unbounded put does not block', await q.get())
    q.put_nowait(1)
    print('put_nowait', q.get_nowait())
    q = asyncio.Queue(maxsize=1)
    q.put_nowait(1)
    try:
        q.put_nowait(2)
    except asyncio.QueueFull as e:
        print('put_nowait on full:', type(e).__name__)

    q = asyncio.Queue()
    reader = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    reader.cancel()
    try:
        await reader
    except asyncio.CancelledError:
        reader = asyncio.create_task(q.get())
        await reader
    print('cancelled reader after put: next get still gets', reader.result())

    q = asyncio.Queue()
    async with asyncio.TaskGroup() as tg:
        r1 = tg.create_task(q.get())
        r2 = tg.create_task(q.get())
        r3 = tg.create_task(q.get())
        await asyncio.sleep(0)
        q.put_nowait(1)
        q.put_nowait(2)
        r1.cancel()
        try:
            await r1
        except asyncio.CancelledError:
            print('reader 1 cancelled')
        await r3
    print('readers 2 and 3 got', sorted([r2.result(), r3.result()]))

    q = asyncio.Queue(1)
    q.put_nowait(1)
    writer = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    print('got', q.get_nowait())
    writer.cancel()
    try:
        await writer
    except asyncio.CancelledError:
        writer = asyncio.create_task(q.put(2))
        await writer
    print('cancelled writer retried: got', q.get_nowait(), 'qsize', q.qsize())

    q = asyncio.Queue(maxsize=1.3)
    q.put_nowait(1)
    q.put_nowait(2)
    print('float maxsize 1.3 holds 2: full', q.full(), end=' ')
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print('then QueueFull')

    q = asyncio.Queue()

    async def queue_put():
        await q.put(1)
        return True
    task = asyncio.create_task(queue_put())
    print('get', await q.get(), 'putter done', task.done(), task.result())

    q = asyncio.Queue(maxsize=1)
    put_a = asyncio.create_task(q.put('a'))
    put_b = asyncio.create_task(q.put('b'))
    put_c = asyncio.create_task(q.put('X'))
    await asyncio.sleep(0)
    print('a done', put_a.done(), 'b done', put_b.done())
    put_c.cancel()
    await asyncio.sleep(0)
    print('c cancelled', put_c.done(), 'get', q.get_nowait(), end=' ')
    await asyncio.sleep(0)
    print('then', q.get_nowait())
    await put_b

    q = asyncio.Queue()
    task = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    await q.put('a')
    print('waiting getter gets', await task)

    q = asyncio.Queue(2)

    async def put_one(item):
        await q.put(item)

    async def getter():
        await asyncio.sleep(0)
        for _ in range(q.qsize()):
            q.get_nowait()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(getter())
        for i in range(4):
            tg.create_task(put_one(i))
    print('four putters on a queue of 2 all finished, qsize', q.qsize())

    q = asyncio.Queue(1)
    q.put_nowait(1)
    put_task = asyncio.create_task(q.put(1))
    await asyncio.sleep(0)
    q.get_nowait()
    put_task.cancel()
    try:
        await put_task
    except asyncio.CancelledError:
        print('putter cancelled after its room appeared: CancelledError, qsize', q.qsize())

    q = asyncio.Queue()
    await q.join()
    await q.join()
    print('join on an empty queue returns at once', t())
