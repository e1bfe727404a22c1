# Process, Queue and Pipe details from _test_multiprocessing.py: Process.close() (refused while running, then
# every method raises ValueError), five processes started and joined then five terminated (-SIGTERM), a child
# waits for its non-daemon threads before exiting, a queue filled before a child starts and then by the child
# (FIFO across both), qsize(), a Pipe as a context manager (closed after, recv raises OSError), closing the
# parent's copy of the child's end right after start(), poll() after an empty message, messages sent with pauses read
# with poll(timeout), messages kept apart. send_bytes/recv_bytes are not ported (a Connection sends objects):
# the TS twin sends the same strings with send()/recv(). Last, a manager queue held in a manager list and dict.
# cpython: _test_multiprocessing.py::_TestProcess.test_close _test_multiprocessing.py::_TestProcess.test_many_processes
# cpython: _test_multiprocessing.py::_TestProcess.test_wait_for_threads
# cpython: _test_multiprocessing.py::_TestQueue.test_fork _test_multiprocessing.py::_TestQueue.test_qsize
# cpython: _test_multiprocessing.py::_TestConnection.test_context _test_multiprocessing.py::_TestContainers.test_nested_queue
# cpython: _test_multiprocessing.py::_TestConnection.test_spawn_close
# cpython: _test_multiprocessing.py::_TestPoll.test_empty_string _test_multiprocessing.py::_TestPoll.test_strings
# cpython: _test_multiprocessing.py::_TestPoll.test_dont_merge
import queue as pyqueue
import threading
import time
import multiprocessing as mp

def wait_for_none(q):
    q.get()


def sleep_for(delay):
    time.sleep(delay)


def wait_for_threads(evt):
    def func1():
        time.sleep(0.5)
        evt.set()

    def func2():
        time.sleep(20)
        evt.clear()
    threading.Thread(target=func1).start()
    threading.Thread(target=func2, daemon=True).start()


def put_more(q):
    for i in range(10, 20):
        q.put(i)


def echo(conn):
    while True:
        msg = conn.recv()
        if msg == 'STOP':
            break
        conn.send(msg)
    conn.close()


def send_strings(conn, strings):
    for s in strings:
        time.sleep(0.1)
        conn.send_bytes(s.encode())
    conn.close()


def dont_merge(conn):
    for s in ('a', 'b', 'cd'):
        conn.send_bytes(s.encode())


def attempt(call):
    try:
        call()
        return 'ok'
    except ValueError:
        return 'ValueError'


if __name__ == '__main__':
    q = mp.Queue()
    p = mp.Process(target=wait_for_none, args=(q,), daemon=True)
    p.start()
    print('close() while alive:', p.is_alive(), attempt(p.close))
    q.put(None)
    p.join()
    print('after join:', p.is_alive(), p.exitcode, attempt(p.close))
    print('after close():', [attempt(f) for f in (p.is_alive, p.join, p.terminate, p.close)])

    procs = [mp.Process(target=sleep_for, args=(0.01,)) for _ in range(5)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print('five processes:', [p.exitcode for p in procs])
    procs = [mp.Process(target=sleep_for, args=(10,)) for _ in range(5)]
    for p in procs:
        p.start()
    time.sleep(0.001)
    for p in procs:
        p.terminate()
    for p in procs:
        p.join()
    print('five terminated:', [p.exitcode for p in procs])

    evt = mp.Event()
    p = mp.Process(target=wait_for_threads, args=(evt,))
    p.start()
    p.join()
    print('the child waited for its non-daemon thread:', evt.is_set())

    q = mp.Queue()
    for i in range(10):
        q.put(i)
    time.sleep(0.1)
    p = mp.Process(target=put_more, args=(q,), daemon=True)
    p.start()
    got = [q.get() for _ in range(20)]
    try:
        q.get(False)
    except pyqueue.Empty:
        print('items before and from the child, in order:', got == list(range(20)), 'then Empty')
    p.join()

    q = mp.Queue()
    sizes = [q.qsize()]
    q.put(1)
    sizes.append(q.qsize())
    q.put(5)
    sizes.append(q.qsize())
    q.get()
    sizes.append(q.qsize())
    q.get()
    sizes.append(q.qsize())
    print('qsize:', sizes)

    a, b = mp.Pipe()
    with a, b:
        a.send(1729)
        print('in the with block:', b.recv(), a.closed, b.closed)
    print('after it:', a.closed, b.closed)
    for end in (a, b):
        try:
            end.recv()
        except OSError as e:
            print('recv on a closed end:', type(e).__name__)

    conn, child_conn = mp.Pipe()
    p = mp.Process(target=echo, args=(child_conn,), daemon=True)
    p.start()
    child_conn.close()
    conn.send('hello')
    print('echo after closing our copy of the child end:', conn.recv())
    conn.send('STOP')
    conn.close()
    p.join()

    a, b = mp.Pipe()
    print('poll() before:', a.poll())
    b.send_bytes(b'')
    print('poll() after an empty message:', a.poll(), a.poll())
    a.recv_bytes()

    strings = ('hello', '', 'a', 'b', '', 'bye', '', 'lop')
    a, b = mp.Pipe()
    p = mp.Process(target=send_strings, args=(b, strings))
    p.start()
    received = []
    for s in strings:
        for i in range(200):
            if a.poll(0.01):
                break
        received.append(a.recv_bytes().decode())
    p.join()
    print('strings sent with pauses:', received == list(strings))

    a, b = mp.Pipe()
    print('poll(0.0), poll(0.1) with nothing sent:', a.poll(0.0), a.poll(0.1))
    p = mp.Process(target=dont_merge, args=(b,))
    p.start()
    out = [a.recv_bytes().decode(), a.poll(1.0), a.poll(1.0), a.recv_bytes().decode(), a.poll(1.0), a.poll(1.0),
           a.poll(0.0), a.recv_bytes().decode()]
    p.join()
    print('messages kept apart:', out)

    with mp.Manager() as manager:
        a = manager.list()
        a.append(manager.Queue())
        a[0].put(123)
        b = manager.dict()
        b[0] = manager.Queue()
        b[0].put(456)
        print('a manager queue inside a list and a dict:', a[0].get(), b[0].get())
