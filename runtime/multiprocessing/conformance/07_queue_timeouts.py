# multiprocessing.Queue timeouts: a negative timeout counts as 0 (get raises queue.Empty at once unless an item is
# there, put succeeds when there is room and raises queue.Full when full), unlike queue.Queue; a timed get on an
# empty queue raises Empty; a closed queue refuses put and get with ValueError.
# cpython: _test_multiprocessing.py::_TestQueue.test_timeout
# cpython: _test_multiprocessing.py::_TestQueue.test_closed_queue_put_get_exceptions
import queue
import time
from multiprocessing import Queue


def attempt(label, call):
    try:
        print(label, '->', call())
    except (queue.Empty, queue.Full) as e:
        print(label, '->', type(e).__name__)
    except ValueError as e:
        print(label, '->', type(e).__name__, str(e).split(' <')[0])


if __name__ == '__main__':
    q = Queue()
    attempt('get(True, -1) on an empty queue', lambda: q.get(True, -1))
    attempt('put(x, True, -1) with room', lambda: q.put('a', True, -1))
    time.sleep(0.1)
    attempt('get(True, -1) with an item', lambda: q.get(True, -1))
    attempt('get(False) on an empty queue', lambda: q.get(False))
    t0 = time.monotonic()
    attempt('get(timeout=0.2) on an empty queue', lambda: q.get(timeout=0.2))
    print('waited about 0.2 s:', 0.15 < time.monotonic() - t0 < 1.0)
    full = Queue(1)
    full.put(1)
    attempt('put(x, True, -1) on a full queue', lambda: full.put(2, True, -1))
    attempt('put(x, False) on a full queue', lambda: full.put(2, False))
    q.close()
    attempt('put on a closed queue', lambda: q.put('b'))
    attempt('get on a closed queue', lambda: q.get())
