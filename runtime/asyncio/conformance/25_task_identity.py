# Task names follow CPython (Task-1 is main under run()), current_task(), all_tasks(), set_name/get_name.
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_current_task
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_bare_create_named_task
import asyncio
from twin import t


async def who():
    me = asyncio.current_task()
    print('running as', me.get_name())
    await asyncio.sleep(0)
    return me.get_name()


async def main():
    print('main is', asyncio.current_task().get_name())
    a = asyncio.create_task(who())
    b = asyncio.create_task(who(), name='custom')
    print('created', a.get_name(), b.get_name(), 'done?', a.done())
    print('all tasks', len(asyncio.all_tasks()))
    b.set_name('renamed')
    print(await a, await b)
    print('all tasks after', len(asyncio.all_tasks()))
    c = asyncio.create_task(who())
    print('next name', c.get_name())
    await c
    print('current_task outside a task raises?', end=' ')
    try:
        asyncio.get_running_loop()
        print('no, a loop is running')
    except RuntimeError:
        print('yes')
