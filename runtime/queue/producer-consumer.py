# The program queue.test.ts replays on the virtual clock; its expected lines are this program's output.
# U scales time so the real run is quick; stamps are printed in tenths of U.
import queue, threading, time

U = 0.2
q = queue.Queue(maxsize=2)
t0 = time.monotonic()
lines = []

def stamp():
    return round((time.monotonic() - t0) / U * 10)

def producer():
    for i in range(6):
        q.put(i)
        lines.append(f'{stamp()} {threading.current_thread().name} put {i} qsize={q.qsize()}')
        time.sleep(0.3 * U)
    q.put(None)

def consumer():
    time.sleep(0.1 * U)
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        time.sleep(1 * U)
        lines.append(f'{stamp()} {threading.current_thread().name} got {item}')
        q.task_done()

threads = [threading.Thread(target=producer, name='producer'), threading.Thread(target=consumer, name='consumer')]
for t in threads:
    t.start()
time.sleep(0.05 * U)  # main lets the threads start: in the TS runtime start() does not switch
q.join()
lines.append(f'{stamp()} joined unfinished={q.unfinished_tasks}')
for t in threads:
    t.join()
print('\n'.join(lines))
