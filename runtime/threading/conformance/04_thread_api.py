# The Thread object as test_threading.py checks it: names (an empty name counts as none: 'Thread-N (target)'),
# args, ident and is_alive, enumerate/active_count after join, the daemon flag and its errors, main_thread(),
# repr through a thread's life, and the errors of start() twice and of join() on itself or before start().
# cpython: test_threading.py::ThreadTests.test_name test_threading.py::ThreadTests.test_args_argument
# cpython: test_threading.py::ThreadTests.test_various_ops test_threading.py::ThreadTests.test_enumerate_after_join
# cpython: test_threading.py::ThreadTests.test_repr_daemon test_threading.py::ThreadTests.test_daemon_param
# cpython: test_threading.py::ThreadTests.test_main_thread test_threading.py::ThreadTests.test_repr_stopped
# cpython: test_threading.py::ThreadingExceptionTests.test_start_thread_again
# cpython: test_threading.py::ThreadingExceptionTests.test_joining_current_thread
# cpython: test_threading.py::ThreadingExceptionTests.test_joining_inactive_thread
# cpython: test_threading.py::ThreadingExceptionTests.test_daemonize_active_thread
# cpython: test_threading.py::TimerTests.test_init_immutable_default_args
import re
import threading
import time
from twin import err


def r(thread):
    return re.sub(r' \d+\)>$', ' <ident>)>', repr(thread))


def main():
    def worker():
        pass
    print(threading.Thread(name='myname1').name, threading.Thread(name=123).name,
          threading.Thread(target=worker, name='myname2').name)
    print(threading.Thread(target=worker, name='').name, threading.Thread(name='').name,
          threading.Thread(target=worker).name, threading.Thread().name, threading.Thread(target=worker, name=None).name)

    got = []
    for args in ([1], (1,), ['str'], ('str',), ([1],), [(1,)]):
        th = threading.Thread(target=lambda arg: got.append(arg), args=args)
        th.start()
        th.join()
    print('args:', got)

    seen = []

    def sleeper():
        seen.append((threading.current_thread().ident is not None, threading.current_thread().is_alive()))
        time.sleep(0.1)
    threads = [threading.Thread(target=sleeper) for _ in range(3)]
    print('before start:', [t.ident for t in threads], [t.is_alive() for t in threads])
    for th in threads:
        th.start()
    print('running:', [t.is_alive() for t in threads], threading.active_count(), len(threading.enumerate()))
    for th in threads:
        th.join()
    print('joined:', seen, [t.is_alive() for t in threads], threading.active_count(), len(threading.enumerate()))
    print('idents differ:', len({t.ident for t in threads}) == 3)

    d = threading.Thread(target=worker, daemon=True)
    print('daemon repr:', r(d), d.daemon, threading.Thread(target=worker).daemon)
    e = threading.Event()
    live = threading.Thread(target=e.wait, name='W')
    live.start()
    try:
        live.daemon = True
    except RuntimeError as ex:
        print('daemonize active:', err(ex))
    try:
        live.start()
    except RuntimeError as ex:
        print('start again:', err(ex))
    print('alive repr:', r(live))
    e.set()
    live.join()
    print('stopped repr:', r(live))
    try:
        threading.current_thread().join()
    except RuntimeError as ex:
        print('join current:', err(ex))
    try:
        threading.Thread().join()
    except RuntimeError as ex:
        print('join before start:', err(ex))

    m = threading.main_thread()
    print('main:', m.name, m is threading.current_thread(), m.ident == threading.get_ident())

    t1 = threading.Timer(0.01, lambda: None)
    t2 = threading.Timer(0.01, lambda: None)
    print('Timer defaults: empty args', list(t1.args) == [], 'no kwargs', not t1.kwargs, 'not shared', t1.args is not t2.args)
