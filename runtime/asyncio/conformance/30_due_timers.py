# A timer already due joins the ready queue at the next loop iteration, behind the callbacks already ready: a
# task looping on sleep(0) cannot starve it. A deadline already passed expires before the next await returns.
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_zero_sleep_zero
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_in_the_past_sleep_zero
# cpython: test_asyncio/test_base_events.py::BaseEventLoopTests.test_call_later_negative_delays
# cpython: test_asyncio/test_tasks.py::SleepTests.test_sleep_zero
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, lambda: print('cb'))
    for i in range(4):
        print('yield', i)
        await asyncio.sleep(0)

    async def spin(name):
        for i in range(3):
            print(name, i)
            await asyncio.sleep(0)
    a = asyncio.create_task(spin('A'))
    b = asyncio.create_task(spin('B'))
    await asyncio.sleep(0)
    loop.call_later(0, lambda: print('cb2'))
    loop.call_soon(lambda: print('soon'))
    await asyncio.gather(a, b)

    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(0)
        print('timeout(0): no error')
    except TimeoutError:
        print('timeout(0): TimeoutError')

    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time() - 1)
            await asyncio.sleep(0)
            print('after sleep')
    except TimeoutError:
        print('reschedule to the past: TimeoutError')

    loop.call_at(loop.time() - 5, lambda: print('call_at in the past'))
    print('before')
    await asyncio.sleep(0)
    print('middle')
    await asyncio.sleep(0)
    print('end')

    try:
        await asyncio.wait_for(asyncio.sleep(0), 0)
    except TimeoutError:
        print('wait_for(sleep(0), 0): TimeoutError')

    fired = []
    loop.call_later(0.5, lambda: fired.append(loop.time()))
    spins = 0
    while not fired:
        await asyncio.sleep(0)
        spins += 1
    print('a 0.5 s timer fires while a task spins:', spins > 0)
