# TaskGroup: errors of children are aggregated in an ExceptionGroup; siblings are cancelled.
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_taskgroup_01
# cpython: test_asyncio/test_taskgroups.py::TestTaskGroup.test_cancel_children_on_child_error
import asyncio
from twin import t, err


async def work(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(name)
        print(name, 'done', t())
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled', t())
        raise


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(work('one', 1))
        t2 = tg.create_task(work('two', 2))
    print('all done:', t1.result(), t2.result(), t())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work('ok', 0.5))
            tg.create_task(work('bad1', 1, fail=True))
            tg.create_task(work('bad2', 1, fail=True))
            tg.create_task(work('slow', 3))
    except* ValueError as eg:
        print('caught', type(eg).__name__, str(eg), sorted(str(e) for e in eg.exceptions), t())
    # An error in the body itself cancels the children and is re-raised in the group.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work('child', 5))
            await asyncio.sleep(0.5)
            raise KeyError('body')
    except* KeyError as eg:
        print('body error:', type(eg).__name__, [err(e) for e in eg.exceptions], t())
