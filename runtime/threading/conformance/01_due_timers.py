# A wait that is due needs no clock jump: it gets its turn while another thread yields in a loop. A 0.5 s
# timed wait ends after 0.5 s of spinning, and every spinning thread keeps getting turns meanwhile.
import threading
import time
from twin import t


def main():
    cond = threading.Condition()
    done = []
    spins = [0]

    def spinner():
        while not done:
            time.sleep(0)
            spins[0] += 1
    s = threading.Thread(target=spinner)
    s.start()
    with cond:
        print('cond.wait(0) returns', cond.wait(0))
    done.append(True)
    s.join()
    print('the spinner yielded only a few times:', spins[0] < 1000)

    ev = threading.Event()
    got = []

    def waiter():
        got.append(ev.wait(0.5))
        print('ev.wait(0.5) returned', got[0], 'at', t())
    w = threading.Thread(target=waiter)
    w.start()
    counts = {'A': 0, 'B': 0}

    def spin(name):
        while not got:
            time.sleep(0)
            counts[name] += 1
    a = threading.Thread(target=spin, args=('A',))
    b = threading.Thread(target=spin, args=('B',))
    a.start()
    b.start()
    for x in (w, a, b):
        x.join()
    print('both spinners had turns:', counts['A'] > 0 and counts['B'] > 0)

    fired = []
    timer = threading.Timer(0.3, lambda: fired.append(t()))
    timer.start()
    n = 0
    while not fired:
        time.sleep(0)
        n += 1
    print('Timer(0.3) fired at', fired[0], 'while the main thread spun')
    timer.join()

    lock = threading.Lock()
    lock.acquire()
    results = []

    def try_lock():
        results.append(lock.acquire(timeout=0.2))
    x = threading.Thread(target=try_lock)
    x.start()
    while not results:
        time.sleep(0)
    print('lock.acquire(timeout=0.2) gave', results[0], 'at', t())
    x.join()
