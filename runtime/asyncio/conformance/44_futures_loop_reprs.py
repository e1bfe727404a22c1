# Futures, the loop's scheduling API and the primitives' reprs as test_futures.py, test_base_events.py,
# test_events.py and test_locks.py check them: result()/exception() by state, set_* on a done future, callbacks
# removed before they run (first, first two, third), callbacks on set_exception, a callback removing another
# after set_result (all still run), repr() of pending/cancelled/finished futures, isfuture(), a future made in a
# task belongs to the running loop; call_at() timing and
# call_at(None), a named task, closing the running loop; the reprs of
# Lock, Event, Condition and Semaphore with waiters (real waiting tasks where CPython's test appends mocks);
# Condition: notify_all() unacquired, explicit lock shared with the condition, async with, wait_for timing out
# inside the block.
# cpython: test_asyncio/test_futures.py::BaseFutureTests.test_result test_asyncio/test_futures.py::BaseFutureTests.test_future_repr
# cpython: test_asyncio/test_futures.py::BaseFutureTests.test_isfuture test_asyncio/test_futures.py::BaseFutureTests.test_constructor_use_running_loop
# cpython: test_asyncio/test_futures.py::BaseFutureDoneCallbackTests.test_callbacks_*
# cpython: test_asyncio/test_futures.py::BaseFutureDoneCallbackTests.test_schedule_callbacks_list_mutation_1
# cpython: test_asyncio/test_base_events.py::BaseEventLoopTests.test_time_and_call_at
# cpython: test_asyncio/test_base_events.py::BaseEventLoopTests.test_create_named_task_with_default_factory
# cpython: test_asyncio/test_events.py::EventLoopTestsMixin.test_close_running_event_loop
# cpython: test_asyncio/test_locks.py::*.test_repr test_asyncio/test_locks.py::ConditionTests.*
import asyncio
import re
from twin import err


def r(x):
    return re.sub(r' at 0x[0-9a-f]+', '', repr(x))


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    try:
        f.result()
    except asyncio.InvalidStateError as e:
        print('result() pending:', err(e))
    f.set_result(42)
    print('after set_result:', f.cancelled(), f.done(), f.result(), f.exception())
    for label, call in (('set_result', lambda: f.set_result(None)), ('set_exception', lambda: f.set_exception(RuntimeError()))):
        try:
            call()
        except asyncio.InvalidStateError as e:
            print(label, 'on a done future:', err(e))
    print('cancel() a done future:', f.cancel())

    for removed in (('cb1', 'cb1'), ('cb1', 'cb2', 'cb1'), ('cb3', 'cb3')):
        bag = []
        f = loop.create_future()
        cbs = {name: (lambda v: lambda fut: bag.append(v))(v) for name, v in (('cb1', 42), ('cb2', 17), ('cb3', 100))}
        for name in ('cb1', 'cb2', 'cb3'):
            f.add_done_callback(cbs[name])
        counts = [f.remove_done_callback(cbs[name]) for name in removed]
        before = list(bag)
        f.set_result('foo')
        await asyncio.sleep(0)
        print('remove', removed, 'counts', counts, 'before', before, 'after', bag, f.result())

    bag = []
    f = loop.create_future()
    f.add_done_callback(lambda fut: bag.append(100))
    f.set_exception(RuntimeError())
    await asyncio.sleep(0)
    print('callback on set_exception:', bag, err(f.exception()))

    bag = []
    f = loop.create_future()
    two = lambda fut: bag.append('two')  # noqa: E731
    f.add_done_callback(lambda fut: (bag.append('mut'), fut.remove_done_callback(two)))
    f.add_done_callback(two)
    f.add_done_callback(two)
    f.set_result(1)
    await asyncio.sleep(0)
    print('a callback removing others after set_result:', bag)

    pending = loop.create_future()
    cancelled = loop.create_future()
    cancelled.cancel()
    result = loop.create_future()
    result.set_result(4)
    failed = loop.create_future()
    failed.set_exception(RuntimeError())
    failed.exception()
    print('reprs:', repr(pending), repr(cancelled), repr(result), repr(failed))
    pending.cancel()
    print('isfuture:', asyncio.isfuture(result), asyncio.isfuture(1), asyncio.isfuture(asyncio.Future))
    print('future made in a task belongs to the running loop:', asyncio.Future().get_loop() is loop)

    fired = loop.create_future()
    when = loop.time() + 0.1
    t0 = loop.time()
    loop.call_at(when, lambda: fired.set_result(loop.time()))
    print('call_at fired after the delay:', await fired - t0 >= 0.1 - 1e-9)
    try:
        loop.call_at(None, lambda: None)
    except TypeError:
        print('call_at(None): TypeError')

    async def noop():
        pass
    task = loop.create_task(noop(), name='test_task')
    print('named task:', task.get_name())
    await task

    async def close_loop():
        loop.close()
    print('close the running loop:', (await asyncio.gather(close_loop(), return_exceptions=True))[0].__class__.__name__)

    lock = asyncio.Lock()
    print('lock:', r(lock))
    await lock.acquire()
    print('lock:', r(lock))
    waiter = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    print('lock:', r(lock))
    lock.release()
    await waiter
    lock.release()

    ev = asyncio.Event()
    print('event:', r(ev))
    waiter = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    print('event:', r(ev))
    ev.set()
    await waiter
    print('event:', r(ev))

    cond = asyncio.Condition()
    print('condition:', r(cond))
    await cond.acquire()
    print('condition:', r(cond))

    async def cond_waiter():
        async with cond:
            await cond.wait()
    waiters = [asyncio.create_task(cond_waiter()) for _ in range(2)]
    cond.release()
    await asyncio.sleep(0)
    print('condition:', r(cond))
    async with cond:
        cond.notify_all()
    await asyncio.gather(*waiters)

    sem = asyncio.Semaphore()
    print('semaphore:', r(sem))
    await sem.acquire()
    print('semaphore:', r(sem))
    waiters = [asyncio.create_task(sem.acquire()) for _ in range(2)]
    await asyncio.sleep(0)
    print('semaphore:', r(sem))
    for _ in range(3):
        sem.release()
        await asyncio.sleep(0)
    await asyncio.gather(*waiters)

    try:
        asyncio.Condition().notify_all()
    except RuntimeError as e:
        print('notify_all unacquired:', err(e))

    for lock in (None, asyncio.Lock()):
        lock = lock or asyncio.Lock()
        cond = asyncio.Condition(lock)
        states = [lock.locked(), cond.locked()]
        async with cond:
            states += [lock.locked(), cond.locked()]
        states += [lock.locked(), cond.locked()]
        async with lock:
            states += [lock.locked(), cond.locked()]
        states += [lock.locked(), cond.locked()]
        print('explicit lock shared with the condition:', states)

    lock = asyncio.Lock()
    async with lock:
        print('async with lock: locked inside', lock.locked())
    print('async with lock: locked after', lock.locked())

    condition = asyncio.Condition()
    async with condition:
        try:
            await asyncio.wait_for(condition.wait(), timeout=0.45)
        except asyncio.TimeoutError as e:
            print('wait_for(cond.wait()) in the block:', type(e).__name__, condition.locked())
