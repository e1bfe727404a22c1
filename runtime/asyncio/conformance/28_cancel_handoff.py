# A waiter woken by release() but cancelled before it runs passes its turn on (Semaphore, Lock); a TaskGroup
# cancelled from outside re-raises CancelledError; to_thread errors propagate, and cancelling the awaiting task
# does not stop the thread; a finished timeout cannot be rescheduled.
# cpython: test_asyncio/test_locks.py::SemaphoreTests.test_acquire_cancel_before_awoken
# cpython: test_asyncio/test_threads.py::ToThreadTests.test_to_thread_exception
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_finished
import asyncio
import time
from twin import t, err


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()

    async def w(name):
        await sem.acquire()
        print(name, 'acquired at', t())
    b = asyncio.create_task(w('B'))
    c = asyncio.create_task(w('C'))
    await asyncio.sleep(1)
    sem.release()
    b.cancel()
    await asyncio.gather(b, c, return_exceptions=True)
    print('B cancelled', b.cancelled(), 'sem locked', sem.locked())

    lock = asyncio.Lock()
    await lock.acquire()

    async def lw(name):
        await lock.acquire()
        print(name, 'got lock at', t())
    b = asyncio.create_task(lw('LB'))
    c = asyncio.create_task(lw('LC'))
    await asyncio.sleep(1)
    lock.release()
    b.cancel()
    await asyncio.gather(b, c, return_exceptions=True)
    print('LB cancelled', b.cancelled(), 'lock locked', lock.locked())

    async def grp():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(asyncio.sleep(10))
                await asyncio.sleep(10)
        except asyncio.CancelledError:
            print('group got CancelledError at', t())
            raise
    g = asyncio.create_task(grp())
    await asyncio.sleep(1)
    g.cancel()
    await asyncio.gather(g, return_exceptions=True)
    print('group task cancelled', g.cancelled())

    def boom():
        time.sleep(0.5)
        raise KeyError('x')
    try:
        await asyncio.to_thread(boom)
    except KeyError as e:
        print('to_thread raised', err(e), 'at', t())
    done = []

    def slow():
        time.sleep(1)
        done.append('thread finished')
    task = asyncio.create_task(asyncio.to_thread(slow))
    await asyncio.sleep(0.2)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    print('to_thread task cancelled', task.cancelled(), 'at', t(), 'thread done', done)
    await asyncio.sleep(1)
    print('later:', done, 'at', t())

    cm = asyncio.timeout(1)
    async with cm:
        pass
    try:
        cm.reschedule(5)
    except RuntimeError as e:
        print('reschedule:', err(e))
