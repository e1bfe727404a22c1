# queue.Queue, LifoQueue, PriorityQueue and SimpleQueue as test_queue.py checks them: order, empty/full, put and
# get without blocking or with a timeout, a blocked put/get released by another thread, join() with task_done()
# (twice on one queue), task_done() called too often, negative timeouts, the nowait forms, and many threads
# feeding and draining a SimpleQueue (blocking, non-blocking and timed gets).
# cpython: test_queue.py::BaseQueueTestMixin.test_basic test_queue.py::BaseQueueTestMixin.test_queue_join
# cpython: test_queue.py::BaseQueueTestMixin.test_queue_task_done
# cpython: test_queue.py::BaseQueueTestMixin.test_negative_timeout_raises_exception
# cpython: test_queue.py::BaseQueueTestMixin.test_nowait test_queue.py::BaseSimpleQueueTest.test_basic
# cpython: test_queue.py::BaseSimpleQueueTest.test_negative_timeout_raises_exception
# cpython: test_queue.py::BaseSimpleQueueTest.test_order test_queue.py::BaseSimpleQueueTest.test_many_threads
# cpython: test_queue.py::BaseSimpleQueueTest.test_many_threads_nonblock
# cpython: test_queue.py::BaseSimpleQueueTest.test_many_threads_timeout
import queue
import threading
import time
from twin import err

QUEUE_SIZE = 5


def blocked_then_released(label, block, trigger):
    """Runs block() while a thread calls trigger() 0.1 s later; prints whether block() waited for it."""
    done = []

    def later():
        time.sleep(0.1)
        done.append(True)
        trigger()
    th = threading.Thread(target=later)
    th.start()
    t0 = time.monotonic()
    result = block()
    print(label, 'waited for the other thread:', bool(done), round(time.monotonic() - t0, 1), 'result', result)
    th.join()


def basic(q):
    print(type(q).__name__, 'empty', q.empty(), 'full', q.full())
    for x in (111, 333, 222):
        q.put(x)
    print(type(q).__name__, 'order', [q.get(), q.get(), q.get()])
    for i in range(QUEUE_SIZE - 1):
        q.put(i)
    print('not full yet', q.full(), q.qsize())
    q.put(2 * QUEUE_SIZE)
    print('full', q.full(), 'empty', q.empty())
    for label, call in (('put(block=0)', lambda: q.put(99, block=0)), ('put(timeout=0.01)', lambda: q.put(99, timeout=0.01))):
        try:
            call()
        except queue.Full:
            print(label, '-> Full')
    blocked_then_released('blocking put', lambda: q.put(98), q.get)
    blocked_then_released('blocking put(x, True, 10)', lambda: q.put(97, True, 10), q.get)
    for i in range(QUEUE_SIZE):
        q.get()
    print('drained', q.qsize())
    for label, call in (('get(block=0)', lambda: q.get(block=0)), ('get(timeout=0.01)', lambda: q.get(timeout=0.01))):
        try:
            call()
        except queue.Empty:
            print(label, '-> Empty')
    blocked_then_released('blocking get', q.get, lambda: q.put('empty'))
    blocked_then_released('blocking get(True, 10)', lambda: q.get(True, 10), lambda: q.put('empty'))


def join_test(q):
    total = [0]
    lock = threading.Lock()

    def worker():
        while True:
            x = q.get()
            if x < 0:
                q.task_done()
                return
            with lock:
                total[0] += x
            q.task_done()
    threads = [threading.Thread(target=worker) for _ in (0, 1)]
    for th in threads:
        th.start()
    for i in range(100):
        q.put(i)
    q.join()
    print('join waited for every task:', total[0] == sum(range(100)))
    for _ in (0, 1):
        q.put(-1)
    q.join()
    for th in threads:
        th.join()


def feed_and_drain(q, how):
    inputs = list(range(200))
    seq = list(reversed(inputs))
    results = []

    def feed():
        while True:
            try:
                val = seq.pop()
            except IndexError:
                q.put(None)
                return
            q.put(val)

    def consume():
        while True:
            while True:
                try:
                    val = q.get() if how == 'blocking' else q.get(block=False) if how == 'nonblock' else q.get(timeout=1e-5)
                    break
                except queue.Empty:
                    time.sleep(0.0001) if how == 'nonblock' else None
            if val is None:
                return
            results.append(val)
    threads = [threading.Thread(target=feed) for _ in range(4)] + [threading.Thread(target=consume) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    print('SimpleQueue', how, 'with 4 feeders and 4 consumers: every item once:', sorted(results) == inputs)


def main():
    for kind in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
        q = kind(QUEUE_SIZE)
        basic(q)
        basic(q)
        q = kind()
        join_test(q)
        join_test(q)
        for qq in (q, kind()):
            try:
                qq.task_done()
            except ValueError as e:
                print(kind.__name__, 'task_done too often:', err(e))
        q = kind(QUEUE_SIZE)
        for label, call in (('put', lambda: q.put(1, timeout=-1)), ('get', lambda: q.get(1, timeout=-1))):
            try:
                call()
            except ValueError as e:
                print(kind.__name__, label, 'negative timeout:', err(e))
        for i in range(QUEUE_SIZE):
            q.put_nowait(1)
        try:
            q.put_nowait(1)
        except queue.Full:
            print(kind.__name__, 'put_nowait on a full queue -> Full')
        for i in range(QUEUE_SIZE):
            q.get_nowait()
        try:
            q.get_nowait()
        except queue.Empty:
            print(kind.__name__, 'get_nowait on an empty queue -> Empty')

    q = queue.SimpleQueue()
    print('SimpleQueue empty', q.empty(), q.qsize())
    q.put(1)
    print('after put: empty', q.empty(), q.qsize())
    q.put_nowait(2)
    q.put(3, block=False)
    q.put(4, timeout=5)
    print('SimpleQueue order', [q.get(), q.get_nowait(), q.get(block=False), q.get(timeout=5)])
    for label, call in (('get(block=False)', lambda: q.get(block=False)), ('get(timeout=0.01)', lambda: q.get(timeout=0.01)), ('get_nowait()', q.get_nowait)):
        try:
            call()
        except queue.Empty:
            print('SimpleQueue', label, '-> Empty')
    try:
        q.get(timeout=-1)
    except ValueError as e:
        print('SimpleQueue get negative timeout:', err(e))
    q.put(5, timeout=-1)
    print('SimpleQueue put ignores its timeout:', q.get())
    for how in ('blocking', 'nonblock', 'timeout'):
        feed_and_drain(queue.SimpleQueue(), how)
